package sim

import "testing"

// TestFieldWorkerCreditOfOneJob (7.16): a neighbourhood's field workers
// place a resident as soon as their credit reaches one job, not after it
// exceeds one: at half a job a month, the first month places no one and the
// second one resident in every neighbourhood.
func TestFieldWorkerCreditOfOneJob(t *testing.T) {
	d := Defaults()
	need := d.Ladder.Need5 - d.Levers.FieldWorkerRelief
	halfAJob := func(p *Params) { p.Levers.FieldWorkers, p.Levers.FieldWorkerJobs = 1, 0.5 }
	able := with(ordinary, func(r *labResident) { r.rung = 3; r.capacity = need + 0.05; r.trust, r.resistance = 0.6, 0.2 })
	m := lab{policy: builtin("afstand"), r: able, mods: []func(*Params){halfAJob}}.build(t)
	for month, want := range []int{0, d.Population.Neighbourhoods} {
		st := MonthStats{}
		m.fieldWork(&st)
		if st.ExitsToWork != want {
			t.Errorf("month %d at half a job a month: %d jobs, want %d (one per neighbourhood once the credit is one job)", month+1, st.ExitsToWork, want)
		}
	}
}

// TestFieldWorkerCreditInAnEmptyNeighbourhood (7.16): where no one
// qualifies, unused credit is capped at one job, also in a neighbourhood
// that no resident has reached yet.
func TestFieldWorkerCreditInAnEmptyNeighbourhood(t *testing.T) {
	p := Defaults()
	p.Population.Residents, p.Population.Neighbourhoods, p.Population.InflowPerMonth = 2, 4, 1
	p.Levers.FieldWorkers, p.Levers.FieldWorkerJobs = 1, 1
	m, err := New(p, builtin("afstand"), 1, 0, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		m.fieldWork(&MonthStats{})
	}
	// Residents are dealt round-robin: the two who have arrived live in
	// neighbourhoods 0 and 1, and 2 and 3 are empty.
	for h := 2; h < 4; h++ {
		if c := m.fieldCredit[h]; c != 1 {
			t.Errorf("empty neighbourhood %d: credit %v after three months of one job each, want 1", h, c)
		}
	}
}
