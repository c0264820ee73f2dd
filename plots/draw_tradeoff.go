package plots

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// tradeoffPoints draws each policy at (x, y) with its intervals as a cross:
// filled when on the Pareto front, a ring when beaten.
type tradeoffPoints struct {
	points []TradeoffPoint
	xi, yi int
}

// Plot implements plot.Plotter.
func (t tradeoffPoints) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, pt := range t.points {
		ex, ey := pt.Values[t.xi], pt.Values[t.yi]
		if math.IsNaN(ex.Mean) || math.IsNaN(ey.Mean) {
			continue
		}
		x, y := trX(ex.Mean), trY(ey.Mean)
		ls := draw.LineStyle{Color: pt.Colour, Width: 1.6}
		if !math.IsNaN(ex.Lo) {
			c.StrokeLines(ls, c.ClipLinesXY([]vg.Point{{X: trX(ex.Lo), Y: y}, {X: trX(ex.Hi), Y: y}})...)
		}
		if !math.IsNaN(ey.Lo) {
			c.StrokeLines(ls, c.ClipLinesXY([]vg.Point{{X: x, Y: trY(ey.Lo)}, {X: x, Y: trY(ey.Hi)}})...)
		}
		g := draw.GlyphStyle{Color: pt.Colour, Radius: 7, Shape: draw.CircleGlyph{}}
		if !pt.Front {
			c.DrawGlyph(draw.GlyphStyle{Color: white, Radius: 7, Shape: draw.CircleGlyph{}}, vg.Point{X: x, Y: y})
			g.Shape = thickRing{}
		}
		c.DrawGlyph(g, vg.Point{X: x, Y: y})
	}
}

// DataRange implements plot.DataRanger: every point and interval.
func (t tradeoffPoints) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, pt := range t.points {
		for _, v := range []float64{pt.Values[t.xi].Mean, pt.Values[t.xi].Lo, pt.Values[t.xi].Hi} {
			if !math.IsNaN(v) {
				xmin, xmax = math.Min(xmin, v), math.Max(xmax, v)
			}
		}
		for _, v := range []float64{pt.Values[t.yi].Mean, pt.Values[t.yi].Lo, pt.Values[t.yi].Hi} {
			if !math.IsNaN(v) {
				ymin, ymax = math.Min(ymin, v), math.Max(ymax, v)
			}
		}
	}
	return xmin, xmax, ymin, ymax
}

// GlyphBoxes implements plot.GlyphBoxer, so that points at the edge are
// not cut off.
func (t tradeoffPoints) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	var boxes []plot.GlyphBox
	for _, pt := range t.points {
		x, y := pt.Values[t.xi].Mean, pt.Values[t.yi].Mean
		if math.IsNaN(x) || math.IsNaN(y) {
			continue
		}
		boxes = append(boxes, plot.GlyphBox{
			X: p.X.Norm(x), Y: p.Y.Norm(y),
			Rectangle: vg.Rectangle{Min: vg.Point{X: -8, Y: -8}, Max: vg.Point{X: 8, Y: 8}},
		})
	}
	return boxes
}

// thickRing is a ring glyph with a thick outline, visible at a glance.
type thickRing struct{}

// DrawGlyph implements draw.GlyphDrawer.
func (thickRing) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	c.SetLineStyle(draw.LineStyle{Color: sty.Color, Width: 2.5})
	var p vg.Path
	p.Move(vg.Point{X: pt.X + sty.Radius - 1.25, Y: pt.Y})
	p.Arc(pt, sty.Radius-1.25, 0, 2*math.Pi)
	p.Close()
	c.Stroke(p)
}

// Size implements Chart.
func (t *TradeoffChart) Size() (w, h vg.Length) {
	cols, rows := t.grid()
	return vg.Length(cols)*4.3*vg.Inch + 3*vg.Inch, 1.5*vg.Inch + vg.Length(rows)*4.3*vg.Inch
}

func (t *TradeoffChart) grid() (cols, rows int) {
	n := len(t.Axes) - 1
	cols = min(2, max(n, 1))
	return cols, (max(n, 1) + cols - 1) / cols
}

// panel returns the panel of axis 0 against axis k, with room around the
// points and whiskers at the edges of the data.
func (t *TradeoffChart) panel(k int) *plot.Plot {
	p := newPanel("", t.Axes[0].Label, t.Axes[k].Label)
	tp := tradeoffPoints{points: t.Points, xi: 0, yi: k}
	p.Add(tp)
	xmin, xmax, ymin, ymax := tp.DataRange()
	if !math.IsInf(xmin, 0) && !math.IsInf(ymin, 0) {
		p.X.Min, p.X.Max = padRange(xmin, xmax)
		p.Y.Min, p.Y.Max = padRange(ymin, ymax)
	}
	return p
}

// Draw implements Chart.
func (t *TradeoffChart) Draw(dc draw.Canvas) error {
	var panels []*plot.Plot
	cols, _ := t.grid()
	for k := 1; k < len(t.Axes); k++ {
		panels = append(panels, t.panel(k))
	}
	leg := newLegend()
	for _, pt := range t.Points {
		leg.Add(pt.Label, swatch{line: pt.Colour, circle: true})
	}
	leg.Add("")
	leg.Add(t.FrontLabel, swatch{line: darkGrey, circle: true})
	leg.Add(t.BeatenLabel, swatch{line: darkGrey, ring: true})
	figure{title: t.Title, subtitle: t.Subtitle, panels: grid(panels, cols), legend: leg}.draw(dc)
	return nil
}
