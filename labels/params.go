package labels

import "strings"

// Params are short names of the model's parameters, for charts that list
// parameters (sensitivity indices, scenario discovery) in Dutch and
// English. The per-policy parameters policies.POLICY.FIELD are named by
// PolicyParams and the policy's name. `wijksim params` gives each
// parameter's full meaning, unit and source.
var Params = map[string]Text{
	"months": {"Looptijd", "Horizon"},

	"population.residents":         {"Bewoners in de bijstand", "Residents on the benefit"},
	"population.neighbourhoods":    {"Aantal wijken", "Neighbourhoods"},
	"population.block_size":        {"Bewoners per blok", "Residents per block"},
	"population.inflow_per_month":  {"Instroom per maand", "Inflow per month"},
	"population.share_resistant":   {"Aandeel met weerstand", "Share with resistance"},
	"population.share_long_term":   {"Aandeel langer dan vijf jaar", "Share on it over five years"},
	"population.share_language":    {"Aandeel met taalbarrière", "Share with a language barrier"},
	"population.share_ceiling_3":   {"Aandeel met plafond trede 3", "Share who can reach rung 3 at most"},
	"population.share_ceiling_4":   {"Aandeel met plafond trede 4", "Share who can reach rung 4 at most"},
	"population.kind_to_resistant": {"Grens naar weerstand", "Threshold to resistant"},
	"population.kind_to_seeker":    {"Grens terug naar steunzoeker", "Threshold back to support-seeker"},

	"initial.spread": {"Spreiding bij de start", "Spread at the start"},
	"initial.rung_1": {"Aandeel op trede 1 bij de start", "Share on rung 1 at the start"},
	"initial.rung_2": {"Aandeel op trede 2 bij de start", "Share on rung 2 at the start"},
	"initial.rung_3": {"Aandeel op trede 3 bij de start", "Share on rung 3 at the start"},
	"initial.rung_4": {"Aandeel op trede 4 bij de start", "Share on rung 4 at the start"},

	"professionals.caseload":         {"Caseload per regisseur", "Caseload per professional"},
	"professionals.hours_per_month":  {"Uren per regisseur per maand", "Hours per professional per month"},
	"professionals.case_admin_hours": {"Administratie-uren per dossier", "Admin hours per case"},
	"professionals.fte_hours":        {"Uren van een fte", "Hours of a full-time job"},
	"professionals.judgement_noise":  {"Fout in het inschatten van draagkracht", "Error in judging capacity"},
	"professionals.barrier_skill":    {"Vaardigheid met belemmeringen", "Skill with barriers"},

	"places.activity":  {"Plekken voor activiteiten per wijk", "Activity places per neighbourhood"},
	"places.volunteer": {"Plekken voor vrijwilligerswerk per wijk", "Volunteer places per neighbourhood"},

	"barriers.durable_debts":    {"Blijvend deel van schulden", "Durable part of debts"},
	"barriers.durable_health":   {"Blijvend deel van gezondheid", "Durable part of health"},
	"barriers.durable_care":     {"Blijvend deel van zorgtaken", "Durable part of care"},
	"barriers.durable_language": {"Blijvend deel van taal", "Durable part of language"},

	"attitudes.reversion": {"Terugkeer naar eigen houding", "Return to own attitudes"},

	"trust.gain_per_contact": {"Vertrouwen: winst per contact", "Trust: gain per contact"},
	"trust.loss_sanction":    {"Vertrouwen: verlies door een sanctie", "Trust: loss by a sanction"},
	"trust.loss_intrusion":   {"Vertrouwen: verlies door controle", "Trust: loss by intrusion"},
	"trust.word_of_mouth":    {"Mond-tot-mondreclame", "Word of mouth"},

	"resistance.gain_overload":   {"Weerstand: groei door overvraging", "Resistance: rise by overload"},
	"resistance.gain_sanction":   {"Weerstand: groei door een sanctie", "Resistance: rise by a sanction"},
	"resistance.gain_threat":     {"Weerstand: stijging door dreiging", "Resistance: rise under a threat"},
	"resistance.fall_trust":      {"Weerstand: daling door vertrouwen", "Resistance: fall by trust"},
	"resistance.trust_threshold": {"Weerstand: drempel van vertrouwen", "Resistance: trust threshold"},
	"resistance.fall_heard":      {"Weerstand: daling door gehoord worden", "Resistance: fall by being heard"},

	"ladder.capacity_need_2":    {"Draagkracht nodig voor trede 2", "Capacity needed for rung 2"},
	"ladder.capacity_need_3":    {"Draagkracht nodig voor trede 3", "Capacity needed for rung 3"},
	"ladder.capacity_need_4":    {"Draagkracht nodig voor trede 4", "Capacity needed for rung 4"},
	"ladder.capacity_need_5":    {"Draagkracht nodig voor trede 5", "Capacity needed for rung 5"},
	"ladder.self_rate":          {"Stijgen op eigen kracht", "Stepping up unaided"},
	"ladder.support_rate":       {"Stijgen door een contact", "Stepping up by a contact"},
	"ladder.drop_rate":          {"Uitval van trede 3 of 4", "Dropping out of rung 3 or 4"},
	"ladder.overload_drop":      {"Uitval door overvraging", "Dropping out by overload"},
	"ladder.willingness_width":  {"Breedte van de bereidheid", "Width of willingness"},
	"ladder.readiness_margin":   {"Marge voor gereedheid", "Margin for readiness"},
	"efficacy.gain_success":     {"Zelfvertrouwen: winst door een stap", "Self-efficacy: gain by a step"},
	"efficacy.loss_failure":     {"Zelfvertrouwen: verlies door een terugval", "Self-efficacy: loss by a fall"},
	"efficacy.loss_humiliation": {"Zelfvertrouwen: verlies door vernedering", "Self-efficacy: loss by humiliation"},
	"efficacy.loss_sanction":    {"Zelfvertrouwen: verlies door een sanctie", "Self-efficacy: loss by a sanction"},
	"efficacy.peer_support":     {"Zelfvertrouwen: steun van lotgenoten", "Self-efficacy: peer support"},

	"pressure.per_contact":  {"Druk per contact", "Pressure per contact"},
	"pressure.per_control":  {"Druk per eenheid controle", "Pressure per unit of control"},
	"pressure.per_sanction": {"Druk per sanctie", "Pressure per sanction"},
	"pressure.decay":        {"Afname van druk", "Decay of pressure"},

	"exit.base_rate":           {"Uitstroom zonder werk: basiskans", "Exit without work: base rate"},
	"exit.early_excess":        {"Uitstroom: extra vroeg in de uitkering", "Exit: excess early in the spell"},
	"exit.pressure_resistance": {"Uitstroom door druk en weerstand", "Exit by pressure and resistance"},

	"sanction.benefit_cut":            {"Sanctie: ingehouden deel", "Sanction: share withheld"},
	"sanction.months":                 {"Sanctie: duur", "Sanction: duration"},
	"sanction.push":                   {"Sanctie: extra bereidheid", "Sanction: push to comply"},
	"sanction.threat_curvature":       {"Sanctie: kromming van de dreiging", "Sanction: curvature of the threat"},
	"sanction.misfit_multiplier":      {"Sanctie: factor als die niet past", "Sanction: factor when misfit"},
	"sanction.hours":                  {"Sanctie: uren", "Sanction: hours"},
	"sanction.role_separation_shield": {"Sanctie: afscherming door rolscheiding", "Sanction: shield of role separation"},
	"sanction.job_push":               {"Sanctie: extra kans op werk", "Sanction: push to a job"},
	"tegenprestatie.assign_share":     {"Tegenprestatie: kans dat er een wordt opgedragen", "Tegenprestatie: share assigned"},

	"shocks.rate":             {"Kans op een levensgebeurtenis", "Rate of life events"},
	"shocks.size":             {"Grootte van een levensgebeurtenis", "Size of a life event"},
	"shocks.barrier_recovery": {"Herstel van belemmeringen", "Recovery of barriers"},

	"work.job_demand":               {"Vraag naar werk in de regio", "Regional demand for work"},
	"work.job_finding":              {"Kans op een baan vanuit de bijstand", "Job finding from the benefit"},
	"work.lock_in":                  {"Hechten aan vrijwilligerswerk (trede 4)", "Lock-in on volunteer work (rung 4)"},
	"work.lock_in_demanded":         {"Hechten aan een opgelegde plek", "Lock-in on a demanded place"},
	"work.to_regular":               {"Van beschut naar regulier werk", "From supported to regular work"},
	"work.job_loss":                 {"Kans het werk te verliezen", "Job loss"},
	"work.job_loss_early_excess":    {"Baanverlies: extra vroeg in de baan", "Job loss: excess early in the job"},
	"reentry.after_job_loss":        {"Terugkeer na baanverlies", "Return after losing the job"},
	"reentry.no_work":               {"Terugkeer na uitstroom zonder werk", "Return after leaving without work"},
	"reentry.pushed_factor":         {"Terugkeer: factor na wegdrukken", "Return: factor when pushed out"},
	"reentry.early_excess":          {"Terugkeer: extra vroeg na uitstroom", "Return: excess early after the exit"},
	"levers.role_separation":        {"Rolscheiding: Naleving voert het harde gesprek", "Role separation: Naleving has the hard talk"},
	"levers.collective_share":       {"Collectief werk (opbouwwerk)", "Collective work (opbouwwerk)"},
	"levers.places_per_fte":         {"Plekken per fte collectief werk", "Places per FTE of collective work"},
	"levers.collective_ramp_months": {"Aanlooptijd van collectief werk", "Ramp-up of collective work"},
	"levers.group_training":         {"Groepstraining", "Group training"},
	"levers.group_training_hours":   {"Uren voor groepstraining", "Hours of group training"},
	"levers.group_training_months":  {"Maanden groepstraining", "Months of group training"},
	"levers.field_workers":          {"Economisch veldwerkers per wijk", "Economic field workers per neighbourhood"},
	"levers.field_worker_jobs":      {"Banen per veldwerker per maand", "Jobs per field worker per month"},
	"levers.field_worker_relief":    {"Lagere drempel van een wijkbaan", "Lower threshold of a neighbourhood job"},

	"costs.benefit_per_month":      {"Uitkering per maand", "Benefit per month"},
	"costs.supported_work_share":   {"Deel uitkering bij beschut werk", "Benefit share in supported work"},
	"costs.hour_cost":              {"Kosten van een uur", "Cost of an hour"},
	"costs.place_per_month":        {"Kosten van een plek per maand", "Cost of a place per month"},
	"costs.elsewhere_per_month":    {"Kosten elders per maand", "Costs elsewhere per month"},
	"costs.shifted_share":          {"Verschoven deel van de uitkering", "Shifted share of the benefit"},
	"costs.field_worker_per_month": {"Kosten van een veldwerker per maand", "Cost of a field worker per month"},
}

