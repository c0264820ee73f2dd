package report

import (
	"math"
	"strconv"
	"strings"

	"github.com/wijksim/wijksim/experiment"
	"github.com/wijksim/wijksim/outcomes"
)

// num writes x with about three significant digits, large values as 12.3k
// and 1.23M, and a missing value as a dash.
func num(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	a := math.Abs(x)
	var s string
	switch {
	case a >= 1e6:
		s = strconv.FormatFloat(x/1e6, 'f', 2, 64) + "M"
	case a >= 1e4:
		s = strconv.FormatFloat(x/1e3, 'f', 1, 64) + "k"
	case a >= 100:
		s = strconv.FormatFloat(x, 'f', 0, 64)
	case a >= 10:
		s = strconv.FormatFloat(x, 'f', 1, 64)
	case a >= 1:
		s = strconv.FormatFloat(x, 'f', 2, 64)
	default:
		s = strconv.FormatFloat(x, 'f', 3, 64)
	}
	return strings.Replace(s, "-", "−", 1)
}

// cell is one table cell: a value and, under it, its interval.
type cell struct {
	Value, Interval string
	// Clear marks a difference whose interval excludes zero; Judge says
	// whether it is better (+1) or worse (-1) by the outcome's direction,
	// or neither (0: the outcome has no better direction).
	Clear bool
	Judge int
}

// Class is the cell's class in the page: "better", "worse" or "clear" for
// a clear difference, "" for anything else.
func (c cell) Class() string {
	switch {
	case !c.Clear:
		return ""
	case c.Judge > 0:
		return "better"
	case c.Judge < 0:
		return "worse"
	}
	return "clear"
}

// estimateCell writes an estimate of outcome o as its mean over its
// interval, in the outcome's unit and to one precision
// (outcomes.Outcome.FormatParts), with a typographic minus.
func estimateCell(o outcomes.Outcome, e experiment.Estimate) cell {
	if math.IsNaN(e.Mean) {
		return cell{Value: "–"}
	}
	v, iv := o.FormatParts(e.Mean, e.Lo, e.Hi, false)
	return cell{Value: minus(v), Interval: minus(iv)}
}

// diffCell writes a paired difference of outcome o, marked * when clear
// and judged better or worse by the outcome's direction.
func diffCell(o outcomes.Outcome, e experiment.Estimate) cell {
	if math.IsNaN(e.Mean) {
		return cell{Value: "–"}
	}
	v, iv := o.FormatParts(e.Mean, e.Lo, e.Hi, true)
	c := cell{Value: minus(v), Interval: minus(iv), Clear: e.Clear(), Judge: o.Better.Judge(e.Mean)}
	if c.Clear {
		c.Value += " *"
	}
	return c
}

// minus writes the minus signs of s as the typographic minus.
func minus(s string) string { return strings.ReplaceAll(s, "-", "−") }
