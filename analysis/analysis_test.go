package analysis

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/experiment"
)

var policies = []string{"afstand", "sanctie", "nabijheid"}

func TestParseCondition(t *testing.T) {
	tests := []struct {
		in      string
		wantErr string
	}{
		{"nabijheid > afstand", ""},
		{"nabijheid - afstand >= 0.3", ""},
		{"sanctie < 100", ""},
		{"250 <= sanctie", ""},
		{"nabijheid>afstand", "want TERM OP TERM"},
		{"nabijheid > afstand > sanctie", "more than one comparison"},
		{"maatwerk > afstand", `"maatwerk" is neither a policy`},
		{"1 < 2", "compares two numbers"},
		{"nabijheid + afstand > 3", "cannot read"},
		{"", "want TERM OP TERM"},
		{"nabijheid >= NaN", "allowed: a finite number"},
		{"nabijheid < +Inf", "allowed: a finite number"},
		{"nabijhied > afstand", `did you mean "nabijheid"?`},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			c, err := ParseCondition(tc.in, policies)
			if tc.wantErr == "" {
				if err != nil || c == nil {
					t.Fatalf("ParseCondition(%q): %v", tc.in, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("ParseCondition(%q) error %v, want one containing %q", tc.in, err, tc.wantErr)
			}
		})
	}
}

func TestParseDiff(t *testing.T) {
	a, b, err := ParseDiff("nabijheid-afstand", policies)
	if err != nil || a != "nabijheid" || b != "afstand" {
		t.Fatalf("ParseDiff = %q %q %v", a, b, err)
	}
	if _, _, err := ParseDiff("nabijheid-maatwerk", policies); err == nil {
		t.Error("a policy outside the sweep was accepted")
	}
	if _, _, err := ParseDiff("nabijhied-afstand", policies); err == nil || !strings.Contains(err.Error(), `did you mean "nabijheid-afstand"?`) {
		t.Errorf("a mistyped difference: %v", err)
	}
}

func writeSpec(t *testing.T, body string) *experiment.Spec {
	t.Helper()
	path := filepath.Join(t.TempDir(), "spec.yaml")
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	spec, err := experiment.LoadSpec(path)
	if err != nil {
		t.Fatal(err)
	}
	return spec
}

const small = `
seed: 3
replicates: 1
policies: [afstand, nabijheid]
set:
  months: 12
  population.residents: 60
  population.neighbourhoods: 2
`

func TestPrepareSpec(t *testing.T) {
	lhs := small + "design:\n  kind: lhs\n  samples: 4\n  parameters:\n    - key: trust.gain_per_contact\n      min: 0\n      max: 0.2\n"
	tests := []struct {
		name, body, method, wantKind, wantErr string
	}{
		{"lhs to morris", lhs, Morris, experiment.DesignMorris, ""},
		{"lhs to sobol", lhs, Sobol, experiment.DesignSaltelli, ""},
		{"lhs without method", lhs, "", "", "give --method"},
		{"unknown method", lhs, "fast", "", "allowed: morris, sobol"},
		{"unknown method on a morris design", small + "design:\n  kind: morris\n  parameters:\n    - key: trust.gain_per_contact\n      min: 0\n      max: 0.2\n", "bogus", "", `unknown method "bogus"; allowed: morris, sobol`},
		{"mistyped method", lhs, "sobl", "", `did you mean "sobol"?`},
		{"morris design", small + "design:\n  kind: morris\n  parameters:\n    - key: trust.gain_per_contact\n      min: 0\n      max: 0.2\n", "", experiment.DesignMorris, ""},
		{"morris design, sobol method", small + "design:\n  kind: morris\n  parameters:\n    - key: trust.gain_per_contact\n      min: 0\n      max: 0.2\n", Sobol, "", "does not fit"},
		{"factorial", small + "design:\n  kind: factorial\n  parameters:\n    - key: trust.gain_per_contact\n      levels: [0.1]\n", Morris, "", "sensitivity analysis needs"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			spec := writeSpec(t, tc.body)
			before := spec.SHA256
			err := PrepareSpec(spec, tc.method)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if spec.Design.Kind != tc.wantKind || spec.SHA256 == before {
				t.Errorf("kind %s (want %s), hash changed: %v", spec.Design.Kind, tc.wantKind, spec.SHA256 != before)
			}
		})
	}
}

