package outcomes

import (
	"fmt"
	"strconv"
	"sync"

	"github.com/wijksim/wijksim/labels"
	"github.com/wijksim/wijksim/sim"
)

// declarations returns every outcome. The monthly ones come first, in the
// column order of monthly.csv; then the figures of the end of the run.
func declarations() []Outcome {
	list := rungs()
	list = append(list,
		Outcome{Key: "share_rung_3_plus", Label: text("Aandeel op trede 3 of hoger", "Share on rung 3 or higher"), Unit: Share,
			Doc:    "share of residents on the ladder (on the benefit or in work) standing on rung 3 or higher",
			Better: Higher, Timing: Both, Shown: Table | Chart | Tradeoff | Classroom, Value: (*sim.MonthStats).ShareRung3Plus},
		Outcome{Key: "share_rung_3_plus_on_benefit", Label: text("Aandeel in de uitkering op trede 3 of 4", "Share on the benefit on rung 3 or 4"), Unit: Share,
			Doc:    "share of residents on the benefit standing on rung 3 or 4",
			Better: Higher, Timing: Both, Value: (*sim.MonthStats).ShareRung3PlusOnBenefit},
		Outcome{Key: "on_benefit", Label: text("In de uitkering", "On the benefit"), Unit: Persons,
			Doc:    "residents on the benefit (rungs 1-4)",
			Better: Neither, Timing: Both, Value: ints(func(s *sim.MonthStats) int { return s.OnBenefit })},
		Outcome{Key: "in_work", Label: text("Uitgestroomd naar werk", "Moved on to work"), Unit: Persons,
			Doc:    "residents moved on to work (rungs 5-6)",
			Better: Higher, Timing: Both, Value: ints(func(s *sim.MonthStats) int { return s.InWork })},
		Outcome{Key: "left_without_work", Label: text("Uitgestroomd zonder werk", "Left without work"), Unit: Persons,
			Doc:    "residents who left the benefit without work (and are not back)",
			Better: Lower, Timing: Both, Value: ints(func(s *sim.MonthStats) int { return s.LeftNoWork })},
		Outcome{Key: "out_of_work", Label: text("Baan kwijt, buiten de uitkering", "Lost the job, off the benefit"), Unit: Persons,
			Doc:    "residents who lost the job found after the benefit and live on other income",
			Better: Lower, Timing: Both, Value: ints(func(s *sim.MonthStats) int { return s.OutOfWork })},
		Outcome{Key: "resistant", Label: text("Met weerstand", "Resistant"), Unit: Persons,
			Doc:    "residents on the benefit whose current kind is resistant",
			Better: Lower, Timing: Both, Value: ints(func(s *sim.MonthStats) int { return s.Resistant })},
		Outcome{Key: "moves_up", Label: text("Stappen omhoog", "Steps up"), Unit: Count,
			Doc:    "steps up the ladder this month",
			Better: Higher, Timing: Monthly, Value: ints(func(s *sim.MonthStats) int { return s.MovesUp })},
		Outcome{Key: "moves_down", Label: text("Stappen omlaag", "Steps down"), Unit: Count,
			Doc:    "steps down the ladder this month",
			Better: Lower, Timing: Monthly, Value: ints(func(s *sim.MonthStats) int { return s.MovesDown })},
		Outcome{Key: "exits_to_work", Label: text("Uitstroom naar werk", "Exits to work"), Unit: Count,
			Doc:    "exits from the benefit to work this month",
			Better: Higher, Timing: Monthly, Value: ints(func(s *sim.MonthStats) int { return s.ExitsToWork })},
		Outcome{Key: "exits_without_work", Label: text("Uitstroom zonder werk", "Exits without work"), Unit: Count,
			Doc:    "exits from the benefit without work this month, for any reason",
			Better: Lower, Timing: Monthly, Value: ints(func(s *sim.MonthStats) int { return s.ExitsWithoutWork })},
		Outcome{Key: "exits_under_pressure", Label: text("Uitstroom zonder werk onder druk", "Exits without work under pressure"), Unit: Count,
			Doc:    "exits without work this month by residents giving up the benefit under pressure",
			Better: Lower, Timing: Monthly, Value: ints(func(s *sim.MonthStats) int { return s.ExitsUnderPressure })},
		Outcome{Key: "exits_after_sanction", Label: text("Uitstroom zonder werk tijdens een sanctie", "Exits without work during a sanction"), Unit: Count,
			Doc:    "exits without work this month while a sanction ran (enforcement)",
			Better: Lower, Timing: Monthly, Value: ints(func(s *sim.MonthStats) int { return s.ExitsAfterSanction })},
		Outcome{Key: "job_losses", Label: text("Banen verloren", "Jobs lost"), Unit: Count,
			Doc:    "jobs found after the benefit lost this month",
			Better: Lower, Timing: Monthly, Value: ints(func(s *sim.MonthStats) int { return s.JobLosses })},
		Outcome{Key: "reentries_after_work", Label: text("Terug in de uitkering na baanverlies", "Back on the benefit after losing the job"), Unit: Count,
			Doc:    "returns to the benefit this month after losing the job found",
			Better: Lower, Timing: Monthly, Value: ints(func(s *sim.MonthStats) int { return s.ReentriesAfterWork })},
		Outcome{Key: "reentries_without_work", Label: text("Terug in de uitkering na uitstroom zonder werk", "Back on the benefit after leaving without work"), Unit: Count,
			Doc:    "returns to the benefit after leaving without work this month",
			Better: Neither, Timing: Monthly, Value: ints(func(s *sim.MonthStats) int { return s.ReentriesNoWork })},
		Outcome{Key: "sanctions", Label: text("Sancties", "Sanctions"), Unit: Count,
			Doc:    "sanctions given this month",
			Better: Lower, Timing: Monthly, Value: ints(func(s *sim.MonthStats) int { return s.Sanctions })},
		Outcome{Key: "sanctions_misfit", Label: text("Sancties die niet bij de belastbaarheid pasten", "Sanctions that did not fit capacity"), Unit: Count,
			Doc:    "sanctions that did not fit the resident's capacity",
			Better: Lower, Timing: Monthly, Value: ints(func(s *sim.MonthStats) int { return s.SanctionsMisfit })},
	)
	list = append(list, attitudes()...)
	list = append(list,
		Outcome{Key: "hours_used", Label: text("Uren aan contacten", "Hours of contacts"), Unit: HoursPerMonth,
			Doc:    "professional hours spent on individual contacts",
			Better: Neither, Timing: Monthly, Value: func(s *sim.MonthStats) float64 { return s.HoursUsed }},
		Outcome{Key: "hours_admin", Label: text("Uren dossierbeheer", "Hours of case administration"), Unit: HoursPerMonth,
			Doc:    "professional hours of case administration and checks",
			Better: Neither, Timing: Monthly, Value: func(s *sim.MonthStats) float64 { return s.HoursAdmin }},
		Outcome{Key: "hours_sanctions", Label: text("Uren aan sancties", "Hours on sanctions"), Unit: HoursPerMonth,
			Doc:    "professional hours spent on the team's own sanctions",
			Better: Neither, Timing: Monthly, Value: func(s *sim.MonthStats) float64 { return s.HoursSanctions }},
		Outcome{Key: "hours_collective", Label: text("Uren collectief werk", "Hours of collective work"), Unit: HoursPerMonth,
			Doc:    "professional hours of collective work and group training",
			Better: Neither, Timing: Monthly, Value: func(s *sim.MonthStats) float64 { return s.HoursCollective }},
		Outcome{Key: "hours_idle", Label: text("Onbenutte uren", "Idle hours"), Unit: HoursPerMonth,
			Doc:    "paid professional hours left unused",
			Better: Neither, Timing: Monthly, Value: func(s *sim.MonthStats) float64 { return s.HoursIdle }},
		Outcome{Key: "hours_total", Label: text("Betaalde uren", "Paid hours"), Unit: HoursPerMonth,
			Doc:    "paid professional hours (the five above add up to it)",
			Better: Neither, Timing: Monthly, Value: func(s *sim.MonthStats) float64 { return s.HoursTotal }},
		Outcome{Key: "residents_reached", Label: text("Bereikte bewoners", "Residents reached"), Unit: Persons,
			Doc:    "residents met by a professional this month",
			Better: Neither, Timing: Monthly, Value: ints(func(s *sim.MonthStats) int { return s.Reached })},
		Outcome{Key: "naleving_hours", Label: text("Uren van Naleving", "Hours of the enforcement department"), Unit: HoursPerMonth,
			Doc:    "hours of the enforcement department (Naleving)",
			Better: Neither, Timing: Monthly, Value: func(s *sim.MonthStats) float64 { return s.NalevingHours }},
		// The tegenprestatie: how often it is demanded and how many are
		// placed measure how much a policy asks, not how well residents
		// fare, so neither direction is better; a demand that finds no free
		// place and a refusal (which the sanction rules may punish) are
		// each worse the more there are.
		Outcome{Key: "demands", Label: text("Aan de verplichtingen gehouden", "Held to the obligations"), Unit: Count,
			Doc:    "residents met below the demanded rung and held to the obligations, the tegenprestatie among them",
			Better: Neither, Timing: Monthly, Value: ints(func(s *sim.MonthStats) int { return s.Demands })},
		Outcome{Key: "demands_no_place", Label: text("Gevraagd, maar geen plek vrij", "Demanded, but no place free"), Unit: Count,
			Doc:    "residents assigned a tegenprestatie for whom no place within reach was free",
			Better: Lower, Timing: Monthly, Value: ints(func(s *sim.MonthStats) int { return s.DemandsNoPlace })},
		Outcome{Key: "placements", Label: text("Geplaatst voor de tegenprestatie", "Placed for the tegenprestatie"), Unit: Count,
			Doc:    "residents placed on the rung the tegenprestatie demands",
			Better: Neither, Timing: Monthly, Value: ints(func(s *sim.MonthStats) int { return s.Placements })},
		Outcome{Key: "on_tegenprestatie", Label: text("Doet een tegenprestatie", "Doing a tegenprestatie"), Unit: Persons,
			Doc:    "residents on the benefit who hold the place they were placed on for the tegenprestatie",
			Better: Neither, Timing: Both, Value: ints(func(s *sim.MonthStats) int { return s.OnTegenprestatie })},
		Outcome{Key: "refusals", Label: text("Verplichtingen geweigerd", "Obligations refused"), Unit: Count,
			Doc:    "residents held to the obligations who refused them (only a refusal can be sanctioned)",
			Better: Lower, Timing: Monthly, Value: ints(func(s *sim.MonthStats) int { return s.Refusals })},
		Outcome{Key: "activity_places_used", Label: text("Activiteitenplekken bezet", "Activity places in use"), Unit: Places,
			Doc:    "places for organised activities in use",
			Better: Neither, Timing: Both, Value: ints(func(s *sim.MonthStats) int { return s.ActivityUsed })},
		Outcome{Key: "activity_places_free", Label: text("Activiteitenplekken vrij", "Activity places free"), Unit: Places,
			Doc:    "places for organised activities free",
			Better: Neither, Timing: Both, Value: ints(func(s *sim.MonthStats) int { return s.ActivityFree })},
		Outcome{Key: "volunteer_places_used", Label: text("Vrijwilligersplekken bezet", "Volunteer places in use"), Unit: Places,
			Doc:    "volunteer places in use",
			Better: Neither, Timing: Both, Value: ints(func(s *sim.MonthStats) int { return s.VolunteerUsed })},
		Outcome{Key: "volunteer_places_free", Label: text("Vrijwilligersplekken vrij", "Volunteer places free"), Unit: Places,
			Doc:    "volunteer places free",
			Better: Neither, Timing: Both, Value: ints(func(s *sim.MonthStats) int { return s.VolunteerFree })},
	)
	list = append(list, costs()...)
	list = append(list, totals()...)
	list = append(list, byKind()...)
	return append(list, afterExit()...)
}

