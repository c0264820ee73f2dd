package experiment

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/outcomes"
	"github.com/wijksim/wijksim/results"
	"github.com/wijksim/wijksim/sim"
)

// smallSweep is a factorial sweep of 48 short runs on a small population
// that keeps every output.
const smallSweep = `name: small
seed: 5
replicates: 2
policies: [afstand, sanctie, nabijheid]
set:
  months: 24
  population.residents: 60
design:
  kind: factorial
  parameters:
    - key: professionals.caseload
      levels: [20, 60]
    - key: trust.gain_per_contact
      levels: [0.02, 0.1]
    - key: levers.role_separation
      levels: [false, true]
outputs: [summary, monthly, events]
`

// lhsSweep is a Latin hypercube sweep of 80 short runs.
const lhsSweep = `name: resume
seed: 3
policies: all
set:
  months: 18
  population.residents: 60
design:
  kind: lhs
  samples: 16
  parameters:
    - key: trust.word_of_mouth
      min: 0
      max: 0.1
    - key: professionals.caseload
      min: 10
      max: 80
outputs: [summary, monthly]
`

// readCSV reads a whole CSV file.
func readCSV(t testing.TB, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		z, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		r = z
	}
	rows, err := csv.NewReader(r).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

// csvColumn returns the index of name in a CSV header.
func csvColumn(t testing.TB, header []string, name string) int {
	t.Helper()
	i := slices.Index(header, name)
	if i < 0 {
		t.Fatalf("no column %q in %v", name, header)
	}
	return i
}

func TestSweepIsIndependentOfWorkers(t *testing.T) {
	spec := mustLoadSpec(t, smallSweep)
	dir := t.TempDir()
	ref := filepath.Join(dir, "workers-1")
	rep := mustSweep(t, spec, ref, 1)
	if rep.Runs != 48 || rep.Failed != 0 {
		t.Fatalf("%d runs, %d failed; want 48 and 0", rep.Runs, rep.Failed)
	}
	for _, name := range mergedFiles {
		rows := readCSV(t, filepath.Join(ref, name))
		if len(rows) < 2 {
			t.Errorf("%s has no rows", name)
		}
	}
	for _, workers := range []int{2, 8} {
		out := filepath.Join(dir, "workers-"+strconv.Itoa(workers))
		mustSweep(t, spec, out, workers)
		sameFiles(t, ref, out, mergedFiles)
	}
}

// TestSweepMergedTables checks the content of the merged tables against the
// plan: one summary row a run in run order, the factor values of its point,
// and every month of every run in monthly.csv.
func TestSweepMergedTables(t *testing.T) {
	spec := mustLoadSpec(t, smallSweep)
	plan, err := spec.Expand()
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	mustSweep(t, spec, out, 2)

	rows := readCSV(t, filepath.Join(out, SummariesFile))
	h := rows[0]
	if len(rows)-1 != len(plan.Jobs) {
		t.Fatalf("%d summary rows, want %d", len(rows)-1, len(plan.Jobs))
	}
	for i, job := range plan.Jobs {
		row := rows[i+1]
		want := map[string]string{
			"run": strconv.Itoa(job.Index), "point": strconv.Itoa(job.Point), "scenario": "default",
			"policy": job.Policy, "seed": "5", "replicate": strconv.FormatUint(job.Replicate, 10),
			"status": "ok", "error": "NA", "professionals.caseload": strconv.Itoa(job.Params.Professionals.Caseload),
			"trust.gain_per_contact": strconv.FormatFloat(job.Params.Trust.GainPerContact, 'g', -1, 64),
			"levers.role_separation": map[bool]string{false: "0", true: "1"}[job.Params.Levers.RoleSeparation],
		}
		for name, v := range want {
			if got := row[csvColumn(t, h, name)]; got != v {
				t.Errorf("run %d: %s = %q, want %q", i, name, got, v)
			}
		}
		for _, name := range []string{"share_rung_3_plus", "cum_exits_to_work", "first_year_sanctions", "resistant_trust_mean"} {
			if _, err := strconv.ParseFloat(row[csvColumn(t, h, name)], 64); err != nil {
				t.Errorf("run %d: %s = %q is not a number", i, name, row[csvColumn(t, h, name)])
			}
		}
	}

	monthly := readCSV(t, filepath.Join(out, SweepMonthlyFile))
	months := plan.Jobs[0].Params.Months + 1
	if len(monthly)-1 != len(plan.Jobs)*months {
		t.Errorf("monthly.csv has %d rows, want %d runs x %d months", len(monthly)-1, len(plan.Jobs), months)
	}
	if !slices.Equal(monthly[0][:6], []string{"run", "point", "scenario", "policy", "seed", "replicate"}) || monthly[0][6] != "month" {
		t.Errorf("monthly.csv header starts %v", monthly[0][:7])
	}
	for i, row := range monthly[1:] {
		run, month := i/months, i%months
		if row[0] != strconv.Itoa(run) || row[6] != strconv.Itoa(month) {
			t.Fatalf("monthly.csv row %d: run %s month %s, want run %d month %d", i+1, row[0], row[6], run, month)
		}
	}
	points := readCSV(t, filepath.Join(out, PointsFile))
	if len(points)-1 != len(plan.Points) {
		t.Errorf("points.csv has %d rows, want %d", len(points)-1, len(plan.Points))
	}

	// The manifest holds the spec and the hash of its file.
	man, err := results.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(smallSweep))
	if man.Kind != "sweep" || man.SpecSHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("manifest kind %q, spec hash %q; want sweep and %x", man.Kind, man.SpecSHA256, sum)
	}
	specJSON, _ := json.Marshal(man.Spec)
	for _, want := range []string{`"name":"small"`, `"kind":"factorial"`, "trust.gain_per_contact", `"replicates":2`} {
		if !bytes.Contains(specJSON, []byte(want)) {
			t.Errorf("manifest spec %s lacks %s", specJSON, want)
		}
	}
	for _, f := range man.Files {
		b, err := os.ReadFile(filepath.Join(out, f.Name))
		if err != nil {
			t.Fatal(err)
		}
		if s := sha256.Sum256(b); hex.EncodeToString(s[:]) != f.SHA256 || int64(len(b)) != f.Bytes {
			t.Errorf("manifest entry of %s does not match the file", f.Name)
		}
	}
}

