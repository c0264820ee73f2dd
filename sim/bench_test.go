package sim_test

import (
	"runtime"
	"testing"

	"github.com/wijksim/wijksim/sim"
)

func newBenchModel(b *testing.B, p sim.Params, pol sim.Policy, replicate uint64) *sim.Model {
	b.Helper()
	m, err := sim.New(p, pol, 1, replicate, sim.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return m
}

// arrivedAt is the number of residents who have arrived by the last month
// simulated: the resident-months the last Step simulated.
func arrivedAt(m *sim.Model) int {
	s := m.Stats()[m.Month()]
	return s.OnBenefit + s.InWork + s.LeftNoWork + s.OutOfWork
}

// benchSteps times b.N months of runs of nabijheid on parameters p,
// replacing a finished run by the next replicate outside the timer, and
// reports the resident-months simulated a second.
func benchSteps(b *testing.B, p sim.Params) {
	replicate := uint64(0)
	m := newBenchModel(b, p, builtin("nabijheid"), replicate)
	residentMonths := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if m.Done() {
			b.StopTimer()
			replicate++
			m = newBenchModel(b, p, builtin("nabijheid"), replicate)
			b.StartTimer()
		}
		m.Step()
		residentMonths += arrivedAt(m)
	}
	b.ReportMetric(float64(residentMonths)/b.Elapsed().Seconds(), "resident-months/s")
}

// BenchmarkStep times one month of the default scenario under nabijheid. It
// allocates nothing; BenchmarkStepFloor is its floor.
func BenchmarkStep(b *testing.B) {
	benchSteps(b, sim.Defaults())
}

// BenchmarkStepNational times one month at national scale (400,000
// residents in 40 neighbourhood groups, the places of
// examples/scenarios/national.yaml) under nabijheid, where a run's records
// no longer fit in the processor's caches.
func BenchmarkStepNational(b *testing.B) {
	p := sim.Defaults()
	p.Population.Residents, p.Population.Neighbourhoods = 400_000, 40
	p.Places.Activity, p.Places.Volunteer = 2500, 1500
	benchSteps(b, p)
}

// BenchmarkRun times a whole run of the default scenario, New included, for
// each policy.
func BenchmarkRun(b *testing.B) {
	p := sim.Defaults()
	for _, pol := range builtins() {
		b.Run(pol.Name, func(b *testing.B) {
			residentMonths := 0
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				m := newBenchModel(b, p, pol, uint64(i))
				m.Run()
				for _, s := range m.Stats()[1:] {
					residentMonths += s.OnBenefit + s.InWork + s.LeftNoWork
				}
			}
			b.ReportMetric(float64(residentMonths)/b.Elapsed().Seconds(), "resident-months/s")
		})
	}
}

// BenchmarkNew times setting up a run at national scale: 400,000 residents
// (about the Dutch bijstand population) in 40 neighbourhood groups under
// afstand, and reports the memory allocated per resident slot.
func BenchmarkNew(b *testing.B) {
	p := sim.Defaults()
	p.Population.Residents, p.Population.Neighbourhoods = 400_000, 40
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	slots := 0
	b.ReportAllocs()
	for b.Loop() {
		m := newBenchModel(b, p, builtin("afstand"), 0)
		slots += m.Residents()
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(slots), "B/slot")
}