// rungs declares the residents on each rung.
func rungs() []Outcome {
	var out []Outcome
	for r := 1; r <= 6; r++ {
		name := labels.Rung[r-1]
		out = append(out, Outcome{
			Key: "rung_" + strconv.Itoa(r), Label: text("Trede "+name.NL, "Rung "+name.EN), Unit: Persons,
			Doc:    "residents on rung " + strconv.Itoa(r),
			Better: Neither, Timing: Both, Value: ints(func(s *sim.MonthStats) int { return s.Rung[r-1] }),
		})
	}
	return out
}

// attitudes declares the mean and spread of the residents' state variables.
func attitudes() []Outcome {
	vars := []struct {
		key    string
		nl, en string
		doc    string
		better Better
		shown  Place
		get    func(*sim.MonthStats) sim.Moments
	}{
		{"trust", "Vertrouwen", "Trust", "trust", Higher, Table | Chart | Tradeoff | ByKind | Classroom, func(s *sim.MonthStats) sim.Moments { return s.Trust }},
		{"resistance", "Weerstand", "Resistance", "resistance", Lower, Table | Chart | Classroom, func(s *sim.MonthStats) sim.Moments { return s.Resistance }},
		{"efficacy", "Eigen kracht", "Self-efficacy", "self-efficacy", Higher, 0, func(s *sim.MonthStats) sim.Moments { return s.Efficacy }},
		{"pressure", "Ervaren druk", "Perceived pressure", "perceived pressure", Lower, Table | Chart | ByKind | Classroom, func(s *sim.MonthStats) sim.Moments { return s.Pressure }},
		{"capacity", "Belastbaarheid", "Load capacity", "load capacity", Higher, 0, func(s *sim.MonthStats) sim.Moments { return s.Capacity }},
	}
	var out []Outcome
	for _, v := range vars {
		doc := "mean " + v.doc
		if v.key == "trust" {
			doc += " of residents on the benefit"
		}
		out = append(out,
			Outcome{Key: v.key + "_mean", Label: text(v.nl, v.en), Unit: Level, Doc: doc,
				Better: v.better, Timing: Both, Shown: v.shown, Value: func(s *sim.MonthStats) float64 { return v.get(s).Mean }},
			Outcome{Key: v.key + "_sd", Label: text("Spreiding "+lower(v.nl), "Spread of "+lower(v.en)), Unit: Level, Doc: "standard deviation of " + v.doc,
				Better: Neither, Timing: Both, Value: func(s *sim.MonthStats) float64 { return v.get(s).SD }},
		)
	}
	return out
}

