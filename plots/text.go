package plots

import (
	"fmt"

	"github.com/wijksim/wijksim/labels"
)

// Languages are the languages charts come in.
var Languages = labels.Languages

// text holds the chart strings in Dutch and English; labels holds the names
// of policies, outcomes, rungs and kinds.
var texts = map[string]labels.Text{
	"month":              {NL: "Tijd (maanden sinds de start)", EN: "Time (months since the start)"},
	"ladder":             {NL: "Verdeling over de participatieladder in de tijd", EN: "The participation ladder over time"},
	"ladder.y":           {NL: "Bewoners (personen)", EN: "Residents (persons)"},
	"ladder.note":        {NL: "Gestapeld: treden 1 tot 6 van onderen, daarboven wie zonder werk uitstroomde en wie na uitstroom het werk verloor; samen iedereen", EN: "Stacked: rungs 1 to 6 from the bottom, then those who left without work and those who lost the job after leaving; together everyone"},
	"trajectory":         {NL: "%s, maand voor maand", EN: "%s month by month"},
	"end":                {NL: "%s aan het eind (maand %d)", EN: "%s at the end (month %d)"},
	"end.level":          {NL: "Niveau", EN: "Level"},
	"end.diff":           {NL: "Verschil met %s (gepaard)", EN: "Difference from %s (paired)"},
	"end.clear":          {NL: "Donker: 95%-interval van het verschil sluit 0 uit (statistisch significant); licht: niet significant", EN: "Dark: the 95% interval of the difference excludes 0 (statistically clear); light: not clear"},
	"end.noci":           {NL: "Eén run: verschillen zonder interval", EN: "One run: differences without an interval"},
	"tradeoff":           {NL: "Afwegingen aan het eind (maand %d)", EN: "Trade-offs at the end (month %d)"},
	"tradeoff.note":      {NL: "Gevuld: geen ander beleid is op elke as minstens even goed en op één beter (Pareto). Kosten: de rekening van de samenleving, waarin uitstroom zonder werk niets bespaart (standaard kost het meer dan de uitkering)", EN: "Filled: no other policy is at least as good on every axis and better on one (Pareto). Cost: society's account, in which an exit without work saves nothing (with the defaults it costs more than the benefit)"},
	"better.higher":      {NL: "hoger is beter", EN: "higher is better"},
	"better.lower":       {NL: "lager is beter", EN: "lower is better"},
	"front":              {NL: "niet overtroffen (Pareto)", EN: "not beaten (Pareto)"},
	"dominated":          {NL: "overtroffen", EN: "beaten"},
	"kinds":              {NL: "Per soort bewoner: %s", EN: "By kind of resident: %s"},
	"kinds.note":         {NL: "Naar de soort bij de start: wie profiteert, wie betaalt", EN: "By kind at the start: who gains, who pays"},
	"heatmap":            {NL: "%s naar %s en %s", EN: "%s by %s and %s"},
	"heatmap.note":       {NL: "Gemiddelde per cel over de runs van het ontwerp", EN: "Mean per cell over the runs of the design"},
	"survival.up":        {NL: "Tijd tot de eerste stap omhoog (ook via tegenprestatie)", EN: "Time to the first move up (tegenprestatie included)"},
	"survival.up.y":      {NL: "Nog niet gestegen (aandeel)", EN: "Not yet moved up (share)"},
	"survival.work":      {NL: "Tijd tot uitstroom naar werk", EN: "Time to exit to work"},
	"survival.work.y":    {NL: "Nog niet naar werk (aandeel)", EN: "Not yet exited to work (share)"},
	"survival.note":      {NL: "Kaplan-Meier, bewoners van de start, gecensureerd aan het eind; band: 95% (Greenwood, log-log)", EN: "Kaplan-Meier, residents at the start, censored at the end; band: 95% (Greenwood, log-log)"},
	"band.compare":       {NL: "Gemiddelde met 95%%-betrouwbaarheidsband over %d replicaties", EN: "Mean with 95%% confidence band over %d replicates"},
	"band.sweep":         {NL: "Gemiddelde over %d runs per beleid over het hele ontwerp, met 95%%-band", EN: "Mean over %d runs per policy across the whole design, with 95%% band"},
	"mean.compare":       {NL: "Gemiddelde over %d replicaties", EN: "Mean over %d replicates"},
	"mean.sweep":         {NL: "Gemiddelde over %d runs per beleid over het hele ontwerp", EN: "Mean over %d runs per policy across the whole design"},
	"mean.run":           {NL: "Eén run (replicatie %d)", EN: "One run (replicate %d)"},
	"band.run":           {NL: "Eén run (replicatie %d): geen betrouwbaarheidsband", EN: "One run (replicate %d): no confidence band"},
	"bar.compare":        {NL: "Gemiddelde met 95%%-interval over %d replicaties", EN: "Mean with 95%% interval over %d replicates"},
	"bar.sweep":          {NL: "Gemiddelde met 95%%-interval over %d runs per beleid (hele ontwerp)", EN: "Mean with 95%% interval over %d runs per policy (whole design)"},
	"bar.run":            {NL: "Eén run (replicatie %d): geen interval", EN: "One run (replicate %d): no interval"},
	"band.design":        {NL: "Gemiddelde over de %d punten van het ontwerp (%d runs per beleid), zonder band: de punten verschillen met opzet; elk punt met zijn interval staat in de grafieken per ontwerppunt", EN: "Mean over the %d points of the design (%d runs per policy), without a band: the points differ on purpose; each point with its interval is in the charts per design point"},
	"mean.design":        {NL: "Gemiddelde over de %d punten van het ontwerp (%d runs per beleid)", EN: "Mean over the %d points of the design (%d runs per policy)"},
	"bar.design":         {NL: "Gemiddelde over de %d punten van het ontwerp (%d runs per beleid), zonder interval: de punten verschillen met opzet; elk punt met zijn interval staat in de grafieken per ontwerppunt", EN: "Mean over the %d points of the design (%d runs per policy), without an interval: the points differ on purpose; each point with its interval is in the charts per design point"},
	"points":             {NL: "%s aan het eind (maand %d), per punt van het ontwerp", EN: "%s at the end (month %d), per point of the design"},
	"points.note":        {NL: "Elk punt: gemiddelde met 95%%-interval over zijn %d replicaties. Gevuld: het gepaarde verschil met %s sluit op dat punt 0 uit (statistisch significant); open: niet significant", EN: "Each point: mean with 95%% interval over its %d replicates. Filled: the paired difference from %s excludes 0 at that point (statistically clear); open: not clear"},
	"points.clear":       {NL: "verschil met %s duidelijk", EN: "difference from %s clear"},
	"points.unclear":     {NL: "niet significant", EN: "not clear"},
	"points.scenario":    {NL: "Scenario", EN: "Scenario"},
	"yes":                {NL: "ja", EN: "yes"},
	"no":                 {NL: "nee", EN: "no"},
	"no.points":          {NL: "Grafieken per ontwerppunt: het ontwerp heeft te veel combinaties (%d panelen, hooguit %d)", EN: "Charts per design point: the design has too many combinations (%d panels, at most %d)"},
	"no.monthly":         {NL: "Geen maandreeksen in deze map (sweep zonder outputs: [monthly])", EN: "No monthly series in this folder (a sweep without outputs: [monthly])"},
	"no.events":          {NL: "Geen gebeurtenissenlog in deze map: overlevingscurven vragen een run of een sweep met outputs: [events]", EN: "No event log in this folder: survival curves need a run, or a sweep with outputs: [events]"},
	"no.heatmap":         {NL: "Een warmtekaart vraagt een sweep die twee of meer numerieke parameters varieert", EN: "Heatmaps need a sweep that varies two or more numeric parameters"},
	"no.kinds":           {NL: "Geen uitkomsten per soort bewoner in deze map", EN: "No outcomes by kind of resident in this folder"},
	"no.tradeoff":        {NL: "De afwegingen vragen minstens twee beleidsvormen", EN: "The trade-off view needs at least two policies"},
	"legend.left":        {NL: "Uitgestroomd zonder werk", EN: "Left without work"},
	"legend.out_of_work": {NL: "Na uitstroom werk verloren", EN: "Lost the job after leaving"},
}

