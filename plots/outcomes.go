package plots

import (
	"fmt"

	"github.com/wijksim/wijksim/experiment"
	"github.com/wijksim/wijksim/labels"
)

// TrajectoryOutcomes are the outcomes drawn month by month, one chart each.
var TrajectoryOutcomes = []string{
	"share_rung_3_plus", "cum_moved_up", "cum_exits_to_work", "cum_exits_without_work",
	"cum_sanctions", "trust_mean", "resistance_mean", "pressure_mean", "cum_cost_society",
}

// EndOutcomes are the outcomes drawn at the end of the run as bars with
// their paired differences: the outcomes of the comparison table.
var EndOutcomes = experiment.TableOutcomes

// KindMetrics are the by-kind metrics drawn per kind of resident: who gains
// (moved up, exits to work, trust) and who pays (exits without work,
// sanctions, pressure).
var KindMetrics = []string{
	"share_moved_up", "exits_to_work_per_resident", "exits_without_work_per_resident",
	"sanctions_per_resident", "trust_mean", "pressure_mean", "hours_received_per_resident",
}

// HeatmapOutcomes are the outcomes drawn over two swept parameters.
var HeatmapOutcomes = []string{"share_rung_3_plus", "trust_mean", "cum_exits_without_work", "cum_cost_society"}

// LeftWithoutWork and OutOfWork are the outcomes stacked above the six rungs
// in the ladder chart (those who left the benefit without work, and those
// who lost the job they left it for), so that the areas add up to everyone
// who was ever on the benefit.
const (
	LeftWithoutWork = "left_without_work"
	OutOfWork       = "out_of_work"
)

// rungOutcome is the column of residents on rung r (1 to 6).
func rungOutcome(r int) string { return fmt.Sprintf("rung_%d", r) }

// seriesOutcomes are the monthly outcomes any chart uses.
func seriesOutcomes() []string {
	var out []string
	for r := 1; r <= 6; r++ {
		out = append(out, rungOutcome(r))
	}
	return append(append(out, LeftWithoutWork, OutOfWork), TrajectoryOutcomes...)
}

// moreOutcomes labels the by-kind metrics that labels.Outcomes does not
// name, in the same form.
var moreOutcomes = map[string]labels.Outcome{
	"residents":                       {Label: labels.Text{NL: "Bewoners", EN: "Residents"}, Unit: labels.Text{NL: "personen", EN: "persons"}},
	"share_switched_kind":             {Label: labels.Text{NL: "Aandeel dat van soort wisselde", EN: "Share who switched kind"}, Unit: labels.Text{NL: "aandeel", EN: "share"}},
	"exits_to_work_per_resident":      {Label: labels.Text{NL: "Uitstroom naar werk per bewoner", EN: "Exits to work per resident"}, Unit: labels.Text{NL: "per bewoner", EN: "per resident"}},
	"exits_without_work_per_resident": {Label: labels.Text{NL: "Uitstroom zonder werk per bewoner", EN: "Exits without work per resident"}, Unit: labels.Text{NL: "per bewoner", EN: "per resident"}},
	"hours_received_per_resident":     {Label: labels.Text{NL: "Ontvangen uren per bewoner", EN: "Hours received per resident"}, Unit: labels.Text{NL: "uren per bewoner", EN: "hours per resident"}},
}

// outcomeInfo returns the label and unit of an outcome, from labels first.
func outcomeInfo(name string) (labels.Outcome, bool) {
	if o, ok := labels.Outcomes[name]; ok {
		return o, true
	}
	o, ok := moreOutcomes[name]
	return o, ok
}

// OutcomeTitle returns the name of an outcome without its unit, in lang.
func OutcomeTitle(name, lang string) string {
	if o, ok := outcomeInfo(name); ok {
		return o.Label.In(lang)
	}
	return name
}

// OutcomeLabel returns the name of an outcome with its unit, in lang, as
// labels.OutcomeLabel does, also for the by-kind metrics.
func OutcomeLabel(name, lang string) string {
	if o, ok := outcomeInfo(name); ok {
		return o.Label.In(lang) + " (" + o.Unit.In(lang) + ")"
	}
	return name
}

// KindName returns the display name of a kind of resident.
func KindName(kind, lang string) string {
	if t, ok := labels.Kind[kind]; ok {
		return t.In(lang)
	}
	return kind
}