// costs declares the costs of the month, in both accounts.
func costs() []Outcome {
	cost := func(key, nl, en, doc string, f func(*sim.MonthStats) float64) Outcome {
		return Outcome{Key: key, Label: text(nl, en), Unit: EuroPerMonth, Doc: doc, Better: Lower, Timing: Monthly, Value: f}
	}
	return []Outcome{
		cost("cost_benefits", "Uitkeringslasten", "Benefits paid", "benefits paid this month",
			func(s *sim.MonthStats) float64 { return s.CostBenefits }),
		cost("cost_professionals", "Kosten professionals", "Cost of professionals", "all paid professional hours (idle ones included) and enforcement hours this month",
			func(s *sim.MonthStats) float64 { return s.CostProfessionals }),
		cost("cost_places", "Kosten plekken", "Cost of places", "participation places this month",
			func(s *sim.MonthStats) float64 { return s.CostPlaces }),
		cost("cost_field_workers", "Kosten economische veldwerkers", "Cost of economic field workers", "economic field workers this month",
			func(s *sim.MonthStats) float64 { return s.CostFieldWorkers }),
		cost("cost_municipality", "Kosten voor de gemeente", "Cost to the municipality", "the municipality's account this month: benefits, professionals, places and field workers",
			func(s *sim.MonthStats) float64 { return s.CostMunicipality }),
		cost("cost_elsewhere", "Kosten elders (schulden, zorg)", "Costs elsewhere (debts, care)", "costs borne elsewhere this month (debt assistance, health and care) by residents out of work after the benefit",
			func(s *sim.MonthStats) float64 { return s.CostElsewhere }),
		cost("cost_shifted", "Verschoven uitkering", "Benefit shifted", "benefit not paid this month that is shifted to other benefits or lost household income: of residents out of work after the benefit, and what running sanctions withheld",
			func(s *sim.MonthStats) float64 { return s.CostShifted }),
		cost("cost_society", "Kosten voor de samenleving", "Cost to society", "society's account this month: the municipality's account plus the costs elsewhere and the shifted benefit",
			func(s *sim.MonthStats) float64 { return s.CostSociety }),
	}
}

