package labels

import (
	"testing"

	"github.com/wijksim/wijksim/scenarios"
)

// TestEveryParameterHasAName: each parameter of the model has a short name
// in both languages, and no two parameters share one, so that a chart that
// lists parameters never falls back to raw keys or shows two rows alike.
func TestEveryParameterHasAName(t *testing.T) {
	for _, lang := range Languages {
		seen := map[string]string{}
		for _, s := range scenarios.Specs() {
			name := ParamLabel(s.Key, lang)
			if name == s.Key || name == "" {
				t.Errorf("%s has no name in %s", s.Key, lang)
				continue
			}
			if other, dup := seen[name]; dup {
				t.Errorf("%s and %s are both called %q in %s", s.Key, other, name, lang)
			}
			seen[name] = s.Key
		}
	}
	for key := range Params {
		if _, ok := scenarios.Lookup(key); !ok {
			t.Errorf("a name for %q, which is no parameter", key)
		}
	}
	if got := ParamLabel("policies.nabijheid.contact_interval_months", "nl"); got != "nabijheid: maanden tussen contacten" {
		t.Errorf("a policy's parameter is called %q", got)
	}
}

// TestEveryParameterUnitIsTranslated: the unit of each parameter, of the
// model and of a policy's settings, has a Dutch name, so that the Dutch
// report lists no English units.
func TestEveryParameterUnitIsTranslated(t *testing.T) {
	for _, s := range scenarios.Specs() {
		if _, ok := dutchUnits[s.Unit]; !ok {
			t.Errorf("%s: unit %q has no Dutch name", s.Key, s.Unit)
		}
	}
	if got := ParamUnit("euro/month", "nl"); got != "euro/maand" {
		t.Errorf("euro/month in Dutch: %q", got)
	}
	if got := ParamUnit("furlongs", "nl"); got != "furlongs" {
		t.Errorf("an unknown unit: %q, want it as it is", got)
	}
}