// PolicyParams name the fields of each policy's parameters
// (policies.POLICY.FIELD).
var PolicyParams = map[string]Text{
	"contact_interval_months": {"maanden tussen contacten", "months between contacts"},
	"hours_per_contact":       {"uren per contact", "hours per contact"},
	"attention":               {"aandacht", "attention"},
	"control":                 {"controle", "control"},
	"barrier_work":            {"werk aan belemmeringen", "work on barriers"},
	"appeal":                  {"appel op plicht", "appeal to duty"},
	"demand_rung":             {"gevraagde trede", "demanded rung"},
	"sanction_probability":    {"kans op een sanctie", "probability of a sanction"},
}

// ParamLabel returns the short name of the parameter key in lang, for
// example "Vertrouwen: winst per contact" for trust.gain_per_contact, or
// "Nabijheid: maanden tussen contacten" for
// policies.nabijheid.contact_interval_months. A key without a name is
// returned as it is.
func ParamLabel(key, lang string) string {
	if t, ok := Params[key]; ok {
		return t.In(lang)
	}
	if rest, ok := strings.CutPrefix(key, "policies."); ok {
		pol, field, ok := strings.Cut(rest, ".")
		if t, known := PolicyParams[field]; ok && known {
			return PolicyName(strings.ReplaceAll(pol, "_", "-"), lang) + ": " + t.In(lang)
		}
		// A phase of a policy file: policies.NAME.PHASE.SETTING.
		phase, field, ok := strings.Cut(field, ".")
		if t, known := PolicyParams[field]; ok && known {
			return PolicyName(strings.ReplaceAll(pol, "_", "-"), lang) + " (" + strings.ReplaceAll(phase, "_", "-") + "): " + t.In(lang)
		}
	}
	return key
}