// totals declares the running totals since the start.
func totals() []Outcome {
	return []Outcome{
		{Key: "cum_moved_up", Label: text("Bewoners die stegen", "Residents who moved up"), Unit: Persons,
			Doc:    "distinct residents who have stepped up at least once",
			Better: Higher, Timing: Both, Shown: Table | Chart, Value: ints(func(s *sim.MonthStats) int { return s.CumMovedUp })},
		{Key: "cum_exits_to_work", Label: text("Uitstroom naar werk (totaal)", "Exits to work (total)"), Unit: Count,
			Doc:    "exits to work so far",
			Better: Higher, Timing: Both, Shown: Table | Chart | Classroom, Value: ints(func(s *sim.MonthStats) int { return s.CumExitsToWork })},
		{Key: "cum_exits_without_work", Label: text("Uitstroom zonder werk (totaal)", "Exits without work (total)"), Unit: Count,
			Doc:    "exits without work so far",
			Better: Lower, Timing: Both, Shown: Table | Chart | Tradeoff | Classroom, Value: ints(func(s *sim.MonthStats) int { return s.CumExitsNoWork })},
		{Key: "cum_sanctions", Label: text("Sancties (totaal)", "Sanctions (total)"), Unit: Count,
			Doc:    "sanctions so far",
			Better: Lower, Timing: Both, Shown: Table | Chart | Classroom, Value: ints(func(s *sim.MonthStats) int { return s.CumSanctions })},
		{Key: "cum_activation_cost", Label: text("Activeringskosten (totaal)", "Activation cost (total)"), Unit: Euro,
			Doc:    "paid professional hours, enforcement hours, places and field workers so far",
			Better: Lower, Timing: Both, Value: func(s *sim.MonthStats) float64 { return s.CumActivationCost }},
		{Key: "activation_cost_per_mover", Label: text("Activeringskosten per stijger", "Activation cost per resident who moved up"), Unit: EuroPerPerson,
			Doc:    "cum_activation_cost per resident who moved up; NA while no one has",
			Better: Lower, Timing: Both, Shown: Table, Value: func(s *sim.MonthStats) float64 { return s.ActivationCostPerMover }},
		{Key: "cum_cost_municipality", Label: text("Kosten voor de gemeente (totaal)", "Cost to the municipality (total)"), Unit: Euro,
			Doc:    "the municipality's account so far (its budget: benefits, professionals, places, field workers)",
			Better: Lower, Timing: Both, Shown: Table | Chart | Classroom, Value: func(s *sim.MonthStats) float64 { return s.CumCostMunicipality }},
		{Key: "cum_cost_society", Label: text("Kosten voor de samenleving (totaal)", "Cost to society (total)"), Unit: Euro,
			Doc:    "society's account so far: the municipality's account plus costs elsewhere and shifted benefit of those out of work after the benefit",
			Better: Lower, Timing: Both, Shown: Table | Chart | Tradeoff | Classroom, Value: func(s *sim.MonthStats) float64 { return s.CumCostSociety }},
	}
}

