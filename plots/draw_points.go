package plots

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// pointLines draws the lines of a PointsPanel, each policy shifted a little
// along x so that the intervals of the policies do not hide each other.
type pointLines struct{ lines []PointsLine }

// dodge returns the shift of line k along x.
func (d pointLines) dodge(k int) float64 {
	n := len(d.lines)
	if n < 2 {
		return 0
	}
	return 0.3 * (float64(k) - float64(n-1)/2) / float64(n-1)
}

// Plot implements plot.Plotter.
func (d pointLines) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for k, ln := range d.lines {
		path := make([]vg.Point, len(ln.X))
		for i := range ln.X {
			path[i] = vg.Point{X: trX(ln.X[i] + d.dodge(k)), Y: trY(ln.Mean[i])}
		}
		if len(path) > 1 {
			c.StrokeLines(draw.LineStyle{Color: ln.Colour, Width: 1.5}, path)
		}
		ls := draw.LineStyle{Color: ln.Colour, Width: 1.6}
		for i, pt := range path {
			if lo, hi := ln.Lo[i], ln.Hi[i]; !math.IsNaN(lo) && !math.IsNaN(hi) {
				capW := vg.Length(3)
				c.StrokeLine2(ls, pt.X, trY(lo), pt.X, trY(hi))
				c.StrokeLine2(ls, pt.X-capW, trY(lo), pt.X+capW, trY(lo))
				c.StrokeLine2(ls, pt.X-capW, trY(hi), pt.X+capW, trY(hi))
			}
			g := draw.GlyphStyle{Color: ln.Colour, Radius: 5, Shape: draw.CircleGlyph{}}
			if !ln.Clear[i] {
				c.DrawGlyph(draw.GlyphStyle{Color: white, Radius: 5, Shape: draw.CircleGlyph{}}, pt)
				g.Shape = thickRing{}
			}
			c.DrawGlyph(g, pt)
		}
	}
}

// yRange returns the smallest and largest mean or interval bound of the
// lines.
func (d pointLines) yRange() (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, ln := range d.lines {
		for _, vs := range [][]float64{ln.Mean, ln.Lo, ln.Hi} {
			for _, v := range vs {
				if !math.IsNaN(v) && !math.IsInf(v, 0) {
					lo, hi = math.Min(lo, v), math.Max(hi, v)
				}
			}
		}
	}
	return lo, hi
}

// pointCols is the number of panels side by side.
func (c *PointsChart) pointCols() int { return min(3, max(len(c.Panels), 1)) }

// Size implements Chart.
func (c *PointsChart) Size() (w, h vg.Length) {
	cols := c.pointCols()
	rows := (len(c.Panels) + cols - 1) / cols
	return vg.Length(cols)*4.2*vg.Inch + 3*vg.Inch, 1.8*vg.Inch + vg.Length(rows)*3.6*vg.Inch
}

// Draw implements Chart.
func (c *PointsChart) Draw(dc draw.Canvas) error {
	cols := c.pointCols()
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, pn := range c.Panels {
		l, h := pointLines{pn.Lines}.yRange()
		lo, hi = math.Min(lo, l), math.Max(hi, h)
	}
	if math.IsInf(lo, 0) {
		lo, hi = 0, 1
	}
	lo, hi = padRange(lo, hi)
	var panels []*plot.Plot
	for i, pn := range c.Panels {
		ylabel := ""
		if i%cols == 0 {
			ylabel = c.YLabel
		}
		p := newPanel(pn.Title, pn.XLabel, ylabel)
		p.Add(pointLines{pn.Lines})
		var ticks []plot.Tick
		for k, t := range pn.XTicks {
			ticks = append(ticks, plot.Tick{Value: float64(k), Label: t})
		}
		p.X.Tick.Marker = plot.ConstantTicks(ticks)
		p.X.Min, p.X.Max = -0.5, float64(len(pn.XTicks))-0.5
		p.Y.Min, p.Y.Max = lo, hi
		panels = append(panels, p)
	}
	leg := newLegend()
	if len(c.Panels) > 0 {
		for _, ln := range c.Panels[0].Lines {
			leg.Add(ln.Label, swatch{line: ln.Colour})
		}
	}
	leg.Add("")
	leg.Add(c.FilledLabel, swatch{line: darkGrey, circle: true})
	leg.Add(c.OpenLabel, swatch{line: darkGrey, ring: true})
	figure{title: c.Title, subtitle: c.Subtitle, panels: grid(panels, cols), legend: leg}.draw(dc)
	return nil
}
