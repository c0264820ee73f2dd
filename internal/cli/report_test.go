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
		name, lang, out, want string
	}{
		{"default file, English", "en", filepath.Join(dir, "report.html"), "Which differences are statistically clear"},
		{"Dutch, elsewhere", "nl", filepath.Join(t.TempDir(), "verslag.html"), "Welke verschillen statistisch duidelijk zijn"},
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
			if strings.TrimSpace(out) != "Report written to "+tc.out {
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
