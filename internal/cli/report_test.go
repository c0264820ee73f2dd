package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReportOfAComparison(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cmp")
	if code, _, errOut := wijksim(t, nil, "compare", "--scenario", "assendelft", "--policies", "afstand,nabijheid,sanctie",
		"--replicates", "3", "--set", "months=24", "--quiet", "--out", dir); code != 0 {
		t.Fatalf("compare: exit %d: %s", code, errOut)
	}
	tests := []struct {
		name, lang, out, want, written string
	}{
		{"default file, English", "en", filepath.Join(dir, "report.html"), "Which differences are statistically clear", "Report written to "},
		{"Dutch, elsewhere", "nl", filepath.Join(t.TempDir(), "verslag.html"), "Welke verschillen statistisch significant zijn", "Rapport geschreven naar "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := []string{"report", dir, "--lang", tc.lang}
			if !strings.HasPrefix(tc.out, dir) {
				args = append(args, "--out", tc.out)
			}
			code, out, errOut := wijksim(t, nil, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if strings.TrimSpace(out) != tc.written+tc.out {
				t.Errorf("output %q", out)
			}
			b, err := os.ReadFile(tc.out)
			if err != nil {
				t.Fatal(err)
			}
			page := string(b)
			if !strings.Contains(page, tc.want) || !strings.Contains(page, "<svg ") || strings.Contains(page, "http") {
				t.Errorf("the report lacks %q or its charts, or refers to the network", tc.want)
			}
		})
	}
}

// TestPlotAndReportWarnAboutWhatIsLeftOut: a policy folder without a
// manifest (what a run stopped by a full disk leaves) and the failed runs
// of a sweep used to be dropped silently; plot and report warn about them
// in the terminal, and the report lists them.
func TestPlotAndReportWarnAboutWhatIsLeftOut(t *testing.T) {
	dir := t.TempDir()
	runs := filepath.Join(dir, "runs")
	if code, _, stderr := wijksim(t, nil, "run", "--scenario", "assendelft", "--policies", "afstand,sanctie,nabijheid", "--out", runs); code != 0 {
		t.Fatalf("run: %s", stderr)
	}
	if err := os.Remove(filepath.Join(runs, "sanctie", "manifest.json")); err != nil {
		t.Fatal(err)
	}
	spec := filepath.Join(dir, "failing.yaml")
	if err := os.WriteFile(spec, []byte("name: failing\nreplicates: 1\npolicies: [afstand, nabijheid]\nset:\n  months: 12\n  population.residents: 60\ndesign:\n  kind: factorial\n  parameters:\n    - key: initial.rung_1\n      levels: [0.35, 0.9]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sweep := filepath.Join(dir, "sweep")
	if code, _, stderr := wijksim(t, nil, "sweep", "--spec", spec, "--out", sweep, "--quiet"); code != 0 {
		t.Fatalf("sweep: %s", stderr)
	}
	for _, tc := range []struct {
		name   string
		folder string
		want   []string
	}{
		{"incomplete policy folder", runs, []string{"folder " + filepath.Join(runs, "sanctie") + " has results but no manifest.json"}},
		{"failed runs", sweep, []string{"2 run(s) failed", "run 2 (point 1, policy afstand, replicate 0) failed: design point 1: initial.rung_1 .. initial.rung_4: shares add up to"}},
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
			b, err := os.ReadFile(html)
			if err != nil {
				t.Fatal(err)
			}
			page := string(b)
			if !strings.Contains(page, `<section id="warnings"`) {
				t.Errorf("the report has no warnings section")
			}
			for _, w := range tc.want {
				w = strings.Replace(strings.Replace(w, "folder ", "The folder ", 1), "run 2 (", "Run 2 (", 1)
				if !strings.Contains(page, w) {
					t.Errorf("the report lacks %q", w)
				}
			}
		})
	}
}
