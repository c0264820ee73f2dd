package web

// units names the registry's units of the sliders' parameters in Dutch and
// English, for the tooltips.
var units = map[string]Text{
	"-":                      {"aan of uit", "on or off"},
	"persons":                {"personen", "persons"},
	"month":                  {"maanden", "months"},
	"residents/professional": {"bewoners per regisseur", "residents per professional"},
	"share 0-1":              {"aandeel 0-1", "share 0-1"},
	"per contact":            {"per contact", "per contact"},
	"share of trust":         {"aandeel van het vertrouwen", "share of trust"},
	"1/month":                {"per maand", "per month"},
	"places/neighbourhood":   {"plekken per wijk", "places per neighbourhood"},
	"per neighbourhood":      {"per wijk", "per neighbourhood"},
	"per year":               {"per jaar", "per year"},
}

// sliderSources are the sources of the sliders' defaults in Dutch and
// English, citing publications (docs/ODD.md, section 11) as the parameter
// registry does.
var sliderSources = map[string]Text{
	"residents": {"Inholland 2020: «rond de honderd per wijk» opgeroepen; 11 wijkteams",
		"Inholland 2020: «rond de honderd per wijk» called in; 11 wijkteams"},
	"months": {"tien jaar: lang genoeg om vertrouwen en hechten te laten zien",
		"ten years: long enough for trust and lock-in to show"},
	"caseload": {"Inholland 2020: «eigen caseload met diverse hulpvragen»; aanname (ODD 7)",
		"Inholland 2020: «eigen caseload met diverse hulpvragen»; assumption (ODD 7)"},
	"contact-nabijheid": {"Inholland 2020: «iedere week even langskomen», «aan die belemmeringen gaan werken»",
		"Inholland 2020: «iedere week even langskomen», «aan die belemmeringen gaan werken»"},
	"contact-oproep": {"Bredewold, Kampen & Verplanke 2017: «iedereen ... moet naar het wijkteam komen en daar wordt tegenprestatie uitgelegd»",
		"Bredewold, Kampen & Verplanke 2017: «iedereen ... moet naar het wijkteam komen en daar wordt tegenprestatie uitgelegd»"},
	"sanction-cut": {"Participatiewet art. 18: verlaging; aanname (ODD 7)",
		"Participatiewet art. 18: reduction (verlaging); assumption (ODD 7)"},
	"sanction-probability": {"Bredewold, Kampen & Verplanke 2017: «Dan een tegenprestatie leveren, anders een sanctie»; de kans met de hand gezet op tellingen van NOS 2021 en 2023",
		"Bredewold, Kampen & Verplanke 2017: «Dan een tegenprestatie leveren, anders een sanctie»; the probability set by hand to the counts of NOS 2021 and 2023"},
	"role-separation": {"Inholland 2020: «makkelijker voor ons als wijkteam om de goeie te zijn»",
		"Inholland 2020: «makkelijker voor ons als wijkteam om de goeie te zijn»"},
	"trust-gain": {"Inholland 2020: «het kost meer tijd om met iemand een cruciale band op te bouwen»",
		"Inholland 2020: «het kost meer tijd om met iemand een cruciale band op te bouwen»"},
	"trust-loss-sanction": {"Inholland 2020: het «verplichte karakter» versterkt het negatieve beeld",
		"Inholland 2020: the «verplichte karakter» (obligation) strengthens the negative image"},
	"trust-loss-intrusion": {"MO/samenlevingsopbouw 2011: «kan het onderlinge vertrouwen tussen burger en overheid afnemen»",
		"MO/samenlevingsopbouw 2011: «kan het onderlinge vertrouwen tussen burger en overheid afnemen»"},
	"word-of-mouth": {"aanname; zwakke banden in het blok: Inholland 2020",
		"assumption; weak ties in the block: Inholland 2020"},
	"places-activity": {"Inholland 2020: «lang niet altijd voldoende plekken»",
		"Inholland 2020: «lang niet altijd voldoende plekken»"},
	"places-volunteer": {"Inholland 2020: «meer ‘licht’ vrijwilligerswerk»",
		"Inholland 2020: «meer ‘licht’ vrijwilligerswerk»"},
	"collective-share": {"Inholland 2020, aanbeveling 2: «opbouwwerkers die zonder caseload»",
		"Inholland 2020, recommendation 2: «opbouwwerkers die zonder caseload»"},
	"field-workers": {"Weling & Beukema 2020: «Verbinder tussen vraag en aanbod in de wijk»",
		"Weling & Beukema 2020: «Verbinder tussen vraag en aanbod in de wijk»"},
	"lock-in": {"Bredewold, Kampen & Verplanke 2017: «Hechten aan vrijwilligerswerk»; Kampen 2020: «uitzicht op betaald werk daarbuiten?»",
		"Bredewold, Kampen & Verplanke 2017: «Hechten aan vrijwilligerswerk»; Kampen 2020: «uitzicht op betaald werk daarbuiten?»"},
}
