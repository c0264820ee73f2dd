package outcomes_test

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/internal/yamlcheck"
	"github.com/wijksim/wijksim/outcomes"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/sim"
)

// goodOutcomes is a valid outcome file; the bad files change it.
const goodOutcomes = `outcomes:
  - key: exits_per_hour
    label: {nl: Uitstroom per uur, en: Exits per hour}
    unit: {key: per hour, nl: per uur, en: per hour}
    better: higher
    expr: cum_exits_to_work / total.hours_total
  - key: misfit_share
    label: {nl: Aandeel misfit, en: Misfit share}
    unit: share
    better: lower
    expr: "total.sanctions > 0 ? total.sanctions_misfit / total.sanctions : nan"
    shown: [table]
`

// TestWithRefusesBadFiles gives With outcome files with one thing wrong
// each; every error names the file, the line and column, the key, and what
// is allowed; an expression's error also its column in the expression.
func TestWithRefusesBadFiles(t *testing.T) {
	edit := func(old, new string) string {
		if !strings.Contains(goodOutcomes, old) {
			t.Fatalf("the good file lacks %q", old)
		}
		return strings.Replace(goodOutcomes, old, new, 1)
	}
	cases := []struct {
		name string
		yaml string
		want []string
	}{
		{"empty file", "", []string{"empty file"}},
		{"not a list", "outcomes: 3\n", []string{"line 1", `key "outcomes"`, "want a non-empty list"}},
		{"unknown top key", "outcome:\n  - key: x\n", []string{"line 1, column 1", `key "outcome"`, `did you mean "outcomes"?`}},
		{"unknown outcome key", edit("    better: higher\n", "    beter: higher\n"), []string{"line 5, column 5", `key "outcomes[0].beter"`, `did you mean "better"?`}},
		{"missing expression", edit("    expr: cum_exits_to_work / total.hours_total\n", ""), []string{`key "outcomes[0].expr"`, "missing"}},
		{"key taken by a built-in outcome", edit("key: exits_per_hour", "key: trust_mean"), []string{"line 2", `key "outcomes[0].key"`, `"trust_mean" is an outcome already`}},
		{"key twice", edit("key: misfit_share", "key: exits_per_hour"), []string{"line 7", `key "outcomes[1].key"`, "is an outcome already"}},
		{"bad key", edit("key: exits_per_hour", "key: Exits-per-hour"), []string{"line 2", `"Exits-per-hour" is not a key`, "allowed: lower-case letters"}},
		{"key of the month column", edit("key: exits_per_hour", "key: month"), []string{"line 2", `key "outcomes[0].key"`, `"month" names, or begins like, a column of the results tables`, "allowed: a key other than month, run"}},
		{"key of a parameter", edit("key: misfit_share", "key: months"), []string{"line 7", `"months" names, or begins like, a column`, "the parameters (`wijksim params`)"}},
		{"key of a run's seed column", edit("key: misfit_share", "key: seed"), []string{"line 7", `key "outcomes[1].key"`, `"seed" names, or begins like, a column`}},
		{"key of a first-year column", edit("key: exits_per_hour", "key: first_year_sanctions"), []string{"line 2", `"first_year_sanctions" names, or begins like, a column`, "; not beginning with first_year_, support_seeker_, resistant_"}},
		{"key of a kind's column", edit("key: exits_per_hour", "key: resistant_exits"), []string{"line 2", `"resistant_exits" names, or begins like, a column`}},
		{"label in one language", edit("label: {nl: Uitstroom per uur, en: Exits per hour}", "label: {en: Exits per hour}"), []string{"line 3", `key "outcomes[0].label.nl"`, "missing"}},
		{"unknown unit", edit("unit: share", "unit: percent"), []string{"line 9", `key "outcomes[1].unit"`, `"percent"`, "allowed: persons, count, share"}},
		{"unknown direction", edit("better: lower", "better: less"), []string{"line 10", `key "outcomes[1].better"`, "allowed: higher, lower, neither"}},
		{"unknown place", edit("shown: [table]", "shown: [tables]"), []string{"line 12", `key "outcomes[1].shown[0]"`, `did you mean "table"?`}},
		{"unknown timing", edit("    shown: [table]\n", "    shown: [table]\n    timing: end\n"), []string{"line 13", `key "outcomes[1].timing"`, "allowed: both, monthly"}},
		{"unknown name in the expression", edit("cum_exits_to_work / total", "cum_exit_to_work / total"), []string{"line 6, column 11", `key "outcomes[0].expr"`, "at column 1", `unknown name cum_exit_to_work; did you mean "cum_exits_to_work"?`}},
		{"unknown total", edit("total.hours_total", "total.hours_totl"), []string{"line 6", `key "outcomes[0].expr"`, "at column 27", `hours_totl is no monthly outcome; did you mean "hours_total"?`}},
		{"syntax error", edit("cum_exits_to_work / total.hours_total", "cum_exits_to_work / (total.hours_total"), []string{"line 6", `key "outcomes[0].expr"`, "at column"}},
		{"not a number", edit("cum_exits_to_work / total.hours_total", "cum_exits_to_work > 3"), []string{"line 6", `key "outcomes[0].expr"`, "the expression gives bool; allowed: an expression that gives a number"}},
		{"a string", edit("cum_exits_to_work / total.hours_total", `"'many'"`), []string{`key "outcomes[0].expr"`, "gives string"}},
		{"mixed types", edit("cum_exits_to_work / total.hours_total", "cum_exits_to_work / total"), []string{`key "outcomes[0].expr"`, "mismatched types float64 and total or end"}},
		{"empty expression", edit("expr: cum_exits_to_work / total.hours_total", "expr: \"\""), []string{`key "outcomes[0].expr"`, "an empty expression"}},
		{"neither in the trade-off view", strings.Replace(edit("better: lower", "better: neither"), "shown: [table]", "shown: [tradeoff]", 1),
			[]string{"line 12", `key "outcomes[1].shown"`, "tradeoff only with better higher or lower"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "bad.yaml")
			if err := os.WriteFile(file, []byte(c.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := outcomes.Load(file)
			if err == nil {
				t.Fatalf("no error for\n%s", c.yaml)
			}
			for _, w := range append([]string{"outcomes " + file}, c.want...) {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not say %q:\n%s", w, err)
				}
			}
		})
	}
}

