package plots

import (
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/wijksim/wijksim/experiment"
	"github.com/wijksim/wijksim/labels"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

// PointsChart is one outcome at the end of the run for each point of a
// sweep's design, instead of pooled over the design: small multiples, one
// panel per combination of the other parameters, with one parameter along
// each panel's x axis (or, for a one-at-a-time design, one panel per
// parameter), a line per policy through its means with their 95% intervals
// over the point's replicates. A policy's mean is filled where its paired
// difference from the baseline is clear at that point, open where not.
type PointsChart struct {
	Outcome         string
	Title, Subtitle string
	// YLabel is the outcome with its unit, shared by the panels.
	YLabel string
	// FilledLabel and OpenLabel explain the marks in the legend.
	FilledLabel, OpenLabel string
	Panels                 []PointsPanel
}

// PointsPanel is one panel: the design points that differ only in the
// parameter along its x axis.
type PointsPanel struct {
	Title string
	// XLabel names the parameter along the x axis, XTicks its values at
	// the positions 0, 1, ...
	XLabel string
	XTicks []string
	Lines  []PointsLine
}

// PointsLine is one policy's means at the panel's points.
type PointsLine struct {
	Policy, Label string
	Colour        color.NRGBA
	// X are positions (indices into XTicks); Mean, Lo and Hi the estimate
	// at each; Clear whether its paired difference from the baseline
	// excludes 0 (always true for the baseline).
	X, Mean, Lo, Hi []float64
	Clear           []bool
}

// Name implements Chart.
func (c *PointsChart) Name() string { return "points-" + c.Outcome }

// Heading implements Chart.
func (c *PointsChart) Heading() string { return c.Title }

// maxPointPanels is the most panels a chart per design point has; a design
// with more combinations is left to the heatmaps.
const maxPointPanels = 12

// pointFacet is a panel of design points: indices into Results.Points
// with their x positions.
type pointFacet struct {
	title, xlabel string
	xticks        []string
	points, xs    []int
}

// BuildPoints builds the chart of outcome per design point; nil unless res
// is a sweep over two or more chosen points (Results.PerPoint), or when no
// point has the outcome. missing says why a design gets no such chart.
func BuildPoints(res *Results, outcome, lang string) (c *PointsChart, missing string) {
	if !res.PerPoint() {
		return nil, ""
	}
	facets := pointFacets(res, lang)
	if len(facets) > maxPointPanels {
		return nil, tr("no.points", lang, len(facets), maxPointPanels)
	}
	reps := res.Replicates
	if res.Manifest != nil && res.Manifest.Replicates > 0 {
		reps = res.Manifest.Replicates
	}
	base := policyName(res.Baseline, lang)
	c = &PointsChart{
		Outcome:     outcome,
		Title:       tr("points", lang, res.OutcomeTitle(outcome, lang), res.Months),
		Subtitle:    tr("points.note", lang, reps, base),
		YLabel:      res.OutcomeLabel(outcome, lang),
		FilledLabel: tr("points.clear", lang, base),
		OpenLabel:   tr("points.unclear", lang),
	}
	any := false
	for _, f := range facets {
		pn := PointsPanel{Title: f.title, XLabel: f.xlabel, XTicks: f.xticks}
		for _, pol := range res.Policies {
			name, colour := policyStyle(pol, lang)
			ln := PointsLine{Policy: pol, Label: name, Colour: colour}
			for k, pi := range f.points {
				pt := &res.Points[pi]
				e, ok := pt.End[pol][outcome]
				if !ok || math.IsNaN(e.Mean) {
					continue
				}
				any = true
				clear := pol == res.Baseline
				if d, ok := pt.Diff[pol][outcome]; ok && !clear {
					clear = d.Clear()
				}
				ln.X = append(ln.X, float64(f.xs[k]))
				ln.Mean, ln.Lo, ln.Hi = append(ln.Mean, e.Mean), append(ln.Lo, e.Lo), append(ln.Hi, e.Hi)
				ln.Clear = append(ln.Clear, clear)
			}
			pn.Lines = append(pn.Lines, ln)
		}
		c.Panels = append(c.Panels, pn)
	}
	if !any {
		return nil, ""
	}
	return c, ""
}

// pointFacets lays out the design points in panels: for a design over
// scenarios, one panel with a scenario per position; for one factor at a
// time, a panel per varied parameter through the base point; otherwise the
// varied parameter with the most levels along x and a panel per
// combination of the others.
func pointFacets(res *Results, lang string) []pointFacet {
	pts := res.Points
	factors := res.Sweep.Factors
	var varied []int
	for i := range factors {
		vals := map[float64]bool{}
		for _, p := range pts {
			if i < len(p.Values) {
				vals[p.Values[i]] = true
			}
		}
		if len(vals) >= 2 {
			varied = append(varied, i)
		}
	}
	if len(varied) == 0 {
		f := pointFacet{xlabel: tr("points.scenario", lang)}
		for i, p := range pts {
			f.points = append(f.points, i)
			f.xs = append(f.xs, i)
			f.xticks = append(f.xticks, p.Scenario)
		}
		return []pointFacet{f}
	}
	if res.Sweep.Design == experiment.DesignOneAtATime {
		var out []pointFacet
		base := pts[0].Values
		for _, v := range varied {
			var members []int
			for i, p := range pts {
				if sameExcept(p.Values, base, v) {
					members = append(members, i)
				}
			}
			out = append(out, axisFacet(res, members, v, "", lang))
		}
		return out
	}
	x := varied[0]
	for _, v := range varied[1:] {
		if levels(pts, v) > levels(pts, x) {
			x = v
		}
	}
	var keys []string
	groups := map[string][]int{}
	titles := map[string]string{}
	for i, p := range pts {
		var parts []string
		for _, v := range varied {
			if v != x {
				parts = append(parts, labels.ParamLabel(factors[v], lang)+" = "+factorValue(factors[v], p.Values[v], lang))
			}
		}
		key := strings.Join(parts, " · ")
		if _, seen := groups[key]; !seen {
			keys = append(keys, key)
			titles[key] = key
		}
		groups[key] = append(groups[key], i)
	}
	out := make([]pointFacet, 0, len(keys))
	for _, key := range keys {
		out = append(out, axisFacet(res, groups[key], x, titles[key], lang))
	}
	return out
}

// axisFacet is a panel of the points members with parameter v along x.
func axisFacet(res *Results, members []int, v int, title, lang string) pointFacet {
	key := res.Sweep.Factors[v]
	var vals []float64
	for _, i := range members {
		vals = append(vals, res.Points[i].Values[v])
	}
	slices.Sort(vals)
	vals = slices.Compact(vals)
	f := pointFacet{title: title, xlabel: labels.ParamLabel(key, lang)}
	for _, val := range vals {
		f.xticks = append(f.xticks, factorValue(key, val, lang))
	}
	for _, i := range members {
		f.points = append(f.points, i)
		f.xs = append(f.xs, slices.Index(vals, res.Points[i].Values[v]))
	}
	return f
}

// sameExcept reports whether a and b agree on every value but index v.
func sameExcept(a, b []float64, v int) bool {
	for i := range a {
		if i != v && (i >= len(b) || a[i] != b[i]) {
			return false
		}
	}
	return true
}

// levels counts the distinct values of factor i over the points.
func levels(pts []DesignPoint, i int) int {
	vals := map[float64]bool{}
	for _, p := range pts {
		vals[p.Values[i]] = true
	}
	return len(vals)
}

// factorValue writes a parameter's value: yes or no for a switch, else
// the number.
func factorValue(key string, v float64, lang string) string {
	if s, ok := scenarios.Lookup(key); ok && s.Kind == sim.Bool {
		if v != 0 {
			return tr("yes", lang)
		}
		return tr("no", lang)
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}
