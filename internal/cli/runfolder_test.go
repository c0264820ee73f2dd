package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunTitlesAScenarioWithoutDescription: a scenario file without a
// description is named alone, without an empty "()".
func TestRunTitlesAScenarioWithoutDescription(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "my-town.yaml")
	if err := os.WriteFile(file, []byte("months: 6\npopulation.residents: 30\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := wijksim(t, nil, "run", "--scenario", file, "--policy", "afstand", "--out", filepath.Join(dir, "out"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(out, "Scenario my-town, seed 1") || strings.Contains(out, "()") {
		t.Errorf("the heading should name the scenario alone:\n%s", out)
	}
}

// TestRunRefusesAFolderOfOtherRuns: `run` into a folder that holds runs of
// other policies (written straight into it or in subfolders) is refused
// before anything is written, as `sweep` refuses a folder of another sweep;
// running the same policies again rewrites the folder.
func TestRunRefusesAFolderOfOtherRuns(t *testing.T) {
	base := []string{"--scenario", "assendelft", "--set", "months=6"}
	tests := []struct {
		name        string
		first, then string
		refused     bool
		want        []string
	}{
		{"one policy into a folder of every policy", "all", "nabijheid", true, []string{"holds results in", filepath.Join("afstand") + " (policy afstand)", "choose another --out"}},
		{"every policy into a folder of one", "nabijheid", "all", true, []string{"holds the run of policy nabijheid", "manifest.json"}},
		{"other policies into a folder of two", "afstand,sanctie", "nabijheid,sanctie", true, []string{"(policy afstand)", "a run of nabijheid, sanctie"}},
		{"another policy into a folder of one", "afstand", "sanctie", true, []string{"holds the run of policy afstand"}},
		{"the same policy again", "nabijheid", "nabijheid", false, nil},
		{"the same policies again", "afstand,sanctie", "sanctie,afstand", false, nil},
		{"fewer of the same policies", "afstand,sanctie", "sanctie,maatwerk", true, []string{"(policy afstand)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			if code, _, stderr := wijksim(t, nil, append([]string{"run", "--policy", tc.first, "--out", out}, base...)...); code != 0 {
				t.Fatalf("first run: %s", stderr)
			}
			// Charts drawn into the folder are not results.
			if code, _, stderr := wijksim(t, nil, "plot", out, "--formats", "svg"); code != 0 {
				t.Fatalf("plot: %s", stderr)
			}
			before := listFiles(t, out)
			code, _, stderr := wijksim(t, nil, append([]string{"run", "--policy", tc.then, "--out", out, "--seed", "2"}, base...)...)
			if !tc.refused {
				if code != 0 {
					t.Fatalf("the same policies again: exit %d: %s", code, stderr)
				}
				return
			}
			if code == 0 {
				t.Fatalf("run of %s into a folder of %s was accepted", tc.then, tc.first)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("error %q lacks %q", stderr, w)
				}
			}
			if after := listFiles(t, out); after != before {
				t.Errorf("the refused run changed the folder:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// listFiles lists the files under dir with their sizes and times.
func listFiles(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if !d.IsDir() {
			b.WriteString(path + " " + info.ModTime().String() + "\n")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestPlotAndReportSayWhatTheyIgnore: a folder with a run of its own and
// run folders inside it (what `run` wrote before it refused such folders)
// is drawn from its own manifest, and plot and report name the subfolders
// they ignore; runs of different seeds in one folder are drawn with a
// warning that they are not paired.
func TestPlotAndReportSayWhatTheyIgnore(t *testing.T) {
	dir := t.TempDir()
	base := []string{"--scenario", "assendelft", "--set", "months=6"}
	mixed := filepath.Join(dir, "mixed")
	alone := filepath.Join(dir, "alone")
	for _, args := range [][]string{
		{"run", "--policy", "afstand,sanctie", "--out", mixed},
		{"run", "--policy", "nabijheid", "--out", alone},
		{"run", "--policy", "afstand", "--out", filepath.Join(dir, "unpaired", "afstand")},
		{"run", "--policy", "sanctie", "--seed", "7", "--out", filepath.Join(dir, "unpaired", "sanctie")},
	} {
		if code, _, stderr := wijksim(t, nil, append(args, base...)...); code != 0 {
			t.Fatalf("%v: %s", args, stderr)
		}
	}
	for _, f := range []string{"monthly.csv", "summary.json", "events.csv", "manifest.json"} {
		b, err := os.ReadFile(filepath.Join(alone, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(mixed, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name     string
		folder   string
		want     []string
		inReport string
	}{
		{"a run with runs inside", mixed, []string{
			"folder " + filepath.Join(mixed, "afstand") + " holds results of its own, which are not drawn",
			"folder " + filepath.Join(mixed, "sanctie") + " holds results of its own"},
			"The folder " + filepath.Join(mixed, "sanctie") + " holds results of its own"},
		{"runs of two seeds", filepath.Join(dir, "unpaired"), []string{"were not made together", "seed 1 in afstand, 7 in sanctie"},
			"seed 1 in afstand, 7 in sanctie"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			html := filepath.Join(dir, tc.name+".html")
			for _, args := range [][]string{
				{"plot", tc.folder, "--formats", "svg", "--out", filepath.Join(dir, tc.name+"-charts")},
				{"report", tc.folder, "--out", html},
			} {
				code, _, stderr := wijksim(t, nil, args...)
				if code != 0 {
					t.Fatalf("%s: exit %d: %s", args[0], code, stderr)
				}
				for _, w := range tc.want {
					if !strings.Contains(stderr, "wijksim: warning: ") || !strings.Contains(stderr, w) {
						t.Errorf("%s: stderr %q lacks the warning %q", args[0], stderr, w)
					}
				}
			}
			page, err := os.ReadFile(html)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(page), `<section id="warnings"`) || !strings.Contains(string(page), tc.inReport) {
				t.Errorf("the report does not list the warning %q", tc.inReport)
			}
		})
	}
}

// TestCommandsRefuseAnotherCommandsFolder: compare and sweep into a folder
// that holds a run, and compare into a sweep's folder, are refused before
// anything is written, and the folder is left as it was; compare into its
// own folder rewrites it.
func TestCommandsRefuseAnotherCommandsFolder(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join(dir, "spec.yaml")
	if err := os.WriteFile(spec, []byte("scenario: assendelft\nreplicates: 1\npolicies: [afstand]\nset:\n  months: 6\ndesign:\n  kind: factorial\n  parameters:\n    - key: professionals.caseload\n      levels: [20, 40]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	base := []string{"--scenario", "assendelft", "--set", "months=6", "--quiet"}
	compare := append([]string{"compare", "--policies", "afstand,nabijheid", "--replicates", "2"}, base...)
	first := map[string][]string{
		"run":     append([]string{"run", "--policies", "afstand"}, base...),
		"compare": compare,
		"sweep":   {"sweep", "--spec", spec, "--quiet"},
		// Refused before anything runs, so their sizes do not matter.
		"validate":  {"validate", "--scenario", "assendelft", "--replicates", "2", "--quiet"},
		"calibrate": {"calibrate", "--targets", repoFile("scenarios", "targets", "nl-benefit.yaml"), "--scenario", "assendelft", "--replicates", "1", "--quiet"},
	}
	tests := []struct {
		first, then string
		refused     bool
		want        string
	}{
		{"run", "compare", true, "holds the run of policy afstand"},
		{"run", "sweep", true, "holds the run of policy afstand"},
		{"sweep", "compare", true, "holds the results of wijksim sweep"},
		{"compare", "sweep", true, "holds the results of wijksim compare"},
		{"compare", "compare", false, ""},
		{"run", "validate", true, "holds the run of policy afstand"},
		{"compare", "validate", true, "holds the results of wijksim compare"},
		{"run", "calibrate", true, "holds the run of policy afstand"},
		{"sweep", "calibrate", true, "holds the results of wijksim sweep"},
	}
	for _, tc := range tests {
		t.Run(tc.then+" into "+tc.first, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			if code, _, stderr := wijksim(t, nil, append(first[tc.first], "--out", out)...); code != 0 {
				t.Fatalf("%s: %s", tc.first, stderr)
			}
			before := listFiles(t, out)
			code, _, stderr := wijksim(t, nil, append(first[tc.then], "--out", out)...)
			if !tc.refused {
				if code != 0 {
					t.Fatalf("exit %d: %s", code, stderr)
				}
				return
			}
			if code == 0 || !strings.Contains(stderr, tc.want) || !strings.Contains(stderr, "choose another --out") {
				t.Fatalf("exit %d, error %q; want a refusal with %q", code, stderr, tc.want)
			}
			if after := listFiles(t, out); after != before {
				t.Errorf("the refused %s changed the folder:\nbefore %s\nafter  %s", tc.then, before, after)
			}
		})
	}
}

// TestPlotRefusesAnotherResultsFolder: charts of one results folder are
// not drawn into another that holds results, which is left as it was;
// they may go into the results folder itself.
func TestPlotRefusesAnotherResultsFolder(t *testing.T) {
	dir := t.TempDir()
	runDir, cmpDir := filepath.Join(dir, "run"), filepath.Join(dir, "compare")
	base := []string{"--scenario", "assendelft", "--set", "months=6", "--quiet"}
	if code, _, stderr := wijksim(t, nil, append([]string{"run", "--policies", "afstand", "--out", runDir}, base...)...); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, stderr := wijksim(t, nil, append([]string{"compare", "--policies", "afstand,nabijheid", "--replicates", "2", "--out", cmpDir}, base...)...); code != 0 {
		t.Fatal(stderr)
	}
	before := listFiles(t, cmpDir)
	code, _, stderr := wijksim(t, nil, "plot", runDir, "--out", cmpDir, "--formats", "svg")
	if code == 0 || !strings.Contains(stderr, "holds results of its own") {
		t.Fatalf("exit %d, error %q; want a refusal", code, stderr)
	}
	if after := listFiles(t, cmpDir); after != before {
		t.Errorf("the refused plot changed the folder:\nbefore %s\nafter  %s", before, after)
	}
	// The results folder itself, however written, and a folder of charts
	// with a temporary file that an interrupted plot left, are allowed.
	charts := filepath.Join(dir, "charts")
	if err := os.MkdirAll(charts, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(charts, ".ladder.svg.tmp-x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{runDir, filepath.Join(runDir, "..", "run"), charts} {
		if code, _, stderr := wijksim(t, nil, "plot", runDir, "--out", out, "--formats", "svg"); code != 0 {
			t.Errorf("charts into %s: %s", out, stderr)
		}
	}
}

// TestRunWarnsOfAPhaseNoOneEnters: a phase that cannot start within the
// run's months is named in a warning; the run goes on, and a run long
// enough warns of nothing.
func TestRunWarnsOfAPhaseNoOneEnters(t *testing.T) {
	file := repoFile("examples", "policies", "zaanstad-2019.yaml")
	for _, c := range []struct {
		months string
		warn   bool
	}{{"12", true}, {"24", false}} {
		out := filepath.Join(t.TempDir(), "out")
		code, _, stderr := wijksim(t, nil, "run", "--scenario", "assendelft", "--policies", file, "--set", "months="+c.months, "--out", out, "--quiet")
		if code != 0 {
			t.Fatalf("months %s: exit %d: %s", c.months, code, stderr)
		}
		const want = "phase wijkteams (from month 24) can start in month 24 at the earliest, after the run's 12 months: no resident enters it"
		if got := strings.Contains(stderr, want); got != c.warn {
			t.Errorf("months %s: warning %v, want %v; stderr %q", c.months, got, c.warn, stderr)
		}
	}
}
