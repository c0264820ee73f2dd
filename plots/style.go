package plots

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// sans is the face of every chart text, in sizes large enough for a
// projector when a chart fills the width of the screen. It is never bold:
// gonum's PDF canvas cannot write bold faces.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

const (
	titleSize    = 17
	subtitleSize = 11.5
	panelSize    = 13.5
	labelSize    = 12.5
	tickSize     = 11.5
	legendSize   = 12
	pad          = vg.Length(10)
)

var (
	white     = color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
	black     = color.NRGBA{0x00, 0x00, 0x00, 0xFF}
	darkGrey  = color.NRGBA{0x44, 0x44, 0x44, 0xFF}
	gridGrey  = color.NRGBA{0xDD, 0xDD, 0xDD, 0xFF}
	lightGrey = color.NRGBA{0xEE, 0xEE, 0xEE, 0xFF}
)

// style returns a text style of fnt at size points.
func style(fnt font.Font, size float64, c color.Color) text.Style {
	return text.Style{Color: c, Font: font.From(fnt, vg.Length(size)), Handler: plot.DefaultTextHandler}
}

// newPanel returns a plot with the charts' fonts, readable ticks and a
// light grid.
func newPanel(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.BackgroundColor = nil // the figure is white already
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(sans, panelSize)
	p.Title.Padding = 6
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, labelSize)
		a.Tick.Label.Font = font.From(sans, tickSize)
		a.Tick.Marker = readableTicks{}
		a.Tick.Length = 5
	}
	p.X.Label.Text, p.Y.Label.Text = xlabel, ylabel
	g := plotter.NewGrid()
	g.Vertical.Color, g.Horizontal.Color = gridGrey, gridGrey
	g.Vertical.Width, g.Horizontal.Width = 0.5, 0.5
	p.Add(g)
	return p
}

// readableTicks mark about five round values on an axis, with minor
// ticks between them, and write large numbers as 12.5k and 1.25M.
type readableTicks struct{}

// Ticks implements plot.Ticker.
func (readableTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return plot.DefaultTicks{}.Ticks(lo, hi)
	}
	step := niceStep((hi - lo) / 5)
	var ticks []plot.Tick
	for k := math.Ceil(lo/step*2) / 2; k*step <= hi+step*1e-9; k += 0.5 {
		v := k * step
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		t := plot.Tick{Value: v}
		if k == math.Trunc(k) {
			t.Label = formatTick(v)
		}
		ticks = append(ticks, t)
	}
	return ticks
}

// niceStep returns 1, 2 or 5 times a power of ten near x.
func niceStep(x float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(x)))
	switch f := x / p; {
	case f < 1.5:
		return p
	case f < 3.5:
		return 2 * p
	case f < 7.5:
		return 5 * p
	}
	return 10 * p
}

// formatTick writes v shortly: 12.5k, 1.25M, 0.35, 40.
func formatTick(v float64) string {
	a := math.Abs(v)
	trim := func(s string) string {
		if strings.Contains(s, ".") {
			s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
		}
		return s
	}
	switch {
	case a >= 1e6:
		return trim(strconv.FormatFloat(v/1e6, 'f', 2, 64)) + "M"
	case a >= 1e4:
		return trim(strconv.FormatFloat(v/1e3, 'f', 1, 64)) + "k"
	case a == 0:
		return "0"
	case a < 1e-3:
		return strconv.FormatFloat(v, 'g', 2, 64)
	}
	return trim(strconv.FormatFloat(v, 'f', 3, 64))
}

// figure lays out a chart: a title and a wrapped subtitle on top, panels in
// a grid with aligned data areas, and optionally a legend or a side plot
// (a colour bar) on the right.
type figure struct {
	title, subtitle string
	panels          [][]*plot.Plot
	legend          *plot.Legend
	side            *plot.Plot
	sideWidth       vg.Length
}

// newLegend returns an empty legend in the charts' style.
func newLegend() *plot.Legend {
	l := plot.NewLegend()
	l.TextStyle = style(sans, legendSize, black)
	l.Top, l.Left = true, true
	l.Padding = 4
	l.ThumbnailWidth = 22
	return &l
}

