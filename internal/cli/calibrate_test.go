package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/sim"

	"github.com/wijksim/wijksim/scenarios"
)

const calibrateTestTargets = `name: small
targets:
  - name: long_term_exit_share
    statistic: {kind: long_term_exit_share, at_months: [0], over_months: 36, within_months: 12}
    observed: 0.08
    se: 0.01
    policy: afstand
    set: {months: 12}
    source: {citation: "CBS (2008)"}
  - name: sanction_exit_to_work_hr
    statistic: {kind: sanction_hazard_ratio, outcome: work, months: 3}
    observed: 2.4
    se: 0.5
    policy: sanctie
    set: {months: 12, work.job_finding: 0}
    source: {citation: "van den Berg et al. (2004)"}
`

func calibrateArgs(dir, out string, extra ...string) []string {
	return append([]string{"calibrate", "--targets", filepath.Join(dir, "targets.yaml"), "--scenario", "assendelft",
		"--params", "exit.base_rate=0.001:0.02", "--report-only", "sanction_exit_to_work_hr",
		"--replicates", "2", "--check-replicates", "1", "--starts", "2", "--max-evals", "8", "--quiet", "--out", out}, extra...)
}

func TestCalibrateWritesFitAndScenario(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "targets.yaml"), []byte(calibrateTestTargets), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	code, stdout, stderr := wijksim(t, nil, calibrateArgs(dir, out, "--workers", "1")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Fit at the estimate", "long_term_exit_share", "sanction_exit_to_work_hr *", "undefined (0/2)",
		"not fitted (--report-only)", "Estimates", "exit.base_rate", "Starts", "Results written to " + out} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	files := readAll(t, out, "fit.csv", "estimates.csv", "fit.json", "calibrated.yaml")
	if !strings.HasPrefix(string(files["fit.csv"]), "target,kind,policy,fitted,observed,se,replicates,simulated,sim_se,defined,z,") {
		t.Errorf("fit.csv header: %s", files["fit.csv"])
	}
	if !strings.Contains(string(files["fit.csv"]), "sanction_exit_to_work_hr,sanction_hazard_ratio,sanctie,false,2.4,0.5,2,NA,NA,0,NA") {
		t.Errorf("fit.csv: an undefined target should be NA:\n%s", files["fit.csv"])
	}
	var doc struct {
		TargetsSHA256 string `json:"targets_sha256"`
		Result        struct {
			Estimate []float64 `json:"estimate"`
			Fit      struct {
				Targets []struct {
					Name      string   `json:"name"`
					Simulated *float64 `json:"simulated"`
				} `json:"targets"`
			} `json:"fit"`
		} `json:"result"`
	}
	if err := json.Unmarshal(files["fit.json"], &doc); err != nil {
		t.Fatalf("fit.json: %v", err)
	}
	if len(doc.TargetsSHA256) != 64 || len(doc.Result.Estimate) != 1 || doc.Result.Fit.Targets[1].Simulated != nil {
		t.Errorf("fit.json: %+v", doc)
	}
	sc, err := scenarios.Load(filepath.Join(out, "calibrated.yaml"), scenarios.Options{})
	if err != nil {
		t.Fatalf("calibrated.yaml does not load: %v", err)
	}
	if got := sc.Params.Exit.BaseRate; got != doc.Result.Estimate[0] {
		t.Errorf("calibrated exit.base_rate %v, estimate %v", got, doc.Result.Estimate[0])
	}
	if sc.Params.Population.Residents != 100 {
		t.Errorf("calibrated scenario lost the base scenario's settings: %d residents", sc.Params.Population.Residents)
	}
	yaml := string(files["calibrated.yaml"])
	for _, want := range []string{"# Calibrated scenario, written by wijksim calibrate", "sha256 " + doc.TargetsSHA256, "replicates 0-1 of seed 1", "calibrated (was " + strconv.FormatFloat(sim.Defaults().Exit.BaseRate, 'g', -1, 64) + ")"} {
		if !strings.Contains(yaml, want) {
			t.Errorf("calibrated.yaml lacks %q:\n%s", want, yaml)
		}
	}

	// The results do not depend on the number of workers.
	out2 := filepath.Join(dir, "out2")
	if code, _, stderr := wijksim(t, nil, calibrateArgs(dir, out2, "--workers", "3")...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	again := readAll(t, out2, "fit.csv", "estimates.csv")
	for _, f := range []string{"fit.csv", "estimates.csv"} {
		if !bytes.Equal(files[f], again[f]) {
			t.Errorf("%s differs between 1 and 3 workers", f)
		}
	}
}

