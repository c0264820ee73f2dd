package experiment

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSweepRedoesTornRuns: run records are not synced one by one, so a
// machine crash can leave a record empty or a run's monthly file short. A
// resumed sweep must find such runs and redo them, and end with the same
// tables as an uninterrupted sweep.
func TestSweepRedoesTornRuns(t *testing.T) {
	spec := mustLoadSpec(t, smallSweep)
	dir := t.TempDir()
	ref, out := filepath.Join(dir, "ref"), filepath.Join(dir, "out")
	mustSweep(t, spec, ref, 2)
	mustSweep(t, spec, out, 2)

	damage := []struct {
		what string
		path string
		keep int64 // bytes left
	}{
		{"empty record", runPath(out, 3, ".json"), 0},
		{"torn record", runPath(out, 7, ".json"), 20},
		{"short monthly series", runPath(out, 11, ".monthly.csv"), 100},
		{"empty event log", runPath(out, 20, ".events.csv"), 0},
	}
	for _, d := range damage {
		if err := os.Truncate(d.path, d.keep); err != nil {
			t.Fatalf("%s: %v", d.what, err)
		}
	}
	rep := mustSweep(t, spec, out, 2)
	if redone := rep.Runs - rep.Skipped; redone != len(damage) {
		t.Errorf("resume redid %d runs, want the %d damaged ones", redone, len(damage))
	}
	sameFiles(t, ref, out, mergedFiles)
}
