package sim

// Equation tests of single submodels at their boundaries and of the worked
// examples of docs/ODD.md: each case puts values exactly on a threshold of
// an equation (capacity equal to a need, a credit of exactly 1, a block
// mean of exactly 0, a draw equal to a probability) or checks a number the
// ODD gives, so that a changed comparison or a changed formula fails here.

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestEquationsFieldWorkBoundaries (7.16): a resident qualifies with
// C ≥ N_5 − relief and V(0) ≥ 0.5, equality included; the credit grows by
// field_workers × field_worker_jobs a month and a job is filled while it is
// at least 1; credit left when no one qualifies is capped at 1.
func TestEquationsFieldWorkBoundaries(t *testing.T) {
	// N_5 − relief = 0.75 − 0.25 = 0.5 exactly; capacity 0.5 is exact too.
	exact := func(p *Params) {
		p.Ladder.Need5, p.Levers.FieldWorkerRelief = 0.75, 0.25
		p.Levers.FieldWorkers, p.Levers.FieldWorkerJobs = 1, 0.5
	}
	onNeed := labResident{rung: 3, trust: 0.5, resistance: 0.5, efficacy: 0.5, capacity: 0.5}
	hoods := Defaults().Population.Neighbourhoods
	for _, c := range []struct {
		name   string
		r      labResident
		months []int     // jobs filled in months 1, 2 and 3
		credit []float64 // credit per neighbourhood after each month
	}{
		// 0.5 in month 1 (less than 1: nothing), 1 in month 2 (a job), 0.5 in month 3.
		{"capacity equal to the need, trust equal to resistance", onNeed, []int{0, hoods, 0}, []float64{0.5, 0, 0.5}},
		{"on rung 4", with(onNeed, func(r *labResident) { r.rung = 4 }), []int{0, hoods, 0}, []float64{0.5, 0, 0.5}},
		{"capacity just below the need", with(onNeed, func(r *labResident) { r.capacity = 0.5 - 1.0/1024 }), []int{0, 0, 0}, []float64{0.5, 1, 1}},
		{"trust just below resistance", with(onNeed, func(r *labResident) { r.trust = 0.5 - 1.0/1024 }), []int{0, 0, 0}, []float64{0.5, 1, 1}},
		{"on rung 2", with(onNeed, func(r *labResident) { r.rung = 2 }), []int{0, 0, 0}, []float64{0.5, 1, 1}},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := lab{policy: builtin("afstand"), r: c.r, mods: []func(*Params){exact}}.build(t)
			for k := range c.months {
				st := MonthStats{}
				m.fieldWork(&st)
				if st.ExitsToWork != c.months[k] {
					t.Errorf("month %d: %d jobs filled, want %d", k+1, st.ExitsToWork, c.months[k])
				}
				for h := range m.fieldCredit {
					if m.fieldCredit[h] != c.credit[k] {
						t.Fatalf("month %d, neighbourhood %d: credit %v, want %v", k+1, h, m.fieldCredit[h], c.credit[k])
					}
				}
			}
		})
	}
}

// TestEquationsWordOfMouthMeanZero (7.9): a block whose residents on the
// benefit or in work all had trust 0 has mean trust 0, and word of mouth
// pulls trust towards it; only a block without such residents leaves trust
// alone.
func TestEquationsWordOfMouthMeanZero(t *testing.T) {
	mouth := func(p *Params) { p.Trust.WordOfMouth = 0.25 }
	for _, c := range []struct {
		name string
		mean float64
		want float64
	}{
		{"block mean 0", 0, 0.5 + 0.25*(0-0.5)},
		{"block mean 0.75", 0.75, 0.5 + 0.25*(0.75-0.5)},
		{"no one in the block", -1, 0.5},
	} {
		m := lab{policy: builtin("afstand"), r: with(ordinary, func(r *labResident) { r.trust = 0.5 }), mods: []func(*Params){mouth}}.build(t)
		for b := range m.blockTrust {
			m.blockTrust[b] = c.mean
		}
		labMonth(m, false)
		for i := 0; i < m.arrived; i++ {
			if m.res[i].trust != c.want {
				t.Fatalf("%s: trust %v, want %v", c.name, m.res[i].trust, c.want)
			}
		}
	}
}

