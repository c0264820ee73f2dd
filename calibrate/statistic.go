package calibrate

import (
	"fmt"
	"math"
	"slices"

	"github.com/wijksim/wijksim/outcomes"
	"github.com/wijksim/wijksim/sim"
)

// Statistic computes the simulated counterpart of a target from one run.
type Statistic interface {
	// Compute returns the statistic of one run, or NaN where it is
	// undefined (no one at risk, no exit, no sanction).
	Compute(l *Log) float64
	// MinMonths is the number of months a run needs for the statistic.
	MinMonths() int
	// String says in one line what the statistic measures.
	String() string
}

// The names of the statistic kinds in a target file.
const (
	KindCohortExitShare  = "cohort_exit_share"
	KindLongTermExitRate = "long_term_exit_share"
	KindWorkShareOfExits = "work_share_of_exits"
	KindSanctionHazard   = "sanction_hazard_ratio"
	KindAfterWorkExit    = "status_after_work_exit"
	KindReentryWithin    = "reentry_within"
	KindOutcome          = "outcome"
)

// OutcomeAt is the value of an outcome in a month of the run: a built-in
// monthly outcome or one of an outcome file.
type OutcomeAt struct {
	Outcome outcomes.Outcome
	Month   int
}

// Compute implements Statistic.
func (s OutcomeAt) Compute(l *Log) float64 {
	if s.Month >= len(l.Stats) {
		return math.NaN()
	}
	if s.Outcome.Derive != nil {
		return s.Outcome.Derive(l.Stats)[s.Month]
	}
	return s.Outcome.Value(&l.Stats[s.Month])
}

// MinMonths implements Statistic.
func (s OutcomeAt) MinMonths() int { return s.Month }

func (s OutcomeAt) String() string {
	return fmt.Sprintf("%s in month %d", s.Outcome.Title("en"), s.Month)
}

// CohortExitShare is the share of the residents who arrived in months
// ArrivalFrom..ArrivalTo (inclusive) who left the benefit, to work or
// without work, within their first Within months at risk. Month 0 is the
// residents at the start, who are at risk from month 1; an inflow resident
// arriving in month a is at risk from month a. A re-entry does not undo an
// exit.
type CohortExitShare struct {
	ArrivalFrom int `yaml:"arrival_from"`
	ArrivalTo   int `yaml:"arrival_to"`
	Within      int `yaml:"within_months"`
}

// Compute implements Statistic.
func (s CohortExitShare) Compute(l *Log) float64 {
	var cohort, left int
	for _, sp := range l.spells() {
		a := l.Arrival[sp.resident]
		if a < s.ArrivalFrom || a > s.ArrivalTo || sp.first != max(a, 1) {
			continue // not in the cohort, or a later spell
		}
		end := sp.first + s.Within - 1
		if end > l.Months {
			continue // not followed for Within months
		}
		cohort++
		if sp.exit != noExit && sp.last <= end {
			left++
		}
	}
	// Residents of the cohort whose first spell had no month at risk do
	// not occur: a first spell always has its arrival month (or month 1).
	return ratio(left, cohort)
}

// MinMonths implements Statistic.
func (s CohortExitShare) MinMonths() int { return max(s.ArrivalTo, 1) + s.Within - 1 }

func (s CohortExitShare) String() string {
	return fmt.Sprintf("share of the residents arriving in months %d-%d who leave the benefit within %d months", s.ArrivalFrom, s.ArrivalTo, s.Within)
}

// LongTermExitShare is the share of the residents on the benefit at the end
// of month At with a spell of more than OverMonths months who leave the
// benefit, to work or without work, in the Within months that follow. With
// several months in At the residents at risk and the leavers are pooled.
// The duration of a spell is the months on the benefit at arrival plus the
// months since, or the months since the last re-entry.
type LongTermExitShare struct {
	At         []int `yaml:"at_months"`
	OverMonths int   `yaml:"over_months"`
	Within     int   `yaml:"within_months"`
}