// byKind declares the end-of-run figures of the residents who started as
// one kind that are no monthly series (package results computes them from
// sim.KindSummary; the others share a monthly outcome's key).
func byKind() []Outcome {
	end := func(key, nl, en string, unit Unit, doc string, better Better, shown Place) Outcome {
		return Outcome{Key: key, Label: text(nl, en), Unit: unit, Doc: doc, Better: better, Timing: End, Shown: shown}
	}
	return []Outcome{
		end("residents", "Bewoners", "Residents", Persons, "residents who started as this kind", Neither, 0),
		end("share_moved_up", "Aandeel dat steeg", "Share who moved up", Share, "share who stepped up at least once", Higher, ByKind),
		end("share_switched_kind", "Aandeel dat van soort wisselde", "Share who switched kind", Share, "share whose kind at the end differs from the kind at the start", Neither, 0),
		end("exits_to_work_per_resident", "Uitstroom naar werk per bewoner", "Exits to work per resident", Count, "exits to work per resident", Higher, ByKind),
		end("exits_without_work_per_resident", "Uitstroom zonder werk per bewoner", "Exits without work per resident", Count, "exits without work per resident", Lower, ByKind),
		end("sanctions_per_resident", "Sancties per bewoner", "Sanctions per resident", Count, "sanctions per resident", Lower, ByKind),
		end("benefit_paid_per_resident", "Uitkering per bewoner", "Benefit paid per resident", Euro, "benefit paid per resident over the run", Neither, 0),
		end("hours_received_per_resident", "Ontvangen uren per bewoner", "Hours received per resident", Hours, "professional hours of contact per resident over the run", Neither, ByKind),
	}
}

