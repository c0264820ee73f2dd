package sim

// Invariants that hold in every month of every run: the bookkeeping of
// statuses and rungs, state variables in [0, 1], places and professional
// hours never used beyond what exists.

import (
	"fmt"
	"math"
	"testing"
)

// scenarios are the settings the invariants are checked under, each with
// every policy.
var scenarios = []struct {
	name string
	mod  func(*Params)
}{
	{"default", func(*Params) {}},
	{"inflow", func(p *Params) { p.Population.InflowPerMonth = 10 }},
	{"levers", func(p *Params) {
		p.Levers.RoleSeparation = true
		p.Levers.CollectiveShare = 0.2
		p.Levers.GroupTraining = true
		p.Levers.FieldWorkers = 1
	}},
	{"levers and inflow", func(p *Params) {
		p.Population.InflowPerMonth = 10
		p.Levers.RoleSeparation = true
		p.Levers.CollectiveShare = 0.3
		p.Levers.GroupTraining = true
		p.Levers.FieldWorkers = 2
	}},
	{"few places", func(p *Params) { p.Places.Activity, p.Places.Volunteer = 5, 3 }},
	{"high caseload", func(p *Params) { p.Professionals.Caseload = 150 }},
	{"frequent shocks and re-entry", func(p *Params) {
		p.Shocks.Rate = 0.2
		p.Reentry.AfterJobLoss, p.Reentry.NoWork, p.Work.JobLoss = 0.1, 0.1, 0.05
	}},
}

// invariant is one check of a month: the model's state, this month's
// statistics s and last month's prev.
type invariant struct {
	name  string
	check func(m *Model, s, prev *MonthStats) error
}

var invariants = []invariant{
	{"one status per resident, rungs consistent", checkStatuses},
	{"rungs within ceilings", checkCeilings},
	{"state variables in [0, 1]", checkState},
	{"places used within capacity", checkPlaces},
	{"counts by status, professional and block kept; contact states agree with the records", checkKeptCounts},
	{"professional hours used within the total", checkHours},
	{"running totals", checkTotals},
}

// TestInvariants runs every policy under every scenario and checks every
// invariant in every month. An invariant that fails is reported once, at its
// first failing month, and the others are still checked.
func TestInvariants(t *testing.T) {
	t.Parallel()
	for _, sc := range scenarios {
		for _, pol := range builtins() {
			t.Run(sc.name+"/"+pol.Name, func(t *testing.T) {
				p := Defaults()
				sc.mod(&p)
				m, err := New(p, pol, 1, 0, Options{})
				if err != nil {
					t.Fatalf("New: %v", err)
				}
				failed := make([]bool, len(invariants))
				prev := MonthStats{}
				for {
					s := m.Stats()[m.Month()]
					for k, inv := range invariants {
						if failed[k] {
							continue
						}
						if err := inv.check(m, &s, &prev); err != nil {
							t.Errorf("%s: month %d: %v", inv.name, m.Month(), err)
							failed[k] = true
						}
					}
					prev = s
					if m.Done() {
						break
					}
					m.Step()
				}
				if got := len(m.Stats()); got != p.Months+1 {
					t.Errorf("%d months of statistics, want %d (month 0 to %d)", got, p.Months+1, p.Months)
				}
			})
		}
	}
}

// stateNames name the state variables checkState keeps in [0, 1], in its order.
var stateNames = [...]string{"trust", "resistance", "self-efficacy", "pressure", "capacity",
	"barrier debts", "barrier health", "barrier care", "barrier language"}

