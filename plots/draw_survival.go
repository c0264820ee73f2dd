package plots

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// steps returns the step function that starts at (0, start), takes value
// vals[i] from times[i] on, and ends at xmax.
func steps(times, vals []float64, start, xmax float64) plotter.XYs {
	pts := plotter.XYs{{X: 0, Y: start}}
	y := start
	for i, t := range times {
		pts = append(pts, plotter.XY{X: t, Y: y}, plotter.XY{X: t, Y: vals[i]})
		y = vals[i]
	}
	return append(pts, plotter.XY{X: xmax, Y: y})
}

// stepBand returns the polygon between the step functions lo and hi.
func stepBand(times, lo, hi []float64, xmax float64) plotter.XYs {
	upper := steps(times, hi, 1, xmax)
	lower := steps(times, lo, 1, xmax)
	ring := append(plotter.XYs{}, upper...)
	for i := len(lower) - 1; i >= 0; i-- {
		ring = append(ring, lower[i])
	}
	return ring
}

// Size implements Chart.
func (s *SurvivalChart) Size() (w, h vg.Length) { return 10 * vg.Inch, 6 * vg.Inch }

// Draw implements Chart.
func (s *SurvivalChart) Draw(dc draw.Canvas) error {
	p := newPanel("", s.XLabel, s.YLabel)
	leg := newLegend()
	for _, c := range s.Curves {
		if err := addFill(p, []plotter.XYs{stepBand(c.Times, c.Lo, c.Hi, s.XMax)}, translucent(c.Colour, bandAlpha)); err != nil {
			return err
		}
	}
	for _, c := range s.Curves {
		l, err := plotter.NewLine(steps(c.Times, c.S, 1, s.XMax))
		if err != nil {
			return err
		}
		l.Color, l.Width = c.Colour, 2.5
		p.Add(l)
		leg.Add(c.Label, swatch{line: c.Colour, fill: translucent(c.Colour, bandAlpha)})
	}
	p.X.Min, p.X.Max = 0, s.XMax
	p.Y.Min, p.Y.Max = 0, 1
	figure{title: s.Title, subtitle: s.Subtitle, panels: [][]*plot.Plot{{p}}, legend: leg}.draw(dc)
	return nil
}
