package labels

import (
	"testing"

	"github.com/wijksim/wijksim/sim"
)

func TestEveryPolicyHasItsOwnColour(t *testing.T) {
	seen := map[string]string{}
	for _, name := range sim.PolicyNames() {
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
