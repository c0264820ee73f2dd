package report

import (
	"fmt"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/wijksim/wijksim/labels"
	"github.com/wijksim/wijksim/plots"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/scenarios"
)

// page is everything the template shows.
type page struct {
	Lang     string
	Title    string
	Subtitle string
	Run      []field
	Params   []param
	Policies []policyRow
	// Levels and Diffs are the end-of-run tables; Clear says per policy
	// which differences are clear.
	// LevelNotes say what the end tables show and how to read them, one
	// paragraph each.
	LevelNotes    []string
	DiffNote      string
	Levels, Diffs table
	// Legend explains the colours of clear differences.
	Legend   []legendItem
	Clear    []string
	Front    string
	Sections []section
	Missing  []string
	// Warnings list the failed runs and the folders left out.
	Warnings []string
	Footer   string
	PlotHint string
}

// field is one line of what was run.
type field struct {
	Label, Value string
	Code         bool
}

// param is one resolved parameter.
type param struct{ Key, Value, Unit string }

// policyRow describes one policy.
type policyRow struct {
	Name     string
	Swatch   template.CSS
	Summary  string
	Baseline bool
}

// table is a table of cells with a header row and a label per row.
type table struct {
	Head []string
	Rows []row
}

type row struct {
	Label string
	Cells []cell
}

// section is a part of the report with its charts and tables.
type section struct {
	ID, Title string
	Intro     string
	Legend    []legendItem
	Figures   []figure
	Tables    []table
}

// legendItem is a colour swatch (a cell class) and what it means.
type legendItem struct{ Class, Text string }

// figure is one chart drawn inline.
type figure struct {
	ID  string
	SVG template.HTML
}

// maxFailedListed is how many failed runs the report lists one by one.
const maxFailedListed = 50

// warnings says in lang what the results leave out: incomplete folders,
// folders of other results, failed runs; and runs that were not made
// together.
func warnings(res *plots.Results, lang string) []string {
	var out []string
	for _, dir := range res.Incomplete {
		out = append(out, tr("warn.incomplete", lang, dir))
	}
	for _, dir := range res.Ignored {
		out = append(out, tr("warn.ignored", lang, dir, res.Dir))
	}
	for _, u := range res.Unpaired {
		out = append(out, tr("warn.unpaired", lang, res.Dir, u))
	}
	if n := len(res.Failed); n > 0 {
		out = append(out, tr("warn.failed", lang, n))
		for i, f := range res.Failed {
			if i == maxFailedListed {
				out = append(out, tr("warn.more", lang, n-maxFailedListed))
				break
			}
			msg, _, _ := strings.Cut(f.Error, "\n")
			out = append(out, tr("warn.run", lang, f.Run, f.Point, f.Policy, f.Replicate, msg))
		}
	}
	return out
}

// buildPage gathers the page of res and its charts, in lang.
func buildPage(res *plots.Results, charts *plots.Charts, lang string) (*page, error) {
	man := res.Manifest
	p := &page{
		Lang:     lang,
		Title:    tr("title", lang),
		Subtitle: scenarioLine(res, lang) + " · " + tr("kind."+res.Kind, lang),
		Run:      runFields(res, lang),
		Footer:   tr("footer", lang, man.Version, res.Dir),
		PlotHint: tr("charts.files", lang, res.Dir),
		Missing:  charts.Missing,
		Warnings: warnings(res, lang),
	}
	defs, err := man.PolicyDefs()
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	keys := res.Keys() // the folder's policy files' keys too, for their units
	for _, pv := range man.Params {
		unit := ""
		if spec, ok := keys.Lookup(pv.Key); ok {
			unit = labels.ParamUnit(spec.Unit, lang)
		}
		p.Params = append(p.Params, param{Key: pv.Key, Value: fmt.Sprint(pv.Value), Unit: unit})
	}
	for _, pol := range res.Policies {
		r := policyRow{Name: labels.PolicyName(pol, lang), Swatch: template.CSS("background:" + labels.Hex(labels.PolicyColour(pol))), Baseline: pol == res.Baseline}
		if sp, err := policies.Find(pol, defs); err == nil {
			r.Summary = sp.Summary.In(lang)
			if !sp.Builtin {
				r.Summary = sp.Label.In(lang) + ": " + r.Summary + " (" + sp.File + ")"
			}
		}
		p.Policies = append(p.Policies, r)
	}
	p.endTables(res, lang)
	if charts.Tradeoff != nil {
		var front, axes []string
		for _, pt := range charts.Tradeoff.Points {
			if pt.Front {
				front = append(front, pt.Label)
			}
		}
		for _, a := range charts.Tradeoff.Axes {
			o, _ := res.Outcomes.Lookup(a.Outcome)
			axes = append(axes, o.Title(lang)+" ("+o.Better.Text(lang)+")")
		}
		p.Front = tr("front", lang, strings.Join(front, ", "), strings.Join(axes, "; "))
		if early, ok := frontAt(res, charts.Tradeoff, validatedMonths); ok && res.Months > validatedMonths {
			p.Front += " " + tr("front.early", lang, validatedMonths, strings.Join(early, ", "))
		}
	}
	p.costSection(res, lang)
	return p, p.addSections(res, charts, lang)
}

