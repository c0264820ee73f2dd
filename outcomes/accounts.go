package outcomes

import "github.com/wijksim/wijksim/labels"

// The two cost accounts, as outcome keys: the totals over the run.
const (
	// MunicipalityAccount is the municipality's budget, which counts an
	// exit without work as a saving.
	MunicipalityAccount = "cum_cost_municipality"
	// SocietyAccount adds what an exit without work costs elsewhere; the
	// trade-off view weighs this one.
	SocietyAccount = "cum_cost_society"
)

// AccountsExplanation explains in lang, in one paragraph, what each of the
// two cost accounts counts, their sign and what both leave out.
func AccountsExplanation(lang string) string {
	return labels.Text{
		NL: "Twee kostenrekeningen, in euro over de hele looptijd; beide zijn kosten, dus lager is beter. " +
			"De rekening van de gemeente is haar begroting: de uitkeringen die zij betaalt, elk betaald uur van de professionals (ook de onbenutte), " +
			"de uren van de afdeling Naleving, de participatieplekken en de economische veldwerkers; zij telt een bewoner die zonder werk uit de uitkering gaat als besparing, en de korting van een sanctie ook. " +
			"De rekening van de samenleving telt daarbij op, voor elke maand dat een bewoner na de uitkering zonder werk is (uitgestroomd zonder werk, of de gevonden baan kwijt), " +
			"de kosten elders (schuldhulp, gezondheid en zorg: costs.elsewhere_per_month) en het deel van de uitkering dat naar andere uitkeringen verschuift " +
			"of als inkomen van het huishouden verloren gaat in plaats van bespaard te worden (costs.shifted_share), en wat sancties inhouden, wat het huishouden volledig misloopt. Uitstroom zonder werk bespaart de samenleving dus alleen het deel van de uitkering dat niet verschuift, en kost haar de kosten elders (standaard kost een maand zonder werk na de uitkering haar €1.600, meer dan de uitkering van €1.300); sancties besparen haar niets. " +
			"Geen van beide rekeningen telt de lonen die bewoners verdienen, wat hun werk oplevert of hun welzijn.",
		EN: "Two cost accounts, in euro over the whole run; both are costs, so lower is better. " +
			"The municipality's account is its budget: the benefits it pays, every paid professional hour (idle ones included), " +
			"the hours of the enforcement department, the participation places and the economic field workers; it counts a resident who leaves the benefit without work as a saving, and a sanction's cut too. " +
			"Society's account adds, for every month a resident is out of work after the benefit (left without work, or lost the job found), " +
			"the costs borne elsewhere (debt assistance, health and care: costs.elsewhere_per_month) and the part of the benefit that is shifted to other benefits " +
			"or lost as household income rather than saved (costs.shifted_share), and what sanctions withhold, which the household loses in full. So an exit without work saves society only the part of the benefit that is not shifted, and costs it the costs elsewhere (with the defaults a month out of work after the benefit costs society €1,600, more than the €1,300 benefit); a sanction saves society nothing. " +
			"Neither account counts the wages residents earn, what their work produces, or their well-being.",
	}.In(lang)
}
