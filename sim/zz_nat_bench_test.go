package sim_test

import (
	"testing"

	"github.com/wijksim/wijksim/sim"
)

func BenchmarkZZStepNational(b *testing.B) {
	p := sim.Defaults()
	p.Population.Residents, p.Population.Neighbourhoods = 400_000, 40
	p.Places.Activity, p.Places.Volunteer = 2500, 1500
	pol := builtin("nabijheid")
	m, err := sim.New(p, pol, 1, 0, sim.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if m.Done() {
			b.StopTimer()
			m, _ = sim.New(p, pol, 1, uint64(i), sim.Options{})
			b.StartTimer()
		}
		m.Step()
	}
}
