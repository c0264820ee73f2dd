package policies_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

// example loads a policy of examples/policies.
func example(t *testing.T, name string) *policies.Policy {
	t.Helper()
	p, err := policies.Load(filepath.Join("..", "examples", "policies", name+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExamplesLoad(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "examples", "policies", "*.yaml"))
	if err != nil || len(files) < 3 {
		t.Fatalf("want at least three example policies, found %d (%v)", len(files), err)
	}
	for _, f := range files {
		p, err := policies.Load(f)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if p.Builtin || p.Source == "" {
			t.Errorf("%s: builtin %v, source %q; want a file that names its sources", f, p.Builtin, p.Source)
		}
	}
}

// run runs pol on the default scenario for months.
func run(t *testing.T, pol *policies.Policy, months int, rep uint64) *sim.Model {
	t.Helper()
	sc, err := scenarios.Load("default", scenarios.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := sc.Params
	p.Months = months
	m, err := sim.New(p, pol.Policy, 1, rep, sim.Options{RecordEvents: true})
	if err != nil {
		t.Fatal(err)
	}
	m.Run()
	return m
}

// TestZaanstadSwitchesAtMonth24 runs the 2019 switch from afstand to the
// neighbourhood teams beside afstand, on the same residents and life
// events: every month before 24 is the same to the last statistic; from
// month 24 every resident on the benefit is in the second phase, and in
// every replicate trust and the share on rung 3 or higher rise above
// afstand's.
func TestZaanstadSwitchesAtMonth24(t *testing.T) {
	switched := example(t, "zaanstad-2019")
	afstand := policies.MustBuiltin("afstand")
	for rep := uint64(0); rep < 3; rep++ {
		a, z := run(t, afstand, 60, rep), run(t, switched, 60, rep)
		as, zs := a.Stats(), z.Stats()
		for m := 0; m < 24; m++ {
			if fmt.Sprint(as[m]) != fmt.Sprint(zs[m]) { // NaN prints alike
				t.Fatalf("replicate %d, month %d: the statistics differ before the switch", rep, m)
			}
		}
		if as[24].Reached >= zs[24].Reached {
			t.Errorf("replicate %d, month 24: %d residents met after the switch, %d under afstand; want more", rep, zs[24].Reached, as[24].Reached)
		}
		if !(zs[36].Trust.Mean > as[36].Trust.Mean+0.02) {
			t.Errorf("replicate %d, month 36: trust %.3f after the switch, %.3f under afstand; want higher", rep, zs[36].Trust.Mean, as[36].Trust.Mean)
		}
		if !(zs[48].ShareRung3Plus() > as[48].ShareRung3Plus()+0.02) {
			t.Errorf("replicate %d, month 48: share on rung 3+ %.3f after the switch, %.3f under afstand; want higher", rep, zs[48].ShareRung3Plus(), as[48].ShareRung3Plus())
		}
		entered := 0
		for _, e := range z.Events() {
			if e.Type == sim.PhaseEntered {
				entered++
				if e.Month < 24 {
					t.Fatalf("replicate %d: resident %d entered the second phase in month %d, before 24", rep, e.Resident, e.Month)
				}
			}
		}
		if entered < zs[23].OnBenefit {
			t.Errorf("replicate %d: %d residents entered the second phase, fewer than the %d on the benefit in month 23", rep, entered, zs[23].OnBenefit)
		}
	}
}

// TestEscalationSanctionsOnlyPastItsCondition runs eerst nabijheid, dan
// handhaving: every sanction falls on a resident who entered the second
// phase before it, and entered it at least 12 months after the first
// contact while below rung 3; some residents are sanctioned, and none in
// the first 12 months.
func TestEscalationSanctionsOnlyPastItsCondition(t *testing.T) {
	m := run(t, example(t, "escalatie"), 48, 0)
	entered := map[int32]int32{}
	sanctions := 0
	for _, e := range m.Events() {
		switch e.Type {
		case sim.PhaseEntered:
			if _, twice := entered[e.Resident]; twice {
				t.Fatalf("resident %d entered a phase twice", e.Resident)
			}
			entered[e.Resident] = e.Month
			if e.Rung >= 3 {
				t.Errorf("resident %d escalated on rung %d, not below rung 3", e.Resident, e.Rung)
			}
			if first := m.FirstContact(int(e.Resident)); first < 0 || int(e.Month)-first < 12 {
				t.Errorf("resident %d escalated in month %d, first contact in month %d: not 12 months after", e.Resident, e.Month, first)
			}
		case sim.Sanctioned:
			sanctions++
			at, ok := entered[e.Resident]
			if !ok || at > e.Month {
				t.Fatalf("resident %d sanctioned in month %d without having escalated (escalated: %v, in month %d)", e.Resident, e.Month, ok, at)
			}
		}
	}
	if sanctions == 0 || len(entered) == 0 {
		t.Fatalf("%d escalated, %d sanctions; want some of each", len(entered), sanctions)
	}
	for _, s := range m.Stats()[:13] {
		if s.Sanctions != 0 {
			t.Errorf("month %d: %d sanctions before anyone can have escalated", s.Month, s.Sanctions)
		}
	}
	for i := 0; i < m.Residents(); i++ {
		if _, ok := entered[int32(i)]; ok != (m.Phase(i) == 1) {
			t.Fatalf("resident %d: in phase %d, escalation logged %v", i, m.Phase(i), ok)
		}
	}
}

// TestRoleSeparationExample checks that maatwerk with role separation is
// maatwerk with the lever on: the same as the built-in maatwerk run on a
// scenario that sets levers.role_separation.
func TestRoleSeparationExample(t *testing.T) {
	sc, err := scenarios.Load("default", scenarios.Options{Set: []string{"levers.role_separation=true", "months=36"}})
	if err != nil {
		t.Fatal(err)
	}
	builtin, err := sim.New(sc.Params, policies.MustBuiltin("maatwerk").Policy, 1, 0, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	builtin.Run()
	m := run(t, example(t, "maatwerk-rolscheiding"), 36, 0)
	if fmt.Sprint(builtin.Stats()) != fmt.Sprint(m.Stats()) {
		t.Errorf("maatwerk-rolscheiding differs from maatwerk with levers.role_separation on")
	}
	if m.Stats()[36].CumSanctions == 0 || m.Stats()[12].NalevingHours == 0 && m.Stats()[6].NalevingHours == 0 {
		t.Errorf("no sanctions or no hours of the enforcement department")
	}
}
