package calibrate

import (
	"math"
	"testing"

	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/sim"
)

// ev is a hand-made event.
func ev(month, resident int, t sim.EventType) sim.Event {
	return sim.Event{Month: int32(month), Resident: int32(resident), Type: t}
}

const (
	toWork   = sim.ExitToWork
	noWork   = sim.ExitWithoutWork
	reentry  = sim.Reentry
	sanction = sim.Sanctioned
	stepUp   = sim.StepUp
)

func same(got, want float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) < 1e-12
}

// cohortLog: residents 0, 1 and 6 start on the benefit; 2-5 arrive later.
//
//	0  start, 40 months on the benefit; leaves without work in month 5
//	1  start, 10 months; to work in month 3, back in month 8, leaves again in month 15
//	2  arrives in month 2; to work in month 13 (its 12th month at risk: months 2-13)
//	3  arrives in month 2; leaves in month 14 (its 13th month at risk)
//	4  arrives in month 3; never leaves
//	5  arrives in month 1; leaves in month 2, back in month 4
//	6  start, 37 months; never leaves (a step up is not an exit)
//	7  arrives in month 20: not followed for 12 months by month 24
func cohortLog() *Log {
	return &Log{
		Months:        24,
		Arrival:       []int{0, 0, 2, 2, 3, 1, 0, 20},
		StartDuration: []int{40, 10, 0, 0, 0, 0, 37, 0},
		Events: []sim.Event{
			ev(2, 5, noWork), ev(3, 1, toWork), ev(4, 5, reentry), ev(5, 0, noWork), ev(6, 6, stepUp),
			ev(8, 1, reentry), ev(13, 2, toWork), ev(14, 3, noWork), ev(15, 1, noWork), ev(22, 7, noWork),
		},
	}
}

func TestCohortExitShare(t *testing.T) {
	tests := []struct {
		name string
		s    CohortExitShare
		want float64
	}{
		// 2 (month 13 is within 2..13), 5 (month 2; the re-entry does not undo it) of 2, 3, 4, 5.
		{"inflow months 1-3", CohortExitShare{ArrivalFrom: 1, ArrivalTo: 3, Within: 12}, 2.0 / 4},
		// 0 (month 5) and 1 (month 3) of 0, 1, 6: at risk from month 1.
		{"initial residents", CohortExitShare{ArrivalFrom: 0, ArrivalTo: 0, Within: 12}, 2.0 / 3},
		// Within 4 months of month 1: only 1 (month 3) leaves.
		{"short window", CohortExitShare{ArrivalFrom: 0, ArrivalTo: 0, Within: 4}, 1.0 / 3},
		// Resident 7 is not followed for 12 months: no one in the cohort.
		{"censored", CohortExitShare{ArrivalFrom: 15, ArrivalTo: 24, Within: 12}, math.NaN()},
		// Within 13 months resident 3 (month 14) counts too.
		{"month 2 arrivals, 13 months", CohortExitShare{ArrivalFrom: 2, ArrivalTo: 2, Within: 13}, 2.0 / 2},
	}
	for _, tt := range tests {
		if got := tt.s.Compute(cohortLog()); !same(got, tt.want) {
			t.Errorf("%s: %s = %v, want %v", tt.name, tt.s, got, tt.want)
		}
	}
}