// TestSweepRecordsFailedRuns checks that an invalid design point becomes
// failed rows with the error, and that the other runs go on.
func TestSweepRecordsFailedRuns(t *testing.T) {
	spec := mustLoadSpec(t, `seed: 2
replicates: 2
policies: [afstand, nabijheid]
set:
  months: 12
  population.residents: 50
design:
  kind: factorial
  parameters:
    - key: initial.rung_1
      levels: [0.35, 0.9]
    - key: professionals.caseload
      levels: [20, 40]
outputs: [summary, monthly, events]
`)
	out := t.TempDir()
	rep, err := Sweep(context.Background(), spec, SweepOptions{Out: out, Workers: 2})
	if err != nil {
		t.Fatalf("the sweep stopped on a failed run: %v", err)
	}
	if rep.Runs != 16 || rep.Failed != 8 {
		t.Errorf("%d runs, %d failed; want 16 and 8", rep.Runs, rep.Failed)
	}
	rows := readCSV(t, filepath.Join(out, SummariesFile))
	h := rows[0]
	status, errCol, rung := csvColumn(t, h, "status"), csvColumn(t, h, "error"), csvColumn(t, h, "initial.rung_1")
	outcome := csvColumn(t, h, "cum_exits_to_work")
	failed := map[string]bool{}
	for _, row := range rows[1:] {
		bad := row[rung] == "0.9"
		switch {
		case bad && row[status] != "failed":
			t.Errorf("run %s with rung_1 0.9: status %q, want failed", row[0], row[status])
		case bad && !strings.Contains(row[errCol], "initial.rung_1 .. initial.rung_4: shares add up to 1.55; allowed: they must add up to 1"):
			t.Errorf("run %s: error %q does not give the reason", row[0], row[errCol])
		case bad && row[outcome] != "NA":
			t.Errorf("failed run %s has outcome %q, want NA", row[0], row[outcome])
		case !bad && (row[status] != "ok" || row[errCol] != "NA" || row[outcome] == "NA"):
			t.Errorf("run %s: status %q, error %q, outcome %q; want a finished run", row[0], row[status], row[errCol], row[outcome])
		}
		if bad {
			failed[row[0]] = true
		}
	}
	// Failed runs have no monthly rows or events; the others have.
	for _, name := range []string{SweepMonthlyFile, SweepEventsFile} {
		seen := map[string]bool{}
		for _, row := range readCSV(t, filepath.Join(out, name))[1:] {
			seen[row[0]] = true
			if failed[row[0]] {
				t.Fatalf("%s has rows of failed run %s", name, row[0])
			}
		}
		if len(seen) != 8 {
			t.Errorf("%s has rows of %d runs, want 8", name, len(seen))
		}
	}
}