// checkStatuses checks that every resident is in exactly one status, on a
// rung that fits it, and that the statistics count them so.
func checkStatuses(m *Model, s, _ *MonthStats) error {
	p := &m.p
	if s.Month != m.month {
		return fmt.Errorf("statistics are labelled month %d", s.Month)
	}
	if want := min(m.n, p.Population.Residents+p.Population.InflowPerMonth*m.month); m.arrived != want {
		return fmt.Errorf("%d residents arrived, want %d", m.arrived, want)
	}

	// Each resident is in exactly one status, on a rung that fits it.
	var status [5]int
	var rung [6]int
	for i := 0; i < m.n; i++ {
		st := m.res[i].status
		if i >= m.arrived {
			if st != NotArrived {
				return fmt.Errorf("resident %d has not arrived but is %v", i, st)
			}
			continue
		}
		status[st]++
		r := m.res[i].rung
		switch st {
		case NotArrived:
			return fmt.Errorf("resident %d has arrived but is %v", i, st)
		case OnBenefit:
			if r < 1 || r > 4 {
				return fmt.Errorf("resident %d is on the benefit on rung %d", i, r)
			}
		case InWork:
			if r < 5 || r > 6 {
				return fmt.Errorf("resident %d is in work on rung %d", i, r)
			}
		}
		if st == OnBenefit || st == InWork {
			rung[r-1]++
		}
	}
	if sum := status[OnBenefit] + status[InWork] + status[LeftNoWork] + status[OutOfWork]; sum != m.arrived {
		return fmt.Errorf("statuses %v add up to %d, want %d arrived", status, sum, m.arrived)
	}
	if s.OnBenefit != status[OnBenefit] || s.InWork != status[InWork] || s.LeftNoWork != status[LeftNoWork] || s.OutOfWork != status[OutOfWork] {
		return fmt.Errorf("statistics report %d on the benefit, %d in work, %d left, %d out of work; residents say %d, %d, %d, %d",
			s.OnBenefit, s.InWork, s.LeftNoWork, s.OutOfWork, status[OnBenefit], status[InWork], status[LeftNoWork], status[OutOfWork])
	}
	if s.ExitsUnderPressure+s.ExitsAfterSanction > s.ExitsWithoutWork {
		return fmt.Errorf("%d exits under pressure and %d after a sanction, of %d exits without work", s.ExitsUnderPressure, s.ExitsAfterSanction, s.ExitsWithoutWork)
	}
	if s.Rung != rung {
		return fmt.Errorf("statistics report rungs %v, residents say %v", s.Rung, rung)
	}
	if on := s.Rung[0] + s.Rung[1] + s.Rung[2] + s.Rung[3]; on != s.OnBenefit {
		return fmt.Errorf("rungs 1-4 hold %d, want the %d on the benefit", on, s.OnBenefit)
	}
	if work := s.Rung[4] + s.Rung[5]; work != s.InWork {
		return fmt.Errorf("rungs 5-6 hold %d, want the %d in work", work, s.InWork)
	}
	if s.Resistant < 0 || s.Resistant > s.OnBenefit {
		return fmt.Errorf("%d resistant of %d on the benefit", s.Resistant, s.OnBenefit)
	}
	return nil
}

// checkCeilings checks that no resident on the ladder stands above the
// highest rung reachable for them.
func checkCeilings(m *Model, _, _ *MonthStats) error {
	for i := 0; i < m.arrived; i++ {
		if (m.res[i].status == OnBenefit || m.res[i].status == InWork) && m.res[i].rung > m.res[i].ceiling {
			return fmt.Errorf("resident %d (%v) is on rung %d above their ceiling %d", i, m.res[i].status, m.res[i].rung, m.res[i].ceiling)
		}
	}
	return nil
}

// checkState checks that every state variable of every resident, and the
// means and spreads reported, lie in [0, 1].
func checkState(m *Model, s, _ *MonthStats) error {
	for i := 0; i < m.arrived; i++ {
		for k, x := range [...]float64{m.res[i].trust, m.res[i].resistance, m.res[i].efficacy, m.res[i].pressure, m.res[i].capacity(),
			m.res[i].barrier[0], m.res[i].barrier[1], m.res[i].barrier[2], m.res[i].barrier[3]} {
			if !(x >= 0 && x <= 1) {
				return fmt.Errorf("resident %d (%v): %s %v outside [0, 1]", i, m.res[i].status, stateNames[k], x)
			}
		}
	}
	for name, mo := range map[string]Moments{
		"trust": s.Trust, "resistance": s.Resistance, "self-efficacy": s.Efficacy, "pressure": s.Pressure, "capacity": s.Capacity,
	} {
		if s.OnBenefit == 0 {
			if !math.IsNaN(mo.Mean) {
				return fmt.Errorf("%s mean %v with nobody on the benefit, want NaN", name, mo.Mean)
			}
			continue
		}
		if !(mo.Mean >= 0 && mo.Mean <= 1 && mo.SD >= 0 && mo.SD <= 0.5) {
			return fmt.Errorf("%s mean %v, SD %v; want mean in [0, 1] and SD in [0, 0.5]", name, mo.Mean, mo.SD)
		}
	}

	return nil
}

