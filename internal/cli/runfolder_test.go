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
