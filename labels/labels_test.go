package labels

import (
	"testing"

	"github.com/wijksim/wijksim/results"
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

func TestOutcomeLabelsNameRealColumns(t *testing.T) {
	cols := map[string]bool{}
	for _, c := range results.MonthColumns() {
		cols[c.Name] = true
	}
	var zero sim.KindSummary
	for _, m := range results.KindMetrics(&zero) {
		cols[m.Name] = true
	}
	for name, o := range Outcomes {
		if !cols[name] {
			t.Errorf("label for %q, which is no outcome", name)
		}
		if o.Label.NL == "" || o.Label.EN == "" || o.Unit.NL == "" || o.Unit.EN == "" {
			t.Errorf("%s: label or unit missing in a language", name)
		}
	}
}

func TestHex(t *testing.T) {
	if got := Hex(PolicyColour("nabijheid")); got != "#009E73" {
		t.Errorf("Hex = %s", got)
	}
}
