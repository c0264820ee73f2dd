package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutcomeFileEverywhere follows a custom outcome (from
// examples/outcomes/efficiency.yaml) through compare's table and CSV
// files, the report of that folder, a Sobol sensitivity run, discover and
// a sweep that names the file in its spec.
func TestOutcomeFileEverywhere(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join("..", "..", "examples", "outcomes", "efficiency.yaml")
	const key, label = "exits_to_work_per_1000_hours", "Exits to work per 1,000 hours"

	cmp := filepath.Join(dir, "compare")
	code, out, errOut := wijksim(t, nil, "compare", "--policies", "afstand,nabijheid", "--outcome-file", file,
		"--set", "months=24", "--replicates", "3", "--out", cmp, "--quiet")
	if code != 0 {
		t.Fatalf("compare: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, label) {
		t.Errorf("compare's table lacks %q:\n%s", label, out)
	}
	for _, f := range []string{"compare_monthly.csv", "runs.csv"} {
		b, err := os.ReadFile(filepath.Join(cmp, f))
		if err != nil || !strings.Contains(string(b), key) {
			t.Errorf("%s lacks %s (%v)", f, key, err)
		}
	}
	html := filepath.Join(dir, "report.html")
	if code, _, errOut := wijksim(t, nil, "report", cmp, "--out", html); code != 0 {
		t.Fatalf("report: exit %d: %s", code, errOut)
	}
	if b, err := os.ReadFile(html); err != nil || !strings.Contains(string(b), label) {
		t.Errorf("the report lacks %q (%v)", label, err)
	}

	spec := filepath.Join(dir, "sobol.yaml")
	if err := os.WriteFile(spec, []byte(`name: tiny-sobol
scenario: assendelft
replicates: 1
policies: [afstand, nabijheid]
set:
  months: 12
design:
  kind: sobol
  samples: 4
  parameters:
    - key: trust.gain_per_contact
      min: 0
      max: 0.2
    - key: professionals.caseload
      min: 20
      max: 60
`), 0o644); err != nil {
		t.Fatal(err)
	}
	sens := filepath.Join(dir, "sens")
	code, out, errOut = wijksim(t, nil, "sensitivity", "--spec", spec, "--method", "sobol", "--outcome-file", file,
		"--outcomes", key, "--diff", "nabijheid-afstand", "--out", sens, "--quiet", "--workers", "2")
	if code != 0 {
		t.Fatalf("sensitivity: exit %d: %s", code, errOut)
	}
	csv, err := os.ReadFile(filepath.Join(sens, "sensitivity.csv"))
	if err != nil || !strings.Contains(string(csv), key) || !strings.Contains(out, key) {
		t.Errorf("the Sobol run lacks %s: %v\n%s\n%s", key, err, csv, out)
	}
	if svg, err := os.ReadFile(filepath.Join(sens, "sensitivity_"+key+"_nabijheid_afstand.svg")); err != nil || !strings.Contains(string(svg), label) {
		t.Errorf("the Sobol chart lacks %q (%v)", label, err)
	}
	code, _, errOut = wijksim(t, nil, "sensitivity", "--spec", spec, "--method", "sobol", "--outcomes", key, "--out", filepath.Join(dir, "nofile"), "--quiet")
	if code == 0 || !strings.Contains(errOut, `unknown outcome "`+key+`"`) {
		t.Errorf("without --outcome-file: exit %d, %s", code, errOut)
	}

	// A sweep that names the outcome file in its spec, and discover on it.
	abs, err := filepath.Abs(file)
	if err != nil {
		t.Fatal(err)
	}
	lhs := filepath.Join(dir, "lhs.yaml")
	if err := os.WriteFile(lhs, []byte(`name: tiny-lhs
scenario: assendelft
policies: [afstand, nabijheid]
outcome_files: [`+abs+`]
set:
  months: 48
design:
  kind: lhs
  samples: 8
  parameters:
    - key: professionals.caseload
      min: 20
      max: 60
`), 0o644); err != nil {
		t.Fatal(err)
	}
	sweep := filepath.Join(dir, "sweep")
	if code, _, errOut := wijksim(t, nil, "sweep", "--spec", lhs, "--out", sweep, "--quiet"); code != 0 {
		t.Fatalf("sweep: exit %d: %s", code, errOut)
	}
	if b, err := os.ReadFile(filepath.Join(sweep, "summaries.csv")); err != nil || !strings.Contains(strings.SplitN(string(b), "\n", 2)[0], key) {
		t.Errorf("summaries.csv lacks the column %s (%v)", key, err)
	}
	code, out, errOut = wijksim(t, nil, "discover", "--spec", lhs, "--outcomes", "cost_per_exit_to_work", "--where", "afstand > nabijheid", "--out", filepath.Join(dir, "discover"), "--quiet")
	if code != 0 {
		t.Fatalf("discover: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "cost_per_exit_to_work") {
		t.Errorf("discover's table does not name the outcome:\n%s", out)
	}

	// Calibrate to a target on the custom outcome.
	targets := filepath.Join(dir, "targets.yaml")
	if err := os.WriteFile(targets, []byte(`name: custom
targets:
  - name: efficiency
    statistic: {kind: outcome, outcome: `+key+`, month: 12}
    observed: 3
    se: 1
    policy: nabijheid
    set: {months: 12}
    source: {citation: an example}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	cal := filepath.Join(dir, "calibrate")
	code, out, errOut = wijksim(t, nil, "calibrate", "--targets", targets, "--outcome-file", file, "--scenario", "assendelft",
		"--params", "trust.gain_per_contact=0:0.2", "--replicates", "2", "--check-replicates", "-1", "--starts", "1", "--max-evals", "4", "--out", cal, "--quiet")
	if code != 0 {
		t.Fatalf("calibrate: exit %d: %s", code, errOut)
	}
	if fit, err := os.ReadFile(filepath.Join(cal, "fit.csv")); err != nil || !strings.Contains(string(fit), "efficiency") || !strings.Contains(out, "efficiency") {
		t.Errorf("calibrate's fit lacks the target on %s: %v\n%s", key, err, out)
	}
	code, _, errOut = wijksim(t, nil, "calibrate", "--targets", targets, "--scenario", "assendelft", "--out", filepath.Join(dir, "cal2"), "--quiet")
	if code == 0 || !strings.Contains(errOut, `unknown outcome "`+key+`"`) || !strings.Contains(errOut, "line 4") {
		t.Errorf("calibrate without --outcome-file: exit %d, %s", code, errOut)
	}
}
