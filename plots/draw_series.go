package plots

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// bandAlpha is the opacity of 95% bands.
const bandAlpha = 0x38

// segments splits the points (x, y) at NaN into runs of finite points.
func segments(x, y []float64) []plotter.XYs {
	var out []plotter.XYs
	var cur plotter.XYs
	for i := range x {
		if math.IsNaN(y[i]) || math.IsInf(y[i], 0) {
			if len(cur) > 0 {
				out = append(out, cur)
			}
			cur = nil
			continue
		}
		cur = append(cur, plotter.XY{X: x[i], Y: y[i]})
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// band returns the polygons between lo and hi, one per run of months where
// both are defined: the upper points, then the lower ones reversed.
func band(x, lo, hi []float64) []plotter.XYs {
	var out []plotter.XYs
	start := -1
	flush := func(end int) {
		if start < 0 || end-start < 2 {
			start = -1
			return
		}
		var ring plotter.XYs
		for i := start; i < end; i++ {
			ring = append(ring, plotter.XY{X: x[i], Y: hi[i]})
		}
		for i := end - 1; i >= start; i-- {
			ring = append(ring, plotter.XY{X: x[i], Y: lo[i]})
		}
		out = append(out, ring)
		start = -1
	}
	for i := range x {
		ok := !math.IsNaN(lo[i]) && !math.IsNaN(hi[i])
		switch {
		case ok && start < 0:
			start = i
		case !ok:
			flush(i)
		}
	}
	flush(len(x))
	return out
}

// addFill adds filled polygons without outline.
func addFill(p *plot.Plot, rings []plotter.XYs, fill color.Color) error {
	for _, r := range rings {
		poly, err := plotter.NewPolygon(r)
		if err != nil {
			return err
		}
		poly.Color = fill
		poly.LineStyle.Width = 0
		p.Add(poly)
	}
	return nil
}

// addLine adds a policy's line, split where it is undefined.
func addLine(p *plot.Plot, s Series, width vg.Length) error {
	for _, seg := range segments(s.X, s.Y) {
		l, err := plotter.NewLine(seg)
		if err != nil {
			return err
		}
		l.Color = s.Colour
		l.Width = width
		p.Add(l)
	}
	return nil
}

// Size implements Chart.
func (l *LadderChart) Size() (w, h vg.Length) {
	cols, rows := ladderGrid(len(l.Panels))
	return vg.Length(cols)*3.7*vg.Inch + 2.9*vg.Inch, 1.3*vg.Inch + vg.Length(rows)*2.9*vg.Inch
}

func ladderGrid(n int) (cols, rows int) {
	cols = min(2, max(n, 1))
	return cols, (max(n, 1) + cols - 1) / cols
}

// Draw implements Chart.
func (l *LadderChart) Draw(dc draw.Canvas) error {
	var panels []*plot.Plot
	for i, pn := range l.Panels {
		cols, _ := ladderGrid(len(l.Panels))
		xlabel, ylabel := "", ""
		if i%cols == 0 {
			ylabel = l.YLabel
		}
		if i >= len(l.Panels)-cols {
			xlabel = l.XLabel
		}
		p := newPanel(pn.Title, xlabel, ylabel)
		p.Title.TextStyle.Color = darkGrey
		lower := make([]float64, len(pn.Months))
		for k, layer := range l.Layers {
			upper := make([]float64, len(lower))
			for m := range upper {
				upper[m] = lower[m] + pn.Values[k][m]
			}
			if err := addFill(p, band(pn.Months, lower, upper), layer.Colour); err != nil {
				return fmt.Errorf("ladder %s: %w", pn.Policy, err)
			}
			lower = upper
		}
		p.X.Min, p.X.Max = 0, l.XMax
		p.Y.Min, p.Y.Max = 0, l.YMax
		panels = append(panels, p)
	}
	leg := newLegend()
	for k := len(l.Layers) - 1; k >= 0; k-- {
		leg.Add(l.Layers[k].Label, swatch{fill: l.Layers[k].Colour})
	}
	cols, _ := ladderGrid(len(l.Panels))
	figure{title: l.Title, subtitle: l.Subtitle, panels: grid(panels, cols), legend: leg}.draw(dc)
	return nil
}

// Size implements Chart.
func (t *TrajectoryChart) Size() (w, h vg.Length) { return 10 * vg.Inch, 6 * vg.Inch }

// Draw implements Chart.
func (t *TrajectoryChart) Draw(dc draw.Canvas) error {
	p := newPanel("", t.XLabel, t.YLabel)
	leg := newLegend()
	for _, s := range t.Lines {
		if s.Lo != nil {
			if err := addFill(p, band(s.X, s.Lo, s.Hi), translucent(s.Colour, bandAlpha)); err != nil {
				return err
			}
		}
	}
	for _, s := range t.Lines {
		if err := addLine(p, s, 2.5); err != nil {
			return err
		}
		leg.Add(s.Label, swatch{line: s.Colour, fill: bandFill(s)})
	}
	p.X.Min = 0
	figure{title: t.Title, subtitle: t.Subtitle, panels: [][]*plot.Plot{{p}}, legend: leg}.draw(dc)
	return nil
}

// bandFill is a legend swatch's fill: the band's colour, if there is one.
func bandFill(s Series) color.Color {
	if s.Lo == nil {
		return nil
	}
	return translucent(s.Colour, bandAlpha)
}
