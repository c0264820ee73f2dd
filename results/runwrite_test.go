package results

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// writeRuns writes runs, one of each policy, into dir as `wijksim run` does
// and returns the SHA-256 of each one's monthly series.
func writeRuns(t *testing.T, dir string, runs []Run) map[string]string {
	t.Helper()
	var pols []string
	for _, r := range runs {
		pols = append(pols, r.Policy)
	}
	w, err := NewRunWrite(dir, pols)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	monthly := map[string]string{}
	for _, r := range runs {
		man, err := w.Stage(nil, r, []string{"test"})
		if err != nil {
			t.Fatal(err)
		}
		monthly[r.Policy] = man.Files[0].SHA256
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	return monthly
}

// runFolders are the folders of a run of pols into dir.
func runFolders(dir string, pols []string) map[string]string {
	if len(pols) == 1 {
		return map[string]string{pols[0]: dir}
	}
	out := map[string]string{}
	for _, p := range pols {
		out[p] = filepath.Join(dir, p)
	}
	return out
}

// folderState says what a reader finds in the run folder dir: "" for a
// folder without manifest (an unfinished run), else "old" or "new" after
// whose monthly series the manifest lists. A manifest whose files are not
// those in the folder (missing, other bytes, or a run's file it does not
// list) is an error: such a folder would pass for complete.
func folderState(t *testing.T, dir string, old, new string) string {
	t.Helper()
	man, err := ReadManifest(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, f := range man.Files {
		listed = append(listed, f.Name)
		b, err := os.ReadFile(filepath.Join(dir, f.Name))
		if err != nil {
			t.Errorf("%s: the manifest lists %s: %v", dir, f.Name, err)
			continue
		}
		if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != f.SHA256 {
			t.Errorf("%s: %s is not the file its manifest lists", dir, f.Name)
		}
	}
	for _, name := range runFiles {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil && !slices.Contains(listed, name) {
			t.Errorf("%s: %s is not in its manifest, and would pass for the run's", dir, name)
		}
	}
	switch man.Files[0].SHA256 {
	case old:
		return "old"
	case new:
		return "new"
	}
	t.Errorf("%s: a manifest of neither write", dir)
	return "?"
}

// stopped is what commitStep panics with to stop a commit, as a kill would.
type stopped struct{}

// commitUntil commits w, stopped before its step n (from 0); it reports
// whether the commit ended before step n.
func commitUntil(t *testing.T, w *RunWrite, n int) (finished bool) {
	t.Helper()
	steps := 0
	commitStep = func() {
		if steps == n {
			panic(stopped{})
		}
		steps++
	}
	defer func() {
		commitStep = nil
		if r := recover(); r != nil {
			if _, ok := r.(stopped); !ok {
				panic(r)
			}
			finished = false
		}
	}()
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	return true
}

// TestRunWriteStoppedAtEveryStep stops the commit of the results of a run,
// of one policy and of two, at each of its steps in turn, as a kill would,
// and checks what the results folder holds then: all folders complete and
// of one run, or some folder without a manifest, which tells an unfinished
// write. No folder has a manifest that is not its files', and files that
// are not results (charts) are always there. The next write puts the new
// results in place and leaves no temporary file.
func TestRunWriteStoppedAtEveryStep(t *testing.T) {
	oldRuns := map[string]Run{"afstand": run(t, "afstand", 3, true), "sanctie": run(t, "sanctie", 3, true)}
	// The new sanctie has no event log: the earlier one must go.
	newRuns := map[string]Run{"afstand": run(t, "afstand", 4, true), "sanctie": run(t, "sanctie", 4, false)}
	for _, pols := range [][]string{{"sanctie"}, {"afstand", "sanctie"}} {
		t.Run(strings.Join(pols, ","), func(t *testing.T) {
			var olds, news []Run
			for _, p := range pols {
				olds, news = append(olds, oldRuns[p]), append(news, newRuns[p])
			}
			for n := 0; ; n++ {
				dir := filepath.Join(t.TempDir(), "out")
				oldSums := writeRuns(t, dir, olds)
				chart := filepath.Join(dir, "charts", "ladder.svg")
				if err := os.MkdirAll(filepath.Dir(chart), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(chart, []byte("<svg/>"), 0o644); err != nil {
					t.Fatal(err)
				}
				w, err := NewRunWrite(dir, pols)
				if err != nil {
					t.Fatal(err)
				}
				newSums := map[string]string{}
				for _, r := range news {
					man, err := w.Stage(nil, r, []string{"test"})
					if err != nil {
						t.Fatal(err)
					}
					newSums[r.Policy] = man.Files[0].SHA256
				}
				finished := commitUntil(t, w, n)
				states := map[string]bool{}
				for p, folder := range runFolders(dir, pols) {
					states[folderState(t, folder, oldSums[p], newSums[p])] = true
				}
				switch {
				case len(states) == 1 && (states["old"] || states["new"]):
				case states[""]:
				default:
					t.Errorf("stopped before step %d: the folders are %v; want all old, all new, or one unfinished", n, states)
				}
				if finished && !(len(states) == 1 && states["new"]) {
					t.Errorf("a finished commit left the folders %v", states)
				}
				if b, err := os.ReadFile(chart); err != nil || string(b) != "<svg/>" {
					t.Errorf("stopped before step %d: the chart is %q (%v)", n, b, err)
				}
				if finished {
					t.Logf("the commit took %d steps", n)
					if n < 3 {
						t.Errorf("the commit took %d steps, want 3 or more", n)
					}
					break
				}
				// The next write: the new results, and nothing of the
				// stopped one left.
				again := writeRuns(t, dir, news)
				for p, folder := range runFolders(dir, pols) {
					if s := folderState(t, folder, oldSums[p], again[p]); s != "new" {
						t.Errorf("stopped before step %d: the next write left %s %q", n, folder, s)
					}
				}
				var left []string
				_ = filepath.WalkDir(filepath.Dir(dir), func(path string, d fs.DirEntry, err error) error {
					if err == nil && strings.HasPrefix(d.Name(), ".") && strings.Contains(d.Name(), ".tmp-") {
						left = append(left, path)
					}
					return nil
				})
				if len(left) > 0 {
					t.Errorf("stopped before step %d: the next write left %v", n, left)
				}
				if b, err := os.ReadFile(chart); err != nil || string(b) != "<svg/>" {
					t.Errorf("stopped before step %d: after the next write the chart is %q (%v)", n, b, err)
				}
			}
		})
	}
}

// TestRunWriteAbortChangesNothing: results staged and aborted (a run
// stopped) leave the results folder as it was, byte for byte, and no
// temporary file or folder made for them; so does a failed stage.
func TestRunWriteAbortChangesNothing(t *testing.T) {
	runs := []Run{run(t, "afstand", 3, true), run(t, "sanctie", 3, true)}
	base := t.TempDir()
	dir := filepath.Join(base, "out")
	writeRuns(t, dir, runs)
	before := snapshot(t, base)
	w, err := NewRunWrite(dir, []string{"afstand", "sanctie"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Stage(nil, run(t, "afstand", 4, true), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Stage(nil, run(t, "maatwerk", 4, true), nil); err == nil {
		t.Errorf("a policy not among the write's was staged")
	}
	if err := w.Commit(); err == nil {
		t.Errorf("committed with one of two policies staged")
	}
	w.Abort()
	if after := snapshot(t, base); after != before {
		t.Errorf("the aborted write changed the folder:\nbefore %s\nafter  %s", before, after)
	}
	// A folder that did not exist, nor the one above it.
	fresh := filepath.Join(base, "new", "out")
	w, err = NewRunWrite(fresh, []string{"afstand"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Stage(nil, runs[0], nil); err != nil {
		t.Fatal(err)
	}
	w.Abort()
	if after := snapshot(t, base); after != before {
		t.Errorf("the aborted write into a new folder left:\n%s", after)
	}
}

// snapshot lists every file and folder under dir with the SHA-256 of each
// file's bytes.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			fmt.Fprintf(&b, "%s/\n", path)
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s %x\n", path, sha256.Sum256(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
