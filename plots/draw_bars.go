package plots

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// lightAlpha is the opacity of a difference that is not statistically
// clear.
const lightAlpha = 0x50

// hbars draws horizontal bars from zero, one per row from the top, each
// with its 95% interval as a whisker. Bars without a value are left out.
type hbars struct {
	bars []Bar
	// diff marks differences: a bar that is not clear is drawn light.
	diff bool
}

// y returns the row position of bar i: the first bar on top.
func (h hbars) y(i int) float64 { return float64(len(h.bars) - 1 - i) }

// Plot implements plot.Plotter.
func (h hbars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	const half = 0.32
	for i, b := range h.bars {
		if math.IsNaN(b.Value) {
			continue
		}
		y := h.y(i)
		fill := b.Colour
		if h.diff && !b.Clear {
			fill = translucent(b.Colour, lightAlpha)
		}
		x0, x1 := trX(0), trX(b.Value)
		y0, y1 := trY(y-half), trY(y+half)
		rect := []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
		c.FillPolygon(fill, c.ClipPolygonXY(rect))
		c.StrokeLines(draw.LineStyle{Color: b.Colour, Width: 1}, c.ClipLinesXY(append(rect, rect[0]))...)
		if math.IsNaN(b.Lo) || math.IsNaN(b.Hi) {
			continue
		}
		ls := draw.LineStyle{Color: darkGrey, Width: 1.6}
		lo, hi, ym := trX(b.Lo), trX(b.Hi), trY(y)
		cap := (y1 - y0) / 4
		c.StrokeLine2(ls, lo, ym, hi, ym)
		c.StrokeLine2(ls, lo, ym-cap, lo, ym+cap)
		c.StrokeLine2(ls, hi, ym-cap, hi, ym+cap)
	}
}

// DataRange implements plot.DataRanger: zero, every value and interval.
func (h hbars) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = 0, 0
	for _, b := range h.bars {
		for _, v := range []float64{b.Value, b.Lo, b.Hi} {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				xmin, xmax = math.Min(xmin, v), math.Max(xmax, v)
			}
		}
	}
	return xmin, xmax, -0.6, float64(len(h.bars)) - 0.4
}

// barPanel returns a panel of horizontal bars with the policies named on
// the left (or unnamed, for panels beside another).
func barPanel(title, xlabel string, h hbars, names bool) *plot.Plot {
	p := newPanel(title, xlabel, "")
	p.Add(h)
	// Room beyond the longest bar and the outermost whisker, so that
	// neither ends on the frame.
	xmin, xmax, _, _ := h.DataRange()
	p.X.Min, p.X.Max = padRange(xmin, xmax)
	var ticks []plot.Tick
	for i, b := range h.bars {
		label := ""
		if names {
			label = b.Label
			if h.diff && b.Clear {
				label += " *"
			}
		}
		ticks = append(ticks, plot.Tick{Value: h.y(i), Label: label})
	}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Tick.Length = 0
	return p
}

// zeroLine draws a vertical line at x = 0.
type zeroLine struct{}

// Plot implements plot.Plotter.
func (zeroLine) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	x := trX(0)
	c.StrokeLine2(draw.LineStyle{Color: black, Width: 1, Dashes: []vg.Length{4, 3}}, x, c.Min.Y, x, c.Max.Y)
}

// barHeight is the height of a bar chart with n rows.
func barHeight(n int) vg.Length {
	return 2*vg.Inch + vg.Length(n)*0.55*vg.Inch
}

// Size implements Chart.
func (e *EndChart) Size() (w, h vg.Length) { return 12 * vg.Inch, barHeight(len(e.Levels)) }

// Draw implements Chart.
func (e *EndChart) Draw(dc draw.Canvas) error {
	left := barPanel(e.LevelTitle, e.XLabel, hbars{bars: e.Levels}, true)
	row := []*plot.Plot{left}
	if len(e.Diffs) > 0 {
		// The baseline's row stays empty so that rows line up.
		diffs := make([]Bar, len(e.Levels))
		k := 0
		for i, b := range e.Levels {
			if b.Policy == e.Baseline {
				diffs[i] = Bar{Policy: b.Policy, Label: b.Label, Value: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
				continue
			}
			diffs[i] = e.Diffs[k]
			k++
		}
		right := barPanel(e.DiffTitle, e.XLabel, hbars{bars: diffs, diff: true}, false)
		right.Add(zeroLine{})
		row = append(row, right)
	}
	figure{title: e.Title, subtitle: e.Subtitle, panels: [][]*plot.Plot{row}}.draw(dc)
	return nil
}

// Size implements Chart.
func (k *KindChart) Size() (w, h vg.Length) {
	n := 0
	if len(k.Panels) > 0 {
		n = len(k.Panels[0].Bars)
	}
	return 12 * vg.Inch, barHeight(n)
}

// Draw implements Chart.
func (k *KindChart) Draw(dc draw.Canvas) error {
	var row []*plot.Plot
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, pn := range k.Panels {
		h := hbars{bars: pn.Bars}
		p := barPanel(pn.Title, k.XLabel, h, i == 0)
		xmin, xmax, _, _ := h.DataRange()
		lo, hi = math.Min(lo, xmin), math.Max(hi, xmax)
		row = append(row, p)
	}
	lo, hi = padRange(lo, hi)
	for _, p := range row {
		p.X.Min, p.X.Max = lo, hi
	}
	figure{title: k.Title, subtitle: k.Subtitle, panels: [][]*plot.Plot{row}}.draw(dc)
	return nil
}
