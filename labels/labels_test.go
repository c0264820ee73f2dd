package labels

import (
	"testing"

	"github.com/wijksim/wijksim/policies"
)

func TestEveryPolicyHasItsOwnColour(t *testing.T) {
	seen := map[string]string{}
	for _, name := range policies.Names() {
		h := Hex(PolicyColour(name))
		if other, dup := seen[h]; dup {
			t.Errorf("%s and %s share colour %s", name, other, h)
		}
		seen[h] = name
		if PolicyName(name, "nl") == "" || PolicyName(name, "en") == "" {
			t.Errorf("%s has no display name", name)
		}
	}
}

func TestHex(t *testing.T) {
	if got := Hex(PolicyColour("nabijheid")); got != "#009E73" {
		t.Errorf("Hex = %s", got)
	}
}

// TestCustomPolicyColours checks that a policy that is not built in keeps
// one colour, by its name, that is none of the built-in policies'.
func TestCustomPolicyColours(t *testing.T) {
	builtin := map[string]bool{}
	for _, n := range policies.Names() {
		builtin[Hex(PolicyColour(n))] = true
	}
	colours := map[string]bool{}
	for _, name := range []string{"escalatie", "zaanstad-2019", "maatwerk-met-rolscheiding", "x", "nabijheid-2"} {
		c := Hex(PolicyColour(name))
		if c != Hex(PolicyColour(name)) {
			t.Errorf("%s: colour changes between calls", name)
		}
		if builtin[c] {
			t.Errorf("%s: colour %s is a built-in policy's", name, c)
		}
		colours[c] = true
	}
	if len(colours) < 3 {
		t.Errorf("five custom names share %d colours, want at least 3 distinct", len(colours))
	}
}
