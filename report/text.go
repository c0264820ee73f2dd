package report

import (
	"fmt"

	"github.com/wijksim/wijksim/labels"
)

// texts are the report's own strings in Dutch and English; policy,
// outcome, rung and kind names come from the labels package and chart
// strings from plots.
var texts = map[string]labels.Text{
	"title":            {NL: "wijksim: activeringsbeleid vergeleken", EN: "wijksim: activation policies compared"},
	"kind.run":         {NL: "Eén berekening (één replicatie per beleid)", EN: "Run (one replicate per policy)"},
	"kind.compare":     {NL: "Vergelijking over replicaties", EN: "Comparison over replicates"},
	"kind.sweep":       {NL: "Parametersweep", EN: "Parameter sweep"},
	"toc":              {NL: "Inhoud", EN: "Contents"},
	"sec.run":          {NL: "Opzet van de berekening", EN: "What was run"},
	"sec.policies":     {NL: "Wat elk beleid doet", EN: "What each policy does"},
	"sec.findings":     {NL: "Uitkomsten aan het eind", EN: "Outcomes at the end"},
	"sec.clear":        {NL: "Welke verschillen statistisch significant zijn", EN: "Which differences are statistically clear"},
	"sec.tradeoff":     {NL: "Afwegingen", EN: "Trade-offs"},
	"sec.ladder":       {NL: "De participatieladder", EN: "The participation ladder"},
	"sec.trajectories": {NL: "Uitkomsten per maand", EN: "Outcomes month by month"},
	"sec.end":          {NL: "Eindniveaus en verschillen met de referentie", EN: "End levels and differences from the baseline"},
	"sec.kinds":        {NL: "Per soort bewoner: wie profiteert, wie betaalt", EN: "By kind of resident: who gains, who pays"},
	"sec.heatmaps":     {NL: "Over twee gevarieerde parameters", EN: "Over two swept parameters"},
	"sec.survival":     {NL: "Tijd tot de eerste stap en tot werk", EN: "Time to the first step and to work"},
	"sec.missing":      {NL: "Niet in dit rapport", EN: "Not in this report"},
	"sec.params":       {NL: "Alle parameters", EN: "Every parameter"},
	"f.kind":           {NL: "Soort resultaten", EN: "Kind of results"},
	"f.folder":         {NL: "Map", EN: "Folder"},
	"f.command":        {NL: "Opdracht", EN: "Command"},
	"f.version":        {NL: "Versie", EN: "Version"},
	"f.created":        {NL: "Gemaakt", EN: "Created"},
	"f.scenario":       {NL: "Scenario", EN: "Scenario"},
	"f.overrides":      {NL: "Aanpassingen", EN: "Overrides"},
	"f.seed":           {NL: "Startgetal (seed)", EN: "Seed"},
	"f.replicates":     {NL: "Replicaties per beleid", EN: "Replicates per policy"},
	"f.runs":           {NL: "Runs per beleid", EN: "Runs per policy"},
	"f.replicate":      {NL: "Replicatie", EN: "Replicate"},
	"f.policies":       {NL: "Beleid", EN: "Policies"},
	"f.baseline":       {NL: "Referentie (vergeleken met)", EN: "Baseline (compared with)"},
	"f.months":         {NL: "Looptijd", EN: "Horizon"},
	"f.residents":      {NL: "Bewoners bij de start", EN: "Residents at the start"},
	"f.design":         {NL: "Ontwerp", EN: "Design"},
	"f.factors":        {NL: "Gevarieerde parameters", EN: "Varied parameters"},
	"f.files":          {NL: "Bestanden (SHA-256)", EN: "Files (SHA-256)"},
	"months":           {NL: "%d maanden", EN: "%d months"},
	"none":             {NL: "geen", EN: "none"},
	"policy":           {NL: "Beleid", EN: "Policy"},
	"outcome":          {NL: "Uitkomst", EN: "Outcome"},
	"kind":             {NL: "Soort", EN: "Kind"},
	"param":            {NL: "Parameter", EN: "Parameter"},
	"value":            {NL: "Waarde", EN: "Value"},
	"unit":             {NL: "Eenheid", EN: "Unit"},
	"levels":           {NL: "Waarden", EN: "Values"},
	"does":             {NL: "Wat het doet", EN: "What it does"},
	"baseline.mark":    {NL: "referentie", EN: "baseline"},
	"levels.note":      {NL: "Gemiddelde [95%%-betrouwbaarheidsinterval] over %d replicaties (Student's t). Het interval is de onzekerheid van de simulatie bij vaste parameters, niet die van de parameters zelf. Vertrouwen, weerstand, zelfvertrouwen en ervaren druk zijn gemiddelden over wie die maand in de uitkering zit, een groep die per beleid verschilt.", EN: "Mean [95%% confidence interval] over %d replicates (Student's t). The interval is the simulation's uncertainty at fixed parameters, not the uncertainty of the parameters themselves. Trust, resistance, self-efficacy and perceived pressure are means over those on the benefit that month, a group that differs between policies."},
	"levels.ladder":    {NL: "Het aandeel op trede 3 of hoger telt wie in de uitkering of aan het werk is (trede 5 en 6 tellen mee, dus uitstroom naar werk verhoogt het); wie zonder werk uitstroomde of na uitstroom het werk verloor telt niet mee, dus wegduwen uit de uitkering verhoogt het ook: lees het naast de uitstroom zonder werk. Hoe vaak een tegenprestatie wordt opgedragen is met de hand gezet op de telling van CBS (6 tot 8 op de 100 bijstandsontvangers), en wat een contact bijdraagt aan een stap omhoog zo dat intensieve begeleiding na twee jaar niet meer dan 6 procentpunt van ontheffing verschilt, zoals in het Nijmeegse experiment, dat geen overtuigend gemiddeld effect op maatschappelijke participatie vond. Ontheffing tegenover het reguliere regime, waarop niets is gezet, valt na twee jaar iets lager uit dan dat experiment toelaat (docs/validation.md). Na twee jaar groeien de verschillen op de ladder verder (na tien jaar rond 25 procentpunt tussen afstand en nabijheid): dat is extrapolatie, want geen experiment volgde deze beleidsvormen zo lang, en een tegenprestatie heeft in het model geen einde. Lees de verschillen op de ladder als wat de mechanismen van het model opleveren, niet als gemeten effecten.", EN: "The share on rung 3 or higher counts those on the benefit or in work (rungs 5 and 6 count, so exits to work raise it); those who left without work or lost the job after leaving are not counted, so pushing people off the benefit raises it too: read it beside the exits without work. How often a tegenprestatie is assigned is set by hand to CBS's count (6 to 8 in 100 recipients), and what a contact adds to a step up so that close coaching differs from exemption by no more than 6 points after two years, as in the Nijmegen experiment, which found no convincing average effect on social participation. Exemption against the regular regime, to which nothing was set, comes out somewhat lower after two years than that experiment allows (docs/validation.md). Past two years the ladder's differences keep growing (about 25 points between afstand and nabijheid after ten years): that is extrapolation, since no experiment followed these policies that long, and a tegenprestatie has no end in the model. Read the ladder's differences as what the model's mechanisms imply, not as measured effects."},
	"levels.horizon":   {NL: "De effecten uit veldexperimenten waartegen het model getoetst is (docs/validation.md) gelden hoogstens %d maanden; uitkomsten na %d maanden, ook de afwegingen en kosten hieronder, zijn een extrapolatie van het model: de richting is betrouwbaarder dan de omvang.", EN: "The effects from field experiments the model is checked against (docs/validation.md) hold for at most %d months; outcomes after %d months, the trade-offs and costs below included, are the model's extrapolation: their direction is more reliable than their size."},
	"levels.sweep":     {NL: "Gemiddelde [95%%-interval] over %d runs per beleid, over alle punten van het ontwerp samen.", EN: "Mean [95%% interval] over %d runs per policy, pooled over every point of the design."},
	"levels.design":    {NL: "Gemiddelde over de %d punten van het ontwerp (%d runs per beleid), zonder interval: de punten verschillen met opzet. De grafieken hieronder geven elk punt met zijn interval.", EN: "Mean over the %d points of the design (%d runs per policy), without an interval: the points differ on purpose. The charts below give each point with its interval."},
	"diff.design":      {NL: "Over het hele ontwerp samen zonder interval; per punt in de grafieken.", EN: "Over the whole design without an interval; per point in the charts."},
	"levels.run":       {NL: "Eén run per beleid (replicatie %d): waarden zonder betrouwbaarheidsinterval.", EN: "One run per policy (replicate %d): values without a confidence interval."},
	"diff.note":        {NL: "Gepaard verschil met %s (dezelfde bewoners, dezelfde levensgebeurtenissen) met 95%%-interval. Vet, gekleurd en met *: het interval sluit 0 uit, het verschil is statistisch significant op 5%%-niveau; de kleur zegt of het beter of slechter is.", EN: "Paired difference from %s (the same residents, the same life events) with its 95%% interval. Bold, coloured and marked *: the interval excludes 0, the difference is statistically clear at the 5%% level; the colour says whether it is better or worse."},
	"diff.sweep":       {NL: "Runs met hetzelfde punt en dezelfde replicatie vormen een paar.", EN: "Runs of the same point and replicate form a pair."},
	"diff.run":         {NL: "Eén run: dit zijn de verschillen in deze ene replicatie. Zonder replicaties is niet te zeggen welke statistisch significant zijn; draai wijksim compare voor intervallen.", EN: "One run: these are the differences in this one replicate. Without replicates it cannot be said which are statistically clear; run wijksim compare for intervals."},
	"clear.better":     {NL: "duidelijk beter dan %s", EN: "clearly better than %s"},
	"clear.worse":      {NL: "duidelijk slechter dan %s", EN: "clearly worse than %s"},
	"clear.neither":    {NL: "duidelijk anders dan %s, zonder betere richting", EN: "clearly different from %s, with no better direction"},
	"up":               {NL: "hoger", EN: "higher"},
	"down":             {NL: "lager", EN: "lower"},
	"legend.better":    {NL: "duidelijk beter (in de richting die voor die uitkomst beter is)", EN: "clearly better (in the direction that is better for that outcome)"},
	"legend.worse":     {NL: "duidelijk slechter", EN: "clearly worse"},
	"legend.neither":   {NL: "duidelijk anders, maar geen richting is beter", EN: "clearly different, but neither direction is better"},
	"sec.costs":        {NL: "Twee kostenrekeningen", EN: "Two cost accounts"},
	"costs.permover":   {NL: "De activeringskosten per stijger delen de kosten van professionals, plekken en veldwerkers door het aantal bewoners dat steeg. Zonder hefbomen zijn die kosten onder elk beleid gelijk (elk betaald uur telt, ook een onbenut uur), dus verschilt dit cijfer tussen beleid vooral door hoeveel bewoners stegen, niet door wat het beleid kost.", EN: "The activation cost per resident who moved up divides the cost of professionals, places and field workers by the number of residents who moved up. Without levers that cost is the same under every policy (every paid hour counts, idle ones too), so this figure differs between policies mostly through how many moved up, not through what the policy costs."},
	"kinds.note":       {NL: "Per soort bewoner (naar de soort bij de start): gemiddelde [95%%-interval]. Vet, gekleurd en met *: het gepaarde verschil met %s voor die soort sluit 0 uit; de kleur zegt of het beter of slechter is.", EN: "By kind of resident (the kind at the start): mean [95%% interval]. Bold, coloured and marked *: the paired difference from %s for that kind excludes 0; the colour says whether it is better or worse."},
	"kinds.run":        {NL: "Per soort bewoner (naar de soort bij de start), in deze ene run, zonder interval.", EN: "By kind of resident (the kind at the start), in this one run, without an interval."},
	"surv.note":        {NL: "Van de bewoners die bij de start in de uitkering zaten: het aandeel dat nog niet gestegen is of nog niet naar werk is uitgestroomd. Een plaatsing op de trede die de tegenprestatie vraagt telt als stap omhoog, zoals bij \"bewoners die stegen\".", EN: "Of the residents on the benefit at the start: the share who have not yet moved up, or not yet left for work. A placement on the rung the tegenprestatie demands counts as a move up, as in \"residents who moved up\"."},
	"costs.diff":       {NL: "%s: verschil met %s", EN: "%s: difference from %s"},
	"clear.none":       {NL: "geen duidelijk verschil met %s", EN: "no clear difference from %s"},
	"clear.unclear":    {NL: "niet significant", EN: "not clear"},
	"front":            {NL: "Niet overtroffen (Pareto): %s. Assen: %s. De kosten zijn die van de rekening van de samenleving (zie Twee kostenrekeningen), waarin uitstroom zonder werk niets bespaart (standaard kost het meer dan de uitkering). Een beleid is overtroffen als een ander op elke as minstens even goed is en op één beter (op de gemiddelden).", EN: "Not beaten (Pareto): %s. Axes: %s. The cost is society's account (see Two cost accounts), in which an exit without work saves nothing (with the defaults it costs more than the benefit). A policy is beaten when another is at least as good on every axis and better on one (on the means)."},
	"front.early":      {NL: "Op maand %d, de horizon van de veldexperimenten, zijn niet overtroffen: %s.", EN: "At month %d, the horizon of the field experiments, not beaten: %s."},
	"surv.at":          {NL: "Nog geen %s na maand %d", EN: "No %s yet after month %d"},
	"surv.median":      {NL: "Mediane tijd (maanden)", EN: "Median time (months)"},
	"surv.subjects":    {NL: "Bewoners", EN: "Residents"},
	"surv.event.up":    {NL: "stap omhoog", EN: "move up"},
	"surv.event.work":  {NL: "uitstroom naar werk", EN: "exit to work"},
	"sec.warnings":     {NL: "Waarschuwingen", EN: "Warnings"},
	"warn.incomplete":  {NL: "De map %s heeft resultaten maar geen manifest.json (een run die werd onderbroken of niet kon afronden) en is weggelaten.", EN: "The folder %s has results but no manifest.json (a run that was interrupted or could not finish writing) and is left out."},
	"warn.ignored":     {NL: "De map %s heeft eigen resultaten, die niet samen met die van %s getekend zijn (diens manifest.json zegt wat die map bevat); maak er een eigen rapport van.", EN: "The folder %s holds results of its own, which are not drawn with those of %s (whose manifest.json says what it holds); make a report of it on its own."},
	"warn.unpaired":    {NL: "De runs in %s zijn niet samen gemaakt; hun verschillen zijn dus niet alleen het effect van het beleid: %s", EN: "The runs in %s were not made together, so their differences are not the policies' effects alone: %s"},
	"warn.failed":      {NL: "%d run(s) zijn mislukt en weggelaten uit elke schatting; de foutmeldingen staan in de kolommen status en error van summaries.csv.", EN: "%d run(s) failed and are left out of every estimate; their errors are in the status and error columns of summaries.csv."},
	"warn.run":         {NL: "Run %d (punt %d, beleid %s, replicatie %d) mislukt: %s", EN: "Run %d (point %d, policy %s, replicate %d) failed: %s"},
	"warn.more":        {NL: "... en nog %d mislukte run(s).", EN: "... and %d more failed run(s)."},
	"footer":           {NL: "Gemaakt door wijksim %s uit %s. Alles staat in dit ene bestand: er wordt niets van het netwerk geladen.", EN: "Made by wijksim %s from %s. Everything is in this one file: nothing is loaded from a network."},
	"charts.files":     {NL: "De grafieken als SVG, PNG en PDF: wijksim plot %s", EN: "The charts as SVG, PNG and PDF: wijksim plot %s"},
}

// tr returns the report string key in lang, formatted with args if any.
func tr(key, lang string, args ...any) string {
	t, ok := texts[key]
	if !ok {
		panic("report: no text " + key)
	}
	if len(args) == 0 {
		return t.In(lang)
	}
	return fmt.Sprintf(t.In(lang), args...)
}