func TestLongTermExitShare(t *testing.T) {
	tests := []struct {
		name string
		s    LongTermExitShare
		want float64
	}{
		// At month 0, residents 0 (40 months) and 6 (37) are on it > 36
		// months; 0 leaves in month 5.
		{"month 0", LongTermExitShare{At: []int{0}, OverMonths: 36, Within: 12}, 1.0 / 2},
		// Over 38 months: only resident 0.
		{"over 38", LongTermExitShare{At: []int{0}, OverMonths: 38, Within: 12}, 1.0},
		// Exactly 37 months is not more than 37.
		{"over 37", LongTermExitShare{At: []int{0}, OverMonths: 37, Within: 12}, 1.0},
		// At month 12: 6 (49 months) stays; 1 is on a new spell of 4
		// months (back in month 8, at risk from 9), 0 has left.
		{"month 12", LongTermExitShare{At: []int{12}, OverMonths: 36, Within: 12}, 0.0},
		// Pooled: 1 leaver of 3 at risk.
		{"months 0 and 12", LongTermExitShare{At: []int{0, 12}, OverMonths: 36, Within: 12}, 1.0 / 3},
		// A new spell's duration counts from the re-entry: at month 12
		// resident 1 has 4 months, and leaves in month 15.
		{"short spells", LongTermExitShare{At: []int{12}, OverMonths: 3, Within: 12}, 2.0 / 4},
		// Month 20 + 12 lies beyond the run: nothing at risk.
		{"beyond the run", LongTermExitShare{At: []int{20}, OverMonths: 36, Within: 12}, math.NaN()},
	}
	for _, tt := range tests {
		if got := tt.s.Compute(cohortLog()); !same(got, tt.want) {
			t.Errorf("%s: %s = %v, want %v", tt.name, tt.s, got, tt.want)
		}
	}
}

func TestWorkShareOfExits(t *testing.T) {
	tests := []struct {
		name string
		s    WorkShareOfExits
		want float64
	}{
		// Exits: 2 no work, 3 work, 5 no work, 13 work, 14 no work, 15 no work, 22 no work.
		{"whole run", WorkShareOfExits{From: 1}, 2.0 / 7},
		{"months 1-12", WorkShareOfExits{From: 1, To: 12}, 1.0 / 3},
		{"months 13-14", WorkShareOfExits{From: 13, To: 14}, 1.0 / 2},
		{"no exits", WorkShareOfExits{From: 16, To: 21}, math.NaN()},
	}
	for _, tt := range tests {
		if got := tt.s.Compute(cohortLog()); !same(got, tt.want) {
			t.Errorf("%s: %s = %v, want %v", tt.name, tt.s, got, tt.want)
		}
	}
}

// sanctionLog: six residents on the benefit from the start, 10 months.
//
//	0 (A)  sanctioned in month 2, to work in month 3
//	1 (B)  never sanctioned, to work in month 5
//	2 (C)  sanctioned in month 1, stays
//	3 (E)  sanctioned in month 1, to work in month 8
//	4 (F)  never sanctioned, leaves without work in month 4
//	5 (G)  sanctioned in month 1, leaves without work in month 2, back in
//	       month 3: a new spell (months 4-10) without a sanction
func sanctionLog() *Log {
	return &Log{
		Months:        10,
		Arrival:       []int{0, 0, 0, 0, 0, 0},
		StartDuration: []int{50, 50, 50, 50, 50, 50},
		Events: []sim.Event{
			ev(1, 2, sanction), ev(1, 3, sanction), ev(1, 5, sanction),
			ev(2, 0, sanction), ev(2, 5, noWork), ev(3, 0, toWork), ev(3, 5, reentry),
			ev(4, 4, noWork), ev(5, 1, toWork), ev(8, 3, toWork),
		},
	}
}

