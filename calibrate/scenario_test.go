package calibrate

import (
	"strings"
	"testing"

	"github.com/wijksim/wijksim/scenarios"
)

func TestScenarioYAML(t *testing.T) {
	base, err := scenarios.Raw("default")
	if err != nil {
		t.Fatal(err)
	}
	out, err := ScenarioYAML(base, "Calibrated.\nSecond line.", []Setting{
		{Key: "exit.base_rate", Value: 0.00627, Comment: "calibrated (was 0.002)"},
		{Key: "exit.early_excess", Value: 10.0},
		{Key: "population.residents", Value: 500, Comment: "override"},
		{Key: "levers.role_separation", Value: true},
		{Key: "scenario.en", Value: "Calibrated town"},
	})
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, want := range []string{
		"# Calibrated.\n# Second line.\n\n# A Zaanstad-like municipality", // header, then the base file's comment
		"  base_rate: 0.00627 # calibrated (was 0.002)\n",
		"  early_excess: 10.0\n", // a whole number stays a float
		"  residents: 500 # override\n",
		"neighbourhoods: 11 # eleven wijkteams in Zaanstad (002)", // other comments kept
		"  en: Calibrated town\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	sc, err := scenarios.Parse(out, "calibrated.yaml", scenarios.Options{})
	if err != nil {
		t.Fatalf("the written scenario does not load: %v\n%s", err, text)
	}
	p := sc.Params
	if p.Exit.BaseRate != 0.00627 || p.Exit.EarlyExcess != 10 || p.Population.Residents != 500 || !p.Levers.RoleSeparation || p.Population.Neighbourhoods != 11 {
		t.Errorf("loaded back: %+v %+v %+v", p.Exit, p.Population, p.Levers)
	}
	if sc.Description["en"] != "Calibrated town" {
		t.Errorf("description %q", sc.Description["en"])
	}
}

func TestScenarioYAMLErrors(t *testing.T) {
	if _, err := ScenarioYAML([]byte("exit: 3\n"), "h", []Setting{{Key: "exit.base_rate", Value: 0.1}}); err == nil || !strings.Contains(err.Error(), `"exit" is not a mapping`) {
		t.Errorf("error %v", err)
	}
	if _, err := ScenarioYAML([]byte("- a\n"), "h", nil); err == nil || !strings.Contains(err.Error(), "want a mapping") {
		t.Errorf("error %v", err)
	}
	out, err := ScenarioYAML(nil, "empty base", []Setting{{Key: "exit.base_rate", Value: 0.01}})
	if err != nil || !strings.Contains(string(out), "exit:\n  base_rate: 0.01\n") {
		t.Errorf("from an empty base: %q, %v", out, err)
	}
}