// TestExpressionErrorsUnwrap checks that an expression's error is a
// *yamlcheck.Error with the line of the expression.
func TestExpressionErrorsUnwrap(t *testing.T) {
	_, err := outcomes.Builtin().With([]byte(strings.Replace(goodOutcomes, "total.hours_total", "total.nothing", 1)), "x.yaml")
	var ye *yamlcheck.Error
	if !errors.As(err, &ye) || ye.Line != 6 || ye.Key != "outcomes[0].expr" {
		t.Errorf("error %v: want a *yamlcheck.Error at line 6 of key outcomes[0].expr", err)
	}
}

// TestOutcomesOfFilesByHand works the example outcomes out by hand from a
// run's statistics and compares them with the registry's.
func TestOutcomesOfFilesByHand(t *testing.T) {
	reg, err := outcomes.Load("../examples/outcomes/efficiency.yaml", "../examples/outcomes/ladder.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !reg.Custom() || len(reg.Files()) != 2 {
		t.Fatalf("registry of two files: custom %v, %d files", reg.Custom(), len(reg.Files()))
	}
	if _, ok := outcomes.Lookup("exits_to_work_per_1000_hours"); ok {
		t.Fatalf("loading a file changed the built-in registry")
	}
	p := sim.Defaults()
	p.Months = 36
	m, err := sim.New(p, policies.MustBuiltin("sanctie").Policy, 1, 0, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m.Run()
	st := m.Stats()
	var hours, sanctions, misfit, up, down float64
	for t := 1; t < len(st); t++ {
		hours += st[t].HoursTotal
		sanctions += float64(st[t].Sanctions)
		misfit += float64(st[t].SanctionsMisfit)
		up += float64(st[t].MovesUp)
		down += float64(st[t].MovesDown)
	}
	end := st[len(st)-1]
	want := map[string]float64{
		"exits_to_work_per_1000_hours": 1000 * float64(end.CumExitsToWork) / hours,
		"share_sanctions_misfit":       misfit / sanctions,
		"cost_per_exit_to_work":        end.CumCostSociety / float64(end.CumExitsToWork),
		"net_moves_up":                 up - down,
		"share_of_final_exits_to_work": 1,
	}
	for key, w := range want {
		o, ok := reg.Lookup(key)
		if !ok || o.Derive == nil || o.Source == "" {
			t.Fatalf("%s: not an outcome of a file: %+v", key, o)
		}
		got := o.Derive(st)
		if len(got) != len(st) || math.Abs(got[len(got)-1]-w) > 1e-9*math.Max(1, math.Abs(w)) {
			t.Errorf("%s at the end: %v, want %v", key, got[len(got)-1], w)
		}
	}
	o, _ := reg.Lookup("share_sanctions_misfit")
	if got := o.Derive(st)[0]; !math.IsNaN(got) {
		t.Errorf("share of misfit sanctions before any sanction: %v, want NaN", got)
	}
	if o.Timing != outcomes.Both || !o.In(outcomes.Table) || o.Integer() {
		t.Errorf("share_sanctions_misfit: timing %v, shown %v, integer %v", o.Timing, o.Shown, o.Integer())
	}
	final, _ := reg.Lookup("share_of_final_exits_to_work")
	if final.Timing != outcomes.Monthly || final.In(outcomes.Table) || !final.In(outcomes.Chart) {
		t.Errorf("share_of_final_exits_to_work: timing %v, shown %v", final.Timing, final.Shown)
	}
	keys := reg.SeriesKeys()
	if keys[len(keys)-1] != "share_of_final_exits_to_work" || len(keys) != len(outcomes.SeriesKeys())+5 {
		t.Errorf("the series of files do not follow the built-in ones: %v", keys[len(outcomes.SeriesKeys()):])
	}
}

// TestReservedKey checks which keys name a column of the results tables,
// and that no built-in outcome takes one.
func TestReservedKey(t *testing.T) {
	for _, c := range []struct {
		key  string
		want bool
	}{
		{"month", true}, {"run", true}, {"point", true}, {"scenario", true}, {"policy", true},
		{"seed", true}, {"replicate", true}, {"status", true}, {"error", true},
		{"first_year_exits_to_work", true}, {"support_seeker_persons", true}, {"resistant_x", true},
		{"months", true}, {"seeds_sown", false}, {"first_year", false}, {"resistance_mean", false}, {"exits_per_hour", false},
	} {
		if got := outcomes.ReservedKey(c.key); got != c.want {
			t.Errorf("ReservedKey(%q) = %v, want %v", c.key, got, c.want)
		}
	}
	for _, o := range outcomes.Builtin().All() {
		if outcomes.ReservedKey(o.Key) {
			t.Errorf("built-in outcome %q names a column of the results tables", o.Key)
		}
	}
}
