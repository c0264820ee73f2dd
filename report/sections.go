package report

import (
	"fmt"

	"github.com/wijksim/wijksim/labels"
	"github.com/wijksim/wijksim/plots"
)

// addSections adds a section per group of charts, each chart drawn inline.
func (p *page) addSections(res *plots.Results, charts *plots.Charts, lang string) error {
	add := func(id, title, intro string, chs []plots.Chart, tables ...table) error {
		if len(chs) == 0 {
			return nil
		}
		s := section{ID: id, Title: title, Intro: intro, Tables: tables}
		for _, ch := range chs {
			svg, err := inlineSVG(ch)
			if err != nil {
				return err
			}
			s.Figures = append(s.Figures, figure{ID: "chart-" + ch.Name(), SVG: svg})
		}
		p.Sections = append(p.Sections, s)
		return nil
	}
	var steps []func() error
	if charts.Tradeoff != nil {
		steps = append(steps, func() error {
			return add("tradeoff", tr("sec.tradeoff", lang), p.Front, []plots.Chart{charts.Tradeoff})
		})
	}
	if charts.Ladder != nil {
		steps = append(steps, func() error {
			return add("ladder", tr("sec.ladder", lang), "", []plots.Chart{charts.Ladder})
		})
	}
	steps = append(steps,
		func() error {
			return add("trajectories", tr("sec.trajectories", lang), "", asCharts(charts.Trajectories))
		},
		func() error {
			return add("end", tr("sec.end", lang), "", append(asCharts(charts.End), asCharts(charts.Points)...))
		},
		func() error {
			intro := tr("kinds.run", lang)
			if res.HasCI() {
				intro = tr("kinds.note", lang, labels.PolicyName(res.Baseline, lang))
			}
			n := len(p.Sections)
			if err := add("kinds", tr("sec.kinds", lang), intro, asCharts(charts.Kinds), kindsTable(res, charts, lang)); err != nil {
				return err
			}
			if len(p.Sections) > n && res.HasCI() {
				p.Sections[n].Legend = legend(lang)
			}
			return nil
		},
		func() error { return add("heatmaps", tr("sec.heatmaps", lang), "", asCharts(charts.Heatmaps)) },
		func() error {
			var tables []table
			for _, s := range charts.Survival {
				tables = append(tables, survivalTable(s, lang))
			}
			return add("survival", tr("sec.survival", lang), tr("surv.note", lang), asCharts(charts.Survival), tables...)
		},
	)
	for _, step := range steps {
		if err := step(); err != nil {
			return fmt.Errorf("report: %w", err)
		}
	}
	return nil
}

// asCharts turns a slice of one kind of chart into plots.Chart values.
func asCharts[C plots.Chart](cs []C) []plots.Chart {
	out := make([]plots.Chart, len(cs))
	for i, c := range cs {
		out[i] = c
	}
	return out
}
