package cli

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// repoFile is the path of a file of the repository, from this package.
func repoFile(parts ...string) string {
	return filepath.Join(append([]string{"..", ".."}, parts...)...)
}

// TestNamesAreCheckedBeforeAnyRun: every name and bound a user types is
// checked before the first run, so a mistake costs nothing and leaves no
// results folder behind; a likely typo gets a "did you mean".
func TestNamesAreCheckedBeforeAnyRun(t *testing.T) {
	discover := repoFile("examples", "analysis", "discover.yaml")
	morris := repoFile("examples", "analysis", "morris.yaml")
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"compare: mistyped outcome", []string{"compare", "--policies", "afstand,nabijheid", "--outcomes", "share_rung_3_plus,trust_meen", "--replicates", "5"},
			[]string{`unknown outcome "trust_meen"; did you mean "trust_mean"?`}},
		{"compare: unknown outcome", []string{"compare", "--policies", "afstand,nabijheid", "--outcomes", "foo", "--replicates", "5"},
			[]string{`unknown outcome "foo"; allowed:`}},
		{"compare: mistyped policy", []string{"compare", "--policies", "afstand,nabijhied", "--replicates", "5"},
			[]string{"--policies", `did you mean "nabijheid"?`}},
		{"compare: mistyped baseline", []string{"compare", "--policies", "afstand,nabijheid", "--baseline", "nabijhied", "--replicates", "5"},
			[]string{`did you mean "nabijheid"?`}},
		{"run: mistyped policy", []string{"run", "--policies", "sanctei"},
			[]string{"--policies", `did you mean "sanctie"?`}},
		{"run: mistyped scenario", []string{"run", "--scenario", "poelenbrug"},
			[]string{`did you mean "poelenburg"?`}},
		{"discover: coverage above 1", []string{"discover", "--spec", discover, "--outcomes", "cum_exits_without_work", "--where", "nabijheid > afstand", "--min-coverage", "5"},
			[]string{"--min-coverage 5; allowed: a share in (0, 1]"}},
		{"discover: negative coverage", []string{"discover", "--spec", discover, "--outcomes", "cum_exits_without_work", "--where", "nabijheid > afstand", "--min-coverage", "-3"},
			[]string{"--min-coverage -3; allowed: a share in (0, 1]"}},
		{"discover: NaN", []string{"discover", "--spec", discover, "--outcomes", "cum_exits_without_work", "--where", "nabijheid >= NaN"},
			[]string{`"NaN"; allowed: a finite number`}},
		{"discover: mistyped outcome", []string{"discover", "--spec", discover, "--outcomes", "cum_exits_without_wrk", "--where", "nabijheid > afstand"},
			[]string{`did you mean "cum_exits_without_work"?`}},
		{"sensitivity: mistyped outcome", []string{"sensitivity", "--spec", morris, "--outcomes", "trust_meen"},
			[]string{`did you mean "trust_mean"?`}},
		{"sensitivity: bogus method", []string{"sensitivity", "--spec", morris, "--method", "bogus"},
			[]string{`--method: unknown method "bogus"; allowed: morris, sobol`}},
		{"sensitivity: mistyped diff", []string{"sensitivity", "--spec", discover, "--method", "morris", "--diff", "nabijheid-afstnad"},
			[]string{`did you mean "nabijheid-afstand"?`}},
		{"plot: mistyped language", []string{"plot", ".", "--lang", "nll"},
			[]string{`did you mean "nl"?`}},
		{"sensitivity: a monthly outcome", []string{"sensitivity", "--spec", morris, "--outcomes", "exits_to_work"},
			[]string{`outcome "exits_to_work" is a monthly series whose last month sums up nothing of the run (timing monthly)`}},
		{"discover: a monthly outcome", []string{"discover", "--spec", discover, "--outcomes", "moves_up", "--where", "nabijheid > afstand"},
			[]string{`outcome "moves_up" is a monthly series`}},
		{"compare: a monthly outcome", []string{"compare", "--policies", "afstand,nabijheid", "--outcomes", "exits_to_work"},
			[]string{`outcome "exits_to_work" is a monthly series`}},
		{"sensitivity: no outcomes", []string{"sensitivity", "--spec", morris, "--outcomes", ""},
			[]string{"--outcomes: none given"}},
		{"sensitivity: an outcome twice", []string{"sensitivity", "--spec", morris, "--outcomes", "trust_mean, trust_mean"},
			[]string{`--outcomes: "trust_mean" given twice; allowed: each outcome once`}},
		{"compare: an outcome twice", []string{"compare", "--policies", "afstand,nabijheid", "--outcomes", "trust_mean,trust_mean"},
			[]string{`--outcomes: "trust_mean" given twice`}},
		{"validate: no table to update", []string{"validate", "--replicates", "2", "--update", filepath.Join("testdata", "no-such.md")},
			[]string{"--update: update testdata/no-such.md"}},
		{"validate: unknown targets", []string{"validate", "--targets", "nosuch"},
			[]string{`--targets "nosuch": no such file, nor an embedded target file; allowed: a path or ladder, nl-benefit, sanctions, trust, validation`}},
		{"compare: an outcome file twice", []string{"compare", "--policies", "afstand,nabijheid", "--outcome-file", repoFile("examples", "outcomes", "ladder.yaml") + "," + repoFile("examples", "outcomes", "ladder.yaml")},
			[]string{"--outcome-file:", "given twice; allowed: each file once"}},
		{"plot: no formats", []string{"plot", ".", "--formats", ""},
			[]string{"--formats: none given; allowed: svg, png, pdf"}},
		{"report: not an HTML file", []string{"report", "."},
			[]string{"the report is one HTML file; allowed: a file path ending in .html"}},
		{"compare: negative workers", []string{"compare", "--policies", "afstand,nabijheid", "--workers", "-2"},
			[]string{`"--workers"`, "allowed: 0 (as many as the CPUs)"}},
		{"sweep: negative workers", []string{"sweep", "--spec", morris, "--workers", "-1"},
			[]string{`"--workers"`, "allowed: 0 (as many as the CPUs)"}},
		{"compare: infinite precision", []string{"compare", "--policies", "afstand,nabijheid", "--precision", "Inf", "--outcomes", "trust_mean"},
			[]string{"precision +Inf; allowed: a finite positive number"}},
		{"compare: no replicates allowed", []string{"compare", "--policies", "afstand,nabijheid", "--precision", "0.01", "--outcomes", "trust_mean", "--max-replicates", "0"},
			[]string{"--max-replicates 0: below --replicates 20"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			code, stdout, stderr := wijksim(t, nil, append(tc.args, "--out", out)...)
			if code == 0 {
				t.Fatalf("exit 0; stdout:\n%s", stdout)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q lacks %q", stderr, w)
				}
			}
			if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("the results folder was created (%v): something ran", err)
			}
		})
	}
}

