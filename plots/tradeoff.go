package plots

import (
	"image/color"

	"github.com/wijksim/wijksim/experiment"
	"github.com/wijksim/wijksim/outcomes"
)

// TradeoffAxis is one outcome of the trade-off view and its direction.
type TradeoffAxis struct {
	Outcome string
	// Label is the outcome with its unit and its direction.
	Label          string
	HigherIsBetter bool
}

// TradeoffAxes returns the outcomes weighed against each other, with the
// direction that is better from the outcome registry: more residents on
// rung 3 or higher and more trust are better; fewer exits without work and
// a lower cost to society are better. The cost is society's account, which
// counts an exit without work as no saving.
func TradeoffAxes() []TradeoffAxis { return tradeoffAxes(nil) }

// tradeoffAxes are the trade-off axes of the outcomes of reg: the built-in
// ones and those of outcome files shown in the trade-off view.
func tradeoffAxes(reg *outcomes.Registry) []TradeoffAxis {
	var axes []TradeoffAxis
	for _, o := range reg.Shown(outcomes.Tradeoff) {
		axes = append(axes, TradeoffAxis{Outcome: o.Key, HigherIsBetter: o.Better == outcomes.Higher})
	}
	return axes
}

// TradeoffChart sets the first axis against each of the others, one panel
// each, a point per policy with its 95% intervals; policies on the Pareto
// front are filled.
type TradeoffChart struct {
	Title, Subtitle string
	// FrontLabel and BeatenLabel explain filled and hollow points.
	FrontLabel, BeatenLabel string
	Axes                    []TradeoffAxis
	Points                  []TradeoffPoint
}

// TradeoffPoint is one policy in the trade-off view.
type TradeoffPoint struct {
	Policy string
	Label  string
	Colour color.NRGBA
	// Values holds the estimate on each axis, in the order of Axes.
	Values []experiment.Estimate
	// Front is true when no other policy is at least as good on every axis
	// and better on one.
	Front bool
}

// Name implements Chart.
func (t *TradeoffChart) Name() string { return "tradeoff" }

// Heading implements Chart.
func (t *TradeoffChart) Heading() string { return t.Title }

// BuildTradeoff builds the trade-off view on TradeoffAxes; nil with fewer
// than two policies.
func BuildTradeoff(res *Results, lang string) *TradeoffChart {
	if len(res.Policies) < 2 {
		return nil
	}
	t := &TradeoffChart{
		Title:       tr("tradeoff", lang, res.Months),
		Subtitle:    barNote(res, lang) + ". " + tr("tradeoff.note", lang),
		FrontLabel:  tr("front", lang),
		BeatenLabel: tr("dominated", lang),
	}
	for _, a := range tradeoffAxes(res.Outcomes) {
		dir := tr("better.lower", lang)
		if a.HigherIsBetter {
			dir = tr("better.higher", lang)
		}
		a.Label = res.OutcomeLabel(a.Outcome, lang) + ", " + dir
		t.Axes = append(t.Axes, a)
	}
	var values [][]float64
	for _, pol := range res.Policies {
		name, colour := policyStyle(pol, lang)
		p := TradeoffPoint{Policy: pol, Label: name, Colour: colour}
		means := make([]float64, len(t.Axes))
		for i, a := range t.Axes {
			e := res.End[pol].get(a.Outcome)
			p.Values = append(p.Values, e)
			means[i] = e.Mean
		}
		values = append(values, means)
		t.Points = append(t.Points, p)
	}
	for i, front := range Pareto(values, t.HigherIsBetter()) {
		t.Points[i].Front = front
	}
	return t
}

// HigherIsBetter reports, for each axis of the view, whether a higher
// value is better: the directions Pareto takes.
func (t *TradeoffChart) HigherIsBetter() []bool {
	higher := make([]bool, len(t.Axes))
	for i, a := range t.Axes {
		higher[i] = a.HigherIsBetter
	}
	return higher
}

// Pareto reports, for each row of values (one alternative, one value per
// axis), whether it is on the Pareto front: no other row is at least as
// good on every axis and strictly better on one. higherIsBetter gives each
// axis's direction. A NaN value is never at least as good as another, so a
// row with a NaN can neither beat nor be beaten on that axis.
func Pareto(values [][]float64, higherIsBetter []bool) []bool {
	front := make([]bool, len(values))
	for i := range values {
		front[i] = true
		for j := range values {
			if i != j && dominates(values[j], values[i], higherIsBetter) {
				front[i] = false
				break
			}
		}
	}
	return front
}

// dominates reports whether a is at least as good as b on every axis and
// better on at least one.
func dominates(a, b []float64, higherIsBetter []bool) bool {
	better := false
	for k := range a {
		x, y := a[k], b[k]
		if !higherIsBetter[k] {
			x, y = -x, -y
		}
		if !(x >= y) { // also false for NaN
			return false
		}
		if x > y {
			better = true
		}
	}
	return better
}
