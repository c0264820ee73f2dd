package experiment

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSweepRedoesTornRuns: run logs are appended to without a sync per run,
// so a kill or a machine crash can cut the last line of a log short. A
// resumed sweep must ignore that line, redo its run, and end with the same
// tables as an uninterrupted sweep.
func TestSweepRedoesTornRuns(t *testing.T) {
	spec := mustLoadSpec(t, smallSweep)
	dir := t.TempDir()
	ref, out := filepath.Join(dir, "ref"), filepath.Join(dir, "out")
	mustSweep(t, spec, ref, 2)
	mustSweep(t, spec, out, 1) // one worker: one log, runs in order

	logs, err := filepath.Glob(filepath.Join(out, runsDir, logPattern))
	if err != nil || len(logs) != 1 {
		t.Fatalf("want one run log, found %v (%v)", logs, err)
	}
	st, err := os.Stat(logs[0])
	if err != nil {
		t.Fatal(err)
	}
	// Cut the log in the middle of its last line: the last run is torn.
	if err := os.Truncate(logs[0], st.Size()-50); err != nil {
		t.Fatal(err)
	}
	before := countRecords(out)
	rep := mustSweep(t, spec, out, 2)
	if redone := rep.Runs - rep.Skipped; redone != 1 || before != rep.Runs-1 {
		t.Errorf("%d of %d runs stored after the cut, %d redone; want all but one stored and that one redone", before, rep.Runs, redone)
	}
	sameFiles(t, ref, out, mergedFiles)
	if n := countRecords(out); n != rep.Runs {
		t.Errorf("%d runs stored after the resume, want %d", n, rep.Runs)
	}
}
