package report

import (
	"math"
	"strconv"
	"strings"

	"github.com/wijksim/wijksim/labels"
	"github.com/wijksim/wijksim/outcomes"
	"github.com/wijksim/wijksim/plots"
)

// validatedMonths is the longest horizon of the field evidence the model
// is checked against (docs/validation.md: two-year effects).
const validatedMonths = 24

// endTables fills the end-of-run levels, the paired differences and the
// list of clear differences.
func (p *page) endTables(res *plots.Results, lang string) {
	base := labels.PolicyName(res.Baseline, lang)
	switch {
	case res.PerPoint():
		p.LevelNotes = []string{tr("levels.design", lang, len(res.Points), res.Replicates)}
		p.DiffNote = tr("diff.note", lang, base) + " " + tr("diff.sweep", lang) + " " + tr("diff.design", lang)
	case res.Kind == plots.KindSweep:
		p.LevelNotes = []string{tr("levels.sweep", lang, res.Replicates)}
		p.DiffNote = tr("diff.note", lang, base) + " " + tr("diff.sweep", lang)
	case res.HasCI():
		p.LevelNotes = []string{tr("levels.note", lang, res.Replicates)}
		p.DiffNote = tr("diff.note", lang, base)
	default:
		p.LevelNotes = []string{tr("levels.run", lang, res.Manifest.Replicate)}
		p.DiffNote = tr("diff.run", lang)
	}
	p.LevelNotes = append(p.LevelNotes, tr("levels.ladder", lang))
	if res.Months > validatedMonths {
		p.LevelNotes = append(p.LevelNotes, tr("levels.horizon", lang, validatedMonths, res.Months))
	}
	p.Levels.Head = []string{tr("outcome", lang)}
	p.Diffs.Head = []string{tr("outcome", lang)}
	var others []string
	for _, pol := range res.Policies {
		p.Levels.Head = append(p.Levels.Head, labels.PolicyName(pol, lang))
		if pol != res.Baseline {
			others = append(others, pol)
			p.Diffs.Head = append(p.Diffs.Head, labels.PolicyName(pol, lang))
		}
	}
	for _, o := range res.EndOutcomes() {
		if !hasOutcome(res, o) {
			continue
		}
		label := res.OutcomeLabel(o, lang)
		out := outcomeOf(res, o)
		lv := row{Label: label}
		for _, pol := range res.Policies {
			lv.Cells = append(lv.Cells, estimateCell(out, res.End[pol][o]))
		}
		p.Levels.Rows = append(p.Levels.Rows, lv)
		df := row{Label: label}
		for _, pol := range others {
			df.Cells = append(df.Cells, diffCell(out, res.Diff[pol][o]))
		}
		p.Diffs.Rows = append(p.Diffs.Rows, df)
	}
	if !res.HasCI() {
		return
	}
	p.Legend = legend(lang)
	for _, pol := range others {
		var better, worse, neither []string
		for _, o := range res.EndOutcomes() {
			d, ok := res.Diff[pol][o]
			if !ok || !d.Clear() {
				continue
			}
			way := tr("up", lang)
			if d.Mean < 0 {
				way = tr("down", lang)
			}
			item := res.OutcomeTitle(o, lang) + " (" + way + ")"
			switch res.Outcomes.DirectionOf(o).Judge(d.Mean) {
			case 1:
				better = append(better, item)
			case -1:
				worse = append(worse, item)
			default:
				neither = append(neither, item)
			}
		}
		line := labels.PolicyName(pol, lang) + ": "
		var parts []string
		if len(better) > 0 {
			parts = append(parts, tr("clear.better", lang, base)+": "+strings.Join(better, ", "))
		}
		if len(worse) > 0 {
			parts = append(parts, tr("clear.worse", lang, base)+": "+strings.Join(worse, ", "))
		}
		if len(neither) > 0 {
			parts = append(parts, tr("clear.neither", lang, base)+": "+strings.Join(neither, ", "))
		}
		if len(parts) == 0 {
			parts = append(parts, tr("clear.none", lang, base))
		}
		p.Clear = append(p.Clear, line+strings.Join(parts, "; ")+".")
	}
}

// legend explains the colours of clear differences.
func legend(lang string) []legendItem {
	return []legendItem{
		{Class: "better", Text: tr("legend.better", lang)},
		{Class: "worse", Text: tr("legend.worse", lang)},
		{Class: "clear", Text: tr("legend.neither", lang)},
	}
}

