package results

import (
	"fmt"
	"io"
	"math"

	"github.com/wijksim/wijksim/labels"
	"github.com/wijksim/wijksim/outcomes"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/termtable"
)

// WriteRunTable prints the end of each run side by side, a column per
// policy: the outcomes the registry shows in tables, with their labels and
// units, then the outcomes by kind of resident at the start (who gains,
// who pays), in the language and width of opt.
func WriteRunTable(w io.Writer, sc *scenarios.Scenario, runs []Run, opt termtable.Options) error {
	if len(runs) == 0 {
		return nil
	}
	lang := opt.Lang
	first := runs[0]
	if err := termtable.Paragraph(w, fmt.Sprintf(text("run.head", lang), sc.Title(lang), first.Seed, first.Replicate, sc.Params.Months, sc.Params.Population.Residents)+"\n", opt); err != nil {
		return err
	}
	t := termtable.Table{Head: []string{text("run.outcome", lang)}}
	for _, r := range runs {
		t.Head = append(t.Head, labels.PolicyName(r.Policy, lang))
	}
	for _, o := range first.Outcomes.Shown(outcomes.Table) {
		row := []string{o.LabelWithUnit(lang)}
		for _, r := range runs {
			end := len(r.Stats) - 1
			x := math.NaN()
			if o.Derive != nil {
				x = o.Derive(r.Stats)[end]
			} else {
				x = o.Value(&r.Stats[end])
			}
			row = append(row, o.Format(x))
		}
		t.AddRow(row[0], row[1:]...)
	}
	if err := t.Write(w, opt); err != nil {
		return err
	}

	if err := termtable.Paragraph(w, "\n"+text("run.kinds", lang)+"\n", opt); err != nil {
		return err
	}
	k := termtable.Table{Head: []string{text("run.outcome", lang)}}
	for _, r := range runs {
		for _, ks := range r.Kinds {
			k.Head = append(k.Head, labels.PolicyName(r.Policy, lang)+": "+kindName(ks.Kind, lang))
		}
	}
	residents, _ := outcomes.Lookup("residents")
	for _, o := range append([]outcomes.Outcome{residents}, outcomes.Shown(outcomes.ByKind)...) {
		row := []string{o.LabelWithUnit(lang)}
		for _, r := range runs {
			for i := range r.Kinds {
				v, _ := KindMetrics(&r.Kinds[i]).Get(o.Key)
				row = append(row, o.Format(v))
			}
		}
		k.AddRow(row[0], row[1:]...)
	}
	return k.Write(w, opt)
}

func kindName(kind, lang string) string {
	if t, ok := labels.Kind[kind]; ok {
		return t.In(lang)
	}
	return kind
}

// texts are the words of the terminal tables of this package.
var texts = map[string]labels.Text{
	"run.head": {NL: "Scenario %s, seed %d, replicatie %d, %d maanden, %d bewoners bij de start",
		EN: "Scenario %s, seed %d, replicate %d, %d months, %d residents at the start"},
	"run.outcome": {NL: "Uitkomst aan het eind", EN: "Outcome at the end"},
	"run.kinds":   {NL: "Per soort bewoner bij de start (wie profiteert, wie betaalt)", EN: "By kind of resident at the start (who gains, who pays)"},
}

func text(key, lang string) string { return texts[key].In(lang) }