func TestSanctionHazardRatio(t *testing.T) {
	// Months 0-2 after a sanction (the window):
	//   A months 2, 3 (exit to work in 3); C 1-3; E 1-3; G 1-2 (exit without work in 2).
	//   10 months; 1 exit to work, 1 without work.
	// Reference, no sanction in the last 3 months of the spell:
	//   A 1; B 1-5 (to work in 5); C 4-10; E 4-8 (to work in 8); F 1-4 (without
	//   work in 4); G's new spell 4-10.
	//   1 + 5 + 7 + 5 + 4 + 7 = 29 months; 2 exits to work, 1 without work.
	// Of residents sanctioned at some time (A, C, E, G): 1 + 7 + 5 + 7 = 20
	// months; 1 exit to work (E), none without work.
	tests := []struct {
		name string
		s    SanctionHazardRatio
		want HazardCounts
	}{
		{"to work", SanctionHazardRatio{Outcome: OutcomeWork, Months: 3},
			HazardCounts{WindowExits: 1, WindowMonths: 10, ReferenceExits: 2, ReferenceMonths: 29}},
		{"to work, sanctioned residents", SanctionHazardRatio{Outcome: OutcomeWork, Months: 3, Reference: ReferenceSanctionedResidents},
			HazardCounts{WindowExits: 1, WindowMonths: 10, ReferenceExits: 1, ReferenceMonths: 20}},
		{"without work", SanctionHazardRatio{Outcome: OutcomeNoWork, Months: 3},
			HazardCounts{WindowExits: 1, WindowMonths: 10, ReferenceExits: 1, ReferenceMonths: 29}},
		{"without work, sanctioned residents", SanctionHazardRatio{Outcome: OutcomeNoWork, Months: 3, Reference: ReferenceSanctionedResidents},
			HazardCounts{WindowExits: 1, WindowMonths: 10, ReferenceExits: 0, ReferenceMonths: 20}},
		// Months 3-5 after, reference from 6 months after:
		//   window C 4-6, E 4-6: 6 months, no exit;
		//   reference A 1, B 1-5, C 7-10, E 7-8 (exit), F 1-4, G 4-10: 1+5+4+2+4+7 = 23, 2 exits to work.
		{"wearing off", SanctionHazardRatio{Outcome: OutcomeWork, Start: 3, Months: 3},
			HazardCounts{WindowExits: 0, WindowMonths: 6, ReferenceExits: 2, ReferenceMonths: 23}},
		// The same window with the reference from 8 months after: C 9-10
		// and E none (its exit in month 8 is 7 months after), so
		// 1 + 5 + 2 + 4 + 7 = 19 months and B's exit.
		{"wearing off, exclude 8", SanctionHazardRatio{Outcome: OutcomeWork, Start: 3, Months: 3, Exclude: 8},
			HazardCounts{WindowExits: 0, WindowMonths: 6, ReferenceExits: 1, ReferenceMonths: 19}},
	}
	for _, tt := range tests {
		got := tt.s.Counts(sanctionLog())
		if got != tt.want {
			t.Errorf("%s: counts %+v, want %+v", tt.name, got, tt.want)
		}
		if r, want := tt.s.Compute(sanctionLog()), tt.want.Ratio(); !same(r, want) {
			t.Errorf("%s: ratio %v, want %v", tt.name, r, want)
		}
	}
	// The ratios themselves, by hand.
	for _, c := range []struct {
		counts HazardCounts
		want   float64
	}{
		{HazardCounts{1, 10, 2, 29}, (1.0 / 10) / (2.0 / 29)},
		{HazardCounts{0, 6, 2, 23}, 0},
		{HazardCounts{1, 10, 0, 20}, math.NaN()}, // no reference exit
		{HazardCounts{0, 0, 2, 23}, math.NaN()},  // no month after a sanction
	} {
		if got := c.counts.Ratio(); !same(got, c.want) {
			t.Errorf("%+v: ratio %v, want %v", c.counts, got, c.want)
		}
	}
}

// The latest sanction counts: a second sanction restarts the window, and a
// month after the first sanction's window but within the second's is not a
// reference month.
func TestSanctionHazardRatioLatestSanction(t *testing.T) {
	l := &Log{
		Months:        12,
		Arrival:       []int{0},
		StartDuration: []int{50},
		Events:        []sim.Event{ev(2, 0, sanction), ev(6, 0, sanction), ev(12, 0, toWork)},
	}
	// Months 1 (reference), 2-4 (window of the first), 5 (excluded: 3
	// months after the first, which is within exclude_months 4), 6-8
	// (window of the second), 9 (excluded), 10-12 (reference, exit in 12).
	s := SanctionHazardRatio{Outcome: OutcomeWork, Months: 3, Exclude: 4}
	want := HazardCounts{WindowExits: 0, WindowMonths: 6, ReferenceExits: 1, ReferenceMonths: 4}
	if got := s.Counts(l); got != want {
		t.Errorf("counts %+v, want %+v", got, want)
	}
}

