package policies_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/internal/yamlcheck"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/sim"
)

// good is a valid policy of two phases; the bad files change it.
const good = `name: escalatie
label: {nl: escalatie, en: escalation}
summary: {nl: eerst nabijheid dan handhaving, en: proximity first then enforcement}
levers:
  role_separation: true
phases:
  - name: nabijheid
    sanction: none
    regime:
      contact_interval_months: 1
      hours_per_contact: 3
      attention: 0.8
      control: 0.3
      barrier_work: 0.08
      appeal: 0.1
      demand_rung: 0
      sanction_probability: 0
  - name: handhaving
    when: {months_since_first_contact: 12, below_rung: 3}
    sanction: below_demand
    regime:
      contact_interval_months: 3
      hours_per_contact: 1
      attention: 0.2
      control: 0.7
      barrier_work: 0
      appeal: 0
      demand_rung: 3
      sanction_probability: 0.3
`

func TestParseGood(t *testing.T) {
	p, err := policies.ParseFile([]byte(good), "escalatie.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "escalatie" || len(p.Phases) != 2 || p.Phases[1].When != (sim.Entry{MonthsSinceFirstContact: 12, BelowRung: 3}) ||
		p.Phases[0].Sanction != sim.NoSanction || p.Phases[1].Regime.SanctionProbability != 0.3 || p.Builtin ||
		len(p.Levers) != 1 || p.Levers[0] != (sim.Setting{Key: "levers.role_separation", Value: true}) {
		t.Errorf("parsed %+v", p)
	}
}

// TestParseRefusesBadFiles gives Parse policy files with one thing wrong
// each; every error names the file, the line and column where it can, the
// key, and what is allowed.
func TestParseRefusesBadFiles(t *testing.T) {
	edit := func(old, new string) string {
		if !strings.Contains(good, old) {
			t.Fatalf("the good file lacks %q", old)
		}
		return strings.Replace(good, old, new, 1)
	}
	cases := []struct {
		name string
		yaml string
		want []string
	}{
		{"empty file", "", []string{"empty file"}},
		{"not YAML", "name: [x\n", []string{"not valid YAML"}},
		{"two documents", good + "---\nname: y\n", []string{"a second YAML document"}},
		{"unknown top key", edit("levers:", "lever:"), []string{"line 4, column 1", `key "lever"`, `did you mean "levers"?`, "allowed: name, label"}},
		{"invalid name", edit("name: escalatie", "name: Escalatie!"), []string{"line 1", `key "name"`, `"Escalatie!"`, "allowed: 1 to 40 lower-case letters"}},
		{"built-in name", edit("name: escalatie", "name: sanctie"), []string{`name "sanctie" is a built-in policy's`, "allowed: a name of its own"}},
		{"label in one language", edit("label: {nl: escalatie, en: escalation}", "label: {nl: escalatie}"), []string{"line 2", `key "label.en"`, "missing", "Dutch (nl) and in English (en)"}},
		{"summary not text", edit("summary: {nl: eerst nabijheid dan handhaving, en: proximity first then enforcement}", "summary: {nl: 3, en: x}"), []string{"line 3", `key "summary.nl"`, "is not a string"}},
		{"colour in a file", edit("levers:", "colour: \"#123456\"\nlevers:"), []string{"line 4", `key "colour"`, "only the built-in policies name their colour"}},
		{"unknown lever", edit("role_separation: true", "role_seperation: true"), []string{"line 5, column 3", `key "levers.role_seperation"`, `did you mean "role_separation"?`}},
		{"lever of the wrong type", edit("role_separation: true", "role_separation: 3"), []string{"line 5", `key "levers.role_separation"`, "value 3 (int) is not a boolean; allowed: true or false"}},
		{"lever out of range", edit("role_separation: true", "collective_share: 0.95"), []string{"line 5", `key "levers.collective_share"`, "out of range; allowed: number in [0, 0.9]"}},
		{"regime out of range", edit("attention: 0.8", "attention: 1.8"), []string{"line 12, column 18", `key "phases[0].regime.attention"`, "value 1.8 is out of range; allowed: number in [0, 1]"}},
		{"regime of the wrong type", edit("hours_per_contact: 1\n", "hours_per_contact: an hour\n"), []string{"line 23, column 26", `key "phases[1].regime.hours_per_contact"`, "is not a number"}},
		{"regime setting missing", edit("      appeal: 0.1\n", ""), []string{`key "phases[0].regime.appeal"`, "missing", "a regime gives every setting"}},
		{"unknown regime setting", edit("barrier_work: 0.08", "barrier_works: 0.08"), []string{"line 14", `key "phases[0].regime.barrier_works"`, `did you mean "barrier_work"?`}},
		{"unknown sanction rule", edit("sanction: below_demand", "sanction: below-demand"), []string{"line 20, column 15", `key "phases[1].sanction"`, `did you mean "below_demand"?`, "allowed: none, below_demand, judged_able"}},
		{"none with a probability", edit("      sanction_probability: 0\n", "      sanction_probability: 0.2\n"), []string{"line 8", `key "phases[0].sanction"`, "none with regime.sanction_probability 0.2"}},
		{"first phase with a condition", edit("  - name: nabijheid\n", "  - name: nabijheid\n    when: {from_month: 3}\n"), []string{"line 8", `key "phases[0].when"`, "a condition for the first phase"}},
		{"later phase without a condition", edit("    when: {months_since_first_contact: 12, below_rung: 3}\n", ""), []string{`key "phases[1].when"`, "missing", "every phase after the first has a condition"}},
		{"unknown condition", edit("months_since_first_contact: 12", "months_since_contact: 12"), []string{"line 19", `key "phases[1].when.months_since_contact"`, `did you mean "months_since_first_contact"?`}},
		{"rung out of range", edit("below_rung: 3", "below_rung: 7"), []string{"line 19", `key "phases[1].when.below_rung"`, "allowed: integer in [2, 5]"}},
		{"months below without a rung", edit("{months_since_first_contact: 12, below_rung: 3}", "{months_below_rung: 12}"), []string{"line 19", `key "phases[1].when.months_below_rung"`, "given without below_rung"}},
		{"two phases of one name", edit("name: handhaving", "name: nabijheid"), []string{"line 18", `key "phases[1].name"`, "names an earlier phase too"}},
		{"regime beside phases", edit("levers:", "sanction: none\nlevers:"), []string{"line 4", `key "sanction"`, "given beside phases"}},
		{"no sanction rule", "name: x\nlabel: {nl: x, en: x}\nsummary: {nl: x, en: x}\nregime: {}\n", []string{`key "sanction"`, "missing; allowed: none, below_demand, judged_able"}},
		{"too many phases", strings.Replace(good, "phases:\n", "phases:\n"+strings.Repeat("  - {name: x}\n", 8), 1), []string{`key "phases"`, "1 to 8 phases"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "bad.yaml")
			if err := os.WriteFile(file, []byte(c.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := policies.Load(file)
			if err == nil {
				t.Fatalf("no error for\n%s", c.yaml)
			}
			msg := err.Error()
			for _, w := range append([]string{"policy " + filepath.ToSlash(file)}, c.want...) {
				if !strings.Contains(msg, w) {
					t.Errorf("error does not say %q:\n%s", w, msg)
				}
			}
		})
	}
}

// TestValueErrorsUnwrap checks that a value out of range is a
// *yamlcheck.Error wrapping the registry's *sim.ValueError.
func TestValueErrorsUnwrap(t *testing.T) {
	_, err := policies.Parse([]byte(strings.Replace(good, "attention: 0.8", "attention: 2", 1)), "x.yaml")
	var ye *yamlcheck.Error
	var ve *sim.ValueError
	if !errors.As(err, &ye) || !errors.As(err, &ve) || ye.Line != 12 || ve.Allowed != "number in [0, 1]" {
		t.Errorf("error %v: want a *yamlcheck.Error at line 12 wrapping a *sim.ValueError", err)
	}
}

func TestResolve(t *testing.T) {
	file := filepath.Join(t.TempDir(), "escalatie.yaml")
	if err := os.WriteFile(file, []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	ps, err := policies.Resolve([]string{"afstand", file})
	if err != nil {
		t.Fatal(err)
	}
	if got := policies.NamesOf(ps); strings.Join(got, ",") != "afstand,escalatie" || len(policies.Custom(ps)) != 1 {
		t.Errorf("Resolve = %v", got)
	}
	for _, c := range []struct {
		refs []string
		want string
	}{
		{[]string{"nabijhied"}, `unknown policy "nabijhied"; did you mean "nabijheid"?`},
		{[]string{"afstand", "all"}, `policy "afstand" given twice`},
		{[]string{file, file}, `policy "escalatie" given twice`},
		{[]string{"nowhere/x.yaml"}, "load policy"},
		{[]string{""}, "an empty policy name"},
	} {
		if _, err := policies.Resolve(c.refs); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Resolve(%q): error %v, want %q", c.refs, err, c.want)
		}
	}
}