// Compute implements Statistic.
func (s LongTermExitShare) Compute(l *Log) float64 {
	var atRisk, left int
	sp := l.spells()
	for _, t0 := range s.At {
		if t0+s.Within > l.Months {
			continue
		}
		for k := range sp {
			x := &sp[k]
			if !x.onAtEnd(t0) || x.durationAtEnd(t0) <= s.OverMonths {
				continue
			}
			atRisk++
			if x.exit != noExit && x.last <= t0+s.Within {
				left++
			}
		}
	}
	return ratio(left, atRisk)
}

// MinMonths implements Statistic.
func (s LongTermExitShare) MinMonths() int {
	m := 0
	for _, t := range s.At {
		m = max(m, t)
	}
	return m + s.Within
}

func (s LongTermExitShare) String() string {
	return fmt.Sprintf("share of the residents on the benefit for more than %d months at month %v who leave within %d months", s.OverMonths, s.At, s.Within)
}

// WorkShareOfExits is the share of the exits in months From..To (inclusive;
// To 0 means the last month) that are exits to work.
type WorkShareOfExits struct {
	From int `yaml:"from_month"`
	To   int `yaml:"to_month"`
}

// Compute implements Statistic.
func (s WorkShareOfExits) Compute(l *Log) float64 {
	to := s.To
	if to == 0 {
		to = l.Months
	}
	var work, all int
	for _, e := range l.Events {
		if m := int(e.Month); m < s.From || m > to {
			continue
		}
		switch e.Type {
		case sim.ExitToWork:
			work++
			all++
		case sim.ExitWithoutWork, sim.ExitUnderPressure, sim.ExitAfterSanction:
			all++
		}
	}
	return ratio(work, all)
}

// MinMonths implements Statistic.
func (s WorkShareOfExits) MinMonths() int { return max(s.From, s.To, 1) }

func (s WorkShareOfExits) String() string {
	to := "the end"
	if s.To > 0 {
		to = fmt.Sprint("month ", s.To)
	}
	return fmt.Sprintf("share of the exits from month %d to %s that are to work", s.From, to)
}

// The reference groups of SanctionHazardRatio.
const (
	// ReferenceUnsanctioned compares with every resident-month on the
	// benefit without a recent sanction.
	ReferenceUnsanctioned = "unsanctioned"
	// ReferenceSanctionedResidents compares with the resident-months
	// without a recent sanction of residents who are sanctioned at some
	// time in the run: a within-person comparison, closer to the
	// timing-of-events designs of the sanction studies, which control for
	// who gets sanctioned.
	ReferenceSanctionedResidents = "sanctioned_residents"
	// ReferenceRefusals compares with the months after a refusal of the
	// tegenprestatie that was not sanctioned, counted in the same window
	// (Start..Start+Months-1 months after it) and only for refusals made
	// with no sanction in the Exclude months before them, when a sanction
	// could have been given. Under a policy that sanctions a refusal by
	// chance, the sanctioned and the unsanctioned refusals are alike but
	// for the sanction, so the ratio does not select on who is sanctioned
	// or how often; it is the closest the event log gets to an experiment.
	ReferenceRefusals = "unsanctioned_refusals"
)

// SanctionHazardRatio is the hazard of an exit of type Outcome (exit to
// work or exit without work) in the months Start..Start+Months-1 after the
// last sanction of the current spell on the benefit, divided by the hazard
// in the reference months: months on the benefit with no sanction in the
// last Exclude months of the spell (Exclude 0 means Start+Months). The month
// of the sanction is month 0 after it: within a month the sanction comes
// before the resident's exit and step decisions. A hazard is exits per
// resident-month at risk; the months at risk are rebuilt from the event log
// (see Log). Reference is ReferenceUnsanctioned (the default),
// ReferenceSanctionedResidents or ReferenceRefusals.
type SanctionHazardRatio struct {
	Outcome   string `yaml:"outcome"`
	Start     int    `yaml:"start_month"`
	Months    int    `yaml:"months"`
	Exclude   int    `yaml:"exclude_months"`
	Reference string `yaml:"reference"`
}

