package plots

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/wijksim/wijksim/labels"
)

// heatColours is the number of colours of the heatmap scale.
const heatColours = 64

// colourMap returns the heatmap scale from min to max: the sequential,
// colour-blind-safe scale of the ladder rungs (dark blue to yellow),
// interpolated at even steps of lightness.
func colourMap(lo, hi float64) (palette.ColorMap, error) {
	controls := make([]color.Color, len(labels.RungColours))
	for i, c := range labels.RungColours {
		controls[i] = c
	}
	cm, err := moreland.NewLuminance(controls)
	if err != nil {
		return nil, fmt.Errorf("heatmap colours: %w", err)
	}
	if hi <= lo {
		lo, hi = lo-0.5, hi+0.5
	}
	cm.SetMin(lo)
	cm.SetMax(hi)
	return cm, nil
}

// cellGrid is one panel's grid on index coordinates: column c at x = c,
// row r at y = r.
type cellGrid struct{ z [][]float64 }

// Dims, Z, X and Y implement plotter.GridXYZ.
func (g cellGrid) Dims() (c, r int)   { return len(g.z[0]), len(g.z) }
func (g cellGrid) Z(c, r int) float64 { return g.z[r][c] }
func (g cellGrid) X(c int) float64    { return float64(c) }
func (g cellGrid) Y(r int) float64    { return float64(r) }

// cellLabels writes each cell's value in its centre, dark on light cells
// and white on dark ones.
type cellLabels struct {
	z  [][]float64
	cm palette.ColorMap
}

// Plot implements plot.Plotter.
func (l cellLabels) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for r, row := range l.z {
		for col, v := range row {
			if math.IsNaN(v) {
				continue
			}
			sty := style(sans, tickSize, black)
			sty.XAlign, sty.YAlign = draw.XCenter, draw.YCenter
			if bg, err := l.cm.At(v); err == nil && luminance(bg) < 0.45 {
				sty.Color = white
			}
			c.FillText(sty, vg.Point{X: trX(float64(col)), Y: trY(float64(r))}, formatTick(v))
		}
	}
}

// luminance returns the relative lightness of c, 0 to 1.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xFFFF
}

// levelTicks label the grid's index coordinates with the levels' values.
func levelTicks(levels []float64) plot.ConstantTicks {
	ticks := make([]plot.Tick, len(levels))
	for i, v := range levels {
		ticks[i] = plot.Tick{Value: float64(i), Label: formatTick(v)}
	}
	return ticks
}

// Size implements Chart.
func (h *HeatmapChart) Size() (w, h2 vg.Length) {
	cols, rows := heatGrid(len(h.Panels))
	return vg.Length(cols)*4*vg.Inch + 1.8*vg.Inch, 1.4*vg.Inch + vg.Length(rows)*3.6*vg.Inch
}

func heatGrid(n int) (cols, rows int) {
	cols = min(2, max(n, 1))
	return cols, (max(n, 1) + cols - 1) / cols
}

// Draw implements Chart.
func (h *HeatmapChart) Draw(dc draw.Canvas) error {
	cm, err := colourMap(h.Min, h.Max)
	if err != nil {
		return err
	}
	cols, _ := heatGrid(len(h.Panels))
	var panels []*plot.Plot
	for i, pn := range h.Panels {
		xlabel, ylabel := "", ""
		if i%cols == 0 {
			ylabel = h.YLabel
		}
		if i >= len(h.Panels)-cols {
			xlabel = h.XLabel
		}
		p := newPanel(pn.Title, xlabel, ylabel)
		hm := plotter.NewHeatMap(cellGrid{pn.Z}, cm.Palette(heatColours))
		hm.Min, hm.Max = cm.Min(), cm.Max()
		hm.NaN = lightGrey
		p.Add(hm, cellLabels{z: pn.Z, cm: cm})
		p.X.Tick.Marker, p.Y.Tick.Marker = levelTicks(h.XLevels), levelTicks(h.YLevels)
		p.X.Padding, p.Y.Padding = 0, 0
		panels = append(panels, p)
	}
	bar := newPanel("", "", h.ZLabel)
	bar.Add(&plotter.ColorBar{ColorMap: cm, Vertical: true, Colors: heatColours})
	bar.HideX()
	bar.Y.Padding = 0
	figure{title: h.Title, subtitle: h.Subtitle, panels: grid(panels, cols), side: bar, sideWidth: 1.3 * vg.Inch}.draw(dc)
	return nil
}
