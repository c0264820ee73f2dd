package plots

import (
	"fmt"
	"image/color"
	"slices"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/wijksim/wijksim/labels"
)

// Chart is one figure, its data already in one language.
type Chart interface {
	// Name is the chart's file name without extension, unique among the
	// charts of a folder.
	Name() string
	// Heading is the chart's title.
	Heading() string
	// Size is the chart's natural size.
	Size() (w, h vg.Length)
	// Draw draws the chart on c.
	Draw(c draw.Canvas) error
}

// Charts are every chart that a results folder supports, in one language.
// A nil or empty field means the folder lacks its data; Missing says why.
type Charts struct {
	Lang         string
	Ladder       *LadderChart
	Trajectories []*TrajectoryChart
	End          []*EndChart
	// Points replace End for a sweep over chosen design points: each
	// outcome at each point, instead of pooled over the design.
	Points   []*PointsChart
	Tradeoff *TradeoffChart
	Kinds    []*KindChart
	Heatmaps []*HeatmapChart
	Survival []*SurvivalChart
	// Missing lists, in lang, the charts the folder cannot support and why.
	Missing []string
}

// All returns every chart, in the order of the fields of Charts.
func (c *Charts) All() []Chart {
	var out []Chart
	if c.Ladder != nil {
		out = append(out, c.Ladder)
	}
	for _, t := range c.Trajectories {
		out = append(out, t)
	}
	for _, e := range c.End {
		out = append(out, e)
	}
	for _, p := range c.Points {
		out = append(out, p)
	}
	if c.Tradeoff != nil {
		out = append(out, c.Tradeoff)
	}
	for _, k := range c.Kinds {
		out = append(out, k)
	}
	for _, h := range c.Heatmaps {
		out = append(out, h)
	}
	for _, s := range c.Survival {
		out = append(out, s)
	}
	return out
}

// Build builds every chart that res supports, in lang ("nl" or "en").
func Build(res *Results, lang string) (*Charts, error) {
	if !slices.Contains(Languages, lang) {
		return nil, fmt.Errorf("plots: language %q; allowed: nl, en", lang)
	}
	if len(res.Policies) == 0 {
		return nil, fmt.Errorf("plots: results folder %s has no policies", res.Dir)
	}
	c := &Charts{Lang: lang}
	if res.Monthly != nil {
		c.Ladder = BuildLadder(res, lang)
		for _, o := range res.TrajectoryOutcomes() {
			if t := BuildTrajectory(res, o, lang); t != nil {
				c.Trajectories = append(c.Trajectories, t)
			}
		}
	} else {
		c.Missing = append(c.Missing, tr("no.monthly", lang))
	}
	for _, o := range res.EndOutcomes() {
		p, why := BuildPoints(res, o, lang)
		if why != "" {
			c.Missing = append(c.Missing, why)
			c.Points = nil
			break
		}
		if p != nil {
			c.Points = append(c.Points, p)
		}
	}
	if len(c.Points) == 0 {
		for _, o := range res.EndOutcomes() {
			if e := BuildEnd(res, o, lang); e != nil {
				c.End = append(c.End, e)
			}
		}
	}
	if c.Tradeoff = BuildTradeoff(res, lang); c.Tradeoff == nil {
		c.Missing = append(c.Missing, tr("no.tradeoff", lang))
	}
	for _, m := range KindMetrics() {
		if k := BuildKinds(res, m, lang); k != nil {
			c.Kinds = append(c.Kinds, k)
		}
	}
	if len(c.Kinds) == 0 {
		c.Missing = append(c.Missing, tr("no.kinds", lang))
	}
	c.Heatmaps = BuildHeatmaps(res, lang)
	if len(c.Heatmaps) == 0 {
		c.Missing = append(c.Missing, tr("no.heatmap", lang))
	}
	if res.Cohorts != nil {
		c.Survival = []*SurvivalChart{BuildSurvival(res, StepUp, lang), BuildSurvival(res, ExitToWork, lang)}
	} else {
		c.Missing = append(c.Missing, tr("no.events", lang))
	}
	return c, nil
}

// Series is one policy's line: Y by X, with its 95% band where Lo and Hi
// are set (nil without a band; NaN where a month has none).
type Series struct {
	Policy string
	// Label is the policy's display name and Colour its fixed colour.
	Label  string
	Colour color.NRGBA
	X, Y   []float64
	Lo, Hi []float64
}

// Bar is one policy's value with its 95% interval (NaN without one).
type Bar struct {
	Policy string
	Label  string
	Colour color.NRGBA
	Value  float64
	Lo, Hi float64
	// Clear is true for a paired difference whose interval excludes zero.
	Clear bool
}

// policyStyle returns the display name and colour of a policy.
func policyStyle(pol, lang string) (string, color.NRGBA) {
	return labels.PolicyName(pol, lang), labels.PolicyColour(pol)
}