// TestSizesAreBoundedBeforeAnyRun: sizes within each parameter's range
// that together exceed the memory or time limits are refused up front,
// with the estimate, the limit and the flag that raises it; they used to
// end in an uncatchable out-of-memory crash or run without end.
func TestSizesAreBoundedBeforeAnyRun(t *testing.T) {
	halton := filepath.Join(t.TempDir(), "halton.yaml")
	if err := os.WriteFile(halton, []byte("replicates: 100000\ndesign:\n  kind: halton\n  samples: 1000000\n  parameters:\n    - key: trust.gain_per_contact\n      min: 0\n      max: 0.2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"run: inflow over a century", []string{"run", "--set", "population.inflow_per_month=100000", "--set", "months=1200"},
			[]string{"population.inflow_per_month 100000 x months 1200", "120,001,100 resident slots", "allowed: 4.0 GiB", "--max-memory"}},
		{"run: a lower limit", []string{"run", "--policies", "afstand", "--max-memory", "100K"},
			[]string{"allowed: 100 KiB"}},
		{"run: a bad limit", []string{"run", "--max-memory", "lots"},
			[]string{`size "lots"; allowed: a positive size`}},
		{"compare: a billion replicates", []string{"compare", "--replicates", "1000000000"},
			[]string{"1000000000 replicates of 5 policies", "allowed: 4.0 GiB", "--max-memory"}},
		{"compare: replicates within memory, beyond time", []string{"compare", "--replicates", "100000000", "--max-memory", "10T"},
			[]string{"core-hours; allowed: 1,000", "--max-core-hours"}},
		{"calibrate: a billion replicates", []string{"calibrate", "--targets", repoFile("scenarios", "targets", "nl-benefit.yaml"), "--replicates", "1000000000"},
			[]string{"1000000000 replicates", "allowed: 4.0 GiB", "--max-memory"}},
		{"sweep: a million samples of 100,000 replicates", []string{"sweep", "--spec", halton},
			[]string{"1000000 points and 500000000000 runs", "--max-memory"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			code, stdout, stderr := wijksim(t, nil, append(tc.args, "--out", out)...)
			if code == 0 {
				t.Fatalf("exit 0; stdout:\n%s", stdout)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q lacks %q", stderr, w)
				}
			}
			if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("the results folder was created (%v): something ran", err)
			}
		})
	}
}
