package outcomes

import (
	"strings"

	"github.com/wijksim/wijksim/labels"
	"github.com/wijksim/wijksim/sim"
)

// Better says which direction of an outcome is better. The zero value is
// no direction at all, which no declaration may keep: every outcome says
// Higher, Lower or Neither.
type Better int

// The directions.
const (
	// Higher: more is better (exits to work, trust).
	Higher Better = iota + 1
	// Lower: less is better (exits without work, sanctions, pressure, costs).
	Lower
	// Neither: a description with no better direction (the rung counts,
	// hours, places).
	Neither
)

// String returns "higher", "lower" or "neither" ("" for the zero value).
func (b Better) String() string {
	switch b {
	case Higher:
		return "higher"
	case Lower:
		return "lower"
	case Neither:
		return "neither"
	}
	return ""
}

// Text returns the direction in words, in lang.
func (b Better) Text(lang string) string {
	switch b {
	case Higher:
		return labels.Text{NL: "hoger is beter", EN: "higher is better"}.In(lang)
	case Lower:
		return labels.Text{NL: "lager is beter", EN: "lower is better"}.In(lang)
	case Neither:
		return labels.Text{NL: "geen richting beter", EN: "neither is better"}.In(lang)
	}
	return ""
}

// Judge says whether a change d of an outcome is an improvement (+1), a
// deterioration (-1) or neither (0, also for an outcome without a better
// direction and for d = 0 or NaN).
func (b Better) Judge(d float64) int {
	switch {
	case b == Higher && d > 0, b == Lower && d < 0:
		return 1
	case b == Higher && d < 0, b == Lower && d > 0:
		return -1
	}
	return 0
}

// Timing says when an outcome is measured.
type Timing int

// The timings; Both is Monthly and End.
const (
	// Monthly outcomes are a monthly series, columns of monthly.csv, whose
	// value in the last month is no summary of the run (a count of this
	// month's events, this month's hours or costs).
	Monthly Timing = 1 << iota
	// End outcomes are figures of the end of the run (summary.json).
	End
	// Both: a monthly series whose value at the end sums up the run (a
	// stock, a mean, a running total).
	Both = Monthly | End
)

// String returns "monthly", "end" or "both".
func (t Timing) String() string {
	switch t {
	case Monthly:
		return "monthly"
	case End:
		return "end"
	case Both:
		return "both"
	}
	return ""
}

// Place is a set of places where an outcome is shown by default.
type Place int

// The places.
const (
	// Table: the end-of-run tables of run and compare in the terminal, and
	// the report's tables and bars of the end.
	Table Place = 1 << iota
	// Chart: a chart month by month (wijksim plot, the report).
	Chart
	// Tradeoff: the trade-off view, weighed against each other, and the
	// heatmaps over two swept parameters.
	Tradeoff
	// ByKind: the split by kind of resident (who gains, who pays).
	ByKind
	// Classroom: a chart on the classroom page (wijksim serve).
	Classroom
)

// places names the places, in the order of the bits.
var places = []string{"table", "chart", "tradeoff", "by-kind", "classroom"}

// String lists the places, comma-separated, for example "table,chart".
func (p Place) String() string {
	var out []string
	for i, name := range places {
		if p&(1<<i) != 0 {
			out = append(out, name)
		}
	}
	return strings.Join(out, ",")
}

// Unit is the unit of an outcome: a short key, as in the CSV
// documentation, and its name in Dutch and English for labels.
type Unit struct {
	Key  string
	Name labels.Text
}

// The units of wijksim's outcomes. Residents are persons; events
// (sanctions, moves, exits, job losses, demands, placements, refusals) are
// counts.
var (
	Persons       = Unit{"persons", labels.Text{NL: "personen", EN: "persons"}}
	Count         = Unit{"count", labels.Text{NL: "aantal", EN: "count"}}
	Share         = Unit{"share", labels.Text{NL: "aandeel", EN: "share"}}
	Level         = Unit{"level 0-1", labels.Text{NL: "niveau 0-1", EN: "level 0-1"}}
	Places        = Unit{"places", labels.Text{NL: "plekken", EN: "places"}}
	HoursPerMonth = Unit{"hours/month", labels.Text{NL: "uren per maand", EN: "hours per month"}}
	Euro          = Unit{"euro", labels.Text{NL: "euro", EN: "euro"}}
	EuroPerMonth  = Unit{"euro/month", labels.Text{NL: "euro per maand", EN: "euro per month"}}
	EuroPerPerson = Unit{"euro/person", labels.Text{NL: "euro per persoon", EN: "euro per person"}}
	Hours         = Unit{"hours", labels.Text{NL: "uren", EN: "hours"}}
)

// Outcome declares one outcome.
type Outcome struct {
	// Key is the outcome's name in files and on the command line, for
	// example "cum_exits_to_work".
	Key string
	// Label names the outcome for people, without its unit.
	Label labels.Text
	Unit  Unit
	// Doc says in a line what the outcome counts (English).
	Doc    string
	Better Better
	Timing Timing
	// Shown is where the outcome is shown by default.
	Shown Place
	// Value reads a monthly outcome from a month's statistics; nil for an
	// outcome that is only an end-of-run figure, and for an outcome of a
	// file, whose series Derive computes.
	Value func(*sim.MonthStats) float64
	// Expr is the expression of an outcome defined in an outcome file, and
	// Source that file; both empty for a built-in outcome.
	Expr   string
	Source string
	// Derive computes an outcome of a file from a run's monthly
	// statistics, one value for each month; nil for a built-in outcome.
	Derive func(stats []sim.MonthStats) []float64
}

// Integer reports whether the outcome's values are whole numbers: counts of
// persons, events or places, written without a decimal point.
func (o Outcome) Integer() bool {
	return o.Derive == nil && (o.Unit == Persons || o.Unit == Count || o.Unit == Places)
}

// In reports whether the outcome is shown at place p.
func (o Outcome) In(p Place) bool { return o.Shown&p != 0 }

// Title returns the label in lang, without the unit.
func (o Outcome) Title(lang string) string { return o.Label.In(lang) }

// LabelWithUnit returns the label in lang with its unit, for example
// "Trust (level 0-1)".
func (o Outcome) LabelWithUnit(lang string) string {
	return o.Label.In(lang) + " (" + o.Unit.Name.In(lang) + ")"
}
