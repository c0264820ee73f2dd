package calibrate

import (
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// shipped is the path of the shipped target file.
func shipped(t *testing.T) string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("no caller")
	}
	return filepath.Join(filepath.Dir(file), "..", "scenarios", "targets", "nl-benefit.yaml")
}

func TestShippedTargets(t *testing.T) {
	ts, err := LoadTargets(shipped(t))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"first_year_exit_share":         KindCohortExitShare,
		"long_term_exit_share":          KindLongTermExitRate,
		"work_share_of_exits":           KindWorkShareOfExits,
		"sanction_exit_to_work_hr":      KindSanctionHazard,
		"sanction_wear_off_hr":          KindSanctionHazard,
		"sanction_exit_without_work_hr": KindSanctionHazard,
		"work_in_work_6m":               KindAfterWorkExit,
		"work_in_work_18m":              KindAfterWorkExit,
		"work_back_on_benefit_18m":      KindAfterWorkExit,
		"reentry_6m_all":                KindReentryWithin,
		"reentry_12m_all":               KindReentryWithin,
		"reentry_24m_all":               KindReentryWithin,
		"reentry_6m_enforcement":        KindReentryWithin,
		"reentry_12m_work":              KindReentryWithin,
	}
	if len(ts.Targets) != len(want) {
		t.Fatalf("%d targets, want %d", len(ts.Targets), len(want))
	}
	for _, tg := range ts.Targets {
		if want[tg.Name] != tg.Kind {
			t.Errorf("target %s: kind %s, want %s", tg.Name, tg.Kind, want[tg.Name])
		}
		if tg.Source.Citation == "" || tg.Source.Note == "" {
			t.Errorf("target %s: the source needs a citation and a note", tg.Name)
		}
	}
	if len(ts.SHA256) != 64 {
		t.Errorf("sha256 %q", ts.SHA256)
	}
	// Every shipped target can be set up on the default scenario.
	if _, err := NewProblem(Config{Base: smallBase(), Targets: ts.Targets, Replicates: 1}); err != nil {
		t.Error(err)
	}
}

func TestParseTargetsErrors(t *testing.T) {
	const good = `
name: t
targets:
  - name: a
    statistic: {kind: work_share_of_exits}
    observed: 0.5
    se: 0.1
    policy: afstand
    source: {citation: somebody}
`
	if _, err := ParseTargets([]byte(good), "good.yaml"); err != nil {
		t.Fatalf("good file: %v", err)
	}
	tests := []struct {
		name, from, to string
		want           []string
	}{
		{"unknown kind", "kind: work_share_of_exits", "kind: exit_share",
			[]string{"bad.yaml", "line 5", "targets[0].statistic.kind", `unknown kind "exit_share"`, "cohort_exit_share"}},
		{"setting of another kind", "kind: work_share_of_exits}", "kind: work_share_of_exits, outcome: work}",
			[]string{"line 5", `"targets[0].statistic.outcome"`, "unknown setting for kind work_share_of_exits", "allowed: from_month, to_month"}},
		{"no se", "    se: 0.1\n", "", []string{`"targets[0].se"`, "missing"}},
		{"zero se", "se: 0.1", "se: 0", []string{"line 7", "allowed: a finite number of at least 1e-09"}},
		{"tiny se", "se: 0.1", "se: 1e-300", []string{"line 7", "value 1e-300: allowed: a finite number of at least 1e-09"}},
		{"infinite se", "se: 0.1", "se: .inf", []string{"line 7", `value ".inf" is not a finite number`}},
		{"unknown policy", "policy: afstand", "policy: streng", []string{"line 8", `unknown policy "streng"`, "nabijheid"}},
		{"no citation", "{citation: somebody}", "{note: x}", []string{`"targets[0].source.citation"`, "names its source"}},
		{"unknown parameter", "    source:", "    set: {exit.rate: 1}\n    source:", []string{"line 9", `"targets[0].set.exit.rate"`, "unknown parameter"}},
		{"value out of range", "    source:", "    set: {exit.base_rate: 2}\n    source:", []string{"line 9", "out of range"}},
		{"unknown target key", "    source:", "    weight: 2\n    source:", []string{"line 9", `"targets[0].weight"`, "unknown key"}},
		{"not a number", "observed: 0.5", "observed: half", []string{"line 6", `value "half" is not a number`}},
		{"sanction window", "{kind: work_share_of_exits}", "{kind: sanction_hazard_ratio, outcome: work, months: 3, exclude_months: 2}",
			[]string{"exclude_months", "overlaps the window", "at least 3"}},
		{"sanction outcome", "{kind: work_share_of_exits}", "{kind: sanction_hazard_ratio, outcome: jobs}",
			[]string{`outcome "jobs"`, "work or without_work"}},
		{"status months", "{kind: work_share_of_exits}", "{kind: status_after_work_exit, months: 9, status: in_work}",
			[]string{`"targets[0].statistic.months"`, "value 9", "[6 12 18]"}},
		{"unknown status", "{kind: work_share_of_exits}", "{kind: status_after_work_exit, months: 6, status: working}",
			[]string{`unknown status "working"`, "in_work, on_benefit"}},
		{"no status", "{kind: work_share_of_exits}", "{kind: status_after_work_exit, months: 6}",
			[]string{`"targets[0].statistic.status"`, "missing"}},
		{"re-entry window", "{kind: work_share_of_exits}", "{kind: reentry_within, months: 3, route: all}",
			[]string{"value 3", "[6 12 24]"}},
		{"unknown route", "{kind: work_share_of_exits}", "{kind: reentry_within, months: 6, route: fraud}",
			[]string{`unknown route "fraud"`, "enforcement"}},
	}
	for _, tt := range tests {
		raw := strings.Replace(good, tt.from, tt.to, 1)
		if raw == good {
			t.Fatalf("%s: replacement %q not found", tt.name, tt.from)
		}
		_, err := ParseTargets([]byte(raw), "bad.yaml")
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q lacks %q", tt.name, err, w)
			}
		}
	}
}

func TestParseTargetsMonthsTooShort(t *testing.T) {
	raw := `
targets:
  - name: a
    statistic: {kind: cohort_exit_share, arrival_from: 1, arrival_to: 12}
    observed: 0.44
    se: 0.04
    policy: afstand
    set: {population.inflow_per_month: 10, months: 12}
    source: {citation: x}
`
	_, err := ParseTargets([]byte(raw), "short.yaml")
	if err == nil || !strings.Contains(err.Error(), "needs at least 23 months") {
		t.Errorf("error %v, want one saying the statistic needs at least 23 months", err)
	}
}

func TestParseParameter(t *testing.T) {
	good, err := ParseParameter(" exit.base_rate=0.001:0.01 ")
	if err != nil || good != (Parameter{Key: "exit.base_rate", Min: 0.001, Max: 0.01}) {
		t.Errorf("got %+v, %v", good, err)
	}
	for _, c := range []struct{ in, want string }{
		{"exit.base_rate", "want key=min:max"},
		{"exit.base_rate=0.01", "want key=min:max"},
		{"exit.rate=0:1", "unknown key"},
		{"months=12:24", "integer parameter cannot be fitted"},
		{"levers.role_separation=0:1", "boolean parameter cannot be fitted"},
		{"exit.base_rate=0.01:0.001", "finite min < max"},
		{"exit.base_rate=0:2", "outside its range"},
		{"exit.base_rate=a:1", "min \"a\" is not a number"},
	} {
		_, err := ParseParameter(c.in)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.in, err, c.want)
		}
	}
}