// TestSweepResumesAfterCancel interrupts a sweep through its context, then
// runs it again: the finished runs are skipped and the result is the same,
// byte for byte, as a sweep that was never interrupted.
func TestSweepResumesAfterCancel(t *testing.T) {
	spec := mustLoadSpec(t, lhsSweep)
	dir := t.TempDir()
	ref := filepath.Join(dir, "uninterrupted")
	var calls [][2]int
	rep, err := Sweep(context.Background(), spec, SweepOptions{Out: ref, Workers: 2, Progress: func(done, planned int) {
		calls = append(calls, [2]int{done, planned})
	}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Runs != 80 {
		t.Fatalf("%d runs, want 80", rep.Runs)
	}
	for i, c := range calls {
		if c[1] != 80 || (i > 0 && c[0] != calls[i-1][0]+1) {
			t.Fatalf("progress calls %v: want 0..80 of 80", calls)
		}
	}
	if calls[0][0] != 0 || calls[len(calls)-1][0] != 80 {
		t.Errorf("progress from %v to %v, want 0 and 80 of 80", calls[0], calls[len(calls)-1])
	}

	out := filepath.Join(dir, "interrupted")
	for _, stopAt := range []int{20, 50} {
		ctx, cancel := context.WithCancel(context.Background())
		_, err := Sweep(ctx, spec, SweepOptions{Out: out, Workers: 2, Progress: func(done, planned int) {
			if done >= stopAt {
				cancel()
			}
		}})
		cancel()
		if err == nil {
			t.Fatalf("sweep cancelled at %d runs returned no error", stopAt)
		}
		if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "run the same command again to resume") {
			t.Errorf("error %q: want context.Canceled and a hint to resume", err)
		}
		n := countRecords(out)
		if n < stopAt || n >= 80 {
			t.Errorf("%d runs stored after cancelling at %d of 80", n, stopAt)
		}
		if _, err := os.Stat(filepath.Join(out, SummariesFile)); err == nil {
			t.Errorf("an interrupted sweep wrote %s", SummariesFile)
		}
	}
	before := countRecords(out)
	rep = mustSweep(t, spec, out, 2)
	if rep.Skipped != before || rep.Runs != 80 {
		t.Errorf("resumed: %d runs, %d skipped; want 80 and %d", rep.Runs, rep.Skipped, before)
	}
	sameFiles(t, ref, out, []string{PointsFile, SummariesFile, SweepMonthlyFile})
	if tmp := tempFiles(t, out); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}

	// A finished sweep run again does nothing but merge.
	rep = mustSweep(t, spec, out, 1)
	if rep.Skipped != 80 {
		t.Errorf("finished sweep run again: %d skipped, want 80", rep.Skipped)
	}
	sameFiles(t, ref, out, []string{PointsFile, SummariesFile, SweepMonthlyFile})
}