// An exit to work and a re-entry in the same month (a field-work job that
// ends at once) leaves a spell of one month at risk and starts the next
// month.
func TestSpellsSameMonthExitAndReentry(t *testing.T) {
	l := &Log{
		Months:        6,
		Arrival:       []int{0},
		StartDuration: []int{20},
		Events:        []sim.Event{ev(3, 0, toWork), ev(3, 0, reentry), ev(6, 0, reentry)},
	}
	sp := l.spells()
	if len(sp) != 2 {
		t.Fatalf("got %d spells, want 2: %+v", len(sp), sp)
	}
	if s := sp[0]; s.first != 1 || s.last != 3 || s.exit != toWork || s.duration != 20 {
		t.Errorf("first spell %+v, want months 1-3, exit to work, 20 months at the start", s)
	}
	if s := sp[1]; s.first != 4 || s.last != 6 || s.exit != noExit || s.duration != 0 {
		t.Errorf("second spell %+v, want months 4-6, still running, 0 months at the start", s)
	}
	if d := sp[0].durationAtEnd(2); d != 22 {
		t.Errorf("duration at the end of month 2: %d, want 22", d)
	}
}

// The statistics read what the model writes: on a real run every exit in
// the log is counted once, and spells never overlap.
func TestLogOfRun(t *testing.T) {
	p := sim.Defaults()
	p.Population.Residents = 200
	p.Population.Neighbourhoods = 2
	p.Population.InflowPerMonth = 5
	p.Months = 30
	m, err := sim.New(p, policies.MustBuiltin("sanctie").Policy, 3, 0, sim.Options{RecordEvents: true})
	if err != nil {
		t.Fatal(err)
	}
	m.Run()
	l := LogOf(m)
	if len(l.Arrival) != 200+5*30 {
		t.Fatalf("%d residents, want 350", len(l.Arrival))
	}
	end := m.Stats()[m.Month()]
	exits := 0
	lastEnd := map[int]int{}
	for _, s := range l.spells() {
		if s.exit != noExit {
			exits++
		}
		if e, ok := lastEnd[s.resident]; ok && s.first <= e {
			t.Errorf("resident %d: spells overlap (%d after %d)", s.resident, s.first, e)
		}
		lastEnd[s.resident] = s.last
	}
	if want := end.CumExitsToWork + end.CumExitsNoWork; exits != want {
		t.Errorf("%d spells ended by an exit, the run counted %d exits", exits, want)
	}
	share := WorkShareOfExits{From: 1}.Compute(l)
	if want := float64(end.CumExitsToWork) / float64(end.CumExitsToWork+end.CumExitsNoWork); !same(share, want) {
		t.Errorf("work share of exits %v, run's counts give %v", share, want)
	}
}

