package plots

import (
	"fmt"

	"github.com/wijksim/wijksim/labels"
	"github.com/wijksim/wijksim/outcomes"
)

// TrajectoryOutcomes returns the outcomes drawn month by month, one chart
// each: the registry's outcomes shown on charts.
func TrajectoryOutcomes() []string { return outcomes.ShownKeys(outcomes.Chart) }

// EndOutcomes returns the outcomes drawn at the end of the run as bars with
// their paired differences: the outcomes of the terminal and report tables.
func EndOutcomes() []string { return outcomes.ShownKeys(outcomes.Table) }

// KindMetrics returns the by-kind metrics drawn per kind of resident: who
// gains (moved up, exits to work, trust) and who pays (exits without work,
// sanctions, pressure).
func KindMetrics() []string { return outcomes.ShownKeys(outcomes.ByKind) }

// HeatmapOutcomes returns the outcomes drawn over two swept parameters: the
// outcomes of the trade-off view.
func HeatmapOutcomes() []string { return outcomes.ShownKeys(outcomes.Tradeoff) }

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
	return append(append(out, LeftWithoutWork, OutOfWork), TrajectoryOutcomes()...)
}

// OutcomeTitle returns the name of an outcome without its unit, in lang.
func OutcomeTitle(name, lang string) string { return outcomes.Title(name, lang) }

// OutcomeLabel returns the name of an outcome with its unit, in lang.
func OutcomeLabel(name, lang string) string { return outcomes.Label(name, lang) }

// KindName returns the display name of a kind of resident.
func KindName(kind, lang string) string {
	if t, ok := labels.Kind[kind]; ok {
		return t.In(lang)
	}
	return kind
}

// The methods below read the outcome registry of the results folder: the
// built-in outcomes and those of the outcome files its manifest records.

// TrajectoryOutcomes returns the outcomes of r drawn month by month.
func (r *Results) TrajectoryOutcomes() []string { return r.Outcomes.ShownKeys(outcomes.Chart) }

// EndOutcomes returns the outcomes of r drawn at the end of the run.
func (r *Results) EndOutcomes() []string { return r.Outcomes.ShownKeys(outcomes.Table) }

// HeatmapOutcomes returns the outcomes of r drawn over two swept parameters.
func (r *Results) HeatmapOutcomes() []string { return r.Outcomes.ShownKeys(outcomes.Tradeoff) }

// OutcomeTitle returns the name of an outcome of r without its unit, in lang.
func (r *Results) OutcomeTitle(name, lang string) string { return r.Outcomes.Title(name, lang) }

// OutcomeLabel returns the name of an outcome of r with its unit, in lang.
func (r *Results) OutcomeLabel(name, lang string) string { return r.Outcomes.Label(name, lang) }

// seriesOutcomesOf are the monthly outcomes of reg that any chart uses.
func seriesOutcomesOf(reg *outcomes.Registry) []string {
	var out []string
	for r := 1; r <= 6; r++ {
		out = append(out, rungOutcome(r))
	}
	return append(append(out, LeftWithoutWork, OutOfWork), reg.ShownKeys(outcomes.Chart)...)
}
