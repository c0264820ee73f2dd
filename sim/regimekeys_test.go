package sim

import (
	"slices"
	"testing"
)

// TestRegimeKeysOfAPolicyOfPhases: a policy of several phases has the
// scenario keys policies.NAME.PHASE.SETTING (dashes as underscores); a
// policy of one phase, policies.NAME.SETTING. Setting one key changes the
// regime of that phase alone in a run (New resolves the phases' regimes),
// and the others keep the policy's own.
func TestRegimeKeysOfAPolicyOfPhases(t *testing.T) {
	two := Policy{Name: "eerst-dan", Phases: []Phase{
		{Name: "zacht", Regime: builtin("nabijheid").Phases[0].Regime},
		{Name: "streng-er", When: Entry{FromMonth: 2}, Regime: builtin("sanctie").Phases[0].Regime, Sanction: BelowDemand},
	}}
	var keys []string
	for _, s := range RegimeSpecs(&two, "test") {
		keys = append(keys, s.Key)
	}
	for _, want := range []string{"policies.eerst_dan.zacht.attention", "policies.eerst_dan.streng_er.attention"} {
		if !slices.Contains(keys, want) {
			t.Errorf("keys %v lack %s", keys, want)
		}
	}
	one := builtin("afstand")
	if !slices.ContainsFunc(RegimeSpecs(&one, "test"), func(s ParamSpec) bool { return s.Key == "policies.afstand.attention" }) {
		t.Error("a policy of one phase lacks policies.afstand.attention")
	}
	p := Defaults()
	p.Months = 3
	for _, s := range RegimeSpecs(&two, "test") {
		if s.Key == "policies.eerst_dan.streng_er.attention" {
			if err := s.Set(&p, 0.35); err != nil {
				t.Fatal(err)
			}
		}
	}
	m, err := New(p, two, 1, 0, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := m.regimes[1].Attention; got != 0.35 {
		t.Errorf("the set phase's attention %v, want 0.35", got)
	}
	if got, want := m.regimes[0].Attention, two.Phases[0].Regime.Attention; got != want {
		t.Errorf("the other phase's attention %v, want its own %v", got, want)
	}
}

// TestRegimeKeyOfANamedSinglePhase: a policy of one phase has the keys
// policies.NAME.SETTING even when its phase has a name, and a run takes
// the regime they set.
func TestRegimeKeyOfANamedSinglePhase(t *testing.T) {
	solo := Policy{Name: "solo", Phases: []Phase{{Name: "enige", Regime: builtin("nabijheid").Phases[0].Regime}}}
	p := Defaults()
	p.Months = 2
	set := false
	for _, s := range RegimeSpecs(&solo, "test") {
		if s.Key == "policies.solo.attention" {
			if err := s.Set(&p, 0.45); err != nil {
				t.Fatal(err)
			}
			set = true
		}
	}
	if !set {
		t.Fatal("no key policies.solo.attention")
	}
	m, err := New(p, solo, 1, 0, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := m.regimes[0].Attention; got != 0.45 {
		t.Errorf("attention %v, want the set 0.45", got)
	}
}
