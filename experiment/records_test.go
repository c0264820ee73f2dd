package experiment

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// oneLog returns the only run log of the sweep folder out.
func oneLog(t *testing.T, out string) string {
	t.Helper()
	logs, err := filepath.Glob(filepath.Join(out, runsDir, logPattern))
	if err != nil || len(logs) != 1 {
		t.Fatalf("want one run log in %s, found %v (%v)", out, logs, err)
	}
	return logs[0]
}

// editLine rewrites line n (from 1) of the file at path with edit.
func editLine(t *testing.T, path string, n int, edit func(string) string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	old := lines[n-1]
	lines[n-1] = edit(old)
	if lines[n-1] == old {
		t.Fatalf("the edit changed nothing in line %d: %.120s", n, old)
	}
	if err := os.WriteFile(path, []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// resum gives an edited record line a matching checksum, as a forger
// would.
func resum(line string) string {
	body := []byte(strings.TrimSuffix(line, "\n"))
	end := len(body) - len(sumKey) - sumDigits - 2
	return string(body[:end]) + sumKey + checksum(body[:end]) + "\"}\n"
}

// TestStoredRunsMustBelongToTheSpec: after sweep.json was removed, a sweep
// with a changed spec (one replicate more) used to resume the stored runs
// as its own and write rows under the wrong policy and replicate. Each
// record carries the hash of its spec point: the sweep is refused, naming
// the file and line, and the folder's tables are left as they were.
func TestStoredRunsMustBelongToTheSpec(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	mustSweep(t, mustLoadSpec(t, smallSweep), out, 1)
	before, err := os.ReadFile(filepath.Join(out, SummariesFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(out, SweepSpecFile)); err != nil {
		t.Fatal(err)
	}
	changed := mustLoadSpec(t, strings.Replace(smallSweep, "replicates: 2", "replicates: 3", 1))
	_, err = Sweep(context.Background(), changed, SweepOptions{Out: out, Workers: 1})
	want := regexp.MustCompile(`runs/log-[^ ]+\.jsonl line \d+: run \d+ was stored for another spec point .*: the folder holds runs of another spec; delete that line`)
	if err == nil || !want.MatchString(err.Error()) {
		t.Fatalf("a sweep of another spec over stored runs: %v; want an error matching %s", err, want)
	}
	after, err := os.ReadFile(filepath.Join(out, SummariesFile))
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("the refused sweep changed %s (%v)", SummariesFile, err)
	}
}

// TestDamagedRecordsAreRefusedWithFileAndLine: a digit edited inside a
// stored record used to merge without error, and a record with a field of
// the wrong type ("seed":"x") blocked the sweep with a message naming no
// file. Both are refused on resume and on merge with the file and line,
// and deleting the line, as the error says, lets the sweep redo the run.
func TestDamagedRecordsAreRefusedWithFileAndLine(t *testing.T) {
	spec := mustLoadSpec(t, smallSweep)
	dir := t.TempDir()
	ref := filepath.Join(dir, "ref")
	mustSweep(t, spec, ref, 1)
	digit := regexp.MustCompile(`"cum_exits_to_work":(\d)`)
	for _, tc := range []struct {
		name string
		edit func(string) string
		want string
	}{
		{"a digit edited", func(l string) string {
			return digit.ReplaceAllStringFunc(l, func(m string) string {
				d := m[len(m)-1]
				return m[:len(m)-1] + string('0'+(d-'0'+1)%10)
			})
		}, "does not match its checksum"},
		{"a wrong type", func(l string) string { return strings.Replace(l, `"seed":5`, `"seed":"x"`, 1) }, "does not match its checksum"},
		{"a wrong type with a forged checksum", func(l string) string { return resum(strings.Replace(l, `"seed":5`, `"seed":"x"`, 1)) }, "the record does not decode"},
		{"no checksum", func(l string) string { return l[:strings.LastIndex(l, sumKey)] + "}\n" }, "has no checksum"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			mustSweep(t, spec, out, 1)
			log := oneLog(t, out)
			editLine(t, log, 3, tc.edit)
			want := filepath.Join(runsDir, filepath.Base(log)) + " line 3: "
			for what, run := range map[string]func() error{
				"resume": func() error {
					_, err := Sweep(context.Background(), spec, SweepOptions{Out: out, Workers: 1})
					return err
				},
				"merge": func() error { _, err := OpenRuns(out); return err },
			} {
				err := run()
				if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "delete that line") {
					t.Errorf("%s: %v; want an error with %q and %q", what, err, want, tc.want)
				}
			}
			// As the error says: without the line, the run is done again.
			editLine(t, log, 3, func(string) string { return "" })
			rep := mustSweep(t, spec, out, 1)
			if rep.Runs-rep.Skipped != 1 {
				t.Errorf("%d runs redone, want 1", rep.Runs-rep.Skipped)
			}
			sameFiles(t, ref, out, mergedFiles)
		})
	}
}

