package results

import (
	"math"
	"strconv"

	"github.com/wijksim/wijksim/sim"
)

// Column is one variable of the monthly series.
type Column struct {
	Name string
	Unit string
	Doc  string
	// Integer columns are counts and are written without a decimal point.
	Integer bool
	Value   func(*sim.MonthStats) float64
}

func count(name, doc string, f func(*sim.MonthStats) int) Column {
	return Column{Name: name, Unit: "persons", Doc: doc, Integer: true, Value: func(s *sim.MonthStats) float64 { return float64(f(s)) }}
}

func number(name, unit, doc string, f func(*sim.MonthStats) float64) Column {
	return Column{Name: name, Unit: unit, Doc: doc, Value: f}
}

func rungColumn(r int) Column {
	return count("rung_"+strconv.Itoa(r), "residents on rung "+strconv.Itoa(r), func(s *sim.MonthStats) int { return s.Rung[r-1] })
}

// MonthColumns returns the variables of the monthly series, in file order.
func MonthColumns() []Column {
	cols := []Column{
		{Name: "month", Unit: "month", Doc: "months since the start; 0 is the initial state", Integer: true,
			Value: func(s *sim.MonthStats) float64 { return float64(s.Month) }},
	}
	for r := 1; r <= 6; r++ {
		cols = append(cols, rungColumn(r))
	}
	cols = append(cols,
		number("share_rung_3_plus", "share", "share of residents on the ladder (on the benefit or in work) standing on rung 3 or higher", (*sim.MonthStats).ShareRung3Plus),
		number("share_rung_3_plus_on_benefit", "share", "share of residents on the benefit standing on rung 3 or 4", (*sim.MonthStats).ShareRung3PlusOnBenefit),
		count("on_benefit", "residents on the benefit (rungs 1-4)", func(s *sim.MonthStats) int { return s.OnBenefit }),
		count("in_work", "residents moved on to work (rungs 5-6)", func(s *sim.MonthStats) int { return s.InWork }),
		count("left_without_work", "residents who left the benefit without work (and are not back)", func(s *sim.MonthStats) int { return s.LeftNoWork }),
		count("out_of_work", "residents who lost the job found after the benefit and live on other income", func(s *sim.MonthStats) int { return s.OutOfWork }),
		count("resistant", "residents on the benefit whose current kind is resistant", func(s *sim.MonthStats) int { return s.Resistant }),
		count("moves_up", "steps up the ladder this month", func(s *sim.MonthStats) int { return s.MovesUp }),
		count("moves_down", "steps down the ladder this month", func(s *sim.MonthStats) int { return s.MovesDown }),
		count("exits_to_work", "exits from the benefit to work this month", func(s *sim.MonthStats) int { return s.ExitsToWork }),
		count("exits_without_work", "exits from the benefit without work this month, for any reason", func(s *sim.MonthStats) int { return s.ExitsWithoutWork }),
		count("exits_under_pressure", "exits without work this month by residents giving up the benefit under pressure", func(s *sim.MonthStats) int { return s.ExitsUnderPressure }),
		count("exits_after_sanction", "exits without work this month while a sanction ran (enforcement)", func(s *sim.MonthStats) int { return s.ExitsAfterSanction }),
		count("job_losses", "jobs found after the benefit lost this month", func(s *sim.MonthStats) int { return s.JobLosses }),
		count("reentries_after_work", "returns to the benefit this month after losing the job found", func(s *sim.MonthStats) int { return s.ReentriesAfterWork }),
		count("reentries_without_work", "returns to the benefit after leaving without work this month", func(s *sim.MonthStats) int { return s.ReentriesNoWork }),
		count("sanctions", "sanctions given this month", func(s *sim.MonthStats) int { return s.Sanctions }),
		count("sanctions_misfit", "sanctions that did not fit the resident's capacity", func(s *sim.MonthStats) int { return s.SanctionsMisfit }),
		number("trust_mean", "level 0-1", "mean trust of residents on the benefit", func(s *sim.MonthStats) float64 { return s.Trust.Mean }),
		number("trust_sd", "level 0-1", "standard deviation of trust", func(s *sim.MonthStats) float64 { return s.Trust.SD }),
		number("resistance_mean", "level 0-1", "mean resistance", func(s *sim.MonthStats) float64 { return s.Resistance.Mean }),
		number("resistance_sd", "level 0-1", "standard deviation of resistance", func(s *sim.MonthStats) float64 { return s.Resistance.SD }),
		number("efficacy_mean", "level 0-1", "mean self-efficacy", func(s *sim.MonthStats) float64 { return s.Efficacy.Mean }),
		number("efficacy_sd", "level 0-1", "standard deviation of self-efficacy", func(s *sim.MonthStats) float64 { return s.Efficacy.SD }),
		number("pressure_mean", "level 0-1", "mean perceived pressure", func(s *sim.MonthStats) float64 { return s.Pressure.Mean }),
		number("pressure_sd", "level 0-1", "standard deviation of perceived pressure", func(s *sim.MonthStats) float64 { return s.Pressure.SD }),
		number("capacity_mean", "level 0-1", "mean load capacity", func(s *sim.MonthStats) float64 { return s.Capacity.Mean }),
		number("capacity_sd", "level 0-1", "standard deviation of load capacity", func(s *sim.MonthStats) float64 { return s.Capacity.SD }),
		number("hours_used", "hours", "professional hours spent on individual contacts", func(s *sim.MonthStats) float64 { return s.HoursUsed }),
		number("hours_admin", "hours", "professional hours of case administration and checks", func(s *sim.MonthStats) float64 { return s.HoursAdmin }),
		number("hours_sanctions", "hours", "professional hours spent on the team's own sanctions", func(s *sim.MonthStats) float64 { return s.HoursSanctions }),
		number("hours_collective", "hours", "professional hours of collective work and group training", func(s *sim.MonthStats) float64 { return s.HoursCollective }),
		number("hours_idle", "hours", "paid professional hours left unused", func(s *sim.MonthStats) float64 { return s.HoursIdle }),
		number("hours_total", "hours", "paid professional hours (the five above add up to it)", func(s *sim.MonthStats) float64 { return s.HoursTotal }),
		count("residents_reached", "residents met by a professional this month", func(s *sim.MonthStats) int { return s.Reached }),
		number("naleving_hours", "hours", "hours of the enforcement department (Naleving)", func(s *sim.MonthStats) float64 { return s.NalevingHours }),
		count("demands", "residents met below the demanded rung and asked for the tegenprestatie", func(s *sim.MonthStats) int { return s.Demands }),
		count("demands_no_place", "residents willing to comply for whom no place within reach was free", func(s *sim.MonthStats) int { return s.DemandsNoPlace }),
		count("placements", "residents placed on the rung the tegenprestatie demands", func(s *sim.MonthStats) int { return s.Placements }),
		count("refusals", "residents who refused the tegenprestatie", func(s *sim.MonthStats) int { return s.Refusals }),
		count("activity_places_used", "places for organised activities in use", func(s *sim.MonthStats) int { return s.ActivityUsed }),
		count("activity_places_free", "places for organised activities free", func(s *sim.MonthStats) int { return s.ActivityFree }),
		count("volunteer_places_used", "volunteer places in use", func(s *sim.MonthStats) int { return s.VolunteerUsed }),
		count("volunteer_places_free", "volunteer places free", func(s *sim.MonthStats) int { return s.VolunteerFree }),
		number("cost_benefits", "euro", "benefits paid this month", func(s *sim.MonthStats) float64 { return s.CostBenefits }),
		number("cost_professionals", "euro", "all paid professional hours (idle ones included) and enforcement hours this month", func(s *sim.MonthStats) float64 { return s.CostProfessionals }),
		number("cost_places", "euro", "participation places this month", func(s *sim.MonthStats) float64 { return s.CostPlaces }),
		number("cost_field_workers", "euro", "economic field workers this month", func(s *sim.MonthStats) float64 { return s.CostFieldWorkers }),
		number("cost_municipality", "euro", "the municipality's account this month: benefits, professionals, places and field workers", func(s *sim.MonthStats) float64 { return s.CostMunicipality }),
		number("cost_elsewhere", "euro", "costs borne elsewhere this month (debt assistance, health and care) by residents out of work after the benefit", func(s *sim.MonthStats) float64 { return s.CostElsewhere }),
		number("cost_shifted", "euro", "benefit shifted this month to other benefits or lost household income by residents out of work after the benefit", func(s *sim.MonthStats) float64 { return s.CostShifted }),
		number("cost_society", "euro", "society's account this month: the municipality's account plus the costs elsewhere and the shifted benefit", func(s *sim.MonthStats) float64 { return s.CostSociety }),
		count("cum_moved_up", "distinct residents who have stepped up at least once", func(s *sim.MonthStats) int { return s.CumMovedUp }),
		count("cum_exits_to_work", "exits to work so far", func(s *sim.MonthStats) int { return s.CumExitsToWork }),
		count("cum_exits_without_work", "exits without work so far", func(s *sim.MonthStats) int { return s.CumExitsNoWork }),
		count("cum_sanctions", "sanctions so far", func(s *sim.MonthStats) int { return s.CumSanctions }),
		number("cum_activation_cost", "euro", "paid professional hours, enforcement hours, places and field workers so far", func(s *sim.MonthStats) float64 { return s.CumActivationCost }),
		number("activation_cost_per_mover", "euro/person", "cum_activation_cost per resident who moved up; NA while no one has", func(s *sim.MonthStats) float64 { return s.ActivationCostPerMover }),
		number("cum_cost_municipality", "euro", "the municipality's account so far (its budget: benefits, professionals, places, field workers)", func(s *sim.MonthStats) float64 { return s.CumCostMunicipality }),
		number("cum_cost_society", "euro", "society's account so far: the municipality's account plus costs elsewhere and shifted benefit of those out of work after the benefit", func(s *sim.MonthStats) float64 { return s.CumCostSociety }),
	)
	return cols
}

// formatValue writes x in its shortest exact form; NaN is "NA", which R and
// pandas read as missing.
func formatValue(buf []byte, x float64, integer bool) []byte {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return append(buf, "NA"...)
	case integer:
		return strconv.AppendInt(buf, int64(x), 10)
	default:
		return AppendDouble(buf, x)
	}
}