// costSection adds the two cost accounts side by side, a row per policy,
// with the paired differences from the baseline, under the paragraph that
// says what each counts.
func (p *page) costSection(res *plots.Results, lang string) {
	mun, _ := outcomes.Lookup(outcomes.MunicipalityAccount)
	soc, _ := outcomes.Lookup(outcomes.SocietyAccount)
	if !hasOutcome(res, mun.Key) || !hasOutcome(res, soc.Key) {
		return
	}
	base := labels.PolicyName(res.Baseline, lang)
	t := table{Head: []string{tr("policy", lang), mun.LabelWithUnit(lang), soc.LabelWithUnit(lang),
		tr("costs.diff", lang, mun.Title(lang), base), tr("costs.diff", lang, soc.Title(lang), base)}}
	for _, pol := range res.Policies {
		r := row{Label: labels.PolicyName(pol, lang), Cells: []cell{estimateCell(mun, res.End[pol][mun.Key]), estimateCell(soc, res.End[pol][soc.Key])}}
		for _, o := range []outcomes.Outcome{mun, soc} {
			c := cell{Value: "–"}
			if pol != res.Baseline {
				c = diffCell(o, res.Diff[pol][o.Key])
				if !res.HasCI() {
					c.Clear = false
				}
			}
			r.Cells = append(r.Cells, c)
		}
		t.Rows = append(t.Rows, r)
	}
	s := section{ID: "costs", Title: tr("sec.costs", lang), Intro: outcomes.AccountsExplanation(lang) + " " + tr("costs.permover", lang), Tables: []table{t}}
	if res.HasCI() {
		s.Legend = legend(lang)
	}
	p.Sections = append(p.Sections, s)
}

// hasOutcome reports whether any policy has an estimate of o.
func hasOutcome(res *plots.Results, o string) bool {
	for _, pol := range res.Policies {
		if e, ok := res.End[pol][o]; ok && !math.IsNaN(e.Mean) {
			return true
		}
	}
	return false
}

// kindsTable lists the by-kind metrics per kind and policy.
func kindsTable(res *plots.Results, charts *plots.Charts, lang string) table {
	t := table{Head: []string{tr("outcome", lang) + " · " + tr("kind", lang)}}
	for _, pol := range res.Policies {
		t.Head = append(t.Head, labels.PolicyName(pol, lang))
	}
	for _, k := range charts.Kinds {
		for _, pn := range k.Panels {
			r := row{Label: res.OutcomeLabel(k.Metric, lang) + " · " + pn.Title}
			for _, pol := range res.Policies {
				c := cell{Value: "–"}
				if e, ok := res.ByKind[pol][pn.Kind][k.Metric]; ok {
					c = estimateCell(outcomeOf(res, k.Metric), e)
					if d, ok := res.KindDiff[pol][pn.Kind][k.Metric]; ok && pol != res.Baseline && d.Clear() {
						c.Clear, c.Judge = true, res.Outcomes.DirectionOf(k.Metric).Judge(d.Mean)
						c.Value += " *"
					}
				}
				r.Cells = append(r.Cells, c)
			}
			t.Rows = append(t.Rows, r)
		}
	}
	return t
}

// survivalTable gives, per policy, the share still without the event at a
// few months and the median time to it.
func survivalTable(s *plots.SurvivalChart, lang string) table {
	event := tr("surv.event.up", lang)
	if s.Event == plots.ExitToWork {
		event = tr("surv.event.work", lang)
	}
	horizon := int(s.XMax)
	var months []int
	for _, m := range []int{12, 24, 60} {
		if m < horizon {
			months = append(months, m)
		}
	}
	months = append(months, horizon)
	t := table{Head: []string{tr("policy", lang), tr("surv.subjects", lang)}}
	for _, m := range months {
		t.Head = append(t.Head, tr("surv.at", lang, event, m))
	}
	t.Head = append(t.Head, tr("surv.median", lang))
	for _, c := range s.Curves {
		r := row{Label: c.Label, Cells: []cell{{Value: strconv.Itoa(c.Subjects)}}}
		for _, m := range months {
			r.Cells = append(r.Cells, cell{Value: num(c.At(float64(m)))})
		}
		median := "> " + strconv.Itoa(horizon)
		for i, v := range c.S {
			if v <= 0.5 {
				median = strconv.FormatFloat(c.Times[i], 'g', -1, 64)
				break
			}
		}
		r.Cells = append(r.Cells, cell{Value: median})
		t.Rows = append(t.Rows, r)
	}
	return t
}

// outcomeOf returns the folder's outcome key (built in or of an outcome
// file), or, for a key it does not know, an outcome of that key without a
// unit or a better direction, written as a plain number.
func outcomeOf(res *plots.Results, key string) outcomes.Outcome {
	if o, ok := res.Outcomes.Lookup(key); ok {
		return o
	}
	return outcomes.Outcome{Key: key}
}