// afterExit declares what became of those who left the benefit (package
// results computes them from sim.AfterExit): the share of the exits to work
// in work and back on the benefit some months later, and the share of the
// exits back on the benefit within some months, by route out.
func afterExit() []Outcome {
	var out []Outcome
	for _, m := range sim.FollowMonths {
		n := strconv.Itoa(m)
		out = append(out,
			Outcome{Key: "work_in_work_" + n + "m", Label: text("Uitstroom naar werk: na "+n+" maanden aan het werk", "Exits to work: in work after "+n+" months"),
				Unit: Share, Doc: "share of the exits to work followed " + n + " months that are in work then", Better: Higher, Timing: End},
			Outcome{Key: "work_back_on_benefit_" + n + "m", Label: text("Uitstroom naar werk: na "+n+" maanden terug in de uitkering", "Exits to work: back on the benefit after "+n+" months"),
				Unit: Share, Doc: "share of the exits to work followed " + n + " months that are back on the benefit then", Better: Lower, Timing: End},
		)
	}
	routes := []struct {
		key    string
		nl, en string
		better Better
	}{
		{"all", "alle uitstroom", "all exits", Neither},
		{"work", "uitstroom naar werk", "exits to work", Lower},
		{"without_work", "uitstroom zonder werk", "exits without work", Neither},
		{"pushed", "uitstroom onder druk of handhaving", "exits under pressure or enforcement", Neither},
	}
	for _, m := range sim.ReturnMonths {
		n := strconv.Itoa(m)
		for _, r := range routes {
			out = append(out, Outcome{Key: "reentry_" + n + "m_" + r.key,
				Label: text("Terug in de uitkering binnen "+n+" maanden: "+r.nl, "Back on the benefit within "+n+" months: "+r.en),
				Unit:  Share, Doc: "share of " + r.en + " followed " + n + " months that came back on the benefit within them", Better: r.better, Timing: End})
		}
	}
	return out
}

func text(nl, en string) labels.Text { return labels.Text{NL: nl, EN: en} }

// ints reads a whole-number statistic as a float64.
func ints(f func(*sim.MonthStats) int) func(*sim.MonthStats) float64 {
	return func(s *sim.MonthStats) float64 { return float64(f(s)) }
}

func lower(s string) string {
	if s == "" {
		return s
	}
	b := []byte(s)
	if b[0] >= 'A' && b[0] <= 'Z' {
		b[0] += 'a' - 'A'
	}
	return string(b)
}

// Registry is a list of outcomes: the built-in ones (Builtin) and, when
// outcome files are loaded (With, Load), the outcomes they define. A
// registry never changes once made; With returns a new one. The methods
// accept a nil *Registry as the built-in registry.
type Registry struct {
	list  []Outcome
	index map[string]int
	files []File
}

var builtin = sync.OnceValue(func() *Registry {
	list := declarations()
	if err := Check(list); err != nil {
		panic("outcomes: " + err.Error())
	}
	return newRegistry(list, nil)
})

func newRegistry(list []Outcome, files []File) *Registry {
	r := &Registry{list: list, index: make(map[string]int, len(list)), files: files}
	for i, o := range list {
		r.index[o.Key] = i
	}
	return r
}

// Builtin returns the registry of the built-in outcomes.
func Builtin() *Registry { return builtin() }

func (r *Registry) or() *Registry {
	if r == nil {
		return builtin()
	}
	return r
}

// Files returns the outcome files the registry adds to the built-in
// outcomes, in the order loaded.
func (r *Registry) Files() []File { return append([]File(nil), r.or().files...) }

// Custom reports whether the registry holds outcomes from files.
func (r *Registry) Custom() bool { return len(r.or().files) > 0 }

// Check reports the first declaration in list that lacks a key, a label in
// either language, a unit, a better direction or a timing, that has a key
// twice, or whose Value is missing for a monthly series or set for an
// end-of-run figure.
func Check(list []Outcome) error {
	seen := map[string]bool{}
	for i, o := range list {
		what := fmt.Sprintf("outcome %d (%q)", i, o.Key)
		switch {
		case o.Key == "":
			return fmt.Errorf("%s: no key", what)
		case seen[o.Key]:
			return fmt.Errorf("%s: key declared twice; allowed: each key once", what)
		case o.Label.NL == "" || o.Label.EN == "":
			return fmt.Errorf("%s: label missing in Dutch or English", what)
		case o.Unit.Key == "" || o.Unit.Name.NL == "" || o.Unit.Name.EN == "":
			return fmt.Errorf("%s: no unit (with its Dutch and English name)", what)
		case o.Better.String() == "":
			return fmt.Errorf("%s: no better direction; allowed: Higher, Lower or Neither", what)
		case o.Timing.String() == "":
			return fmt.Errorf("%s: timing %d; allowed: Monthly, End or Both", what, o.Timing)
		case o.Timing&Monthly != 0 && o.Value == nil && o.Derive == nil:
			return fmt.Errorf("%s: a monthly series without a Value", what)
		case o.Timing&Monthly == 0 && o.Value != nil:
			return fmt.Errorf("%s: an end-of-run figure with a Value; allowed: Value only for a monthly series", what)
		case o.In(Tradeoff) && o.Better == Neither:
			return fmt.Errorf("%s: in the trade-off view without a better direction; allowed: Higher or Lower", what)
		case o.In(Table|Chart|Tradeoff|Classroom) && o.Timing&Monthly == 0:
			return fmt.Errorf("%s: shown in tables, charts or the classroom, which read monthly series, but no monthly series", what)
		}
		seen[o.Key] = true
	}
	return nil
}

