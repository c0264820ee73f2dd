package budget

import (
	"runtime"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/sim"
)

// allocated returns the bytes f allocates.
func allocated(f func()) float64 {
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return float64(b.TotalAlloc - a.TotalAlloc)
}

// TestEstimatesBoundTheModel keeps the constants honest: a run allocates
// no more than Run estimates, and not less than half of it (an estimate
// far too high would refuse runs that fit). When the model gains or loses
// per-resident state, this test says by how much to change BytesPerSlot.
func TestEstimatesBoundTheModel(t *testing.T) {
	pol, err := policies.Builtin("nabijheid")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name              string
		residents, inflow int
		months            int
		events            bool
	}{
		{"many residents, one month", 200_000, 0, 1, false},
		{"inflow", 2_000, 200, 60, false},
		{"default size with events", 1_000, 0, 120, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := sim.Defaults()
			p.Population.Residents, p.Population.InflowPerMonth, p.Months = tc.residents, tc.inflow, tc.months
			var m *sim.Model
			got := allocated(func() {
				m, err = sim.New(p, pol.Policy, 1, 0, sim.Options{RecordEvents: tc.events})
				if err == nil {
					m.Run()
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			est := Run(&p, tc.events).Bytes
			t.Logf("%.0f bytes allocated, %.0f estimated (%.0f per slot)", got, est, got/Slots(&p))
			if got > est {
				t.Errorf("the run allocated %.0f bytes, more than the estimate of %.0f; raise BytesPerSlot to at least %.0f", got, est, got/Slots(&p)*1.15)
			}
			if tc.residents >= 100_000 && got < est/2 {
				t.Errorf("the run allocated %.0f bytes, less than half the estimate of %.0f; lower BytesPerSlot", got, est)
			}
		})
	}
}

func TestChecks(t *testing.T) {
	huge := sim.Defaults()
	huge.Population.InflowPerMonth, huge.Months = 100_000, 1200
	small := sim.Defaults()
	lim := Limits{MaxMemory: 3 << 30, MaxCoreHours: 10}
	if err := lim.CheckRun("run", &small, true); err != nil {
		t.Errorf("a default run was refused: %v", err)
	}
	err := lim.CheckRun("scenario default, policy afstand", &huge, true)
	for _, want := range []string{"population.inflow_per_month 100000", "months 1200", "120,001,100 resident slots", "allowed: 3.0 GiB", "--max-memory"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckRun(huge) = %v; want it to say %q", err, want)
		}
	}
	if err := (Limits{}).CheckRun("run", &huge, true); err != nil {
		t.Errorf("zero limits refused a run: %v", err)
	}
	err = lim.Check("sweep x: 1e9 runs", Cost{Bytes: 1, CoreSeconds: 1e9 * 0.01})
	for _, want := range []string{"2,777 core-hours", "allowed: 10", "--max-core-hours"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Check(time) = %v; want it to say %q", err, want)
		}
	}
	err = lim.Check("compare: 1e9 replicates", Cost{Bytes: 1e18})
	if err == nil || !strings.Contains(err.Error(), "allowed: 3.0 GiB") {
		t.Errorf("Check(memory) = %v", err)
	}
}

func TestParseSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
	}{
		{"4G", 4 << 30}, {"512M", 512 << 20}, {"512m", 512 << 20}, {"1.5GiB", 3 << 29}, {"2GB", 2e9}, {"1000", 1000}, {"1T", 1 << 40},
	} {
		got, err := ParseSize(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "0", "-1G", "lots", "4Q", "99999999999T"} {
		if got, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) = %d, want an error", bad, got)
		}
	}
}
