package sim

import "testing"

// directJobs counts exits to work straight from the benefit (to rung 6) in
// a run's event log.
func directJobs(m *Model) float64 {
	n := 0
	for _, e := range m.Events() {
		if e.Type == ExitToWork && e.Rung == 6 {
			n++
		}
	}
	return float64(n)
}

// TestJobFinding: residents find regular jobs straight from the benefit
// only when the hazard is on, never above their ceiling, and a running
// sanction raises the hazard (paired runs on the same replicates, sanctie:
// job_push 3 against 0, mean paired difference > 4 standard errors).
func TestJobFinding(t *testing.T) {
	p := Defaults()
	p.Months = 60
	off := p
	off.Work.JobFinding = 0
	if n := directJobs(runFor(t, off, builtin("afstand"), 0, Options{RecordEvents: true})); n != 0 {
		t.Errorf("%v jobs found straight from the benefit with work.job_finding 0", n)
	}
	m := runFor(t, p, builtin("afstand"), 0, Options{RecordEvents: true})
	if directJobs(m) == 0 {
		t.Fatalf("no job found straight from the benefit in five years under afstand")
	}
	for _, e := range m.Events() {
		if e.Type == ExitToWork && e.Rung == 6 && m.res[e.Resident].ceiling < 6 {
			t.Fatalf("resident %d with ceiling %d found a regular job", e.Resident, m.res[e.Resident].ceiling)
		}
	}

	reps := replicates(20, 6)
	var d []float64
	for r := 0; r < reps; r++ {
		push, none := p, p
		push.Sanction.JobPush, none.Sanction.JobPush = 3, 0
		a := directJobs(runFor(t, push, builtin("sanctie"), uint64(r), Options{RecordEvents: true}))
		b := directJobs(runFor(t, none, builtin("sanctie"), uint64(r), Options{RecordEvents: true}))
		d = append(d, a-b)
	}
	requireMeanAbove(t, "jobs found straight from the benefit under sanctie, job_push 3 minus 0", d, 0, patternSE)
}
