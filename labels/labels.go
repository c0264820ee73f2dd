// Package labels holds what every chart, report and web page of wijksim
// shows the same way: one fixed, colour-blind-safe colour per policy (the
// Okabe-Ito palette for the built-in policies, whose files name their
// colours, and a colour chosen by name for any other), the colours of the
// ladder's rungs, and the names of policies, rungs and kinds of resident in
// Dutch and English. The names and
// units of outcomes are in the outcome registry (package outcomes), which
// uses Text from here.
package labels

import (
	"hash/fnv"
	"image/color"
	"strconv"

	"github.com/wijksim/wijksim/policies"
)

// Languages are the languages labels come in.
var Languages = []string{"nl", "en"}

// customColours are the colours of policies that are not built in: the
// Okabe-Ito colours the built-in policies leave, then Paul Tol's muted
// scheme, both safe for the common forms of colour blindness.
var customColours = []color.NRGBA{
	{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
	{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
	{0xF0, 0xE4, 0x42, 0xFF}, // yellow
	{0x33, 0x22, 0x88, 0xFF}, // indigo
	{0x88, 0xCC, 0xEE, 0xFF}, // cyan
	{0x44, 0xAA, 0x99, 0xFF}, // teal
	{0x11, 0x77, 0x33, 0xFF}, // green
	{0x99, 0x99, 0x33, 0xFF}, // olive
	{0xDD, 0xCC, 0x77, 0xFF}, // sand
	{0xCC, 0x66, 0x77, 0xFF}, // rose
	{0x88, 0x22, 0x55, 0xFF}, // wine
	{0xAA, 0x44, 0x99, 0xFF}, // purple
}

// PolicyColour returns the fixed colour of a policy: a built-in policy's
// colour is in its file; any other policy gets one of customColours chosen
// by a hash of its name, so a policy keeps its colour in every chart,
// whichever policies the chart shows.
func PolicyColour(name string) color.NRGBA {
	for _, p := range policies.Builtins() {
		if p.Name == name {
			if c, ok := parseHex(p.Colour); ok {
				return c
			}
		}
	}
	h := fnv.New32a()
	h.Write([]byte(name))
	return customColours[h.Sum32()%uint32(len(customColours))]
}

// parseHex reads a colour written #RRGGBB.
func parseHex(s string) (color.NRGBA, bool) {
	if len(s) != 7 || s[0] != '#' {
		return color.NRGBA{}, false
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return color.NRGBA{}, false
	}
	return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xFF}, true
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

// PolicyName returns the display name of a policy: a built-in policy's
// label (from its file), else the name itself.
func PolicyName(name, lang string) string {
	for _, p := range policies.Builtins() {
		if p.Name == name {
			return p.Label.In(lang)
		}
	}
	return name
}