// TestMergeDecodesEachRecordOnce: a merge that writes every table as CSV
// and as Parquet reads and decodes each run's record once, and writes the
// same bytes as the sweep's own merge.
func TestMergeDecodesEachRecordOnce(t *testing.T) {
	spec := mustLoadSpec(t, smallSweep)
	plan, err := spec.Expand()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	ref := filepath.Join(dir, "ref")
	opt := SweepOptions{Out: ref, Workers: 2, Parquet: true}
	if _, err := Sweep(context.Background(), spec, opt); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if err := os.CopyFS(out, os.DirFS(ref)); err != nil {
		t.Fatal(err)
	}
	for _, name := range append(mergedFiles, SummariesParquet, "monthly.parquet", "events.parquet") {
		if err := os.Remove(filepath.Join(out, name)); err != nil {
			t.Fatal(err)
		}
	}
	runs, err := OpenRuns(out)
	if err != nil {
		t.Fatal(err)
	}
	defer runs.Close()
	opt.Out = out
	model, err := currentModel()
	if err != nil {
		t.Fatal(err)
	}
	if err := mergeRuns(context.Background(), runs, plan, &model, opt, &SweepReport{}); err != nil {
		t.Fatal(err)
	}
	if got, want := runs.reads.Load(), int64(len(plan.Jobs)); got != want {
		t.Errorf("the merge read %d records for %d runs, want each once", got, want)
	}
	sameFiles(t, ref, out, append(mergedFiles, SummariesParquet, "monthly.parquet", "events.parquet"))
}

// TestALogOfAnotherSweepIsRefusedWhateverItsName: the run log of a sweep
// of another seed, copied into a finished sweep's runs/, holds the same
// run indices; whether its name sorts before or after the sweep's own log,
// the sweep run again to merge refuses it, naming the seed that differs, instead of merging
// or silently ignoring it.
func TestALogOfAnotherSweepIsRefusedWhateverItsName(t *testing.T) {
	for _, name := range []string{"log-0000-first.jsonl", "log-zzzz-last.jsonl"} {
		dir := t.TempDir()
		own, other := filepath.Join(dir, "own"), filepath.Join(dir, "other")
		mustSweep(t, mustLoadSpec(t, smallSweep), own, 1)
		mustSweep(t, mustLoadSpec(t, strings.Replace(smallSweep, "seed: ", "seed: 1", 1)), other, 1)
		logs, err := filepath.Glob(filepath.Join(other, runsDir, logPattern))
		if err != nil || len(logs) != 1 {
			t.Fatalf("logs of the other sweep: %v, %v", logs, err)
		}
		b, err := os.ReadFile(logs[0])
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(own, runsDir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
		// Running the finished sweep again merges its runs anew.
		_, err = Sweep(context.Background(), mustLoadSpec(t, smallSweep), SweepOptions{Out: own, Workers: 1})
		if err == nil || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), "its seed is 15, this spec's 5") {
			t.Errorf("%s: merge error %v; want a refusal naming the file and the seeds", name, err)
		}
	}
}
