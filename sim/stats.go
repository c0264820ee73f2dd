package sim

import "math"

// Moments is the mean and standard deviation of a state variable over the
// residents on the benefit.
type Moments struct {
	Mean float64
	SD   float64
}

// moments accumulates sums for Moments without allocating.
type moments struct {
	n float64
	sums
}

func (m *moments) add(x float64) {
	m.n++
	m.sums.add(x)
}

func (m *moments) result() Moments { return m.sums.result(m.n) }

// sums accumulates the sum and the sum of squares of a variable whose
// values are counted elsewhere: variables observed together share a count.
type sums struct{ sum, sumSq float64 }

func (s *sums) add(x float64) {
	s.sum += x
	s.sumSq += x * x
}

// result is the mean and standard deviation of n values with these sums.
func (s *sums) result(n float64) Moments {
	if n == 0 {
		return Moments{Mean: math.NaN(), SD: math.NaN()}
	}
	mean := s.sum / n
	v := s.sumSq/n - mean*mean
	if v < 0 {
		v = 0
	}
	return Moments{Mean: mean, SD: math.Sqrt(v)}
}

// MonthStats is what a run reports for one month. Counts of events (moves,
// exits, sanctions) are for that month; Cum fields add up from month 1.
type MonthStats struct {
	Month int

	// Rung counts residents on each rung: rungs 1-4 are on the benefit,
	// rungs 5 and 6 have moved on to work.
	Rung       [6]int
	OnBenefit  int
	InWork     int
	LeftNoWork int // left the benefit without work and not back
	OutOfWork  int // lost the job found after the benefit and not back
	Resistant  int // residents on the benefit whose current kind is resistant
	// OnTegenprestatie counts the residents on the benefit who hold the
	// place they were placed on for the tegenprestatie.
	OnTegenprestatie int

	MovesUp            int
	MovesDown          int
	ExitsToWork        int
	ExitsWithoutWork   int // for any reason; the two below are part of it
	ExitsUnderPressure int // without work, giving the benefit up under pressure
	ExitsAfterSanction int // without work while a sanction ran (enforcement)
	JobLosses          int // jobs found after the benefit that were lost
	ReentriesAfterWork int // returns after losing the job found
	ReentriesNoWork    int // returns after leaving without work
	Sanctions          int
	SanctionsMisfit    int // sanctions that did not fit the resident's capacity

	Trust      Moments
	Resistance Moments
	Efficacy   Moments
	Pressure   Moments
	Capacity   Moments

	// The team's paid hours, HoursTotal, are spent on individual contacts
	// (HoursUsed), case administration and checks (HoursAdmin), the
	// sanctions the team imposes itself (HoursSanctions), collective work
	// and group training (HoursCollective), or left idle (HoursIdle); the
	// five add up to HoursTotal. NalevingHours are the hours of the
	// enforcement department for sanctions under role separation, paid on
	// top.
	HoursUsed       float64
	HoursAdmin      float64
	HoursSanctions  float64
	HoursCollective float64
	HoursIdle       float64
	HoursTotal      float64
	NalevingHours   float64
	Reached         int // residents met by a professional

	// The tegenprestatie: residents met below the demanded rung, who were
	// held to the obligations, the tegenprestatie among them (Demands); of
	// them, who took a place on the demanded rung (Placements), who were
	// assigned one but could not be placed for want of a free place within
	// their reach (DemandsNoPlace), and who refused (Refusals); the others
	// met the other obligations.
	Demands        int
	DemandsNoPlace int
	Placements     int
	Refusals       int

	ActivityUsed  int
	ActivityFree  int
	VolunteerUsed int
	VolunteerFree int

	// Costs of the month in euro. The municipality's account (its budget)
	// is benefits, professionals (every paid hour and Naleving's), places
	// and field workers. Society's account adds, for every resident out
	// of work after leaving the benefit, the costs borne elsewhere (debt
	// assistance, health and care) and the share of the benefit that was
	// shifted (to other benefits or lost household income) rather than
	// saved: an exit without work is no saving to society.
	CostBenefits      float64 // benefits paid
	CostProfessionals float64 // all paid professional hours, idle ones and the enforcement department included
	CostPlaces        float64 // participation places
	CostFieldWorkers  float64 // economic field workers
	CostMunicipality  float64 // the four above
	CostElsewhere     float64 // costs elsewhere of residents out of work after the benefit
	CostShifted       float64 // benefit shifted to other benefits or lost household income, sanction cuts included
	CostSociety       float64 // CostMunicipality + CostElsewhere + CostShifted

	CumMovedUp          int     // distinct residents who have stepped up at least once
	CumExitsToWork      int     // exits to work so far
	CumExitsNoWork      int     // exits without work so far
	CumSanctions        int     // sanctions so far
	CumActivationCost   float64 // professionals, places and field workers so far
	CumCostMunicipality float64 // the municipality's account so far
	CumCostSociety      float64 // society's account so far
	// ActivationCostPerMover is CumActivationCost / CumMovedUp, NaN while
	// no one has moved up: both are never negative.
	ActivationCostPerMover float64
}

// ShareRung3Plus returns the share of residents on the ladder (on the
// benefit or in work) who stand on rung 3 or higher.
func (s *MonthStats) ShareRung3Plus() float64 {
	total, up := 0, 0
	for r, n := range s.Rung {
		total += n
		if r >= 2 {
			up += n
		}
	}
	if total == 0 {
		return math.NaN()
	}
	return float64(up) / float64(total)
}

// ShareRung3PlusOnBenefit returns the share of the residents on the
// benefit (rungs 1-4) who stand on rung 3 or 4.
func (s *MonthStats) ShareRung3PlusOnBenefit() float64 {
	on := s.Rung[0] + s.Rung[1] + s.Rung[2] + s.Rung[3]
	if on == 0 {
		return math.NaN()
	}
	return float64(s.Rung[2]+s.Rung[3]) / float64(on)
}

// KindSummary is the end-of-run outcome for the residents who started as one
// kind, so that who gains and who pays is visible.
type KindSummary struct {
	Kind           string  `json:"kind"`
	Residents      int     `json:"residents"`
	OnBenefit      int     `json:"on_benefit"`
	InWork         int     `json:"in_work"`
	LeftNoWork     int     `json:"left_without_work"`
	OutOfWork      int     `json:"out_of_work"`
	ShareRung3Plus float64 `json:"share_rung_3_plus"`
	ShareMovedUp   float64 `json:"share_moved_up"`
	ShareSwitched  float64 `json:"share_switched_kind"`
	ExitsToWork    float64 `json:"exits_to_work_per_resident"`
	ExitsNoWork    float64 `json:"exits_without_work_per_resident"`
	Sanctions      float64 `json:"sanctions_per_resident"`
	Trust          float64 `json:"trust_mean"`
	Resistance     float64 `json:"resistance_mean"`
	Efficacy       float64 `json:"efficacy_mean"`
	Pressure       float64 `json:"pressure_mean"`
	BenefitPaid    float64 `json:"benefit_paid_per_resident"`
	HoursReceived  float64 `json:"hours_received_per_resident"`
}