// draw draws the figure on dc.
func (f figure) draw(dc draw.Canvas) {
	dc.FillPolygon(white, []vg.Point{dc.Min, {X: dc.Max.X, Y: dc.Min.Y}, dc.Max, {X: dc.Min.X, Y: dc.Max.Y}})
	x, top := dc.Min.X+pad, dc.Max.Y-pad
	ts := style(sans, titleSize, black)
	ts.YAlign = draw.YTop
	dc.FillText(ts, vg.Point{X: x, Y: top}, f.title)
	top -= ts.Rectangle(f.title).Size().Y + 4
	ss := style(sans, subtitleSize, darkGrey)
	ss.YAlign = draw.YTop
	for _, line := range wrap(f.subtitle, ss, dc.Max.X-dc.Min.X-2*pad) {
		dc.FillText(ss, vg.Point{X: x, Y: top}, line)
		top -= ss.Rectangle(line).Size().Y + 2
	}
	area := draw.Canvas{Canvas: dc.Canvas, Rectangle: vg.Rectangle{
		Min: vg.Point{X: dc.Min.X + pad, Y: dc.Min.Y + pad},
		Max: vg.Point{X: dc.Max.X - pad, Y: top - 8},
	}}
	// The legend or side plot goes on the right, drawn after the panels so
	// that nothing covers it.
	var side func()
	switch {
	case f.legend != nil:
		w := f.legend.Rectangle(area).Size().X + 2*pad
		strip := area
		strip.Min.X = area.Max.X - w + pad
		strip.Max.Y -= 20
		side = func() { f.legend.Draw(strip) }
		area.Max.X -= w
	case f.side != nil:
		strip := area
		strip.Min.X = area.Max.X - f.sideWidth
		strip.Max.Y -= 20
		strip.Min.Y += 40
		side = func() { f.side.Draw(strip) }
		area.Max.X -= f.sideWidth + pad
	}
	if rows := len(f.panels); rows > 0 {
		tiles := draw.Tiles{Rows: rows, Cols: len(f.panels[0]), PadX: 18, PadY: 14}
		canvases := plot.Align(f.panels, tiles, area)
		for j, row := range f.panels {
			for i, p := range row {
				if p != nil {
					p.Draw(canvases[j][i])
				}
			}
		}
	}
	if side != nil {
		side()
	}
}

// wrap breaks s into lines no wider than width in style sty.
func wrap(s string, sty text.Style, width vg.Length) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if line != "" && sty.Width(try) > width {
			lines = append(lines, line)
			try = word
		}
		line = try
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// grid arranges plots row by row in cols columns; the last row is padded
// with nil.
func grid(ps []*plot.Plot, cols int) [][]*plot.Plot {
	var out [][]*plot.Plot
	for i := 0; i < len(ps); i += cols {
		row := make([]*plot.Plot, cols)
		copy(row, ps[i:min(i+cols, len(ps))])
		out = append(out, row)
	}
	return out
}

// swatch is a legend thumbnail: a filled box, a line, or a circle.
type swatch struct {
	fill   color.Color
	line   color.Color
	circle bool
	ring   bool
}

// Thumbnail implements plot.Thumbnailer.
func (s swatch) Thumbnail(c *draw.Canvas) {
	mid := (c.Min.Y + c.Max.Y) / 2
	switch {
	case s.circle || s.ring:
		sty := draw.GlyphStyle{Color: s.line, Radius: 5, Shape: draw.CircleGlyph{}}
		if s.ring {
			sty.Shape = draw.RingGlyph{}
		}
		c.DrawGlyphNoClip(sty, vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: mid})
	default:
		if s.fill != nil {
			c.FillPolygon(s.fill, []vg.Point{c.Min, {X: c.Max.X, Y: c.Min.Y}, c.Max, {X: c.Min.X, Y: c.Max.Y}})
		}
		if s.line != nil {
			c.StrokeLine2(draw.LineStyle{Color: s.line, Width: 2.5}, c.Min.X, mid, c.Max.X, mid)
		}
	}
}

// translucent returns c with alpha a, for bands and light bars
// (color.NRGBA, so that it is not premultiplied).
func translucent(c color.NRGBA, a uint8) color.NRGBA {
	c.A = a
	return c
}
