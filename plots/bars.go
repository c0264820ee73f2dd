package plots

import (
	"math"

	"github.com/wijksim/wijksim/experiment"
)

// EndChart is one outcome at the end of the run: each policy's level with
// its 95% interval, and each policy's paired difference from the baseline.
type EndChart struct {
	Outcome         string
	Title, Subtitle string
	// LevelTitle and DiffTitle head the two panels; XLabel is the outcome
	// with its unit, shared by both.
	LevelTitle, DiffTitle string
	XLabel                string
	Baseline              string
	Levels                []Bar
	// Diffs leave out the baseline.
	Diffs []Bar
}

// Name implements Chart.
func (e *EndChart) Name() string { return "end-" + e.Outcome }

// Heading implements Chart.
func (e *EndChart) Heading() string { return e.Title }

// BuildEnd builds the end-of-run chart of outcome; nil if no policy has it.
func BuildEnd(res *Results, outcome, lang string) *EndChart {
	e := &EndChart{
		Outcome:    outcome,
		Title:      tr("end", lang, res.OutcomeTitle(outcome, lang), res.Months),
		Subtitle:   barNote(res, lang),
		LevelTitle: tr("end.level", lang),
		DiffTitle:  tr("end.diff", lang, policyName(res.Baseline, lang)),
		XLabel:     res.OutcomeLabel(outcome, lang),
		Baseline:   res.Baseline,
	}
	if res.HasCI() {
		e.Subtitle += ". " + tr("end.clear", lang)
	} else {
		e.Subtitle += ". " + tr("end.noci", lang)
	}
	any := false
	for _, pol := range res.Policies {
		lv, ok := res.End[pol][outcome]
		if !ok {
			continue
		}
		any = any || !math.IsNaN(lv.Mean)
		e.Levels = append(e.Levels, barOf(pol, lang, lv))
		if pol != res.Baseline {
			e.Diffs = append(e.Diffs, barOf(pol, lang, res.Diff[pol].get(outcome)))
		}
	}
	if !any {
		return nil
	}
	return e
}

// barOf turns an estimate into a bar.
func barOf(pol, lang string, est experiment.Estimate) Bar {
	name, colour := policyStyle(pol, lang)
	return Bar{Policy: pol, Label: name, Colour: colour, Value: est.Mean, Lo: est.Lo, Hi: est.Hi, Clear: est.Clear()}
}

func policyName(pol, lang string) string {
	name, _ := policyStyle(pol, lang)
	return name
}

// KindChart is one by-kind metric at the end of the run: a panel per kind
// of resident at the start, a bar per policy, on a shared scale.
type KindChart struct {
	Metric          string
	Title, Subtitle string
	XLabel          string
	Panels          []KindPanel
}

// KindPanel is one kind of resident's bars.
type KindPanel struct {
	Kind, Title string
	Bars        []Bar
}

// Name implements Chart.
func (k *KindChart) Name() string { return "kinds-" + k.Metric }

// Heading implements Chart.
func (k *KindChart) Heading() string { return k.Title }

// kindOrder are the kinds of resident in display order.
var kindOrder = []string{"support-seeker", "resistant"}

// BuildKinds builds the by-kind chart of metric; nil if the folder has no
// such metric.
func BuildKinds(res *Results, metric, lang string) *KindChart {
	k := &KindChart{
		Metric:   metric,
		Title:    tr("kinds", lang, res.OutcomeTitle(metric, lang)),
		Subtitle: barNote(res, lang) + ". " + tr("kinds.note", lang),
		XLabel:   res.OutcomeLabel(metric, lang),
	}
	any := false
	for _, kind := range kindOrder {
		p := KindPanel{Kind: kind, Title: KindName(kind, lang)}
		for _, pol := range res.Policies {
			est, ok := res.ByKind[pol][kind][metric]
			if !ok {
				continue
			}
			b := barOf(pol, lang, est)
			if d, ok := res.KindDiff[pol][kind][metric]; ok && pol != res.Baseline {
				b.Clear = d.Clear()
			}
			any = any || !math.IsNaN(b.Value)
			p.Bars = append(p.Bars, b)
		}
		if len(p.Bars) > 0 {
			k.Panels = append(k.Panels, p)
		}
	}
	if !any {
		return nil
	}
	return k
}