// checkPlaces checks that places are never more used than exist, and used
// exactly by the residents on the benefit standing on rung 3 (activities) or
// rung 4 (volunteering).
// counts are the counts that setStatus keeps, made from the records.
type counts struct {
	status    [numStatuses]int
	onBenefit []int32 // per professional
	heard     []int32 // per block
}

func countRecords(m *Model) counts {
	c := counts{onBenefit: make([]int32, m.profs), heard: make([]int32, len(m.blockCount))}
	for i := range m.res {
		r := &m.res[i]
		c.status[r.status]++
		if r.status == OnBenefit {
			c.onBenefit[r.owner]++
		}
		if r.status == OnBenefit || r.status == InWork {
			c.heard[r.block]++
		}
	}
	return c
}

// recount sets the counts that setStatus keeps, and the copies of status
// and phase in the contact states, from the records, for a test that has
// set statuses or phases directly.
func (m *Model) recount() {
	for i := range m.res {
		m.contact[i].status, m.contact[i].phase = m.res[i].status, m.res[i].phase
	}
	c := countRecords(m)
	m.statusCount = c.status
	copy(m.onBenefit, c.onBenefit)
	copy(m.blockCount, c.heard)
}

func checkKeptCounts(m *Model, _, _ *MonthStats) error {
	for i := range m.res {
		if cs, r := &m.contact[i], &m.res[i]; cs.status != r.status || cs.phase != r.phase {
			return fmt.Errorf("slot %d: the contact state has status %v and phase %d, the record %v and %d", i, cs.status, cs.phase, r.status, r.phase)
		}
	}
	c := countRecords(m)
	if m.statusCount != c.status {
		return fmt.Errorf("slots by status counted %v, but the records say %v", m.statusCount, c.status)
	}
	for k := range c.onBenefit {
		if m.onBenefit[k] != c.onBenefit[k] {
			return fmt.Errorf("professional %d counts %d cases on the benefit, but %d of the professional's residents are", k, m.onBenefit[k], c.onBenefit[k])
		}
	}
	for b := range c.heard {
		if m.blockCount[b] != c.heard[b] {
			return fmt.Errorf("block %d counts %d residents heard, but %d of its residents are on the benefit or in work", b, m.blockCount[b], c.heard[b])
		}
	}
	return nil
}

func checkPlaces(m *Model, s, _ *MonthStats) error {
	activity := make([]int32, m.hoods)
	volunteer := make([]int32, m.hoods)
	for i := 0; i < m.arrived; i++ {
		if m.res[i].status != OnBenefit {
			continue
		}
		switch m.res[i].rung {
		case 3:
			activity[m.res[i].neighbour]++
		case 4:
			volunteer[m.res[i].neighbour]++
		}
	}
	for h := 0; h < m.hoods; h++ {
		if m.activityUsed[h] > m.activityCap[h] || m.volunteerUsed[h] > m.volunteerCap[h] {
			return fmt.Errorf("neighbourhood %d uses %d of %d activity places and %d of %d volunteer places",
				h, m.activityUsed[h], m.activityCap[h], m.volunteerUsed[h], m.volunteerCap[h])
		}
		if m.activityUsed[h] != activity[h] || m.volunteerUsed[h] != volunteer[h] {
			return fmt.Errorf("neighbourhood %d counts %d activity and %d volunteer places used, but %d and %d residents stand on rungs 3 and 4",
				h, m.activityUsed[h], m.volunteerUsed[h], activity[h], volunteer[h])
		}
	}
	if s.ActivityFree < 0 || s.VolunteerFree < 0 {
		return fmt.Errorf("%d activity and %d volunteer places free", s.ActivityFree, s.VolunteerFree)
	}
	if s.ActivityUsed != s.Rung[2] || s.VolunteerUsed != s.Rung[3] {
		return fmt.Errorf("%d activity and %d volunteer places used, %d and %d on rungs 3 and 4",
			s.ActivityUsed, s.VolunteerUsed, s.Rung[2], s.Rung[3])
	}

	return nil
}

