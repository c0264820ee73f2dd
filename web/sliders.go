package web

import (
	"fmt"

	"github.com/wijksim/wijksim/labels"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

// Text is a text in Dutch and English, as the page receives it.
type Text struct {
	NL string `json:"nl"`
	EN string `json:"en"`
}

func fromLabel(t labels.Text) Text { return Text{NL: t.NL, EN: t.EN} }

// Group is a titled group of sliders on the page.
type Group struct {
	ID    string `json:"id"`
	Title Text   `json:"title"`
}

// Slider is one control on the page. It sets one or more parameter keys to
// the same value; Min, Max and Step are the slider's range on the page,
// within the registry's range of its keys, which is what the server accepts.
type Slider struct {
	ID    string   `json:"id"`
	Group string   `json:"group"`
	Keys  []string `json:"keys"`
	// Kind is the registry's kind of the keys: "number", "integer" or
	// "boolean".
	Kind  string  `json:"kind"`
	Min   float64 `json:"min"`
	Max   float64 `json:"max"`
	Step  float64 `json:"step"`
	Label Text    `json:"label"`
	// Tip explains the slider in a tooltip; the page adds Unit and Source,
	// both in Dutch and English.
	Tip    Text `json:"tip"`
	Unit   Text `json:"unit"`
	Source Text `json:"source"`
}

// groups returns the groups of sliders, in page order.
func groups() []Group {
	return []Group{
		{"run", Text{"Omvang en duur", "Size and duration"}},
		{"team", Text{"Wijkteam", "Neighbourhood team"}},
		{"sanction", Text{"Sancties", "Sanctions"}},
		{"trust", Text{"Vertrouwen", "Trust"}},
		{"places", Text{"Plekken en werk", "Places and work"}},
	}
}

// sliders returns the class sliders, in page order. Their Kind comes from
// the parameter registry, their Unit is the registry's named in both
// languages (units), their Source in sliderSources.
func sliders() []Slider {
	s := []Slider{
		{ID: "residents", Group: "run", Keys: []string{"population.residents"}, Min: 100, Max: 5000, Step: 100,
			Label: Text{"Bewoners in de bijstand", "Residents on the benefit"},
			Tip: Text{"Aantal bewoners met een uitkering bij de start, verdeeld over de wijken van het scenario.",
				"Residents on the benefit at the start, spread over the scenario's neighbourhoods."}},
		{ID: "months", Group: "run", Keys: []string{"months"}, Min: 12, Max: 240, Step: 12,
			Label: Text{"Maanden", "Months"},
			Tip:   Text{"Hoe lang de wedstrijd duurt, in maanden.", "How long the race lasts, in months."}},

		{ID: "caseload", Group: "team", Keys: []string{"professionals.caseload"}, Min: 10, Max: 200, Step: 5,
			Label: Text{"Caseload per regisseur", "Caseload per professional"},
			Tip: Text{"Bewoners per regisseur. Hoe hoger, hoe minder regisseurs en hoe minder tijd per bewoner: intensieve aanpakken bereiken dan minder mensen per maand.",
				"Residents per professional. Higher means fewer professionals and less time per resident: intensive policies then reach fewer people a month."}},
		{ID: "contact-nabijheid", Group: "team", Keys: []string{"policies.nabijheid.contact_interval_months"}, Min: 1, Max: 12, Step: 1,
			Label: Text{"Nabijheid: maanden tussen contacten", "Nabijheid: months between contacts"},
			Tip: Text{"Hoe vaak het wijkteam langskomt onder nabijheid (1 = elke maand). Vaker contact bouwt vertrouwen, maar wordt ook als controle ervaren.",
				"How often the team visits under nabijheid (1 = every month). More contact builds trust but is also felt as control."}},
		{ID: "contact-oproep", Group: "team", Keys: []string{
			"policies.morele_verplichting.contact_interval_months",
			"policies.sanctie.contact_interval_months",
			"policies.maatwerk.contact_interval_months",
		}, Min: 1, Max: 12, Step: 1,
			Label: Text{"Oproepen: maanden tussen gesprekken", "Call-ins: months between talks"},
			Tip: Text{"Hoe vaak bewoners worden opgeroepen onder morele verplichting, sanctie en maatwerk. Afstand blijft bij één keer per jaar.",
				"How often residents are called in under morele verplichting, sanctie and maatwerk. Afstand stays at once a year."}},

		{ID: "sanction-cut", Group: "sanction", Keys: []string{"sanction.benefit_cut"}, Min: 0, Max: 1, Step: 0.05,
			Label: Text{"Zwaarte van een sanctie", "Severity of a sanction"},
			Tip: Text{"Deel van de uitkering dat wordt ingehouden zolang een sanctie loopt. Dit verandert wat een sanctie het huishouden en de rekeningen kost (de gemeente betaalt minder uitkering, de samenleving evenveel), niet het gedrag: in het model reageert niemand op de hoogte van de korting.",
				"Share of the benefit withheld while a sanction runs. It changes what a sanction costs the household and the accounts (the municipality pays less benefit, society the same), not behaviour: in the model no one responds to the size of the cut."}},
		{ID: "sanction-probability", Group: "sanction", Keys: []string{
			"policies.sanctie.sanction_probability",
			"policies.maatwerk.sanction_probability",
		}, Min: 0, Max: 1, Step: 0.01,
			Label: Text{"Kans op een sanctie", "Probability of a sanction"},
			Tip: Text{"Kans dat een bewoner die de verplichtingen weigert een sanctie krijgt, onder sanctie en maatwerk. Bij maatwerk alleen als de professional denkt dat de stap past. Standaard 0,03: zo vaak korten Nederlandse gemeenten. Hoe hoger, hoe groter ook de dreiging, die bewoners eerder laat meewerken en hun weerstand verhoogt.",
				"Probability that a resident who refuses the obligations is sanctioned, under sanctie and maatwerk. Under maatwerk only when the professional judges the step feasible. Default 0.03: as often as Dutch municipalities cut the benefit. The higher, the larger also the threat, which makes residents comply sooner and raises their resistance."}},
		{ID: "role-separation", Group: "sanction", Keys: []string{"levers.role_separation"},
			Label: Text{"Rolscheiding: Naleving voert het harde gesprek", "Role separation: Naleving has the hard talk"},
			Tip: Text{"De afdeling Naleving brengt de sanctie, zodat het wijkteam de vertrouwde partij blijft: het team verliest minder vertrouwen.",
				"The enforcement department brings the sanction so the team stays the trusted party: the team loses less trust."}},

		{ID: "trust-gain", Group: "trust", Keys: []string{"trust.gain_per_contact"}, Min: 0, Max: 0.2, Step: 0.005,
			Label: Text{"Vertrouwen: winst per contact", "Trust: gain per contact"},
			Tip: Text{"Hoeveel vertrouwen een contact met volle aandacht oplevert. Vertrouwen groeit langzaam.",
				"How much trust one contact with full attention builds. Trust grows slowly."}},
		{ID: "trust-loss-sanction", Group: "trust", Keys: []string{"trust.loss_sanction"}, Min: 0, Max: 1, Step: 0.05,
			Label: Text{"Vertrouwen: verlies door een sanctie", "Trust: loss by a sanction"},
			Tip: Text{"Deel van het vertrouwen dat een passende sanctie kost; een sanctie die niet past kost meer.",
				"Share of trust a fitting sanction costs; a sanction that does not fit costs more."}},
		{ID: "trust-loss-intrusion", Group: "trust", Keys: []string{"trust.loss_intrusion"}, Min: 0, Max: 0.1, Step: 0.005,
			Label: Text{"Vertrouwen: verlies door controle", "Trust: loss by intrusion"},
			Tip: Text{"Vertrouwen dat elk contact kost naarmate het meer controle is: te veel inzicht achter de voordeur.",
				"Trust each contact costs in proportion to its control: too much insight behind the front door."}},
		{ID: "word-of-mouth", Group: "trust", Keys: []string{"trust.word_of_mouth"}, Min: 0, Max: 0.2, Step: 0.005,
			Label: Text{"Invloed van buren op vertrouwen", "Neighbours' influence on trust"},
			Tip: Text{"Hoe sterk het vertrouwen van een bewoner meebeweegt met dat van de buren in het blok, per maand.",
				"How strongly a resident's trust follows that of the neighbours in the block, each month."}},

		{ID: "places-activity", Group: "places", Keys: []string{"places.activity"}, Min: 0, Max: 100, Step: 1,
			Label: Text{"Plekken voor activiteiten per wijk", "Activity places per neighbourhood"},
			Tip: Text{"Plekken voor georganiseerde activiteiten (trede 3) per wijk. Geen plek, geen stap omhoog.",
				"Places for organised activities (rung 3) per neighbourhood. No place, no step up."}},
		{ID: "places-volunteer", Group: "places", Keys: []string{"places.volunteer"}, Min: 0, Max: 100, Step: 1,
			Label: Text{"Plekken voor vrijwilligerswerk per wijk", "Volunteer places per neighbourhood"},
			Tip: Text{"Plekken voor (licht) vrijwilligerswerk (trede 4) per wijk.",
				"Places for (light) volunteer work (rung 4) per neighbourhood."}},
		{ID: "collective-share", Group: "places", Keys: []string{"levers.collective_share"}, Min: 0, Max: 0.5, Step: 0.05,
			Label: Text{"Collectief werk (opbouwwerk)", "Collective work (opbouwwerk)"},
			Tip: Text{"Deel van de uren van professionals dat naar opbouwwerk zonder caseload gaat; dat maakt nieuwe plekken, maar er blijft minder tijd voor individuele gesprekken.",
				"Share of professional hours spent on opbouwwerk without caseload; it creates places but leaves less time for individual talks."}},
		{ID: "field-workers", Group: "places", Keys: []string{"levers.field_workers"}, Min: 0, Max: 5, Step: 1,
			Label: Text{"Economisch veldwerkers per wijk", "Economic field workers per neighbourhood"},
			Tip: Text{"Veldwerkers die latent werk in de wijk (klussen, gezelschap, mantelzorg) omzetten in betaald werk voor bewoners.",
				"Field workers who turn latent work in the neighbourhood (odd jobs, company, informal care) into paid work for residents."}},
		{ID: "lock-in", Group: "places", Keys: []string{"work.lock_in"}, Min: 0, Max: 5, Step: 0.25,
			Label: Text{"Hechten aan vrijwilligerswerk (trede 4)", "Lock-in on volunteer work (rung 4)"},
			Tip: Text{"Hoe sterk lang vrijwilligerswerk de stap naar betaald werk kleiner maakt: de kans wordt gedeeld door 1 + dit getal × jaren op trede 4.",
				"How strongly long volunteer work shrinks the step to paid work: the chance is divided by 1 + this number × years on rung 4."}},
	}
	for i := range s {
		spec, ok := scenarios.Lookup(s[i].Keys[0])
		if !ok {
			panic(fmt.Sprintf("web: slider %s: key %s is not in the parameter registry", s[i].ID, s[i].Keys[0])) // a programming error, caught by the tests
		}
		s[i].Kind, s[i].Unit, s[i].Source = spec.Kind.String(), units[spec.Unit], sliderSources[s[i].ID]
		if spec.Kind == sim.Bool {
			s[i].Min, s[i].Max, s[i].Step = 0, 1, 1
		}
	}
	return s
}

// sliderKeys returns the parameter keys the page may set, with their
// registry specifications.
func sliderKeys() map[string]sim.ParamSpec {
	out := map[string]sim.ParamSpec{}
	for _, s := range sliders() {
		for _, k := range s.Keys {
			spec, _ := scenarios.Lookup(k)
			out[k] = spec
		}
	}
	return out
}