// Outcomes of SanctionHazardRatio.
const (
	OutcomeWork   = "work"
	OutcomeNoWork = "without_work"
)

func (s SanctionHazardRatio) outcome() (sim.EventType, error) {
	switch s.Outcome {
	case OutcomeWork:
		return sim.ExitToWork, nil
	case OutcomeNoWork:
		return sim.ExitWithoutWork, nil
	}
	return 0, fmt.Errorf("outcome %q: allowed: %s or %s", s.Outcome, OutcomeWork, OutcomeNoWork)
}

func (s SanctionHazardRatio) exclude() int {
	if s.Exclude > 0 {
		return s.Exclude
	}
	return s.Start + s.Months
}

// Compute implements Statistic.
func (s SanctionHazardRatio) Compute(l *Log) float64 {
	c := s.Counts(l)
	return c.Ratio()
}

// HazardCounts are the exits and resident-months behind a hazard ratio.
type HazardCounts struct {
	WindowExits, WindowMonths       int
	ReferenceExits, ReferenceMonths int
}

// Ratio returns the hazard ratio, NaN when either hazard is undefined or
// the reference hazard is 0.
func (c HazardCounts) Ratio() float64 {
	if c.WindowMonths == 0 || c.ReferenceMonths == 0 || c.ReferenceExits == 0 {
		return math.NaN()
	}
	return (float64(c.WindowExits) / float64(c.WindowMonths)) / (float64(c.ReferenceExits) / float64(c.ReferenceMonths))
}

// Counts returns the exits and months at risk after a sanction and in the
// reference months.
func (s SanctionHazardRatio) Counts(l *Log) HazardCounts {
	var c HazardCounts
	want, err := s.outcome()
	if err != nil {
		return c
	}
	sp := l.spells()
	var sanctioned map[int]bool
	if s.Reference == ReferenceSanctionedResidents {
		sanctioned = map[int]bool{}
		for k := range sp {
			if len(sp[k].sanctions) > 0 {
				sanctioned[sp[k].resident] = true
			}
		}
	}
	excl := s.exclude()
	for k := range sp {
		x := &sp[k]
		nextS, nextR := 0, 0 // indices of the next sanction and refusal
		lastS, lastR := -1, -1
		for t := x.first; t <= x.last; t++ {
			for nextS < len(x.sanctions) && x.sanctions[nextS] <= t {
				lastS = x.sanctions[nextS]
				nextS++
			}
			for nextR < len(x.refusals) && x.refusals[nextR] <= t {
				// Only a refusal that could have been sanctioned counts.
				if r := x.refusals[nextR]; lastS < 0 || r-lastS >= excl {
					lastR = r
				}
				nextR++
			}
			exit := t == x.last && (x.exit == want || (want == sim.ExitWithoutWork && x.exit.LeftWithoutWork()))
			since := t - lastS
			inWindow := func(last int) bool {
				return last >= 0 && t-last >= s.Start && t-last < s.Start+s.Months
			}
			var ref bool
			switch s.Reference {
			case ReferenceRefusals:
				ref = lastR > lastS && inWindow(lastR)
			case ReferenceSanctionedResidents:
				ref = (lastS < 0 || since >= excl) && sanctioned[x.resident]
			default:
				ref = lastS < 0 || since >= excl
			}
			switch {
			case inWindow(lastS):
				c.WindowMonths++
				if exit {
					c.WindowExits++
				}
			case ref:
				c.ReferenceMonths++
				if exit {
					c.ReferenceExits++
				}
			}
		}
	}
	return c
}

// MinMonths implements Statistic.
func (s SanctionHazardRatio) MinMonths() int { return s.Start + s.Months }