// checkHours checks that the team's paid hours are exactly divided over
// contacts, administration, the team's own sanctions, collective work and
// idle time, none negative; that every resident reached has cost a
// contact's hours; that the enforcement department is booked only with
// role separation; and that the cost of professionals is every paid hour.
func checkHours(m *Model, s, prev *MonthStats) error {
	p := &m.p
	if m.month > 0 {
		hpc := m.minHours // a contact costs at least the fewest hours of any phase
		parts := []float64{s.HoursUsed, s.HoursAdmin, s.HoursSanctions, s.HoursCollective, s.HoursIdle}
		sum := 0.0
		for _, h := range parts {
			if h < -1e-9 {
				return fmt.Errorf("negative hours: used %.2f, admin %.2f, sanctions %.2f, collective %.2f, idle %.2f", parts[0], parts[1], parts[2], parts[3], parts[4])
			}
			sum += h
		}
		if want := p.Professionals.HoursPerMonth * float64(m.profs); math.Abs(s.HoursTotal-want) > 1e-6 || math.Abs(sum-s.HoursTotal) > 1e-6 {
			return fmt.Errorf("hours used %.2f + admin %.2f + sanctions %.2f + collective %.2f + idle %.2f = %.2f; paid %.2f (%d professionals x %.1f)",
				parts[0], parts[1], parts[2], parts[3], parts[4], sum, s.HoursTotal, m.profs, p.Professionals.HoursPerMonth)
		}
		if float64(s.Reached)*hpc > s.HoursUsed+1e-9 {
			return fmt.Errorf("%d residents reached at %.1f hours each, but only %.2f hours used", s.Reached, hpc, s.HoursUsed)
		}
		if s.Reached > prev.OnBenefit+p.Population.InflowPerMonth {
			return fmt.Errorf("%d residents reached, more than the %d on the benefit", s.Reached, prev.OnBenefit+p.Population.InflowPerMonth)
		}
		if !p.Levers.RoleSeparation && s.NalevingHours != 0 {
			return fmt.Errorf("%.1f enforcement hours without role separation", s.NalevingHours)
		}
		if p.Levers.RoleSeparation && s.HoursSanctions != 0 {
			return fmt.Errorf("%.1f team hours on sanctions with role separation", s.HoursSanctions)
		}
		if want := (s.HoursTotal + s.NalevingHours) * p.Costs.HourCost; math.Abs(s.CostProfessionals-want) > 1e-6*math.Max(1, want) {
			return fmt.Errorf("cost of professionals %.2f, want every paid hour: %.2f", s.CostProfessionals, want)
		}
	}
	return nil
}

// checkTotals checks that the running totals add up the monthly counts.
func checkTotals(_ *Model, s, prev *MonthStats) error {
	if s.CumExitsToWork != prev.CumExitsToWork+s.ExitsToWork ||
		s.CumExitsNoWork != prev.CumExitsNoWork+s.ExitsWithoutWork ||
		s.CumSanctions != prev.CumSanctions+s.Sanctions {
		return fmt.Errorf("running totals (%d, %d, %d) do not add last month's (%d, %d, %d) and this month's (%d, %d, %d)",
			s.CumExitsToWork, s.CumExitsNoWork, s.CumSanctions, prev.CumExitsToWork, prev.CumExitsNoWork, prev.CumSanctions,
			s.ExitsToWork, s.ExitsWithoutWork, s.Sanctions)
	}
	if s.CumMovedUp < prev.CumMovedUp || s.SanctionsMisfit > s.Sanctions {
		return fmt.Errorf("residents moved up %d after %d, misfit sanctions %d of %d", s.CumMovedUp, prev.CumMovedUp, s.SanctionsMisfit, s.Sanctions)
	}
	return nil
}

// TestInvariantFallRespectsPlaces: a resident who falls from rung 4 to rung 3
// may only take an activity place that is free.
func TestInvariantFallRespectsPlaces(t *testing.T) {
	need4 := Defaults().Ladder.Need4
	r := with(ordinary, func(r *labResident) { r.rung = 4; r.capacity = need4 + 0.05 })
	m, st := lab{policy: builtin("afstand"), r: r, mods: []func(*Params){
		func(p *Params) { p.Places.Activity = 0; p.Shocks.Rate = 1 },
	}}.run(t)
	if st.MovesDown == 0 {
		t.Fatalf("no resident fell from rung 4, the test needs falls")
	}
	for h := 0; h < m.hoods; h++ {
		if m.activityUsed[h] > m.activityCap[h] {
			t.Fatalf("after %d falls from rung 4: neighbourhood %d uses %d activity places of %d",
				st.MovesDown, h, m.activityUsed[h], m.activityCap[h])
		}
	}
}