// sanctionCase is a resident met below the demanded rung who refused: the
// professional's judgement of the capacity, what the rung needs, the
// regime's sanction probability and the resident's sanction draw.
type sanctionCase struct {
	Judged, Needed, Probability, U float64
}

// TestEquationsSanctionRules (7.6, 7.17): maatwerk sanctions if Ĉ ≥ N_d and
// u < π, every other policy if u < π; the bounds are as written.
func TestEquationsSanctionRules(t *testing.T) {
	for _, c := range []struct {
		name     string
		c        sanctionCase
		maatwerk bool
		others   bool
	}{
		{"u below π, judged able", sanctionCase{Judged: 0.5, Needed: 0.45, Probability: 0.3, U: 0.29}, true, true},
		{"u equal to π", sanctionCase{Judged: 0.5, Needed: 0.45, Probability: 0.3, U: 0.3}, false, false},
		{"u above π", sanctionCase{Judged: 0.5, Needed: 0.45, Probability: 0.3, U: 0.31}, false, false},
		{"judged exactly able", sanctionCase{Judged: 0.45, Needed: 0.45, Probability: 0.3, U: 0.1}, true, true},
		{"judged just unable", sanctionCase{Judged: math.Nextafter(0.45, 0), Needed: 0.45, Probability: 0.3, U: 0.1}, false, true},
		{"π = 0", sanctionCase{Judged: 0.9, Needed: 0.45, Probability: 0, U: 0}, false, false},
	} {
		for _, pol := range builtins() {
			want := c.others
			if pol.Name == "maatwerk" {
				want = c.maatwerk
			}
			if got := pol.Phases[0].Sanction.sanctions(c.c.Judged, c.c.Needed, c.c.U, c.c.Probability); got != want {
				t.Errorf("%s: %s sanctions %v, want %v", c.name, pol.Name, got, want)
			}
		}
	}
}

