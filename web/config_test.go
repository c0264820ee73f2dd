package web

import (
	"encoding/json"
	"strings"
	"testing"
)

func raw(v string) json.RawMessage { return json.RawMessage(v) }

func TestResolveAcceptsClassRuns(t *testing.T) {
	tests := []struct {
		name  string
		cfg   RunConfig
		check func(t *testing.T, pl *plan)
	}{
		{"defaults", RunConfig{Policies: []string{"afstand", "nabijheid"}}, func(t *testing.T, pl *plan) {
			if pl.Scenario.Name != "default" || len(pl.Policies) != 2 || len(pl.Set) != 0 {
				t.Errorf("plan = %s %d %v", pl.Scenario.Name, len(pl.Policies), pl.Set)
			}
		}},
		{"four policies and sliders", RunConfig{Scenario: "poelenburg", Policies: []string{"afstand", "sanctie", "maatwerk", "nabijheid"}, Seed: 7,
			Set: map[string]json.RawMessage{"professionals.caseload": raw("60"), "trust.gain_per_contact": raw("0.08"), "levers.role_separation": raw("true"), "months": raw("240"), "population.residents": raw("5000")}},
			func(t *testing.T, pl *plan) {
				p := pl.Scenario.Params
				if p.Professionals.Caseload != 60 || p.Trust.GainPerContact != 0.08 || !p.Levers.RoleSeparation || p.Months != 240 || p.Population.Residents != 5000 {
					t.Errorf("sliders not applied: %+v", p)
				}
				// keys the page did not set keep the scenario's values
				if p.Population.ShareLanguage != 0.5 {
					t.Errorf("poelenburg's share_language lost: %v", p.Population.ShareLanguage)
				}
				if want := "levers.role_separation=true"; pl.Set[0] != want {
					t.Errorf("overrides not sorted by key: %v", pl.Set)
				}
			}},
		{"integer given as 40.0", RunConfig{Policies: []string{"afstand", "sanctie"}, Set: map[string]json.RawMessage{"places.activity": raw("40.0")}},
			func(t *testing.T, pl *plan) {
				if pl.Scenario.Params.Places.Activity != 40 {
					t.Errorf("places.activity = %d", pl.Scenario.Params.Places.Activity)
				}
			}},
	}
	lim := DefaultLimits()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pl, err := lim.resolve(tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, pl)
		})
	}
}

// badRun is a run configuration that resolve must refuse, with a fragment
// of its error.
type badRun struct {
	name string
	cfg  RunConfig
	want string
}

// badRuns are the configurations TestResolveRefusesBadRuns refuses; they
// also seed FuzzCreateRun.
func badRuns() []badRun {
	two := []string{"afstand", "nabijheid"}
	set := func(k, v string) map[string]json.RawMessage { return map[string]json.RawMessage{k: raw(v)} }
	return []badRun{
		{"unknown scenario", RunConfig{Scenario: "zaandam", Policies: two}, `scenario "zaandam": unknown; allowed: assendelft, default, poelenburg`},
		{"scenario as a path", RunConfig{Scenario: "/etc/passwd.yaml", Policies: two}, "unknown; allowed"},
		{"scenario as a relative path", RunConfig{Scenario: "../scenarios/default.yaml", Policies: two}, "unknown; allowed"},
		{"one policy", RunConfig{Policies: []string{"afstand"}}, "policies: 1 given; allowed: 2 to 4"},
		{"five policies", RunConfig{Policies: []string{"afstand", "morele-verplichting", "sanctie", "maatwerk", "nabijheid"}}, "policies: 5 given"},
		{"twice the same", RunConfig{Policies: []string{"afstand", "afstand"}}, `"afstand" given twice`},
		{"unknown policy", RunConfig{Policies: []string{"afstand", "straf"}}, `unknown policy "straf"`},
		{"seed too large", RunConfig{Policies: two, Seed: 1 << 40}, "seed 1099511627776: out of range; allowed: integer in [0, 999999999]"},
		{"key not on a slider", RunConfig{Policies: two, Set: set("costs.hour_cost", "10")}, `set: key "costs.hour_cost": not a class slider; allowed:`},
		{"unknown key", RunConfig{Policies: two, Set: set("trust.gain", "0.1")}, `key "trust.gain": not a class slider`},
		{"string value", RunConfig{Policies: two, Set: set("trust.word_of_mouth", `"much"`)}, "is not a number; allowed: number in [0, 1]"},
		{"fraction for an integer", RunConfig{Policies: two, Set: set("professionals.caseload", "40.5")}, "is not a whole number; allowed: integer in [1, 10000]"},
		{"number for a boolean", RunConfig{Policies: two, Set: set("levers.role_separation", "1")}, "not a boolean; allowed: true or false"},
		{"out of the registry's range", RunConfig{Policies: two, Set: set("trust.gain_per_contact", "2")}, `set: key "trust.gain_per_contact": value 2 is out of range; allowed: number in [0, 1]`},
		{"zero caseload", RunConfig{Policies: two, Set: set("professionals.caseload", "0")}, "value 0 is out of range; allowed: integer in [1, 10000]"},
		{"population above the class limit", RunConfig{Policies: two, Set: set("population.residents", "5001")}, "population.residents: value 5001 is above the class limit; allowed: at most 5000"},
		{"horizon above the class limit", RunConfig{Policies: two, Set: set("months", "241")}, "months: value 241 is above the class limit; allowed: at most 240"},
		{"horizon out of the registry's range", RunConfig{Policies: two, Set: set("months", "0")}, "value 0 is out of range; allowed: integer in [1, 240]"},
		{"no residents", RunConfig{Policies: two, Set: set("population.residents", "0")}, "value 0 is out of range; allowed: integer in [1, 5000]"},
		{"residents out of the registry's range", RunConfig{Policies: two, Set: set("population.residents", "2000000")}, "value 2000000 is out of range; allowed: integer in [1, 5000]"},
		{"fraction of residents", RunConfig{Policies: two, Set: set("population.residents", "100.5")}, "value 100.5 is not a whole number; allowed: integer in [1, 5000]"},
		{"huge integer", RunConfig{Policies: two, Set: set("professionals.caseload", "1e20")}, "value 1e20 is out of range; allowed: integer in [1, 10000]"},
		{"integer beyond float64", RunConfig{Policies: two, Set: set("months", "-1e400")}, "value -1e400 is out of range; allowed: integer in [1, 240]"},
		{"number beyond float64", RunConfig{Policies: two, Set: set("trust.word_of_mouth", "1e400")}, "value 1e400 is out of range; allowed: number in [0, 1]"},
		{"a typo of a slider's key", RunConfig{Policies: two, Set: set("montsh", "12")}, `set: key "montsh": not a class slider; did you mean "months"?`},
	}
}