// All returns every outcome: the monthly series in the column order of
// monthly.csv, then the figures of the end of the run, then the outcomes of
// files.
func (r *Registry) All() []Outcome { return append([]Outcome(nil), r.or().list...) }

// Lookup returns the outcome with the given key.
func (r *Registry) Lookup(key string) (Outcome, bool) {
	r = r.or()
	i, ok := r.index[key]
	if !ok {
		return Outcome{}, false
	}
	return r.list[i], true
}

// Series returns the monthly series, in the column order of monthly.csv:
// the built-in ones, then those of files.
func (r *Registry) Series() []Outcome {
	var out []Outcome
	for _, o := range r.or().list {
		if o.Timing&Monthly != 0 {
			out = append(out, o)
		}
	}
	return out
}

// SeriesKeys returns the keys of the monthly series, in column order.
func (r *Registry) SeriesKeys() []string { return keys(r.Series()) }

// Shown returns the outcomes shown at place p, in registry order.
func (r *Registry) Shown(p Place) []Outcome {
	var out []Outcome
	for _, o := range r.or().list {
		if o.In(p) {
			out = append(out, o)
		}
	}
	return out
}

// ShownKeys returns the keys of the outcomes shown at place p.
func (r *Registry) ShownKeys(p Place) []string { return keys(r.Shown(p)) }

// Title returns the label of the outcome key in lang without its unit; an
// unknown key is returned as it is.
func (r *Registry) Title(key, lang string) string {
	if o, ok := r.Lookup(key); ok {
		return o.Title(lang)
	}
	return key
}

// Label returns the label of the outcome key in lang with its unit, for
// example "Trust (level 0-1)"; an unknown key is returned as it is.
func (r *Registry) Label(key, lang string) string {
	if o, ok := r.Lookup(key); ok {
		return o.LabelWithUnit(lang)
	}
	return key
}

// DirectionOf returns which direction of the outcome key is better; Neither
// for an unknown key.
func (r *Registry) DirectionOf(key string) Better {
	if o, ok := r.Lookup(key); ok {
		return o.Better
	}
	return Neither
}

func keys(list []Outcome) []string {
	out := make([]string, len(list))
	for i, o := range list {
		out[i] = o.Key
	}
	return out
}

// The functions below read the built-in registry.

// All returns every built-in outcome (Registry.All).
func All() []Outcome { return builtin().All() }

// Lookup returns the built-in outcome with the given key.
func Lookup(key string) (Outcome, bool) { return builtin().Lookup(key) }

// Series returns the built-in monthly series, in the column order of
// monthly.csv.
func Series() []Outcome { return builtin().Series() }

// SeriesKeys returns the keys of the built-in monthly series.
func SeriesKeys() []string { return builtin().SeriesKeys() }

// Shown returns the built-in outcomes shown at place p.
func Shown(p Place) []Outcome { return builtin().Shown(p) }

// ShownKeys returns the keys of the built-in outcomes shown at place p.
func ShownKeys(p Place) []string { return builtin().ShownKeys(p) }

// Title returns the label of the built-in outcome key in lang.
func Title(key, lang string) string { return builtin().Title(key, lang) }

// Label returns the label of the built-in outcome key in lang with its unit.
func Label(key, lang string) string { return builtin().Label(key, lang) }

// DirectionOf returns which direction of the built-in outcome key is better.
func DirectionOf(key string) Better { return builtin().DirectionOf(key) }