// tr returns the chart string key in lang, formatted with args if any.
func tr(key, lang string, args ...any) string {
	t, ok := texts[key]
	if !ok {
		panic("plots: no text " + key)
	}
	if len(args) == 0 {
		return t.In(lang)
	}
	return fmt.Sprintf(t.In(lang), args...)
}

// Text returns the chart string key in lang (see the keys of the package's
// texts, such as "no.events"), formatted with args; the report uses it to
// say the same things as the charts.
func Text(key, lang string, args ...any) string { return tr(key, lang, args...) }

// bandNote says what the lines and bands of a chart rest on.
func bandNote(res *Results, lang string) string {
	switch {
	case res.PerPoint():
		return tr("band.design", lang, len(res.Points), res.Replicates)
	case res.Kind == KindSweep:
		return tr("band.sweep", lang, res.Replicates)
	case res.HasCI():
		return tr("band.compare", lang, res.Replicates)
	}
	return tr("band.run", lang, res.Manifest.Replicate)
}

// meanNote says what the values of a chart without bands rest on.
func meanNote(res *Results, lang string) string {
	switch {
	case res.PerPoint():
		return tr("mean.design", lang, len(res.Points), res.Replicates)
	case res.Kind == KindSweep:
		return tr("mean.sweep", lang, res.Replicates)
	case res.HasCI():
		return tr("mean.compare", lang, res.Replicates)
	}
	return tr("mean.run", lang, res.Manifest.Replicate)
}

// barNote says what the bars and whiskers of a chart rest on.
func barNote(res *Results, lang string) string {
	switch {
	case res.PerPoint():
		return tr("bar.design", lang, len(res.Points), res.Replicates)
	case res.Kind == KindSweep:
		return tr("bar.sweep", lang, res.Replicates)
	case res.HasCI():
		return tr("bar.compare", lang, res.Replicates)
	}
	return tr("bar.run", lang, res.Manifest.Replicate)
}
