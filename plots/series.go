package plots

import (
	"image/color"
	"math"

	"github.com/wijksim/wijksim/experiment"
	"github.com/wijksim/wijksim/labels"
)

// LadderChart is the distribution over the participation ladder month by
// month: one panel of stacked areas per policy, all on the same scales.
type LadderChart struct {
	Title, Subtitle string
	XLabel, YLabel  string
	// Layers name and colour the stacked layers from the bottom: rungs 1
	// to 6, then those who left without work, then those who lost the job
	// found after the benefit; together they are everyone.
	Layers []Layer
	// XMax and YMax are the shared scales: the last month and the largest
	// stacked total.
	XMax, YMax float64
	Panels     []LadderPanel
}

// Layer is one stacked layer of the ladder chart.
type Layer struct {
	Outcome string
	Label   string
	Colour  color.NRGBA
}

// LadderPanel is one policy's stacked areas.
type LadderPanel struct {
	Policy, Title string
	Colour        color.NRGBA
	Months        []float64
	// Values holds, per layer, the mean number of residents per month;
	// the drawn areas are their cumulative sums.
	Values [][]float64
}

// Name implements Chart.
func (l *LadderChart) Name() string { return "ladder" }

// Heading implements Chart.
func (l *LadderChart) Heading() string { return l.Title }

// leftColour is the layer of those who left without work: a light grey,
// apart from the rung scale; outOfWorkColour, a darker grey, those who lost
// the job they left the benefit for.
var (
	leftColour      = color.NRGBA{0xBB, 0xBB, 0xBB, 0xFF}
	outOfWorkColour = color.NRGBA{0x80, 0x80, 0x80, 0xFF}
)

// BuildLadder builds the ladder chart from the monthly rung counts.
func BuildLadder(res *Results, lang string) *LadderChart {
	l := &LadderChart{
		Title:    tr("ladder", lang),
		Subtitle: meanNote(res, lang) + ". " + tr("ladder.note", lang),
		XLabel:   tr("month", lang),
		YLabel:   tr("ladder.y", lang),
	}
	for r := 1; r <= 6; r++ {
		l.Layers = append(l.Layers, Layer{Outcome: rungOutcome(r), Label: labels.Rung[r-1].In(lang), Colour: labels.RungColours[r-1]})
	}
	l.Layers = append(l.Layers,
		Layer{Outcome: LeftWithoutWork, Label: tr("legend.left", lang), Colour: leftColour},
		Layer{Outcome: OutOfWork, Label: tr("legend.out_of_work", lang), Colour: outOfWorkColour})
	for _, pol := range res.Policies {
		series := res.Monthly[pol]
		if series == nil {
			continue
		}
		name, colour := policyStyle(pol, lang)
		p := LadderPanel{Policy: pol, Title: name, Colour: colour}
		months := 0
		for _, layer := range l.Layers {
			months = max(months, len(series[layer.Outcome]))
		}
		for m := range months {
			p.Months = append(p.Months, float64(m))
		}
		for _, layer := range l.Layers {
			vals := make([]float64, months)
			s := series[layer.Outcome]
			for m := range vals {
				vals[m] = 0
				if m < len(s) && !math.IsNaN(s[m].Mean) {
					vals[m] = s[m].Mean
				}
			}
			p.Values = append(p.Values, vals)
		}
		for m := range months {
			total := 0.0
			for _, v := range p.Values {
				total += v[m]
			}
			l.YMax = max(l.YMax, total)
		}
		l.XMax = max(l.XMax, float64(months-1))
		l.Panels = append(l.Panels, p)
	}
	return l
}

// TrajectoryChart is one outcome month by month, one line per policy with
// its 95% band.
type TrajectoryChart struct {
	Outcome         string
	Title, Subtitle string
	XLabel, YLabel  string
	Lines           []Series
}

// Name implements Chart.
func (t *TrajectoryChart) Name() string { return "trajectory-" + t.Outcome }

// Heading implements Chart.
func (t *TrajectoryChart) Heading() string { return t.Title }

// BuildTrajectory builds the chart of outcome month by month; nil if no
// policy has that series.
func BuildTrajectory(res *Results, outcome, lang string) *TrajectoryChart {
	t := &TrajectoryChart{
		Outcome:  outcome,
		Title:    tr("trajectory", lang, res.OutcomeTitle(outcome, lang)),
		Subtitle: bandNote(res, lang),
		XLabel:   tr("month", lang),
		YLabel:   res.OutcomeLabel(outcome, lang),
	}
	for _, pol := range res.Policies {
		s := res.Monthly[pol][outcome]
		if len(s) == 0 {
			continue
		}
		t.Lines = append(t.Lines, seriesOf(pol, lang, s, res.HasCI()))
	}
	if len(t.Lines) == 0 {
		return nil
	}
	return t
}

// seriesOf turns monthly estimates into a line, with a band if withBand.
func seriesOf(pol, lang string, s []experiment.Estimate, withBand bool) Series {
	name, colour := policyStyle(pol, lang)
	line := Series{Policy: pol, Label: name, Colour: colour, X: make([]float64, len(s)), Y: make([]float64, len(s))}
	if withBand {
		line.Lo, line.Hi = make([]float64, len(s)), make([]float64, len(s))
	}
	for m, e := range s {
		line.X[m], line.Y[m] = float64(m), e.Mean
		if withBand {
			line.Lo[m], line.Hi[m] = e.Lo, e.Hi
		}
	}
	return line
}