// TestEquationsEarlyFactors (7.10, 7.13): the factor on the exit and
// job-finding hazards is f(M_B) = 1 + x_E·exp(−M_B/12) below 240 months
// and 1 from 240 on; the factors after the exit are g_X(τ) = 1 +
// X·exp(−τ/6), likewise.
func TestEquationsEarlyFactors(t *testing.T) {
	p := Defaults()
	p.Exit.EarlyExcess, p.Work.JobLossEarlyExcess, p.Reentry.EarlyExcess = 100, 50, 70
	m, err := New(p, builtin("afstand"), 1, 0, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for d := 0; d <= 300; d++ {
		f, gJ, gR := 1.0, 1.0, 1.0
		if d < 240 {
			f = 1 + 100*math.Exp(-float64(d)/12)
			gJ = 1 + 50*math.Exp(-float64(d)/6)
			gR = 1 + 70*math.Exp(-float64(d)/6)
		}
		m.res[0].monthsOnBen = int16(d)
		if got := m.earlyFactor(&m.res[0]); !near(got, f) || (d >= 240) != (got == 1) {
			t.Errorf("f(%d) = %.17g, want %.17g", d, got, f)
		}
		if got := factorAt(m.jobLossEarly, int16(d)); !near(got, gJ) || (d >= 240) != (got == 1) {
			t.Errorf("job loss g(%d) = %.17g, want %.17g", d, got, gJ)
		}
		if got := factorAt(m.reentryEarly, int16(d)); !near(got, gR) || (d >= 240) != (got == 1) {
			t.Errorf("re-entry g(%d) = %.17g, want %.17g", d, got, gR)
		}
	}
}

// TestEquationsAfterExitShares (7.20): the shares of AfterExit on random
// counts against their definition: of the exits in the months 1..T−w,
// followed w months, the share back within w months (by route) and the
// share in work or back w months after an exit to work; NaN without exits.
func TestEquationsAfterExitShares(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 20 {
		months := 20 + rng.IntN(30)
		a := newAfterExit(months)
		for r := range NumRoutes {
			for mo := 0; mo <= months; mo++ {
				if rng.IntN(4) > 0 {
					a.Exits[r][mo] = rng.IntN(5)
				}
				for k := range ReturnMonths {
					a.Returned[r][k][mo] = rng.IntN(a.Exits[r][mo] + 1)
				}
			}
		}
		for k := range FollowMonths {
			for mo := 0; mo <= months; mo++ {
				a.InWork[k][mo] = rng.IntN(a.Exits[RouteWork][mo] + 1)
				a.OnBenefit[k][mo] = rng.IntN(a.Exits[RouteWork][mo] - a.InWork[k][mo] + 1)
			}
		}
		share := func(num, den int) float64 {
			if den == 0 {
				return math.NaN()
			}
			return float64(num) / float64(den)
		}
		for k, win := range ReturnMonths {
			for _, routes := range [][]Route{nil, {RouteWork}, {RouteOther, RoutePressure}, {RouteEnforcement}} {
				all := routes
				if all == nil {
					all = []Route{RouteWork, RouteOther, RoutePressure, RouteEnforcement}
				}
				exits, back := 0, 0
				for _, r := range all {
					for mo := 1; mo <= months-win; mo++ {
						exits += a.Exits[r][mo]
						back += a.Returned[r][k][mo]
					}
				}
				if got, want := a.ReturnShare(k, routes...), share(back, exits); !near(got, want) {
					t.Fatalf("trial %d: ReturnShare(%d, %v) = %v, want %v", trial, k, routes, got, want)
				}
			}
		}
		for k, d := range FollowMonths {
			exits, in, on := 0, 0, 0
			for mo := 1; mo <= months-d; mo++ {
				exits += a.Exits[RouteWork][mo]
				in += a.InWork[k][mo]
				on += a.OnBenefit[k][mo]
			}
			if got, want := a.WorkShare(k, true), share(in, exits); !near(got, want) {
				t.Fatalf("trial %d: WorkShare(%d, in work) = %v, want %v", trial, k, got, want)
			}
			if got, want := a.WorkShare(k, false), share(on, exits); !near(got, want) {
				t.Fatalf("trial %d: WorkShare(%d, back) = %v, want %v", trial, k, got, want)
			}
		}
	}
	if a := newAfterExit(30); !math.IsNaN(a.WorkShare(0, true)) {
		t.Errorf("WorkShare without exits: %v, want NaN", a.WorkShare(0, true))
	}
}

// TestEquationsShares (7.20): ShareRung3Plus is the share on rung 3 or
// higher of the residents on rungs 1-6, ShareRung3PlusOnBenefit the share
// on rungs 3-4 of those on rungs 1-4; NaN without residents.
func TestEquationsShares(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 50 {
		var s MonthStats
		for r := range s.Rung {
			s.Rung[r] = rng.IntN(4)
		}
		all, up, on, up34 := 0, 0, 0, 0
		for r, n := range s.Rung {
			all += n
			if r+1 >= 3 {
				up += n
			}
			if r+1 <= 4 {
				on += n
				if r+1 >= 3 {
					up34 += n
				}
			}
		}
		want, wantOn := math.NaN(), math.NaN()
		if all > 0 {
			want = float64(up) / float64(all)
		}
		if on > 0 {
			wantOn = float64(up34) / float64(on)
		}
		if got := s.ShareRung3Plus(); !near(got, want) {
			t.Fatalf("ShareRung3Plus of %v = %v, want %v", s.Rung, got, want)
		}
		if got := s.ShareRung3PlusOnBenefit(); !near(got, wantOn) {
			t.Fatalf("ShareRung3PlusOnBenefit of %v = %v, want %v", s.Rung, got, wantOn)
		}
	}
}

// TestEquationsSlots: the accessors of the slots (ODD 2.1, 5): arrival
// month, months on the benefit at the start, start kind, number of slots.
func TestEquationsSlots(t *testing.T) {
	p := Defaults()
	p.Months, p.Population.Residents, p.Population.InflowPerMonth = 10, 50, 7
	m, err := New(p, builtin("sanctie"), 2, 3, Options{})
	if err != nil {
		t.Fatal(err)
	}
	w := refInit(p, builtin("sanctie"), 2, 3)
	if m.Residents() != 50+7*10 {
		t.Fatalf("Residents() = %d, want %d", m.Residents(), 50+7*10)
	}
	for i := range m.Residents() {
		want := 0
		if i >= 50 {
			want = 1 + (i-50)/7
		}
		if got := m.ArrivalMonth(i); got != want {
			t.Errorf("ArrivalMonth(%d) = %d, want %d", i, got, want)
		}
		if got := m.StartMonthsOnBenefit(i); got != w.res[i].startMB {
			t.Errorf("StartMonthsOnBenefit(%d) = %d, want %d", i, got, w.res[i].startMB)
		}
		if got := m.StartKind(i); got != w.res[i].startKind {
			t.Errorf("StartKind(%d) = %v, want %v", i, got, w.res[i].startKind)
		}
	}
	m.Run()
	for i := range m.Residents() {
		if a := m.ArrivalMonth(i); (i < m.arrived) != (a <= m.Month()) || (a > 0 && m.res[i].status == NotArrived) {
			t.Errorf("slot %d: arrival month %d, status %v after %d months", i, a, m.res[i].status, m.Month())
		}
	}
	if m.Policy().Name != "sanctie" || m.Params().Months != 10 || !m.Done() {
		t.Errorf("Policy %q, Params().Months %d, Done %v", m.Policy().Name, m.Params().Months, m.Done())
	}
}

// TestODDWorkedExamples checks the numbers docs/ODD.md gives for the
// default scenario (seed 1, replicate 0): the month-1 use of the team's
// hours under each policy (7.4), the 15 sanction hours of month 2 under
// sanctie (7.4), the 550 hours of administration and the €126,000 staff
// cost (7.4, 7.19), and the extra places of a collective share of 0.2
// after the ramp (7.15).
func TestODDWorkedExamples(t *testing.T) {
	want := map[string][3]float64{ // hours_used, hours_idle, residents_reached in month 1
		"afstand": {106, 1024, 106}, "morele-verplichting": {564, 566, 376}, "sanctie": {377, 753, 377},
		"maatwerk": {724, 406, 362}, "nabijheid": {1086, 44, 362},
	}
	for _, pol := range builtins() {
		m, err := New(Defaults(), pol, 1, 0, Options{})
		if err != nil {
			t.Fatal(err)
		}
		m.Step()
		m.Step()
		s1, s2 := m.Stats()[1], m.Stats()[2]
		w := want[pol.Name]
		if s1.HoursUsed != w[0] || s1.HoursIdle != w[1] || s1.Reached != int(w[2]) {
			t.Errorf("%s, month 1: %v hours used, %v idle, %d reached; the ODD says %v, %v, %v", pol.Name, s1.HoursUsed, s1.HoursIdle, s1.Reached, w[0], w[1], w[2])
		}
		if s1.HoursTotal != 1680 || s1.HoursAdmin != 550 || s1.CostProfessionals != 126000 {
			t.Errorf("%s, month 1: %v paid hours, %v for administration, staff cost %v; the ODD says 1680, 550, 126000", pol.Name, s1.HoursTotal, s1.HoursAdmin, s1.CostProfessionals)
		}
		if pol.Name == "sanctie" && (s1.Sanctions != 5 || s2.HoursSanctions != 15) {
			t.Errorf("sanctie: %d sanctions in month 1 and %v sanction hours in month 2; the ODD says 5 and 15", s1.Sanctions, s2.HoursSanctions)
		}
	}
	p := Defaults()
	p.Levers.CollectiveShare = 0.2
	m, err := New(p, builtin("afstand"), 1, 0, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for m.Month() < p.Levers.CollectiveRampMonths {
		m.Step()
	}
	for h := range m.hoods {
		extra := int(m.activityCap[h]-int32(p.Places.Activity)) + int(m.volunteerCap[h]-int32(p.Places.Volunteer))
		if want := map[int]int{3: 6, 2: 4}[m.profsIn[h]]; extra != want {
			t.Errorf("neighbourhood %d with %d professionals: %d extra places after the ramp, the ODD says %d", h, m.profsIn[h], extra, want)
		}
	}
}

// TestEquationsCostPerMoverUndefined (7.19): the activation cost per mover
// is undefined (NaN) while no one has moved up, however much has been
// spent.
func TestEquationsCostPerMoverUndefined(t *testing.T) {
	p := Defaults()
	p.Months = 3
	p.Ladder.SelfRate, p.Ladder.SupportRate = 0, 0 // no one steps up; afstand demands nothing
	m := runFor(t, p, builtin("afstand"), 0, Options{})
	for _, s := range m.Stats()[1:] {
		if s.CumMovedUp != 0 || !(s.CumActivationCost > 0) || !math.IsNaN(s.ActivationCostPerMover) {
			t.Errorf("month %d: %d moved up, %v spent, %v per mover; want 0, more than 0, NaN", s.Month, s.CumMovedUp, s.CumActivationCost, s.ActivationCostPerMover)
		}
	}
}

// TestEquationsOverloadDropAtTheNeed (7.11): the overload term of the drop
// hazard counts only while capacity is below the need of the rung, not at
// it.
func TestEquationsOverloadDropAtTheNeed(t *testing.T) {
	alwaysOnOverload := func(p *Params) { p.Ladder.Need3, p.Ladder.DropRate, p.Ladder.OverloadDrop = 0.5, 0, 1 }
	for _, c := range []struct {
		capacity float64
		fall     int
	}{{0.5, 0}, {0.5 - 1.0/1024, labResidents}} {
		m, st := lab{policy: builtin("afstand"), r: with(ordinary, func(r *labResident) { r.rung = 3; r.capacity = c.capacity }), mods: []func(*Params){alwaysOnOverload}}.run(t)
		if n := count(m, fell(3)); n != c.fall || st.MovesDown != c.fall {
			t.Errorf("capacity %v on rung 3 (need 0.5), overload drop 1: %d fell (%d counted), want %d", c.capacity, n, st.MovesDown, c.fall)
		}
	}
}

// TestEquationsBlocks (2.5): residents are dealt round-robin over the
// neighbourhoods, and within a neighbourhood each run of block_size
// consecutive slots is a block of its own: two slots share a block exactly
// when they share the neighbourhood and the run.
func TestEquationsBlocks(t *testing.T) {
	for _, c := range []struct{ residents, hoods, size, inflow int }{
		{1100, 11, 10, 0}, {1111, 11, 10, 0}, {1112, 11, 10, 0}, {1110, 11, 10, 0}, {300, 7, 1, 3}, {95, 4, 12, 2}, {20, 11, 3, 1},
	} {
		p := Defaults()
		p.Months = 12
		p.Population.Residents, p.Population.Neighbourhoods, p.Population.BlockSize, p.Population.InflowPerMonth = c.residents, c.hoods, c.size, c.inflow
		p.Professionals.Caseload = 30
		m, err := New(p, builtin("afstand"), 1, 0, Options{})
		if err != nil {
			t.Fatal(err)
		}
		blockOf := map[int]int32{}
		groupOf := map[int32]int{}
		for i := range m.Residents() {
			g := refBlockGroup(&p, i)
			if m.res[i].neighbour != int32(i%c.hoods) {
				t.Fatalf("%+v: slot %d in neighbourhood %d, want %d", c, i, m.res[i].neighbour, i%c.hoods)
			}
			if b, ok := blockOf[g]; ok && b != m.res[i].block {
				t.Fatalf("%+v: slot %d is in block %d, the rest of its run in %d", c, i, m.res[i].block, b)
			}
			if h, ok := groupOf[m.res[i].block]; ok && h != g {
				t.Fatalf("%+v: slot %d shares block %d with slots of another run", c, i, m.res[i].block)
			}
			blockOf[g], groupOf[m.res[i].block] = m.res[i].block, g
		}
	}
}