func (s SanctionHazardRatio) String() string {
	ref := "resident-months without a recent sanction"
	switch s.Reference {
	case ReferenceSanctionedResidents:
		ref = "the months without a recent sanction of residents sanctioned at some time"
	case ReferenceRefusals:
		ref = "the same months after a refusal that was not sanctioned"
	}
	what := "exit to work"
	if s.Outcome == OutcomeNoWork {
		what = "exit without work"
	}
	return fmt.Sprintf("hazard ratio of %s in months %d-%d after a sanction vs %s", what, s.Start, s.Start+s.Months-1, ref)
}

// ratio is num/den, NaN if den is 0.
func ratio(num, den int) float64 {
	if den == 0 {
		return math.NaN()
	}
	return float64(num) / float64(den)
}

// StatusAfterWorkExit is the share of the exits to work that are, Months
// months after the exit, in work (Status "in_work") or back on the benefit
// (Status "on_benefit"): a point in time, as the CBS cohort figures are.
// Months is 6, 12 or 18; exits followed less long are left out.
type StatusAfterWorkExit struct {
	Months int    `yaml:"months"`
	Status string `yaml:"status"`
}

// The statuses of StatusAfterWorkExit.
const (
	StatusInWork    = "in_work"
	StatusOnBenefit = "on_benefit"
)

// Compute implements Statistic.
func (s StatusAfterWorkExit) Compute(l *Log) float64 {
	k := slices.Index(sim.FollowMonths[:], s.Months)
	if k < 0 || l.AfterExit == nil {
		return math.NaN()
	}
	return l.AfterExit.WorkShare(k, s.Status == StatusInWork)
}

// MinMonths implements Statistic.
func (s StatusAfterWorkExit) MinMonths() int { return s.Months + 1 }

func (s StatusAfterWorkExit) String() string {
	where := "in work"
	if s.Status == StatusOnBenefit {
		where = "back on the benefit"
	}
	return fmt.Sprintf("share of the exits to work %s %d months later", where, s.Months)
}

// The routes of ReentryWithin, besides the routes of sim.Route.
const (
	RouteAll         = "all"
	RouteWithoutWork = "without_work"
	RoutePushed      = "pushed"
)

// ReentryWithin is the share of the exits by Route that were back on the
// benefit within Months months (6, 12 or 24), over the exits followed that
// long. Route is all, work, without_work (other, pressure and
// enforcement), pushed (pressure and enforcement), or one of other,
// pressure and enforcement.
type ReentryWithin struct {
	Months int    `yaml:"months"`
	Route  string `yaml:"route"`
}

// routes returns the sim routes of s.Route.
func (s ReentryWithin) routes() []sim.Route {
	switch s.Route {
	case RouteAll:
		return []sim.Route{sim.RouteWork, sim.RouteOther, sim.RoutePressure, sim.RouteEnforcement}
	case RouteWithoutWork:
		return []sim.Route{sim.RouteOther, sim.RoutePressure, sim.RouteEnforcement}
	case RoutePushed:
		return []sim.Route{sim.RoutePressure, sim.RouteEnforcement}
	}
	for r := sim.Route(0); r < sim.NumRoutes; r++ {
		if r.String() == s.Route {
			return []sim.Route{r}
		}
	}
	return nil
}

// ReentryRoutes are the allowed values of ReentryWithin.Route.
func ReentryRoutes() []string {
	out := []string{RouteAll, RouteWithoutWork, RoutePushed}
	for r := sim.Route(0); r < sim.NumRoutes; r++ {
		out = append(out, r.String())
	}
	return out
}

// Compute implements Statistic.
func (s ReentryWithin) Compute(l *Log) float64 {
	k := slices.Index(sim.ReturnMonths[:], s.Months)
	rs := s.routes()
	if k < 0 || len(rs) == 0 || l.AfterExit == nil {
		return math.NaN()
	}
	return l.AfterExit.ReturnShare(k, rs...)
}

// MinMonths implements Statistic.
func (s ReentryWithin) MinMonths() int { return s.Months + 1 }

func (s ReentryWithin) String() string {
	return fmt.Sprintf("share of the exits (route %s) back on the benefit within %d months", s.Route, s.Months)
}
