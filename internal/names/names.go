// Package names checks the names a user types (a policy, an outcome, a
// parameter key, a design, a method) against the list of names allowed, and
// builds errors that say what is allowed and, for a likely typo, which name
// was probably meant ("did you mean").
//
// It deliberately knows no list itself: each caller passes its own, so that
// the package depends on nothing in wijksim.
package names

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/agnivade/levenshtein"
)

// maxCompare is the longest name compared by edit distance: the distance
// costs the product of the two lengths, and a name this long is no typo.
const maxCompare = 200

// maxShow is the longest name quoted in full in an error.
const maxShow = 80

// Closest returns the allowed name nearest to name by edit distance
// (Levenshtein, on runes, ignoring case), and whether it is near enough to
// be a typo of it: at most a third of name's length (and at least one)
// edits away.
func Closest(name string, allowed []string) (string, bool) {
	if len(name) > maxCompare {
		return "", false
	}
	best, bestD := "", -1
	for _, a := range allowed {
		if len(a) > maxCompare {
			continue
		}
		d := levenshtein.ComputeDistance(strings.ToLower(name), strings.ToLower(a))
		if bestD < 0 || d < bestD {
			best, bestD = a, d
		}
	}
	if bestD < 0 || bestD > max(1, len([]rune(name))/3) {
		return "", false
	}
	return best, true
}

// DidYouMean returns `; did you mean "x"?` for the allowed name closest to
// name, or "" when none is close.
func DidYouMean(name string, allowed []string) string {
	if best, ok := Closest(name, allowed); ok {
		return fmt.Sprintf("; did you mean %q?", best)
	}
	return ""
}

// Unknown returns the error for a name that is not allowed, for example
// `unknown outcome "trust_meen"; did you mean "trust_mean"? allowed: a, b`.
// what says what the name is ("outcome", "policy").
func Unknown(what, name string, allowed []string) error {
	return fmt.Errorf("unknown %s %s%s; allowed: %s", what, Quote(name), DidYouMean(name, allowed), strings.Join(allowed, ", "))
}

// Check returns nil if name is allowed, else the error of Unknown.
func Check(what, name string, allowed []string) error {
	for _, a := range allowed {
		if a == name {
			return nil
		}
	}
	return Unknown(what, name, allowed)
}

// Quote quotes s for an error message, cutting a long s short and saying
// how long it was, so that an error never echoes a huge input.
func Quote(s string) string {
	if len(s) <= maxShow {
		return strconv.Quote(s)
	}
	cut := maxShow
	for cut > 0 && !utf8Start(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + fmt.Sprintf("... (%d bytes)", len(s))
}

// Clip cuts a long s short, for use inside a quoted key of an error.
func Clip(s string) string {
	if len(s) <= maxShow {
		return s
	}
	cut := maxShow
	for cut > 0 && !utf8Start(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}

// utf8Start reports whether b can begin a UTF-8 sequence.
func utf8Start(b byte) bool { return b&0xC0 != 0x80 }
