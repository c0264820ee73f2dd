package analysis

import (
	"fmt"
	"image/color"
	"io"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wijksim/wijksim/experiment"
	"github.com/wijksim/wijksim/labels"
	"github.com/wijksim/wijksim/outcomes"
	"github.com/wijksim/wijksim/plots"
	"github.com/wijksim/wijksim/results"
)

// ChartFormats are the formats the charts of sensitivity and discover are
// written in.
var ChartFormats = []string{"svg", "png"}

var (
	colourA = color.NRGBA{0x00, 0x72, 0xB2, 0xFF} // Okabe-Ito blue
	colourB = color.NRGBA{0xE6, 0x9F, 0x00, 0xFF} // Okabe-Ito orange
)

// texts are the words of the analysis charts, in Dutch and English.
var texts = map[string]labels.Text{
	"sens.title":    {NL: "Gevoeligheid van %s bij %s", EN: "Sensitivity of %s under %s"},
	"sens.diff":     {NL: "%s min %s", EN: "%s minus %s"},
	"sens.morris":   {NL: "Morris-screening: mu*, het gemiddelde absolute elementaire effect (de verandering van de uitkomst over het hele bereik van een parameter), met bootstrap-95%%-interval. Hoe verder naar rechts, hoe meer de parameter ertoe doet.", EN: "Morris screening: mu*, the mean absolute elementary effect (the change of the outcome over a parameter's whole range), with its bootstrap 95%% interval. The further right, the more the parameter matters."},
	"sens.sobol":    {NL: "Sobol-indices (schema van Saltelli, schatters van Jansen): het deel van de variantie van de uitkomst dat een parameter alleen (eerste orde) en met zijn interacties (totale orde) verklaart, met bootstrap-95%%-intervallen.", EN: "Sobol indices (Saltelli's scheme, Jansen's estimators): the share of the outcome's variance that a parameter explains alone (first order) and with its interactions (total order), with bootstrap 95%% intervals."},
	"sens.morris.x": {NL: "mu*: verandering van %s over het bereik", EN: "mu*: change of %s over the range"},
	"sens.sobol.x":  {NL: "Sobol-index (aandeel van de variantie)", EN: "Sobol index (share of the variance)"},
	"sens.mustar":   {NL: "mu* met 95%%-interval", EN: "mu* with 95%% interval"},
	"sens.s1":       {NL: "eerste orde S1", EN: "first order S1"},
	"sens.st":       {NL: "totale orde ST", EN: "total order ST"},
	"prim.title":    {NL: "Scenario-ontdekking: waar %s geldt voor %s", EN: "Scenario discovery: where %s holds for %s"},
	"prim.subtitle": {NL: "Het afpelpad van PRIM: elk punt is een doos in de parameterruimte, van de hele ruimte (rechts) tot de kleinste doos; de ring is de gekozen doos, de dichtste met een dekking van minstens %.2g.", EN: "PRIM's peeling trajectory: each point is a box in parameter space, from the whole space (right) to the smallest box; the ring marks the selected box, the densest with coverage of at least %.2g."},
	"prim.x":        {NL: "dekking (aandeel van de gezochte gevallen in de doos)", EN: "coverage (share of the cases of interest inside the box)"},
	"prim.y":        {NL: "dichtheid (aandeel van de doos dat gezocht is)", EN: "density (share of the box that is of interest)"},
	"prim.boxes":    {NL: "dozen", EN: "boxes"},
	"prim.selected": {NL: "gekozen doos", EN: "selected box"},
}

// tr returns the text key in lang, formatted with args.
func tr(key, lang string, args ...any) string {
	return fmt.Sprintf(texts[key].In(lang), args...)
}

// outcomeName is an outcome's label in lang from the outcome registry, or
// its name.
func outcomeName(reg *outcomes.Registry, name, lang string) string { return reg.Title(name, lang) }

// outcomeWithUnit is an outcome's label in lang, starting in lower case to
// run on in a sentence, with its unit from the outcome registry; or its name.
func outcomeWithUnit(reg *outcomes.Registry, name, lang string) string {
	o, ok := reg.Lookup(name)
	if !ok {
		return name
	}
	label := o.Title(lang)
	r, n := utf8.DecodeRuneInString(label)
	return string(unicode.ToLower(r)) + label[n:] + " (" + o.Unit.Name.In(lang) + ")"
}

// targetName names the policy or difference of a target in lang.
func targetName(t Target, lang string) string {
	if t.Minus != "" {
		return tr("sens.diff", lang, labels.PolicyName(t.Policy, lang), labels.PolicyName(t.Minus, lang))
	}
	return labels.PolicyName(t.Policy, lang)
}