// TestAfterExitStatistics checks the statistics of life after the exit
// against counts made from the event log of the same run.
func TestAfterExitStatistics(t *testing.T) {
	p := sim.Defaults()
	p.Population.Residents, p.Population.Neighbourhoods, p.Population.InflowPerMonth = 400, 4, 10
	p.Months = 48
	// Sanctions at ten times today's probability, so that the run has
	// exits by enforcement to count.
	pol := policies.MustBuiltin("maatwerk").Policy
	strict := pol.Phases[0].Regime
	strict.SanctionProbability = 0.3
	p.Policies.SetRegime(pol.Name, "", strict)
	m, err := sim.New(p, pol, 3, 0, sim.Options{RecordEvents: true})
	if err != nil {
		t.Fatal(err)
	}
	m.Run()
	l := LogOf(m)
	// From the events: for each exit, the route and whether the resident
	// was back within k months.
	type exit struct {
		resident, month int
		work            bool
		enforcement     bool
	}
	var exits []exit
	reentries := map[int][]int{}
	for _, e := range l.Events {
		switch {
		case e.Type == sim.ExitToWork || e.Type.LeftWithoutWork():
			exits = append(exits, exit{int(e.Resident), int(e.Month), e.Type == sim.ExitToWork, e.Type == sim.ExitAfterSanction})
		case e.Type == sim.Reentry:
			reentries[int(e.Resident)] = append(reentries[int(e.Resident)], int(e.Month))
		}
	}
	share := func(k int, keep func(exit) bool) float64 {
		n, back := 0, 0
		for _, x := range exits {
			if !keep(x) || x.month < 1 || x.month+k > p.Months {
				continue
			}
			n++
			for _, r := range reentries[x.resident] {
				if r > x.month && r-x.month <= k {
					back++
					break
				}
			}
		}
		return float64(back) / float64(n)
	}
	for _, c := range []struct {
		s    ReentryWithin
		keep func(exit) bool
	}{
		{ReentryWithin{Months: 6, Route: RouteAll}, func(exit) bool { return true }},
		{ReentryWithin{Months: 24, Route: RouteAll}, func(exit) bool { return true }},
		{ReentryWithin{Months: 12, Route: "work"}, func(x exit) bool { return x.work }},
		{ReentryWithin{Months: 6, Route: "enforcement"}, func(x exit) bool { return x.enforcement }},
	} {
		got, want := c.s.Compute(l), share(c.s.Months, c.keep)
		if math.IsNaN(got) || math.Abs(got-want) > 1e-12 {
			t.Errorf("%s: %v, from the events %v", c.s, got, want)
		}
	}
	for _, s := range []StatusAfterWorkExit{{Months: 6, Status: StatusInWork}, {Months: 18, Status: StatusOnBenefit}} {
		if v := s.Compute(l); !(v >= 0 && v <= 1) {
			t.Errorf("%s: %v, want a share", s, v)
		}
	}
	in, back := StatusAfterWorkExit{Months: 18, Status: StatusInWork}.Compute(l), StatusAfterWorkExit{Months: 18, Status: StatusOnBenefit}.Compute(l)
	if !(in+back <= 1) || in == 0 {
		t.Errorf("18 months after an exit to work: %v in work, %v back on the benefit", in, back)
	}
}

// TestSanctionHazardRatioRefusals: the reference of unsanctioned_refusals
// is the same window after a refusal that was not sanctioned; a refusal
// followed by a sanction in the same month is no reference, and neither is
// a refusal within the excluded months after a sanction.
func TestSanctionHazardRatioRefusals(t *testing.T) {
	refused := sim.Refused
	l := &Log{
		Months:        12,
		Arrival:       []int{0, 0, 0, 0},
		StartDuration: []int{50, 50, 50, 50},
		Events: []sim.Event{
			// A: refused and sanctioned in month 2, leaves for work in month 3.
			ev(2, 0, refused), ev(2, 0, sanction), ev(3, 0, sim.ExitToWork),
			// B: refused without a sanction in month 2 (reference months
			// 2-4), leaves for work in month 10, outside the window.
			ev(2, 1, refused), ev(10, 1, sim.ExitToWork),
			// C: refused without a sanction in month 5 (reference months
			// 5-7) and leaves without work in month 6.
			ev(5, 2, refused), ev(6, 2, sim.ExitUnderPressure),
			// D: sanctioned in month 1 and refused in month 2, within the
			// excluded months after the sanction: no reference; its own
			// window is months 1-3.
			ev(1, 3, refused), ev(1, 3, sanction), ev(2, 3, refused),
		},
	}
	s := SanctionHazardRatio{Outcome: OutcomeWork, Months: 3, Reference: ReferenceRefusals}
	// Window: A months 2-3 (exit in 3), D months 1-3: 5 months, 1 exit.
	// Reference: B months 2-4, C months 5-6 (it left in 6): 5 months, no exit to work.
	if got, want := s.Counts(l), (HazardCounts{WindowExits: 1, WindowMonths: 5, ReferenceExits: 0, ReferenceMonths: 5}); got != want {
		t.Errorf("to work: counts %+v, want %+v", got, want)
	}
	s.Outcome = OutcomeNoWork
	if got, want := s.Counts(l), (HazardCounts{WindowExits: 0, WindowMonths: 5, ReferenceExits: 1, ReferenceMonths: 5}); got != want {
		t.Errorf("without work (any route): counts %+v, want %+v", got, want)
	}
}
