package analysis

import (
	"fmt"
	"image/color"
	"math"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// errorValues implements plotter.YErrorer and plotter.XYer for bars with
// confidence intervals.
type errorValues struct {
	x, y, lo, hi []float64
}

func (e errorValues) Len() int                    { return len(e.y) }
func (e errorValues) XY(i int) (float64, float64) { return e.x[i], e.y[i] }
func (e errorValues) YError(i int) (float64, float64) {
	return e.y[i] - e.lo[i], e.hi[i] - e.y[i]
}

var (
	colourA = color.NRGBA{0x00, 0x72, 0xB2, 0xFF} // Okabe-Ito blue
	colourB = color.NRGBA{0xE6, 0x9F, 0x00, 0xFF} // Okabe-Ito orange
)

// SensitivityChart draws the indices of one target: mu* with its interval
// for Morris, or S1 and ST side by side with their intervals for Sobol.
func SensitivityChart(tr TargetResult) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = "Sensitivity of " + tr.Target.String()
	names := make([]string, len(tr.Factors))
	for i, f := range tr.Factors {
		names[i] = f.Factor
	}
	type series struct {
		label     string
		v, lo, hi []float64
		colour    color.Color
	}
	var all []series
	if len(tr.Factors) > 0 && tr.Factors[0].Morris != nil {
		s := series{label: "mu* (mean |elementary effect|)", colour: colourA}
		for _, f := range tr.Factors {
			s.v = append(s.v, f.Morris.MuStar)
			s.lo = append(s.lo, f.Morris.MuStarLo)
			s.hi = append(s.hi, f.Morris.MuStarHi)
		}
		all = append(all, s)
		p.Y.Label.Text = "mu* (outcome units per parameter range)"
	} else {
		s1 := series{label: "first order S1", colour: colourA}
		st := series{label: "total order ST", colour: colourB}
		for _, f := range tr.Factors {
			s1.v, s1.lo, s1.hi = append(s1.v, f.Sobol.S1), append(s1.lo, f.Sobol.S1Lo), append(s1.hi, f.Sobol.S1Hi)
			st.v, st.lo, st.hi = append(st.v, f.Sobol.ST), append(st.lo, f.Sobol.STLo), append(st.hi, f.Sobol.STHi)
		}
		all = append(all, s1, st)
		p.Y.Label.Text = "Sobol index (share of output variance)"
	}
	// Dots with whiskers for the 95% intervals; series side by side.
	for k, s := range all {
		shift := 0.18 * (float64(k) - float64(len(all)-1)/2)
		ev := errorValues{y: s.v, lo: s.lo, hi: s.hi}
		for i := range s.v {
			ev.x = append(ev.x, float64(i)+shift)
		}
		dots, err := plotter.NewScatter(ev)
		if err != nil {
			return nil, fmt.Errorf("sensitivity chart: %w", err)
		}
		dots.Color = s.colour
		dots.Shape = draw.CircleGlyph{}
		dots.Radius = vg.Points(4)
		eb, err := plotter.NewYErrorBars(ev)
		if err != nil {
			return nil, fmt.Errorf("sensitivity chart: %w", err)
		}
		eb.Color = s.colour
		eb.Width = vg.Points(1.5)
		p.Add(eb, dots)
		p.Legend.Add(s.label+" with 95% CI", dots)
	}
	p.Add(plotter.NewGrid())
	p.NominalX(names...)
	// Room at the sides for the outer whiskers and at the top for the legend.
	top := 0.0
	for _, s := range all {
		for i := range s.v {
			top = math.Max(top, math.Max(s.v[i], s.hi[i]))
		}
	}
	p.X.Min, p.X.Max = -0.6, float64(len(names))-0.4
	p.Y.Max = math.Max(p.Y.Max, top*1.25)
	p.Legend.Top = true
	p.Legend.Left = true
	return p, nil
}

// TrajectoryChart draws PRIM's peeling trajectory: density against coverage
// for every box, the selected box marked.
func (d *Discovery) TrajectoryChart() (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = fmt.Sprintf("Scenario discovery: %s on %s", d.Condition.Text, d.Outcome)
	p.X.Label.Text = "coverage (share of cases of interest in the box)"
	p.Y.Label.Text = "density (share of the box that is of interest)"
	xy := make(plotter.XYs, len(d.Result.Trajectory))
	for i, s := range d.Result.Trajectory {
		xy[i].X, xy[i].Y = s.Coverage, s.Density
	}
	line, points, err := plotter.NewLinePoints(xy)
	if err != nil {
		return nil, fmt.Errorf("trajectory chart: %w", err)
	}
	line.Color, points.Color = colourA, colourA
	p.Add(line, points)
	sel := d.Result.Trajectory[d.Result.Selected]
	mark, err := plotter.NewScatter(plotter.XYs{{X: sel.Coverage, Y: sel.Density}})
	if err != nil {
		return nil, fmt.Errorf("trajectory chart: %w", err)
	}
	mark.Shape = draw.RingGlyph{}
	mark.Radius = vg.Points(7)
	mark.Color = colourB
	p.Add(mark)
	p.Legend.Add("boxes", line, points)
	p.Legend.Add("selected box", mark)
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	p.Add(plotter.NewGrid())
	return p, nil
}

// SaveChart writes p as SVG and PNG next to each other, base without extension.
func SaveChart(p *plot.Plot, base string) ([]string, error) {
	var files []string
	for _, ext := range []string{".svg", ".png"} {
		path := base + ext
		if err := p.Save(18*vg.Centimeter, 11*vg.Centimeter, path); err != nil {
			return nil, fmt.Errorf("save chart %s: %w", path, err)
		}
		files = append(files, filepath.Base(path))
	}
	return files, nil
}

// FileSafe turns a target name into a file name part.
func FileSafe(s string) string {
	return strings.NewReplacer("[", "_", "]", "", "-", "_", " ", "_").Replace(s)
}
