package results

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunWithoutEventsRemovesAnEarlierLog: a run without an event log
// written into the folder of a run with one leaves no event log behind
// that would pass for its own.
func TestRunWithoutEventsRemovesAnEarlierLog(t *testing.T) {
	dir := t.TempDir()
	if _, err := WriteRun(dir, run(t, "sanctie", 6, true), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, EventsFile)); err != nil {
		t.Fatal(err)
	}
	man, err := WriteRun(dir, run(t, "sanctie", 6, false), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, EventsFile)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the earlier event log is still there (%v)", err)
	}
	for _, f := range man.Files {
		if f.Name == EventsFile {
			t.Errorf("the manifest lists an event log")
		}
	}
}

func TestCheckRunFolder(t *testing.T) {
	dir := t.TempDir()
	one := filepath.Join(dir, "one")
	if _, err := WriteRun(one, run(t, "afstand", 3, false), nil); err != nil {
		t.Fatal(err)
	}
	several := filepath.Join(dir, "several")
	for _, pol := range []string{"afstand", "sanctie"} {
		if _, err := WriteRun(filepath.Join(several, pol), run(t, pol, 3, false), nil); err != nil {
			t.Fatal(err)
		}
	}
	// Charts and a half-written run of a policy being rewritten.
	if err := os.MkdirAll(filepath.Join(several, "charts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(several, "charts", "ladder.svg"), []byte("<svg/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	interrupted := filepath.Join(dir, "interrupted")
	if err := os.MkdirAll(filepath.Join(interrupted, "nabijheid"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(interrupted, "nabijheid", MonthlyFile), []byte("month\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		dir      string
		policies []string
		want     string // "" if allowed
	}{
		{filepath.Join(dir, "new"), []string{"afstand"}, ""},
		{filepath.Join(dir, "new"), []string{"afstand", "sanctie"}, ""},
		{one, []string{"afstand"}, ""},
		{one, []string{"sanctie"}, "holds the run of policy afstand"},
		{one, []string{"afstand", "sanctie"}, "holds the run of policy afstand"},
		{several, []string{"afstand", "sanctie"}, ""},
		{several, []string{"sanctie", "afstand", "nabijheid"}, ""},
		{several, []string{"sanctie"}, "holds results in " + filepath.Join(several, "afstand") + " (policy afstand), " + filepath.Join(several, "sanctie") + " (policy sanctie)"},
		{several, []string{"sanctie", "nabijheid"}, filepath.Join(several, "afstand") + " (policy afstand), which a run of sanctie, nabijheid would mix"},
		{interrupted, []string{"nabijheid", "afstand"}, ""},
		{interrupted, []string{"afstand", "sanctie"}, "holds results in " + filepath.Join(interrupted, "nabijheid") + ", which"},
	}
	for _, tc := range tests {
		err := CheckRunFolder(tc.dir, tc.policies)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("CheckRunFolder(%s, %v): %v", tc.dir, tc.policies, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("CheckRunFolder(%s, %v) = %v, want an error with %q", tc.dir, tc.policies, err, tc.want)
		}
	}
}
