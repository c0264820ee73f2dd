// Package labels holds what every chart, report and web page of wijksim
// shows the same way: one fixed, colour-blind-safe colour per policy (the
// Okabe-Ito palette), and the names of policies, outcomes and kinds of
// resident in Dutch and English, with their units.
package labels

import (
	"image/color"

	"github.com/wijksim/wijksim/sim"
)

// Languages are the languages labels come in.
var Languages = []string{"nl", "en"}

// okabeIto is the Okabe-Ito palette, safe for the common forms of colour
// blindness, in the order used for policies beyond the built-in five.
var okabeIto = []color.NRGBA{
	{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
	{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
	{0xF0, 0xE4, 0x42, 0xFF}, // yellow
}

var policyColours = map[string]color.NRGBA{
	"afstand":             {0x00, 0x00, 0x00, 0xFF}, // black: the baseline
	"morele-verplichting": {0x00, 0x72, 0xB2, 0xFF}, // blue
	"sanctie":             {0xD5, 0x5E, 0x00, 0xFF}, // vermillion
	"maatwerk":            {0xE6, 0x9F, 0x00, 0xFF}, // orange
	"nabijheid":           {0x00, 0x9E, 0x73, 0xFF}, // bluish green
}

// PolicyColour returns the fixed colour of a policy. Policies other than
// the built-in five get the remaining Okabe-Ito colours by their position
// in sim.PolicyNames, so the colour does not depend on which policies a
// chart shows.
func PolicyColour(name string) color.NRGBA {
	if c, ok := policyColours[name]; ok {
		return c
	}
	extra := 0
	for _, n := range sim.PolicyNames() {
		if _, builtin := policyColours[n]; builtin {
			continue
		}
		if n == name {
			return okabeIto[extra%len(okabeIto)]
		}
		extra++
	}
	return color.NRGBA{0x80, 0x80, 0x80, 0xFF}
}

// Hex returns the colour as #RRGGBB, for web pages and SVG.
func Hex(c color.NRGBA) string {
	const digits = "0123456789ABCDEF"
	b := []byte{'#', 0, 0, 0, 0, 0, 0}
	for i, v := range []uint8{c.R, c.G, c.B} {
		b[1+2*i] = digits[v>>4]
		b[2+2*i] = digits[v&0xF]
	}
	return string(b)
}

// RungColours are the colours of the six ladder rungs in stacked charts: a
// sequential blue-to-green scale (isolated to paid work), readable in grey.
var RungColours = [6]color.NRGBA{
	{0x44, 0x01, 0x54, 0xFF},
	{0x41, 0x44, 0x87, 0xFF},
	{0x2A, 0x78, 0x8E, 0xFF},
	{0x22, 0xA8, 0x84, 0xFF},
	{0x7A, 0xD1, 0x51, 0xFF},
	{0xFD, 0xE7, 0x25, 0xFF},
}

// Text is a label in both languages.
type Text struct{ NL, EN string }

// In returns the text in lang ("nl" or "en"; anything else is English).
func (t Text) In(lang string) string {
	if lang == "nl" && t.NL != "" {
		return t.NL
	}
	return t.EN
}

// Rung names the rungs of the participation ladder, 1 to 6 (index 0 is rung 1).
var Rung = [6]Text{
	{"1 geïsoleerd", "1 isolated"},
	{"2 sociale contacten", "2 social contacts"},
	{"3 deelname georganiseerde activiteiten", "3 organised activities"},
	{"4 vrijwilligerswerk", "4 volunteer work"},
	{"5 betaald werk met ondersteuning", "5 paid work with support"},
	{"6 betaald werk", "6 paid work"},
}

// Kind names the kinds of resident.
var Kind = map[string]Text{
	"support-seeker": {"zoekt steun", "support-seeker"},
	"resistant":      {"met weerstand", "resistant"},
}

// Policy names the policies for display; the built-in names are Dutch terms
// that stay as they are in English text, with a gloss.
var Policy = map[string]Text{
	"afstand":             {"afstand", "afstand (distance)"},
	"morele-verplichting": {"morele verplichting", "morele verplichting (moral duty)"},
	"sanctie":             {"sanctie", "sanctie (sanctions)"},
	"maatwerk":            {"maatwerk", "maatwerk (tailored sanctions)"},
	"nabijheid":           {"nabijheid", "nabijheid (proximity)"},
}

// PolicyName returns the display name of a policy.
func PolicyName(name, lang string) string {
	if t, ok := Policy[name]; ok {
		return t.In(lang)
	}
	return name
}

// Outcome is the display label and unit of an outcome.
type Outcome struct {
	Label Text
	Unit  Text
}

var (
	persons = Text{"personen", "persons"}
	share   = Text{"aandeel", "share"}
	level   = Text{"niveau 0-1", "level 0-1"}
	euro    = Text{"euro", "euro"}
	hours   = Text{"uren per maand", "hours per month"}
	perRes  = Text{"per bewoner", "per resident"}
)

// Outcomes labels the outcomes of the monthly series and summaries, by
// column name.
var Outcomes = map[string]Outcome{
	"share_rung_3_plus":         {Text{"Aandeel op trede 3 of hoger", "Share on rung 3 or higher"}, share},
	"on_benefit":                {Text{"In de uitkering", "On the benefit"}, persons},
	"in_work":                   {Text{"Uitgestroomd naar werk", "Moved on to work"}, persons},
	"left_without_work":         {Text{"Uitgestroomd zonder werk", "Left without work"}, persons},
	"moves_up":                  {Text{"Stappen omhoog", "Steps up"}, persons},
	"moves_down":                {Text{"Stappen omlaag", "Steps down"}, persons},
	"exits_to_work":             {Text{"Uitstroom naar werk", "Exits to work"}, persons},
	"exits_without_work":        {Text{"Uitstroom zonder werk", "Exits without work"}, persons},
	"sanctions":                 {Text{"Sancties", "Sanctions"}, persons},
	"trust_mean":                {Text{"Vertrouwen", "Trust"}, level},
	"resistance_mean":           {Text{"Weerstand", "Resistance"}, level},
	"efficacy_mean":             {Text{"Eigen kracht", "Self-efficacy"}, level},
	"pressure_mean":             {Text{"Ervaren druk", "Perceived pressure"}, level},
	"capacity_mean":             {Text{"Belastbaarheid", "Load capacity"}, level},
	"hours_used":                {Text{"Gebruikte uren", "Hours used"}, hours},
	"residents_reached":         {Text{"Bereikte bewoners", "Residents reached"}, persons},
	"cost_benefits":             {Text{"Uitkeringslasten", "Benefits paid"}, euro},
	"cost_professionals":        {Text{"Kosten professionals", "Cost of professionals"}, euro},
	"cost_places":               {Text{"Kosten plekken", "Cost of places"}, euro},
	"cum_moved_up":              {Text{"Bewoners die stegen", "Residents who moved up"}, persons},
	"cum_exits_to_work":         {Text{"Uitstroom naar werk (totaal)", "Exits to work (total)"}, persons},
	"cum_exits_without_work":    {Text{"Uitstroom zonder werk (totaal)", "Exits without work (total)"}, persons},
	"cum_sanctions":             {Text{"Sancties (totaal)", "Sanctions (total)"}, persons},
	"cum_activation_cost":       {Text{"Activeringskosten (totaal)", "Activation cost (total)"}, euro},
	"activation_cost_per_mover": {Text{"Activeringskosten per stijger", "Activation cost per resident who moved up"}, euro},
	"cum_cost_municipality":     {Text{"Kosten voor de gemeente (totaal)", "Cost to the municipality (total)"}, euro},
	"cum_cost_society":          {Text{"Kosten voor de samenleving (totaal)", "Cost to society (total)"}, euro},
	"cost_municipality":         {Text{"Kosten voor de gemeente", "Cost to the municipality"}, euro},
	"cost_elsewhere":            {Text{"Kosten elders (schulden, zorg)", "Costs elsewhere (debts, care)"}, euro},
	"cost_shifted":              {Text{"Verschoven uitkering", "Benefit shifted"}, euro},
	"cost_society":              {Text{"Kosten voor de samenleving", "Cost to society"}, euro},
	"share_moved_up":            {Text{"Aandeel dat steeg", "Share who moved up"}, share},
	"benefit_paid_per_resident": {Text{"Uitkering per bewoner", "Benefit paid per resident"}, Text{"euro per bewoner", "euro per resident"}},
	"sanctions_per_resident":    {Text{"Sancties per bewoner", "Sanctions per resident"}, perRes},
}

// OutcomeLabel returns the label of an outcome with its unit, for example
// "Trust (level 0-1)"; an unknown outcome is returned as its name.
func OutcomeLabel(name, lang string) string {
	o, ok := Outcomes[name]
	if !ok {
		return name
	}
	return o.Label.In(lang) + " (" + o.Unit.In(lang) + ")"
}