// dutchUnits are the Dutch names of the parameters' units
// (sim.ParamSpec.Unit, which is English).
var dutchUnits = map[string]string{
	"-":                      "-",
	"1/month":                "1/maand",
	"SD of capacity":         "SD van draagkracht",
	"count":                  "aantal",
	"euro/hour":              "euro/uur",
	"euro/month":             "euro/maand",
	"exponent":               "exponent",
	"factor":                 "factor",
	"hours":                  "uren",
	"hours/case/month":       "uren/casus/maand",
	"hours/month":            "uren/maand",
	"hours/sanction":         "uren/sanctie",
	"jobs/month":             "banen/maand",
	"level 0-1":              "niveau 0-1",
	"level difference":       "niveauverschil",
	"month":                  "maand",
	"months":                 "maanden",
	"multiplier":             "vermenigvuldiger",
	"per contact":            "per contact",
	"per fall":               "per terugval",
	"per neighbourhood":      "per wijk",
	"per sanction":           "per sanctie",
	"per step":               "per stap",
	"per year":               "per jaar",
	"persons":                "personen",
	"persons/month":          "personen/maand",
	"places/FTE":             "plekken/fte",
	"places/neighbourhood":   "plekken/wijk",
	"residents/professional": "bewoners/professional",
	"rung":                   "trede",
	"share 0-1":              "aandeel 0-1",
	"share of trust":         "aandeel van vertrouwen",
	"share per contact":      "aandeel per contact",
}

// ParamUnit returns the parameter unit unit (as sim.ParamSpec.Unit gives
// it) in lang; a unit without a Dutch name is returned as it is.
func ParamUnit(unit, lang string) string {
	if nl, ok := dutchUnits[unit]; ok && lang == "nl" {
		return nl
	}
	return unit
}