// TestSweepResumeRemovesStaleTempFiles plants the temporary files that a
// kill -9 inside an atomic write leaves behind, then resumes: the finished
// folder must hold only results.
func TestSweepResumeRemovesStaleTempFiles(t *testing.T) {
	spec := mustLoadSpec(t, smallSweep)
	out := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	_, err := Sweep(ctx, spec, SweepOptions{Out: out, Workers: 1, Progress: func(done, planned int) {
		if done >= 5 {
			cancel()
		}
	}})
	cancel()
	if err == nil {
		t.Fatal("the cancelled sweep returned no error")
	}
	// What a kill inside WriteFileAtomic leaves: a partial run record and
	// a partial merged table.
	for _, p := range []string{
		filepath.Join(out, runsDir, ".00000030.json.tmp-1234567"),
		filepath.Join(out, runsDir, ".00000031.monthly.csv.tmp-7654321"),
		filepath.Join(out, ".summaries.csv.tmp-2345678"),
	} {
		if err := os.WriteFile(p, []byte(`{"index":30,"poi`), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	mustSweep(t, spec, out, 2)
	if tmp := tempFiles(t, out); len(tmp) > 0 {
		t.Errorf("the resumed sweep left temporary files of the killed attempt: %v", tmp)
	}
	ref := t.TempDir()
	mustSweep(t, spec, ref, 2)
	sameFiles(t, ref, out, mergedFiles)
}

// TestSweepRefusesAnotherSpecsFolder checks that a folder holding one
// sweep is not resumed, or mixed with, a different spec.
func TestSweepRefusesAnotherSpecsFolder(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	first := mustLoadSpec(t, smallSweep)
	mustSweep(t, first, out, 2)
	summary, _ := os.ReadFile(filepath.Join(out, SummariesFile))
	records := countRecords(out)

	for name, text := range map[string]string{
		"another design": strings.Replace(smallSweep, "levels: [20, 60]", "levels: [20, 70]", 1),
		"another seed":   strings.Replace(smallSweep, "seed: 5", "seed: 6", 1),
	} {
		other := mustLoadSpec(t, text)
		_, err := Sweep(context.Background(), other, SweepOptions{Out: out, Workers: 2})
		if err == nil || !strings.Contains(err.Error(), "holds another sweep") || !strings.Contains(err.Error(), out) {
			t.Errorf("%s: error %v, want one saying %s holds another sweep", name, err, out)
		}
		if n := countRecords(out); n != records {
			t.Errorf("%s: %d run records, had %d", name, n, records)
		}
		if b, _ := os.ReadFile(filepath.Join(out, SummariesFile)); !bytes.Equal(b, summary) {
			t.Errorf("%s: %s was changed", name, SummariesFile)
		}
	}

	// The same spec, from another path, is the same sweep.
	same, err := LoadSpec(writeSpecFile(t, dir, "copy.yaml", smallSweep))
	if err != nil {
		t.Fatal(err)
	}
	rep := mustSweep(t, same, out, 2)
	if rep.Skipped != rep.Runs {
		t.Errorf("the same spec from another path: %d of %d runs skipped", rep.Skipped, rep.Runs)
	}
}

// TestSweepGzip checks that the gzipped tables hold the same text as the
// plain ones.
func TestSweepGzip(t *testing.T) {
	spec := mustLoadSpec(t, smallSweep)
	plain := t.TempDir()
	mustSweep(t, spec, plain, 2)
	zipped := t.TempDir()
	rep, err := Sweep(context.Background(), spec, SweepOptions{Out: zipped, Workers: 2, Gzip: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{SummariesFile, SweepMonthlyFile, SweepEventsFile} {
		if !slices.Contains(rep.Files, name+".gz") {
			t.Errorf("files %v lack %s.gz", rep.Files, name)
			continue
		}
		f, err := os.Open(filepath.Join(zipped, name+".gz"))
		if err != nil {
			t.Fatal(err)
		}
		z, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(z)
		f.Close()
		if err != nil {
			t.Fatalf("%s.gz: %v", name, err)
		}
		want, _ := os.ReadFile(filepath.Join(plain, name))
		if !bytes.Equal(got, want) {
			t.Errorf("%s.gz does not unpack to %s%s", name, name, firstDiff(got, want))
		}
	}
}

// TestColumnsBesideOutcomesAreReserved: every column of the sweep's
// summaries and monthly tables that is not an outcome is a key that an
// outcome file may not take (a parameter of the design may also have a dot,
// which no outcome's key has), and so is every parameter, so that no
// outcome of a file can give a table a column twice.
func TestColumnsBesideOutcomesAreReserved(t *testing.T) {
	spec := mustLoadSpec(t, smallSweep)
	plan, err := spec.Expand()
	if err != nil {
		t.Fatal(err)
	}
	summaries, _, _, _ := summaryColumns(plan)
	tables := map[string][]results.TableColumn{"summaries": summaries, "monthly": sweepMonthlyColumns(spec.Registry)}
	factors := map[string]bool{}
	for _, f := range plan.Factors {
		factors[f.Key] = true
	}
	for table, cols := range tables {
		for _, c := range cols {
			if _, isOutcome := spec.Registry.Lookup(c.Name); isOutcome || factors[c.Name] && strings.Contains(c.Name, ".") {
				continue
			}
			if !outcomes.ReservedKey(c.Name) {
				t.Errorf("%s table: column %q is not reserved from outcome files", table, c.Name)
			}
		}
	}
	for _, p := range sim.Specs() {
		if !strings.Contains(p.Key, ".") && !outcomes.ReservedKey(p.Key) {
			t.Errorf("parameter %q, a column of a sweep over it, is not reserved from outcome files", p.Key)
		}
	}
}
