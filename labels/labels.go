// Package labels holds what every chart, report and web page of wijksim
// shows the same way: one fixed, colour-blind-safe colour per policy (the
// Okabe-Ito palette), the colours of the ladder's rungs, and the names of
// policies, rungs and kinds of resident in Dutch and English. The names and
// units of outcomes are in the outcome registry (package outcomes), which
// uses Text from here.
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
