package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPlotDrawsEveryChartOfARunFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "runs")
	if code, _, errOut := wijksim(t, nil, "run", "--scenario", "assendelft", "--policies", "afstand,nabijheid", "--set", "months=24", "--out", dir); code != 0 {
		t.Fatalf("run: exit %d: %s", code, errOut)
	}
	tests := []struct {
		name    string
		args    []string
		out     string
		formats []string
		// written and missing are what the output says, in its language.
		written, missing string
	}{
		{"default folder, svg", []string{"--formats", "svg"}, filepath.Join(dir, "charts"), []string{"svg"}, "written to ", "not drawn:"},
		{"Dutch, pdf, elsewhere", []string{"--lang", "nl", "--formats", "pdf", "--out", filepath.Join(dir, "fig")}, filepath.Join(dir, "fig"), []string{"pdf"}, "geschreven naar ", "niet getekend:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := wijksim(t, nil, append([]string{"plot", dir}, tc.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if !strings.Contains(out, tc.written+tc.out) || !strings.Contains(out, tc.missing) {
				t.Errorf("output:\n%s", out)
			}
			for _, name := range []string{"ladder", "trajectory-share_rung_3_plus", "end-cum_cost_society", "tradeoff", "kinds-share_moved_up", "survival-step-up", "survival-exit-to-work"} {
				for _, f := range tc.formats {
					if _, err := os.Stat(filepath.Join(tc.out, name+"."+f)); err != nil {
						t.Errorf("missing chart: %v", err)
					}
				}
			}
		})
	}
}

func TestPlotAndReportRefuseBadInput(t *testing.T) {
	empty := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"plot: unknown language", []string{"plot", empty, "--lang", "de"}, `--lang: unknown language "de"; allowed: nl, en`},
		{"plot: unknown format", []string{"plot", empty, "--formats", "svg,gif"}, `--formats: unknown format "gif"; allowed: svg, png, pdf`},
		{"plot: not a results folder", []string{"plot", empty}, "no manifest.json"},
		{"plot: no folder", []string{"plot"}, "accepts 1 arg"},
		{"report: unknown language", []string{"report", empty, "--lang", "fr"}, `--lang: unknown language "fr"; allowed: nl, en`},
		{"report: missing folder", []string{"report", filepath.Join(empty, "nope")}, "no such file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := wijksim(t, nil, tc.args...)
			if code == 0 || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q; want an error with %q", code, errOut, tc.want)
			}
		})
	}
}