func TestSensitivityEndToEnd(t *testing.T) {
	spec := writeSpec(t, small+`design:
  kind: morris
  trajectories: 4
  parameters:
    - key: trust.gain_per_contact
      min: 0.01
      max: 0.2
    - key: work.lock_in
      min: 0
      max: 3
`)
	if err := PrepareSpec(spec, ""); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	targets := []Target{{Outcome: "trust_mean", Policy: "nabijheid"}, {Outcome: "trust_mean", Policy: "nabijheid", Minus: "afstand"}}
	res, _, err := Sensitivity(context.Background(), spec, experiment.SweepOptions{Out: out, Workers: 2}, targets, "en")
	if err != nil {
		t.Fatal(err)
	}
	if plan := mustPlan(t, spec); len(plan.Jobs) != 4*3*2 {
		t.Errorf("%d runs, want 4 trajectories x 3 points x 2 policies", len(plan.Jobs))
	}
	if len(res) != 2 || len(res[0].Factors) != 2 {
		t.Fatalf("results %+v", res)
	}
	// More trust gained per contact raises mean trust under nabijheid: its
	// elementary effects are all positive, so mu equals mu* and is positive.
	gain := res[0].Factors[0].Morris
	if gain.MuStar <= 0 || gain.Mu != gain.MuStar {
		t.Errorf("trust gain: mu* %v mu %v, want mu = mu* > 0", gain.MuStar, gain.Mu)
	}
	var b strings.Builder
	if err := WriteSensitivityCSV(&b, res); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), "\n"); n != 1+4 {
		t.Errorf("sensitivity.csv has %d lines, want a header and 4 rows", n)
	}
	// The chart names parameters, outcome and policies from labels, in
	// the language asked, and is drawn in the charts' style.
	for _, tc := range []struct {
		lang            string
		title, row, not string
	}{
		{"nl", "Gevoeligheid van Vertrouwen bij nabijheid min afstand", "Vertrouwen: winst per contact", "trust.gain_per_contact"},
		{"en", "Sensitivity of Trust under nabijheid (proximity) minus afstand (distance)", "Lock-in on volunteer work (rung 4)", "work.lock_in"},
	} {
		ch := SensitivityChart(res[1], tc.lang)
		if ch.Title != tc.title || !slices.Contains(ch.Rows, tc.row) || len(ch.Series) != 1 {
			t.Errorf("%s chart: title %q, rows %q, %d series", tc.lang, ch.Title, ch.Rows, len(ch.Series))
		}
		files := ChartFiles(ch)
		if len(files) != 2 || files[0].Name != "sensitivity_trust_mean_nabijheid_afstand.svg" {
			t.Fatalf("ChartFiles: %d files, the first %q", len(files), files[0].Name)
		}
		var svg strings.Builder
		if err := files[0].Write(&svg); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(svg.String(), tc.row) || strings.Contains(svg.String(), tc.not) || !strings.Contains(svg.String(), "Liberation Sans") {
			t.Errorf("%s chart: the SVG lacks the label %q or the charts' sans-serif face, or shows the key %q", tc.lang, tc.row, tc.not)
		}
	}
}

func TestDefaultFolderDoesNotRepeatTheMethod(t *testing.T) {
	tests := []struct{ name, kind, want string }{
		{"strengths-morris", experiment.DesignMorris, "sensitivity-strengths-morris"},
		{"strengths-sobol", experiment.DesignSaltelli, "sensitivity-strengths-sobol"},
		{"strengths", experiment.DesignMorris, "sensitivity-strengths-morris"},
		{"strengths", experiment.DesignSaltelli, "sensitivity-strengths-sobol"},
		{"morris", experiment.DesignMorris, "sensitivity-morris"},
		{"my_morris", experiment.DesignMorris, "sensitivity-my_morris"},
		{"morrisville", experiment.DesignMorris, "sensitivity-morrisville-morris"},
	}
	for _, tc := range tests {
		spec := &experiment.Spec{Name: tc.name}
		spec.Design.Kind = tc.kind
		if got := DefaultFolder(spec); got != filepath.Join("out", tc.want) {
			t.Errorf("DefaultFolder(%s, %s) = %s, want out/%s", tc.name, tc.kind, got, tc.want)
		}
	}
}