// SensitivityChart builds the chart of one target's indices in lang: mu*
// with its interval for Morris, or S1 and ST side by side with their
// intervals for Sobol; one row per parameter, named from labels.
func SensitivityChart(res TargetResult, lang string) *plots.IndexChart {
	c := &plots.IndexChart{
		File:  "sensitivity_" + FileSafe(res.Target.String()),
		Title: tr("sens.title", lang, outcomeName(res.Registry, res.Target.Outcome, lang), targetName(res.Target, lang)),
	}
	for _, f := range res.Factors {
		c.Rows = append(c.Rows, labels.ParamLabel(f.Factor, lang))
	}
	if len(res.Factors) > 0 && res.Factors[0].Morris != nil {
		c.Subtitle = tr("sens.morris", lang)
		c.XLabel = tr("sens.morris.x", lang, outcomeWithUnit(res.Registry, res.Target.Outcome, lang))
		s := plots.IndexSeries{Label: tr("sens.mustar", lang), Colour: colourA}
		for _, f := range res.Factors {
			s.Value = append(s.Value, f.Morris.MuStar)
			s.Lo = append(s.Lo, f.Morris.MuStarLo)
			s.Hi = append(s.Hi, f.Morris.MuStarHi)
		}
		c.Series = []plots.IndexSeries{s}
		return c
	}
	c.Subtitle = tr("sens.sobol", lang)
	c.XLabel = tr("sens.sobol.x", lang)
	s1 := plots.IndexSeries{Label: tr("sens.s1", lang), Colour: colourA}
	st := plots.IndexSeries{Label: tr("sens.st", lang), Colour: colourB}
	for _, f := range res.Factors {
		s1.Value, s1.Lo, s1.Hi = append(s1.Value, f.Sobol.S1), append(s1.Lo, f.Sobol.S1Lo), append(s1.Hi, f.Sobol.S1Hi)
		st.Value, st.Lo, st.Hi = append(st.Value, f.Sobol.ST), append(st.Lo, f.Sobol.STLo), append(st.Hi, f.Sobol.STHi)
	}
	c.Series = []plots.IndexSeries{s1, st}
	return c
}

// TrajectoryChart builds the chart of PRIM's peeling trajectory in lang:
// density against coverage for every box, the selected box marked.
func (d *Discovery) TrajectoryChart(minCoverage float64, lang string) *plots.PathChart {
	c := &plots.PathChart{
		File:      "prim_trajectory",
		Title:     tr("prim.title", lang, d.Condition.Text, outcomeName(d.Registry, d.Outcome, lang)),
		Subtitle:  tr("prim.subtitle", lang, minCoverage),
		XLabel:    tr("prim.x", lang),
		YLabel:    tr("prim.y", lang),
		Marked:    d.Result.Selected,
		PathLabel: tr("prim.boxes", lang),
		MarkLabel: tr("prim.selected", lang),
		XMin:      0, XMax: 1, YMin: 0, YMax: 1,
	}
	for _, s := range d.Result.Trajectory {
		c.X = append(c.X, s.Coverage)
		c.Y = append(c.Y, s.Density)
	}
	return c
}

// ChartFiles are the files of ch, one in each of ChartFormats, to be
// written into a results folder (experiment.Analysis).
func ChartFiles(ch plots.Chart) []results.File {
	var files []results.File
	for _, format := range ChartFormats {
		files = append(files, results.File{Name: ch.Name() + "." + format, Write: func(w io.Writer) error { return plots.WriteChart(w, ch, format) }})
	}
	return files
}

// FileSafe turns a target name into a file name part.
func FileSafe(s string) string {
	return strings.NewReplacer("[", "_", "]", "", "-", "_", " ", "_").Replace(s)
}

// Method is the sensitivity method of a prepared spec: "morris" or
// "sobol".
func Method(spec *experiment.Spec) string {
	if spec.Design.Kind == experiment.DesignMorris {
		return "morris"
	}
	return "sobol"
}

// DefaultFolder is the results folder of a sensitivity analysis of a
// prepared spec when none is given: out/sensitivity-NAME-METHOD, without
// the method when the spec's name already ends with it
// (out/sensitivity-strengths-morris, not ...-morris-morris).
func DefaultFolder(spec *experiment.Spec) string {
	name, method := spec.Name, Method(spec)
	if name != method && !strings.HasSuffix(name, "-"+method) && !strings.HasSuffix(name, "_"+method) {
		name += "-" + method
	}
	return filepath.Join("out", "sensitivity-"+name)
}
