package web

// Preset is a story from the sources, told with a few slider values: the
// page resets the sliders to the scenario's values, applies Values (by
// slider ID), selects Policies and shows the two-line Story.
type Preset struct {
	ID       string             `json:"id"`
	Title    Text               `json:"title"`
	Story    [2]Text            `json:"story"`
	Source   string             `json:"source"`
	Policies []string           `json:"policies"`
	Values   map[string]float64 `json:"values"`
}

// presets returns the presets, in page order. Each quotes the publication
// it rests on (docs/ODD.md, section 11).
func presets() []Preset {
	return []Preset{
		{
			ID:    "zachte-aanpak",
			Title: Text{"Zachte aanpak komt vaak hard aan", "The soft approach often lands hard"},
			Story: [2]Text{
				{"«[…] in de zachtheid (iedere week even langskomen voor koffie en een koekje) júist veel meer controle en dwang wordt ervaren dan het jaarlijks oproepen.»",
					"«In the softness (dropping by every week for coffee and a biscuit) far more control and coercion is felt than in the yearly call-up.»"},
				{"Nabijheid komt al elke maand langs, het vaakst dat het model kent; hier voelt elk contact ook meer als controle (verlies door controle 0,04). De ervaren druk stijgt ver boven afstand; het vertrouwen groeit minder dan bij de standaard 0,02 voor verlies door controle. Of mensen daardoor zonder werk vertrekken, hangt af van hoe snel vertrouwen de weerstand wegneemt: vergelijk de uitstroom zonder werk.",
					"Nabijheid already visits every month, the most often the model knows; here each contact also feels more like control (loss by intrusion 0.04). Perceived pressure rises far above afstand; trust grows less than at the default loss by intrusion of 0.02. Whether people then leave without work depends on how fast trust takes resistance away: compare the exits without work."},
			},
			Source:   "Inholland 2020, Pionierende wijkteams in Zaanstad: «Zachte aanpak komt vaak hard aan»",
			Policies: []string{"afstand", "sanctie", "nabijheid"},
			Values:   map[string]float64{"trust-loss-intrusion": 0.04},
		},
		{
			ID:    "te-weinig-plekken",
			Title: Text{"Te weinig plekken", "Too few places"},
			Story: [2]Text{
				{"Er zijn «lang niet altijd voldoende plekken voor het aantal bewoners (rond de honderd per wijk) dat wordt opgeroepen».",
					"There are «by no means always enough places for the number of residents (about a hundred per neighbourhood) who are called in»."},
				{"Geen plek, geen stap: elke aanpak loopt tegen hetzelfde plafond op trede 3 en 4.",
					"No place, no step: every policy hits the same ceiling on rungs 3 and 4."},
			},
			Source:   "Inholland 2020, Pionierende wijkteams in Zaanstad: «lang niet altijd voldoende plekken»",
			Policies: []string{"afstand", "morele-verplichting", "nabijheid"},
			Values:   map[string]float64{"places-activity": 5, "places-volunteer": 3},
		},
		{
			ID:    "opbouwwerk",
			Title: Text{"Opbouwwerk maakt plekken", "Collective work creates places"},
			Story: [2]Text{
				{"Aanbeveling: «professionals die geen caseload hebben en zich richten op het faciliteren en ontwikkelen van collectief aanbod in de wijk».",
					"Recommendation: «professionals without a caseload who facilitate and develop collective provision in the neighbourhood»."},
				{"Weinig plekken, maar een vijfde van de uren naar opbouwwerk: het plafond stijgt, de gesprekken worden schaarser.",
					"Few places, but a fifth of the hours goes to opbouwwerk: the ceiling rises, talks become scarcer."},
			},
			Source:   "Inholland 2020, Pionierende wijkteams in Zaanstad, aanbeveling 2",
			Policies: []string{"afstand", "morele-verplichting", "nabijheid"},
			Values:   map[string]float64{"places-activity": 5, "places-volunteer": 3, "collective-share": 0.2},
		},
		{
			ID:    "hechten",
			Title: Text{"Hechten aan vrijwilligerswerk", "Attached to volunteer work"},
			Story: [2]Text{
				{"«Hechten aan vrijwilligerswerk»: wie jaren op trede 4 staat, zet de stap naar betaald werk steeds minder; «uitzicht op betaald werk daarbuiten?»",
					"«Attached to volunteer work»: whoever stays on rung 4 for years takes the step to paid work less and less; «a view of paid work beyond?»"},
				{"Veel vrijwilligersplekken en sterke binding: vergelijk de uitstroom naar werk, en zet daarna de binding op 0.",
					"Many volunteer places and strong lock-in: compare exits to work, then set the lock-in to 0."},
			},
			Source:   "Bredewold, Kampen & Verplanke 2017; Weling & Beukema 2020, De Wijk als Werkgever",
			Policies: []string{"afstand", "morele-verplichting", "nabijheid"},
			Values:   map[string]float64{"lock-in": 4, "places-volunteer": 40},
		},
		{
			ID:    "vernederend",
			Title: Text{"'Vernederende' verwachtingen", "'Humiliating' expectations"},
			Story: [2]Text{
				{"«'Vernederende' verwachtingen»: een tegenprestatie die niet past bij wat iemand kan, kost eigen kracht en vertrouwen.",
					"«'Humiliating' expectations»: a demand that does not fit what someone can do costs self-efficacy and trust."},
				{"Vaak opgelegde sancties (kans 0,6): maatwerk weegt de omstandigheden, sanctie niet. Vergelijk sancties, weerstand en uitstroom zonder werk. De zwaarte (60% ingehouden) verandert in het model geen gedrag, alleen wie betaalt: zet de zwaarte op 0, dan stijgen alleen de kosten voor de gemeente; die voor de samenleving blijven gelijk.",
					"Frequent sanctions (probability 0.6): maatwerk weighs circumstances, sanctie does not. Compare sanctions, resistance and exits without work. The severity (60% withheld) changes no behaviour in the model, only who pays: set the severity to 0 and only the cost to the municipality rises; the cost to society stays the same."},
			},
			Source:   "Bredewold, Kampen & Verplanke 2017",
			Policies: []string{"morele-verplichting", "sanctie", "maatwerk"},
			Values:   map[string]float64{"sanction-cut": 0.6, "sanction-probability": 0.6},
		},
		{
			ID:    "naleving",
			Title: Text{"Rolscheiding met Naleving", "Role separation with Naleving"},
			Story: [2]Text{
				{"«Dan is het ook makkelijker voor ons als wijkteam om de goeie te zijn en dan die van 'Naleving' die doet dan het hardere gesprek.»",
					"«Then it is easier for us as the team to be the good guys, and the one from 'Naleving' has the harder talk.»"},
				{"Naleving brengt de sanctie, in een gemeente die tien keer zo vaak kort als gemiddeld (kans 0,3): vergelijk vertrouwen onder sanctie en maatwerk met en zonder rolscheiding.",
					"Naleving brings the sanction, in a municipality that cuts ten times as often as the average (probability 0.3): compare trust under sanctie and maatwerk with and without role separation."},
			},
			Source:   "Inholland 2020, Pionierende wijkteams in Zaanstad, respondent 3",
			Policies: []string{"sanctie", "maatwerk", "nabijheid"},
			Values:   map[string]float64{"role-separation": 1, "sanction-probability": 0.3},
		},
		{
			ID:    "latent-werk",
			Title: Text{"Latent werk in de wijk", "Latent work in the neighbourhood"},
			Story: [2]Text{
				{"«Er is latent werk in de wijk: klussen, eenzaamheid en ontmoeting, mantelzorg.» De economisch veldwerker verbindt vraag en aanbod.",
					"«There is latent work in the neighbourhood: odd jobs, loneliness and meeting, informal care.» The economic field worker connects demand and supply."},
				{"Eén veldwerker per wijk: kijk naar de uitstroom naar werk en de kosten voor de gemeente en de samenleving. Zet de veldwerkers daarna op 0: waar veel meer mensen werk vinden, verdienen ze zich terug.",
					"One field worker per neighbourhood: watch exits to work and the cost to the municipality and to society. Then set the field workers to 0: where many more people find work, they pay for themselves."},
			},
			Source:   "Weling & Beukema 2020, De Wijk als Werkgever",
			Policies: []string{"afstand", "maatwerk", "nabijheid"},
			Values:   map[string]float64{"field-workers": 1},
		},
	}
}
