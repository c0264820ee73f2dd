package experiment

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/wijksim/wijksim/internal/names"
	"github.com/wijksim/wijksim/labels"
	"github.com/wijksim/wijksim/outcomes"
	"github.com/wijksim/wijksim/termtable"
)

// TableOutcomes returns the outcomes shown in the terminal table by
// default: the registry's outcomes shown in tables.
func TableOutcomes() []string { return outcomes.ShownKeys(outcomes.Table) }

// WriteTable prints the end-of-run estimates of the outcomes keys (default
// TableOutcomes) with their 95% intervals, then the paired differences from
// the baseline, a * marking a difference whose interval excludes zero.
// Outcomes are named by their labels with units, policies by their display
// names, in the language of opt, fitted to its width.
func (c *Comparison) WriteTable(w io.Writer, keys []string, opt termtable.Options) error {
	reg := c.Spec.Registry
	if len(keys) == 0 {
		keys = reg.ShownKeys(outcomes.Table)
	}
	var list []outcomes.Outcome
	for _, key := range keys {
		if err := names.Check("outcome", key, SeriesNames(reg)); err != nil {
			return fmt.Errorf("compare table: %w", err)
		}
		o, _ := reg.Lookup(key)
		list = append(list, o)
	}
	lang := opt.Lang
	head := fmt.Sprintf(tableText("head", lang), c.Spec.Scenario.Name, c.Replicates, c.Spec.Seed, c.Months)
	if err := termtable.Paragraph(w, head, opt); err != nil {
		return err
	}
	if c.Spec.Precision > 0 {
		state := tableText("reached", lang)
		if !c.PrecisionReached {
			state = fmt.Sprintf(tableText("not.reached", lang), c.Spec.MaxReplicates)
		}
		if err := termtable.Paragraph(w, fmt.Sprintf(tableText("precision", lang), c.Spec.Precision, strings.Join(c.Spec.Outcomes, ", "), state, c.WorstHalfWidth), opt); err != nil {
			return err
		}
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return err
	}
	levels := termtable.Table{Head: []string{tableText("outcome", lang)}}
	for _, pol := range c.Spec.Policies {
		levels.Head = append(levels.Head, labels.PolicyName(pol, lang))
	}
	for _, o := range list {
		row := []string{o.LabelWithUnit(lang)}
		for p := range c.Spec.Policies {
			row = append(row, formatEstimate(o, c.Level(p, c.Months, o.Key)))
		}
		levels.AddRow(row[0], row[1:]...)
	}
	if err := levels.Write(w, opt); err != nil {
		return err
	}
	if err := termtable.Paragraph(w, "\n"+fmt.Sprintf(tableText("diff", lang), labels.PolicyName(c.Spec.Baseline, lang))+"\n", opt); err != nil {
		return err
	}
	diffs := termtable.Table{Head: []string{tableText("outcome", lang)}}
	for _, pol := range c.Spec.Policies {
		if pol != c.Spec.Baseline {
			diffs.Head = append(diffs.Head, labels.PolicyName(pol, lang))
		}
	}
	for _, o := range list {
		row := []string{o.LabelWithUnit(lang)}
		for p, pol := range c.Spec.Policies {
			if pol != c.Spec.Baseline {
				row = append(row, formatDifference(o, c.Difference(p, c.Months, o.Key)))
			}
		}
		diffs.AddRow(row[0], row[1:]...)
	}
	if err := diffs.Write(w, opt); err != nil {
		return err
	}
	return c.writeAccounts(w, opt)
}

// writeAccounts prints the two cost accounts side by side, a row per
// policy, and what each counts.
func (c *Comparison) writeAccounts(w io.Writer, opt termtable.Options) error {
	lang := opt.Lang
	if err := termtable.Paragraph(w, "\n"+fmt.Sprintf(tableText("accounts", lang), c.Months)+"\n", opt); err != nil {
		return err
	}
	mun, _ := outcomes.Lookup(outcomes.MunicipalityAccount)
	soc, _ := outcomes.Lookup(outcomes.SocietyAccount)
	t := termtable.Table{Head: []string{tableText("policy", lang), mun.LabelWithUnit(lang), soc.LabelWithUnit(lang)}}
	for p, pol := range c.Spec.Policies {
		t.AddRow(labels.PolicyName(pol, lang), formatEstimate(mun, c.Level(p, c.Months, mun.Key)), formatEstimate(soc, c.Level(p, c.Months, soc.Key)))
	}
	if err := t.Write(w, opt); err != nil {
		return err
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return err
	}
	return termtable.Paragraph(w, outcomes.AccountsExplanation(lang), opt)
}

// formatEstimate writes a mean with its 95% interval, in the outcome's unit.
func formatEstimate(o outcomes.Outcome, e Estimate) string {
	if math.IsNaN(e.Mean) {
		return "-"
	}
	return o.FormatEstimate(e.Mean, e.Lo, e.Hi, false)
}

// formatDifference writes a paired difference with its 95% interval and a
// * when the interval excludes zero.
func formatDifference(o outcomes.Outcome, e Estimate) string {
	if math.IsNaN(e.Mean) {
		return "-"
	}
	s := o.FormatEstimate(e.Mean, e.Lo, e.Hi, true)
	if e.Clear() {
		s += "*"
	}
	return s
}

// tableTexts are the words of the comparison's terminal table.
var tableTexts = map[string]labels.Text{
	"head": {NL: "Scenario %s, %d replicaties per beleid, seed %d, maand %d; gemiddelde [95%%-betrouwbaarheidsinterval]",
		EN: "Scenario %s, %d replicates per policy, seed %d, month %d; mean [95%% CI]"},
	"precision": {NL: "Precisie %g op %s: %s; grootste halve breedte %.4g",
		EN: "Precision %g on %s: %s; largest half-width %.4g"},
	"reached":     {NL: "bereikt", EN: "reached"},
	"not.reached": {NL: "NIET bereikt (maximum van %d replicaties)", EN: "NOT reached (cap of %d replicates)"},
	"outcome":     {NL: "Uitkomst aan het eind", EN: "Outcome at the end"},
	"policy":      {NL: "Beleid", EN: "Policy"},
	"accounts":    {NL: "De twee kostenrekeningen naast elkaar, maand %d", EN: "The two cost accounts side by side, month %d"},
	"diff": {NL: "Gepaard verschil met %s, op dezelfde bewoners en levensgebeurtenissen; * = het 95%%-interval sluit 0 uit",
		EN: "Paired difference from %s, on the same residents and life events; * = the 95%% interval excludes 0"},
}

func tableText(key, lang string) string { return tableTexts[key].In(lang) }
