package plots

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// IndexChart shows estimates with their 95% intervals for a list of items,
// one row each, as dots with horizontal whiskers: the sensitivity indices of
// each parameter, say. Rows are named on the left, so that long names stay
// readable, and several series (first- and total-order indices) sit side by
// side within a row. It is drawn in the style of every other chart.
type IndexChart struct {
	// File is the chart's file name without extension.
	File            string
	Title, Subtitle string
	XLabel          string
	// Rows name the items, top to bottom.
	Rows   []string
	Series []IndexSeries
}

// IndexSeries is one estimate per row with its interval (NaN: none).
type IndexSeries struct {
	Label         string
	Colour        color.NRGBA
	Value, Lo, Hi []float64
}

// Name implements Chart.
func (c *IndexChart) Name() string { return c.File }

// Heading implements Chart.
func (c *IndexChart) Heading() string { return c.Title }

// Size implements Chart.
func (c *IndexChart) Size() (w, h vg.Length) {
	return 12 * vg.Inch, barHeight(len(c.Rows)) + vg.Length(len(c.Series)-1)*0.15*vg.Inch*vg.Length(len(c.Rows))
}

// Draw implements Chart.
func (c *IndexChart) Draw(dc draw.Canvas) error {
	p := newPanel("", c.XLabel, "")
	dots := indexDots{chart: c}
	p.Add(zeroLine{}, dots)
	var ticks []plot.Tick
	for i, name := range c.Rows {
		ticks = append(ticks, plot.Tick{Value: dots.y(i), Label: name})
	}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Tick.Length = 0
	xmin, xmax, ymin, ymax := dots.DataRange()
	p.X.Min, p.X.Max = padRange(xmin, xmax)
	p.Y.Min, p.Y.Max = ymin, ymax
	leg := newLegend()
	for _, s := range c.Series {
		leg.Add(s.Label, swatch{line: s.Colour, circle: true})
	}
	figure{title: c.Title, subtitle: c.Subtitle, panels: [][]*plot.Plot{{p}}, legend: leg}.draw(dc)
	return nil
}

// indexDots draws the series of an IndexChart.
type indexDots struct{ chart *IndexChart }

// y returns the position of row i: the first row on top.
func (d indexDots) y(i int) float64 { return float64(len(d.chart.Rows) - 1 - i) }

// offset returns how far series k sits from the middle of its row.
func (d indexDots) offset(k int) float64 {
	n := len(d.chart.Series)
	if n < 2 {
		return 0
	}
	return 0.5 * (float64(n-1)/2 - float64(k)) / float64(n-1)
}

// Plot implements plot.Plotter.
func (d indexDots) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for k, s := range d.chart.Series {
		ls := draw.LineStyle{Color: s.Colour, Width: 2}
		gs := draw.GlyphStyle{Color: s.Colour, Radius: 5, Shape: draw.CircleGlyph{}}
		for i := range s.Value {
			if math.IsNaN(s.Value[i]) {
				continue
			}
			ym := trY(d.y(i) + d.offset(k))
			if lo, hi := s.Lo[i], s.Hi[i]; !math.IsNaN(lo) && !math.IsNaN(hi) {
				cap := vg.Length(5)
				c.StrokeLine2(ls, trX(lo), ym, trX(hi), ym)
				c.StrokeLine2(ls, trX(lo), ym-cap, trX(lo), ym+cap)
				c.StrokeLine2(ls, trX(hi), ym-cap, trX(hi), ym+cap)
			}
			c.DrawGlyph(gs, vg.Point{X: trX(s.Value[i]), Y: ym})
		}
	}
}

// DataRange implements plot.DataRanger: zero, every value and interval,
// and half a row above and below.
func (d indexDots) DataRange() (xmin, xmax, ymin, ymax float64) {
	for _, s := range d.chart.Series {
		for _, vs := range [][]float64{s.Value, s.Lo, s.Hi} {
			for _, v := range vs {
				if !math.IsNaN(v) && !math.IsInf(v, 0) {
					xmin, xmax = math.Min(xmin, v), math.Max(xmax, v)
				}
			}
		}
	}
	return xmin, xmax, -0.6, float64(len(d.chart.Rows)) - 0.4
}

// PathChart is a sequence of points joined in order, one of them marked:
// PRIM's peeling trajectory of boxes (density against coverage) with the
// selected box, say. It is drawn in the style of every other chart.
type PathChart struct {
	// File is the chart's file name without extension.
	File            string
	Title, Subtitle string
	XLabel, YLabel  string
	X, Y            []float64
	// Marked is the index of the marked point; PathLabel and MarkLabel
	// name the path and the mark in the legend.
	Marked               int
	PathLabel, MarkLabel string
	// XMin, XMax, YMin and YMax are the axis ranges, padded when drawn so
	// that points on the edge show whole.
	XMin, XMax, YMin, YMax float64
}

// Name implements Chart.
func (c *PathChart) Name() string { return c.File }

// Heading implements Chart.
func (c *PathChart) Heading() string { return c.Title }

// Size implements Chart.
func (c *PathChart) Size() (w, h vg.Length) { return 12 * vg.Inch, 7 * vg.Inch }

// pathColour and markColour are Okabe-Ito blue and vermillion.
var (
	pathColour = color.NRGBA{0x00, 0x72, 0xB2, 0xFF}
	markColour = color.NRGBA{0xD5, 0x5E, 0x00, 0xFF}
)

// Draw implements Chart.
func (c *PathChart) Draw(dc draw.Canvas) error {
	p := newPanel("", c.XLabel, c.YLabel)
	xy := make(plotter.XYs, len(c.X))
	for i := range c.X {
		xy[i].X, xy[i].Y = c.X[i], c.Y[i]
	}
	line, points, err := plotter.NewLinePoints(xy)
	if err != nil {
		return err
	}
	line.Color, line.Width = pathColour, 2
	points.Color, points.Radius, points.Shape = pathColour, 3.5, draw.CircleGlyph{}
	p.Add(line, points)
	leg := newLegend()
	leg.Add(c.PathLabel, swatch{line: pathColour})
	if c.Marked >= 0 && c.Marked < len(xy) {
		mark, err := plotter.NewScatter(plotter.XYs{xy[c.Marked]})
		if err != nil {
			return err
		}
		mark.Shape, mark.Radius, mark.Color = draw.RingGlyph{}, 9, markColour
		p.Add(mark)
		leg.Add(c.MarkLabel, swatch{line: markColour, ring: true})
	}
	p.X.Min, p.X.Max = padRange(c.XMin, c.XMax)
	p.Y.Min, p.Y.Max = padRange(c.YMin, c.YMax)
	figure{title: c.Title, subtitle: c.Subtitle, panels: [][]*plot.Plot{{p}}, legend: leg}.draw(dc)
	return nil
}

// axisPad is the share of an axis range added on each side, so that
// points, whiskers and their caps on the edge of the data are drawn whole
// and do not touch the frame.
const axisPad = 0.05

// padRange widens [lo, hi] by axisPad of its width on each side (a range
// of zero width by one unit of its magnitude, or 1).
func padRange(lo, hi float64) (float64, float64) {
	w := hi - lo
	if !(w > 0) {
		w = math.Max(math.Abs(lo), 1)
	}
	return lo - w*axisPad, hi + w*axisPad
}
