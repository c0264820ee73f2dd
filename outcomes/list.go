package outcomes

import (
	"io"
	"strings"

	"github.com/wijksim/wijksim/labels"
	"github.com/wijksim/wijksim/termtable"
)

// WriteList prints every outcome of the registry with its key, unit, which
// direction is better, when it is measured, and its label with where it is
// shown, in the language and width of opt.
func WriteList(w io.Writer, opt termtable.Options) error { return Builtin().WriteList(w, opt) }

// WriteList prints every outcome of r as the package's WriteList does; an
// outcome of a file shows its expression and file beside its label.
func (r *Registry) WriteList(w io.Writer, opt termtable.Options) error {
	lang := opt.Lang
	t := termtable.Table{Head: []string{
		listText("key", lang), listText("unit", lang), listText("better", lang),
		listText("when", lang), listText("label", lang),
	}, Text: true}
	for _, o := range r.All() {
		label := o.Label.In(lang)
		var shown []string
		for i, name := range places {
			if o.Shown&(1<<i) != 0 {
				shown = append(shown, listText(name, lang))
			}
		}
		if len(shown) > 0 {
			label += " (" + listText("shown", lang) + ": " + strings.Join(shown, ", ") + ")"
		}
		if o.Expr != "" {
			label += "; " + o.Expr + " (" + o.Source + ")"
		}
		t.AddRow(o.Key, o.Unit.Name.In(lang), listText(o.Better.String(), lang), listText(o.Timing.String(), lang), label)
	}
	return t.Write(w, opt)
}

// listTexts are the words of WriteList.
var listTexts = map[string]labels.Text{
	"key":       {NL: "sleutel", EN: "key"},
	"unit":      {NL: "eenheid", EN: "unit"},
	"better":    {NL: "beter", EN: "better"},
	"when":      {NL: "wanneer", EN: "when"},
	"shown":     {NL: "getoond in", EN: "shown in"},
	"table":     {NL: "tabel", EN: "table"},
	"chart":     {NL: "grafiek", EN: "chart"},
	"tradeoff":  {NL: "afwegingen", EN: "trade-offs"},
	"by-kind":   {NL: "per soort bewoner", EN: "by kind"},
	"classroom": {NL: "klas", EN: "classroom"},
	"label":     {NL: "naam", EN: "label"},
	"higher":    {NL: "hoger", EN: "higher"},
	"lower":     {NL: "lager", EN: "lower"},
	"neither":   {NL: "geen", EN: "neither"},
	"monthly":   {NL: "per maand", EN: "monthly"},
	"end":       {NL: "eind", EN: "end"},
	"both":      {NL: "beide", EN: "both"},
}

func listText(key, lang string) string { return listTexts[key].In(lang) }