func TestDiscoverEndToEnd(t *testing.T) {
	spec := writeSpec(t, small+`design:
  kind: lhs
  samples: 40
  parameters:
    - key: trust.gain_per_contact
      min: 0
      max: 0.2
    - key: pressure.per_contact
      min: 0
      max: 0.4
`)
	out := t.TempDir()
	d, _, err := Discover(context.Background(), spec, experiment.SweepOptions{Out: out, Workers: 2}, "trust_mean", "nabijheid > 0.45", 0.5, "en")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Holds) != 40 || len(d.Result.Trajectory) < 1 {
		t.Fatalf("holds %d, trajectory %d", len(d.Holds), len(d.Result.Trajectory))
	}
	// The condition is evaluated on the sweep's data: recompute it.
	runs, err := experiment.OpenRuns(out)
	if err != nil {
		t.Fatal(err)
	}
	defer runs.Close()
	vals, err := Target{Outcome: "trust_mean", Policy: "nabijheid"}.Values(runs, mustPlan(t, spec))
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range vals {
		if d.Holds[i] != (v > 0.45) {
			t.Fatalf("point %d: trust %v, holds %v", i, v, d.Holds[i])
		}
	}
	var b strings.Builder
	if err := d.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "Selected box") {
		t.Errorf("table:\n%s", b.String())
	}
	if _, _, err := Discover(context.Background(), spec, experiment.SweepOptions{Out: out}, "trust_mean", "maatwerk > afstand", 0.5, "en"); err == nil {
		t.Error("a condition on a policy outside the sweep was accepted")
	}
}

func mustPlan(t *testing.T, spec *experiment.Spec) *experiment.Plan {
	t.Helper()
	plan, err := spec.Expand()
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

// TestSensitivityCountsPointsWithoutValue: points whose runs fail (here
// every point: the initial rung shares no longer add up to 1) are counted,
// so that the indices they leave NaN are explained; a sweep without
// failures counts none.
func TestSensitivityCountsPointsWithoutValue(t *testing.T) {
	for _, c := range []struct {
		min, max  string
		undefined bool
	}{{"0.3", "0.6", true}, {"0.01", "0.2", false}} {
		key := "initial.rung_1"
		if !c.undefined {
			key = "trust.gain_per_contact"
		}
		spec := writeSpec(t, small+`design:
  kind: morris
  trajectories: 2
  parameters:
    - key: `+key+`
      min: `+c.min+`
      max: `+c.max+`
`)
		if err := PrepareSpec(spec, ""); err != nil {
			t.Fatal(err)
		}
		res, _, err := Sensitivity(context.Background(), spec, experiment.SweepOptions{Out: t.TempDir(), Workers: 2}, []Target{{Outcome: "trust_mean", Policy: "afstand"}}, "en")
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		if c.undefined {
			want = res[0].Points
		}
		if res[0].Points != 2*2 || res[0].Undefined != want {
			t.Errorf("%s in [%s, %s]: %d of %d points without value, want %d of 4", key, c.min, c.max, res[0].Undefined, res[0].Points, want)
		}
	}
}

// TestDiscoverLeavesOutPointsWithoutValue: points whose runs fail (here
// those with more neighbourhoods than residents) are left out of the
// peeling and counted, not taken for points where the condition fails;
// with no point left the discovery is refused.
func TestDiscoverLeavesOutPointsWithoutValue(t *testing.T) {
	spec := writeSpec(t, small+`design:
  kind: lhs
  samples: 20
  parameters:
    - key: trust.gain_per_contact
      min: 0
      max: 0.2
    - key: population.neighbourhoods
      min: 1
      max: 100
`)
	d, _, err := Discover(context.Background(), spec, experiment.SweepOptions{Out: t.TempDir(), Workers: 2}, "trust_mean", "nabijheid > 0", 0.5, "en")
	if err != nil {
		t.Fatal(err)
	}
	plan := mustPlan(t, spec)
	invalid := 0
	for _, pt := range plan.Points {
		if math.Round(pt.Values[1]) > 60 {
			invalid++
		}
	}
	if invalid == 0 || invalid == 20 {
		t.Fatalf("%d of 20 points invalid; the test needs some of each", invalid)
	}
	if d.Undefined != invalid || len(d.Holds) != 20-invalid {
		t.Errorf("%d points left out and %d kept, want %d and %d", d.Undefined, len(d.Holds), invalid, 20-invalid)
	}
	// Trust is positive wherever it has a value: the condition holds at
	// every point kept.
	for i, h := range d.Holds {
		if !h {
			t.Errorf("kept point %d: the condition does not hold", i)
		}
	}
	var b strings.Builder
	if err := d.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("Left out: %d design points where trust_mean has no value", invalid); !strings.Contains(b.String(), want) {
		t.Errorf("table lacks %q:\n%s", want, b.String())
	}
	fail := writeSpec(t, small+`design:
  kind: lhs
  samples: 6
  parameters:
    - key: initial.rung_1
      min: 0.3
      max: 0.6
`)
	if _, _, err := Discover(context.Background(), fail, experiment.SweepOptions{Out: t.TempDir(), Workers: 2}, "trust_mean", "nabijheid > 0", 0.5, "en"); err == nil || !strings.Contains(err.Error(), "no design point has a value") {
		t.Errorf("every point failed: error %v, want a refusal", err)
	}
}