func TestResolveRefusesBadRuns(t *testing.T) {
	lim := DefaultLimits()
	for _, tt := range badRuns() {
		t.Run(tt.name, func(t *testing.T) {
			_, err := lim.resolve(tt.cfg)
			if err == nil {
				t.Fatalf("accepted; want an error containing %q", tt.want)
			}
			if !isBadRequest(err) {
				t.Errorf("error %v is not a bad request", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error\n  %v\nwant it to contain\n  %s", err, tt.want)
			}
		})
	}
}

func TestLimitsCheck(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Limits)
		ok     bool
	}{
		{"defaults", func(*Limits) {}, true},
		{"no runs", func(l *Limits) { l.MaxRuns = 0 }, false},
		{"no residents", func(l *Limits) { l.MaxResidents = 0 }, false},
		{"tiny body", func(l *Limits) { l.MaxBodyBytes = 10 }, false},
		{"no keep-alive", func(l *Limits) { l.KeepAlive = 0 }, false},
	}
	for _, tt := range tests {
		l := DefaultLimits()
		tt.change(&l)
		if err := l.check(); (err == nil) != tt.ok {
			t.Errorf("%s: check() = %v, want ok %v", tt.name, err, tt.ok)
		}
	}
}

// TestAllowedIsWhatTheServerTakes: the range an error names is the
// registry's within the class limits, with integers written out.
func TestAllowedIsWhatTheServerTakes(t *testing.T) {
	lim := DefaultLimits()
	lim.MaxResidents, lim.MaxMonths = 2_000_000, 60
	tests := []struct{ key, want string }{
		{"population.residents", "integer in [1, 1000000]"}, // the registry's limit is the tighter
		{"months", "integer in [1, 60]"},
		{"professionals.caseload", "integer in [1, 10000]"},
		{"trust.gain_per_contact", "number in [0, 1]"},
		{"levers.role_separation", "true or false"},
	}
	for _, tt := range tests {
		spec, ok := sliderKeys()[tt.key]
		if !ok {
			t.Fatalf("%s is not on a slider", tt.key)
		}
		if got := lim.allowed(spec); got != tt.want {
			t.Errorf("allowed(%s) = %q, want %q", tt.key, got, tt.want)
		}
	}
	for x, want := range map[float64]string{5000: "5000", 1e6: "1000000", 0.2: "0.2", -3: "-3", 1e20: "1e+20", 2.5e-7: "2.5e-07"} {
		if got := formatNumber(x); got != want {
			t.Errorf("formatNumber(%v) = %q, want %q", x, got, want)
		}
	}
}