// scenarioLine names the scenario with its description.
func scenarioLine(res *plots.Results, lang string) string {
	sc := res.Manifest.Scenario
	line := sc.Name
	if name, ok := strings.CutPrefix(sc.Source, "embedded:"); ok {
		if s, err := scenarios.Load(name, scenarios.Options{}); err == nil && s.Description[lang] != "" {
			line = s.Description[lang]
		}
	}
	return line
}

// runFields says what was run, from the manifest.
func runFields(res *plots.Results, lang string) []field {
	man := res.Manifest
	fs := []field{
		{Label: tr("f.kind", lang), Value: tr("kind."+res.Kind, lang)},
		{Label: tr("f.folder", lang), Value: res.Dir, Code: true},
		{Label: tr("f.command", lang), Value: strings.Join(man.Command, " "), Code: true},
		{Label: tr("f.version", lang), Value: strings.TrimSpace(man.Version + " " + man.GoVersion)},
		{Label: tr("f.created", lang), Value: man.Created},
	}
	scen := man.Scenario.Name
	if man.Scenario.Source != "" {
		scen += " (" + man.Scenario.Source + ")"
	}
	if len(man.Scenario.SHA256) >= 12 {
		scen += ", SHA-256 " + man.Scenario.SHA256[:12] + "…"
	}
	fs = append(fs, field{Label: tr("f.scenario", lang), Value: scen})
	over := tr("none", lang)
	if len(man.Scenario.Overrides) > 0 {
		over = strings.Join(man.Scenario.Overrides, ", ")
	}
	fs = append(fs,
		field{Label: tr("f.overrides", lang), Value: over, Code: len(man.Scenario.Overrides) > 0},
		field{Label: tr("f.seed", lang), Value: strconv.FormatUint(man.Seed, 10)},
	)
	switch res.Kind {
	case plots.KindRun:
		fs = append(fs, field{Label: tr("f.replicate", lang), Value: strconv.FormatUint(man.Replicate, 10)})
	case plots.KindCompare:
		fs = append(fs, field{Label: tr("f.replicates", lang), Value: strconv.Itoa(res.Replicates)})
	case plots.KindSweep:
		fs = append(fs, field{Label: tr("f.runs", lang), Value: strconv.Itoa(res.Replicates)})
	}
	var names []string
	for _, pol := range res.Policies {
		names = append(names, labels.PolicyName(pol, lang))
	}
	fs = append(fs,
		field{Label: tr("f.policies", lang), Value: strings.Join(names, ", ")},
		field{Label: tr("f.baseline", lang), Value: labels.PolicyName(res.Baseline, lang)},
		field{Label: tr("f.months", lang), Value: tr("months", lang, res.Months)},
		field{Label: tr("f.residents", lang), Value: strconv.Itoa(res.Residents)},
	)
	if res.Sweep != nil {
		if spec, ok := man.Spec.(map[string]any); ok {
			if d, ok := spec["design"].(map[string]any); ok {
				fs = append(fs, field{Label: tr("f.design", lang), Value: fmt.Sprint(d["kind"])})
			}
		}
		var factors []string
		for i, f := range res.Sweep.Factors {
			factors = append(factors, f+": "+levelsText(res.Sweep, i))
		}
		if len(factors) > 0 {
			fs = append(fs, field{Label: tr("f.factors", lang), Value: strings.Join(factors, "; ")})
		}
	}
	return fs
}

// levelsText lists a factor's values, or their range when there are many.
func levelsText(sw *plots.SweepData, i int) string {
	var vals []float64
	for _, r := range sw.Rows {
		if i < len(r.Values) && !math.IsNaN(r.Values[i]) {
			vals = append(vals, r.Values[i])
		}
	}
	slices.Sort(vals)
	vals = slices.Compact(vals)
	if len(vals) == 0 {
		return "–"
	}
	if len(vals) > 8 {
		return fmt.Sprintf("%s … %s (%d)", strconv.FormatFloat(vals[0], 'g', 4, 64), strconv.FormatFloat(vals[len(vals)-1], 'g', 4, 64), len(vals))
	}
	out := make([]string, len(vals))
	for k, v := range vals {
		out[k] = strconv.FormatFloat(v, 'g', -1, 64)
	}
	return strings.Join(out, ", ")
}

// frontAt returns the policies that no other beats on the trade-off's axes
// at month m, on the monthly means, in the trade-off's order; false when a
// policy lacks an axis's estimate at m.
func frontAt(res *plots.Results, t *plots.TradeoffChart, m int) ([]string, bool) {
	values := make([][]float64, len(t.Points))
	for i, pt := range t.Points {
		for _, a := range t.Axes {
			series := res.Monthly[pt.Policy][a.Outcome]
			if m >= len(series) || math.IsNaN(series[m].Mean) {
				return nil, false
			}
			values[i] = append(values[i], series[m].Mean)
		}
	}
	var front []string
	for i, on := range plots.Pareto(values, t.HigherIsBetter()) {
		if on {
			front = append(front, t.Points[i].Label)
		}
	}
	return front, true
}
