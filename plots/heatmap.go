package plots

import (
	"math"
	"slices"
	"strings"

	"github.com/wijksim/wijksim/experiment"
	"github.com/wijksim/wijksim/scenarios"
)

// HeatmapChart is one outcome over two swept parameters: a panel per
// policy, a cell per combination of levels, coloured by the mean of the
// outcome over the runs in the cell, on one colour scale.
type HeatmapChart struct {
	Outcome         string
	Title, Subtitle string
	// XKey and YKey are the parameters on the axes, XLabel and YLabel
	// their labels with units, ZLabel the outcome with its unit.
	XKey, YKey             string
	XLabel, YLabel, ZLabel string
	// XLevels and YLevels are the parameter values of the columns and rows
	// (bin centres when a sampled design has too many values to show).
	XLevels, YLevels []float64
	// Min and Max are the colour scale, shared by the panels.
	Min, Max float64
	Panels   []HeatmapPanel
}

// HeatmapPanel is one policy's grid.
type HeatmapPanel struct {
	Policy, Title string
	// Z[row][col] is the mean at YLevels[row] and XLevels[col]; NaN for a
	// cell without runs. N counts the runs of each cell.
	Z [][]float64
	N [][]int
}

// Name implements Chart.
func (h *HeatmapChart) Name() string {
	return "heatmap-" + h.Outcome + "-" + h.XKey + "-" + h.YKey
}

// Heading implements Chart.
func (h *HeatmapChart) Heading() string { return h.Title }

// maxLevels is the most distinct values an axis shows as they are; more
// (a sampled design) are put in heatmapBins equal-width bins.
const (
	maxLevels   = 8
	heatmapBins = 5
	maxFactors  = 3
)

// BuildHeatmaps builds a heatmap per outcome of HeatmapOutcomes and per
// pair among the first three parameters that the sweep varies; nil unless
// res is a sweep that varies at least two.
func BuildHeatmaps(res *Results, lang string) []*HeatmapChart {
	if res.Sweep == nil {
		return nil
	}
	var varied []int
	for i := range res.Sweep.Factors {
		if len(distinct(res.Sweep.Rows, i)) >= 2 && len(varied) < maxFactors {
			varied = append(varied, i)
		}
	}
	var out []*HeatmapChart
	for a := 0; a < len(varied); a++ {
		for b := a + 1; b < len(varied); b++ {
			for _, o := range res.HeatmapOutcomes() {
				if h := BuildHeatmap(res, o, varied[a], varied[b], lang); h != nil {
					out = append(out, h)
				}
			}
		}
	}
	return out
}

// distinct returns the sorted distinct values of factor i over rows.
func distinct(rows []SweepRow, i int) []float64 {
	var vals []float64
	for _, r := range rows {
		if i < len(r.Values) && !math.IsNaN(r.Values[i]) {
			vals = append(vals, r.Values[i])
		}
	}
	slices.Sort(vals)
	return slices.Compact(vals)
}

// binning maps a factor's values to axis levels.
type binning struct {
	levels   []float64
	min, wid float64 // equal-width bins when wid > 0
}

func newBinning(vals []float64) binning {
	if len(vals) <= maxLevels {
		return binning{levels: vals}
	}
	lo, hi := vals[0], vals[len(vals)-1]
	b := binning{min: lo, wid: (hi - lo) / heatmapBins}
	for k := range heatmapBins {
		b.levels = append(b.levels, lo+(float64(k)+0.5)*b.wid)
	}
	return b
}

func (b binning) index(x float64) int {
	if b.wid > 0 {
		return min(int((x-b.min)/b.wid), len(b.levels)-1)
	}
	i, _ := slices.BinarySearch(b.levels, x)
	return i
}

// BuildHeatmap builds the heatmap of outcome over factors xi and yi of the
// sweep; nil when no run has the outcome.
func BuildHeatmap(res *Results, outcome string, xi, yi int, lang string) *HeatmapChart {
	sw := res.Sweep
	xb, yb := newBinning(distinct(sw.Rows, xi)), newBinning(distinct(sw.Rows, yi))
	xk, yk := sw.Factors[xi], sw.Factors[yi]
	keys := res.Keys()
	h := &HeatmapChart{
		Outcome:  outcome,
		Title:    tr("heatmap", lang, res.OutcomeTitle(outcome, lang), xk, yk),
		Subtitle: tr("heatmap.note", lang),
		XKey:     xk, YKey: yk,
		XLabel: paramLabel(keys, xk, lang), YLabel: paramLabel(keys, yk, lang), ZLabel: res.OutcomeLabel(outcome, lang),
		XLevels: xb.levels, YLevels: yb.levels,
		Min: math.Inf(1), Max: math.Inf(-1),
	}
	for _, pol := range res.Policies {
		acc := make([][]experiment.Accumulator, len(yb.levels))
		for r := range acc {
			acc[r] = make([]experiment.Accumulator, len(xb.levels))
		}
		for _, row := range sw.Rows {
			x, y := row.Values[xi], row.Values[yi]
			if row.Policy != pol || math.IsNaN(x) || math.IsNaN(y) {
				continue
			}
			acc[yb.index(y)][xb.index(x)].Add(row.End[outcome])
		}
		p := HeatmapPanel{Policy: pol, Title: policyName(pol, lang)}
		for _, accRow := range acc {
			z, n := make([]float64, len(accRow)), make([]int, len(accRow))
			for c, a := range accRow {
				z[c], n[c] = a.Estimate().Mean, a.N()
				if a.N() > 0 {
					h.Min, h.Max = math.Min(h.Min, z[c]), math.Max(h.Max, z[c])
				}
			}
			p.Z, p.N = append(p.Z, z), append(p.N, n)
		}
		h.Panels = append(h.Panels, p)
	}
	if math.IsInf(h.Min, 0) {
		return nil
	}
	return h
}

// unitsNL translates the commonest parameter units.
var unitsNL = map[string]string{
	"persons": "personen", "share 0-1": "aandeel 0-1", "level 0-1": "niveau 0-1", "count": "aantal",
	"months": "maanden", "month": "maand", "hours/month": "uren/maand", "euro/month": "euro/maand",
	"residents/professional": "bewoners/professional", "places/neighbourhood": "plekken/wijk",
	"persons/month": "personen/maand", "1/month": "1/maand",
}

// paramLabel returns a parameter's key with its unit, as keys give it.
func paramLabel(keys *scenarios.Registry, key, lang string) string {
	spec, ok := keys.Lookup(key)
	if !ok || spec.Unit == "" {
		return key
	}
	unit := spec.Unit
	if lang == "nl" {
		if u, ok := unitsNL[unit]; ok {
			unit = u
		}
	}
	return key + " (" + strings.TrimSpace(unit) + ")"
}