// Without --params the scenario's fit is shown as it is, and no scenario is
// written.
func TestCalibrateWithoutParamsAssesses(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "targets.yaml"), []byte(calibrateTestTargets), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	code, stdout, stderr := wijksim(t, nil, "calibrate", "--targets", filepath.Join(dir, "targets.yaml"), "--scenario", "assendelft",
		"--replicates", "2", "--quiet", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"as it is", "nothing fitted", "long_term_exit_share", "objective (fitted targets)"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "Estimates") {
		t.Errorf("an assessment shows estimates:\n%s", stdout)
	}
	readAll(t, out, "fit.csv", "fit.json")
	if _, err := os.Stat(filepath.Join(out, "calibrated.yaml")); !os.IsNotExist(err) {
		t.Errorf("an assessment wrote calibrated.yaml")
	}
}

func TestCalibrateRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "targets.yaml"), []byte(calibrateTestTargets), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no targets", []string{"calibrate", "--params", "exit.base_rate=0.001:0.02"}, `required flag(s) "targets" not set`},
		{"no starts", calibrateArgs(dir, out, "--starts", "0"), "--starts 0"},
		{"bad params", calibrateArgs(dir, out, "--params", "exit.base_rate=0.02:0.001"), "finite min < max"},
		{"unknown report-only", calibrateArgs(dir, out, "--report-only", "nope"), `report-only target "nope": no such target`},
		{"bad scenario", calibrateArgs(dir, out, "--set", "trust.gain_per_contact=3"), "out of range"},
		{"set and fitted", calibrateArgs(dir, out, "--set", "exit.base_rate=0.005"), "--set exit.base_rate=0.005: exit.base_rate is fitted (--params exit.base_rate=0.001:0.02); allowed: fix it with --set or fit it, not both"},
		{"a parameter twice", calibrateArgs(dir, out, "--params", "exit.base_rate=0.002:0.02"), `--params: parameter "exit.base_rate" given twice`},
		{"no evaluations", calibrateArgs(dir, out, "--max-evals", "0"), "--max-evals 0: allowed: a positive number"},
		{"nothing left to fit to", calibrateArgs(dir, out, "--report-only", "long_term_exit_share,sanction_exit_to_work_hr"), "--report-only: every target of"},
		{"missing file", []string{"calibrate", "--targets", filepath.Join(dir, "none.yaml"), "--params", "exit.base_rate=0.001:0.02"}, "none.yaml"},
	}
	for _, tt := range tests {
		code, _, stderr := wijksim(t, nil, tt.args...)
		if code == 0 || !strings.Contains(stderr, tt.want) {
			t.Errorf("%s: exit %d, stderr %q, want %q", tt.name, code, stderr, tt.want)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a refused calibration wrote %s", out)
	}
}

// TestCalibrateResumesItsStarts: a calibration run again into its folder
// takes the starts it finished before (saying so) and writes the same fit.
func TestCalibrateResumesItsStarts(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "targets.yaml"), []byte(calibrateTestTargets), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	var args []string
	for _, a := range calibrateArgs(dir, out) {
		if a != "--quiet" {
			args = append(args, a)
		}
	}
	fits := make([][]byte, 2)
	for i := range fits {
		code, _, stderr := wijksim(t, nil, args...)
		if code != 0 {
			t.Fatalf("run %d: exit %d: %s", i+1, code, stderr)
		}
		if resumed := strings.Contains(stderr, "start 1/2 taken from"); resumed != (i == 1) {
			t.Errorf("run %d: starts taken from before: %v, want %v; stderr %q", i+1, resumed, i == 1, stderr)
		}
		b, err := os.ReadFile(filepath.Join(out, "fit.csv"))
		if err != nil {
			t.Fatal(err)
		}
		fits[i] = b
	}
	if string(fits[0]) != string(fits[1]) {
		t.Errorf("the resumed calibration wrote another fit:\n%s\nwant\n%s", fits[1], fits[0])
	}
}

// TestAssessmentRemovesAnEarlierCalibratedScenario: a calibration without
// --params into the folder of a fit writes no calibrated scenario, and the
// earlier fit's is removed rather than left beside the new files.
func TestAssessmentRemovesAnEarlierCalibratedScenario(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "targets.yaml"), []byte(calibrateTestTargets), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if code, _, stderr := wijksim(t, nil, calibrateArgs(dir, out)...); code != 0 {
		t.Fatal(stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "calibrated.yaml")); err != nil {
		t.Fatalf("the fit wrote no calibrated scenario: %v", err)
	}
	code, _, stderr := wijksim(t, nil, "calibrate", "--targets", filepath.Join(dir, "targets.yaml"), "--scenario", "assendelft", "--replicates", "2", "--check-replicates", "-1", "--quiet", "--out", out)
	if code != 0 {
		t.Fatal(stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "calibrated.yaml")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the earlier fit's calibrated.yaml is still there (%v)", err)
	}
}
