package experiment

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/results"
)

// shardedSweep is a factorial sweep of 16 short runs on a small population
// that keeps every output; 16 runs over 3 shards gives shards of 6, 5 and 5.
const shardedSweep = `name: sharded
seed: 9
replicates: 2
policies: [afstand, nabijheid]
set:
  months: 12
  population.residents: 60
design:
  kind: factorial
  parameters:
    - key: professionals.caseload
      levels: [20, 60]
    - key: levers.role_separation
      levels: [false, true]
outputs: [summary, monthly, events]
`

// failingShardedSweep has a point whose rung shares add up to 1.55: its 8
// runs fail, the other 8 finish.
const failingShardedSweep = `name: sharded-failing
seed: 2
replicates: 2
policies: [afstand, nabijheid]
set:
  months: 12
  population.residents: 60
design:
  kind: factorial
  parameters:
    - key: initial.rung_1
      levels: [0.35, 0.9]
    - key: professionals.caseload
      levels: [20, 40]
outputs: [summary, monthly, events]
`

// shardTables are the merged tables a sharded sweep must reproduce byte for
// byte (the manifest holds the time of writing, so it differs).
var shardTables = []string{PointsFile, SummariesFile, SweepMonthlyFile, SweepEventsFile}

func loadShardSpec(t *testing.T, text string) *Spec {
	t.Helper()
	path := filepath.Join(t.TempDir(), "spec.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	spec, err := LoadSpec(path)
	if err != nil {
		t.Fatal(err)
	}
	return spec
}

// runShard runs shard i of n of spec into out.
func runShard(t *testing.T, spec *Spec, out string, i, n, workers int) *SweepReport {
	t.Helper()
	rep, err := Sweep(context.Background(), spec, SweepOptions{Out: out, Workers: workers, Shard: i, Shards: n})
	if err != nil {
		t.Fatalf("shard %d/%d into %s: %v", i, n, out, err)
	}
	return rep
}

// runUnsharded runs the whole of spec into out, as on one machine.
func runUnsharded(t *testing.T, spec *Spec, out string) *SweepReport {
	t.Helper()
	rep, err := Sweep(context.Background(), spec, SweepOptions{Out: out, Workers: 2})
	if err != nil {
		t.Fatalf("sweep into %s: %v", out, err)
	}
	return rep
}

// sameTables reports every table that differs between folders a and b.
func sameTables(t *testing.T, a, b string, names []string) {
	t.Helper()
	for _, name := range names {
		x, errX := os.ReadFile(filepath.Join(a, name))
		y, errY := os.ReadFile(filepath.Join(b, name))
		switch {
		case errX != nil || errY != nil:
			t.Errorf("%s: %v, %v", name, errX, errY)
		case len(x) == 0:
			t.Errorf("%s is empty in %s", name, a)
		case !bytes.Equal(x, y):
			t.Errorf("%s differs between the sweep on one machine (%d bytes) and the merged shards (%d bytes)", name, len(x), len(y))
		}
	}
}

func jobIndices(jobs []Job) []int {
	var idx []int
	for _, j := range jobs {
		idx = append(idx, j.Index)
	}
	return idx
}

func TestParseShard(t *testing.T) {
	tests := []struct {
		in   string
		i, n int
		ok   bool
	}{
		{"0/1", 0, 1, true},
		{"0/4", 0, 4, true},
		{"3/4", 3, 4, true},
		{"17/100", 17, 100, true},
		{"4/4", 0, 0, false},
		{"-1/4", 0, 0, false},
		{"1/0", 0, 0, false},
		{"0/0", 0, 0, false},
		{"0/-2", 0, 0, false},
		{"1", 0, 0, false},
		{"1/", 0, 0, false},
		{"/4", 0, 0, false},
		{"a/b", 0, 0, false},
		{"1/2/3", 0, 0, false},
		{" 1/4", 0, 0, false},
		{"1.0/4", 0, 0, false},
		{"", 0, 0, false},
	}
	for _, tt := range tests {
		i, n, err := ParseShard(tt.in)
		if !tt.ok {
			if err == nil {
				t.Errorf("ParseShard(%q) = %d, %d; want an error", tt.in, i, n)
			} else if !strings.Contains(err.Error(), fmt.Sprintf("%q", tt.in)) || !strings.Contains(err.Error(), "0 <= i < n") {
				t.Errorf("ParseShard(%q): error %q should quote the value and say what is allowed", tt.in, err)
			}
			continue
		}
		if err != nil || i != tt.i || n != tt.n {
			t.Errorf("ParseShard(%q) = %d, %d, %v; want %d, %d", tt.in, i, n, err, tt.i, tt.n)
		}
	}
}

func TestShardFromEnv(t *testing.T) {
	tests := []struct {
		name    string
		environ []string
		i, n    int
		ok      bool
		err     bool
	}{
		{name: "not a Slurm job", environ: []string{"HOME=/root", "PATH=/bin"}},
		{name: "a Slurm job but no array", environ: []string{"SLURM_JOB_ID=42", "SLURM_CPUS_PER_TASK=4"}},
		{name: "task id without count", environ: []string{"SLURM_ARRAY_TASK_ID=2"}},
		{name: "count without task id", environ: []string{"SLURM_ARRAY_TASK_COUNT=4"}},
		{name: "array 0-3, task 2", environ: []string{"SLURM_ARRAY_TASK_ID=2", "SLURM_ARRAY_TASK_COUNT=4", "SLURM_ARRAY_TASK_MIN=0", "SLURM_ARRAY_TASK_MAX=3"}, i: 2, n: 4, ok: true},
		{name: "array 0-3 without min and max", environ: []string{"SLURM_ARRAY_TASK_ID=3", "SLURM_ARRAY_TASK_COUNT=4"}, i: 3, n: 4, ok: true},
		{name: "array 1-4, first task", environ: []string{"SLURM_ARRAY_TASK_ID=1", "SLURM_ARRAY_TASK_COUNT=4", "SLURM_ARRAY_TASK_MIN=1", "SLURM_ARRAY_TASK_MAX=4"}, i: 0, n: 4, ok: true},
		{name: "array 10-19, last task", environ: []string{"SLURM_ARRAY_TASK_MIN=10", "SLURM_ARRAY_TASK_MAX=19", "SLURM_ARRAY_TASK_ID=19", "SLURM_ARRAY_TASK_COUNT=10"}, i: 9, n: 10, ok: true},
		{name: "array of one task", environ: []string{"SLURM_ARRAY_TASK_ID=0", "SLURM_ARRAY_TASK_COUNT=1", "SLURM_ARRAY_TASK_MIN=0", "SLURM_ARRAY_TASK_MAX=0"}, i: 0, n: 1, ok: true},
		{name: "other variables and malformed entries ignored", environ: []string{"NOEQUALS", "=x", "SLURM_ARRAY_TASK_ID=1", "SLURM_ARRAY_TASK_COUNT=2", "SLURM_ARRAY_JOB_ID=77"}, i: 1, n: 2, ok: true},
		{name: "task beyond the count", environ: []string{"SLURM_ARRAY_TASK_ID=4", "SLURM_ARRAY_TASK_COUNT=4"}, err: true},
		{name: "task below the min", environ: []string{"SLURM_ARRAY_TASK_ID=0", "SLURM_ARRAY_TASK_COUNT=4", "SLURM_ARRAY_TASK_MIN=1"}, err: true},
		{name: "list 1,3: task 3", environ: []string{"SLURM_ARRAY_TASK_ID=3", "SLURM_ARRAY_TASK_COUNT=2", "SLURM_ARRAY_TASK_MIN=1", "SLURM_ARRAY_TASK_MAX=3"}, err: true},
		{name: "list 1,3: task 1 is refused too", environ: []string{"SLURM_ARRAY_TASK_ID=1", "SLURM_ARRAY_TASK_COUNT=2", "SLURM_ARRAY_TASK_MIN=1", "SLURM_ARRAY_TASK_MAX=3"}, err: true},
		{name: "step 0-6:2", environ: []string{"SLURM_ARRAY_TASK_ID=2", "SLURM_ARRAY_TASK_COUNT=4", "SLURM_ARRAY_TASK_MIN=0", "SLURM_ARRAY_TASK_MAX=6"}, err: true},
		{name: "count zero", environ: []string{"SLURM_ARRAY_TASK_ID=0", "SLURM_ARRAY_TASK_COUNT=0"}, err: true},
		{name: "task id not a number", environ: []string{"SLURM_ARRAY_TASK_ID=two", "SLURM_ARRAY_TASK_COUNT=4"}, err: true},
		{name: "count not a number", environ: []string{"SLURM_ARRAY_TASK_ID=1", "SLURM_ARRAY_TASK_COUNT=four"}, err: true},
		{name: "min not a number", environ: []string{"SLURM_ARRAY_TASK_ID=1", "SLURM_ARRAY_TASK_COUNT=4", "SLURM_ARRAY_TASK_MIN=x"}, err: true},
		{name: "max not a number", environ: []string{"SLURM_ARRAY_TASK_ID=1", "SLURM_ARRAY_TASK_COUNT=4", "SLURM_ARRAY_TASK_MAX=x"}, err: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i, n, ok, err := ShardFromEnv(tt.environ)
			if tt.err {
				if err == nil {
					t.Fatalf("got shard %d of %d (ok %v); want an error", i, n, ok)
				}
				if ok {
					t.Errorf("ok with error %v", err)
				}
				if !strings.Contains(err.Error(), "SLURM_ARRAY_TASK_MIN") && !strings.Contains(err.Error(), "contiguous") {
					t.Errorf("error %q does not say what is allowed", err)
				}
				return
			}
			if err != nil || ok != tt.ok || i != tt.i || n != tt.n {
				t.Errorf("got %d, %d, %v, %v; want %d, %d, %v", i, n, ok, err, tt.i, tt.n, tt.ok)
			}
		})
	}
}

// TestShardJobsPartitionsAllJobs checks that the shards of a plan hold
// every job exactly once, in run order, balanced to within one job.
func TestShardJobsPartitionsAllJobs(t *testing.T) {
	plan, err := loadShardSpec(t, shardedSweep).Expand()
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Jobs) != 16 {
		t.Fatalf("%d jobs, want 16", len(plan.Jobs))
	}
	for _, jobs := range [][]Job{nil, plan.Jobs[:1], plan.Jobs[:5], plan.Jobs} {
		for n := 1; n <= 7; n++ {
			seen := map[int]int{}
			lo, hi := len(jobs), 0
			for i := 0; i < n; i++ {
				shard := ShardJobs(jobs, i, n)
				lo, hi = min(lo, len(shard)), max(hi, len(shard))
				for k, j := range shard {
					seen[j.Index]++
					if j.Index%n != i {
						t.Errorf("%d jobs, shard %d/%d holds job %d", len(jobs), i, n, j.Index)
					}
					if k > 0 && j.Index <= shard[k-1].Index {
						t.Errorf("%d jobs, shard %d/%d is not in run order: %v", len(jobs), i, n, jobIndices(shard))
					}
					if !sameNaN(j, jobs[j.Index]) {
						t.Errorf("shard %d/%d changed job %d", i, n, j.Index)
					}
				}
			}
			for _, j := range jobs {
				if seen[j.Index] != 1 {
					t.Errorf("%d jobs over %d shards: job %d in %d shards, want 1", len(jobs), n, j.Index, seen[j.Index])
				}
			}
			if len(seen) != len(jobs) {
				t.Errorf("%d jobs over %d shards: %d distinct jobs in the shards", len(jobs), n, len(seen))
			}
			if len(jobs) > 0 && hi-lo > 1 {
				t.Errorf("%d jobs over %d shards: shards of %d to %d jobs, want balanced within one", len(jobs), n, lo, hi)
			}
		}
	}
}

// TestShardedSweepMergesToTheSameResult runs a sweep as 3 shards in an
// arbitrary order, merges, and compares with the same sweep on one machine;
// then loses one run of shard 1, reruns that shard alone and merges again.
func TestShardedSweepMergesToTheSameResult(t *testing.T) {
	spec := loadShardSpec(t, shardedSweep)
	dir := t.TempDir()
	ref := filepath.Join(dir, "one-machine")
	runUnsharded(t, spec, ref)

	out := filepath.Join(dir, "sharded")
	sizes := map[int]int{0: 6, 1: 5, 2: 5}
	for k, i := range []int{2, 0, 1} {
		rep := runShard(t, spec, out, i, 3, k+1)
		if rep.Runs != sizes[i] || rep.Skipped != 0 || rep.Failed != 0 {
			t.Errorf("shard %d/3: %d runs, %d skipped, %d failed; want %d, 0, 0", i, rep.Runs, rep.Skipped, rep.Failed, sizes[i])
		}
		if _, err := os.Stat(shardPath(out, i, 3)); err != nil {
			t.Errorf("shard %d/3 wrote no manifest: %v", i, err)
		}
		if _, err := os.Stat(filepath.Join(out, SummariesFile)); err == nil {
			t.Fatalf("shard %d/3 merged the tables; only merge should", i)
		}
	}
	rep, err := Merge(context.Background(), out, SweepOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Runs != 16 || rep.Shards != 3 || rep.Failed != 0 || len(rep.FailedRuns) != 0 || len(rep.MissingRuns) != 0 || len(rep.ResubmitShards) != 0 {
		t.Errorf("merge report %+v; want 16 runs from 3 shards, none failed or missing", rep)
	}
	for _, name := range shardTables {
		if !slices.Contains(rep.Files, name) {
			t.Errorf("merge wrote %v, lacks %s", rep.Files, name)
		}
	}
	sameTables(t, ref, out, shardTables)

	// Lose run 4 (shard 1): merge names it and its shard, and merges nothing.
	dropRun(t, out, 4)
	rep, err = Merge(context.Background(), out, SweepOptions{})
	if !errors.Is(err, ErrIncomplete) {
		t.Fatalf("merge with run 4 lost: error %v, want ErrIncomplete", err)
	}
	if !slices.Equal(rep.MissingRuns, []int{4}) || !slices.Equal(rep.ResubmitShards, []int{1}) {
		t.Errorf("missing runs %v, shards to resubmit %v; want [4] and [1]", rep.MissingRuns, rep.ResubmitShards)
	}
	if !strings.Contains(err.Error(), "1 runs missing") || !strings.Contains(err.Error(), "shards to resubmit: 1") {
		t.Errorf("error %q should count the missing runs and name shard 1", err)
	}

	// Resubmitting shard 1 redoes exactly that run.
	again := runShard(t, spec, out, 1, 3, 2)
	if again.Runs != 5 || again.Skipped != 4 {
		t.Errorf("shard 1 rerun: %d runs, %d skipped; want 5 and 4 (only run 4 redone)", again.Runs, again.Skipped)
	}
	if n := countRecords(out); n != 16 {
		t.Errorf("%d runs stored after run 4 was redone, want 16", n)
	}
	if _, err := Merge(context.Background(), out, SweepOptions{}); err != nil {
		t.Fatal(err)
	}
	sameTables(t, ref, out, shardTables)

	// A finished shard run again redoes nothing.
	if rep := runShard(t, spec, out, 0, 3, 1); rep.Skipped != rep.Runs {
		t.Errorf("finished shard 0 rerun: %d of %d runs skipped, want all", rep.Skipped, rep.Runs)
	}
	if tmp := tempFiles(t, out); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

// TestMergeWithAMissingShard checks that a shard that never ran is named,
// with every one of its runs, and that nothing is merged.
func TestMergeWithAMissingShard(t *testing.T) {
	spec := loadShardSpec(t, shardedSweep)
	plan, err := spec.Expand()
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	runShard(t, spec, out, 0, 3, 2)
	runShard(t, spec, out, 2, 3, 2)
	rep, err := Merge(context.Background(), out, SweepOptions{})
	if !errors.Is(err, ErrIncomplete) {
		t.Fatalf("merge without shard 1: error %v, want ErrIncomplete", err)
	}
	want := jobIndices(ShardJobs(plan.Jobs, 1, 3))
	if !slices.Equal(rep.MissingRuns, want) || !slices.Equal(rep.ResubmitShards, []int{1}) || rep.Shards != 3 {
		t.Errorf("missing runs %v, shards to resubmit %v of %d; want %v and [1] of 3", rep.MissingRuns, rep.ResubmitShards, rep.Shards, want)
	}
	if !strings.Contains(err.Error(), out) || !strings.Contains(err.Error(), "5 runs missing, shards to resubmit: 1") {
		t.Errorf("error %q should name the folder, the 5 missing runs and shard 1", err)
	}
	for _, name := range shardTables {
		if _, err := os.Stat(filepath.Join(out, name)); err == nil {
			t.Errorf("an incomplete merge wrote %s", name)
		}
	}

	// A shard that stored all its runs but not its manifest (killed at the
	// very end) needs nothing more: merge follows the runs stored.
	runShard(t, spec, out, 1, 3, 2)
	if err := os.Remove(shardPath(out, 1, 3)); err != nil {
		t.Fatal(err)
	}
	if rep, err = Merge(context.Background(), out, SweepOptions{}); err != nil || rep.Shards != 3 {
		t.Fatalf("merge without the manifest of shard 1, whose runs are stored: %+v, %v", rep, err)
	}
	ref := t.TempDir()
	runUnsharded(t, spec, ref)
	sameTables(t, ref, out, shardTables)
}

// TestMergeRefusesDisagreeingShards tampers with one shard manifest at a
// time and checks that merge refuses with an error that says why, and
// writes nothing.
func TestMergeRefusesDisagreeingShards(t *testing.T) {
	spec := loadShardSpec(t, shardedSweep)
	dir := t.TempDir()
	done := filepath.Join(dir, "done")
	for i := 0; i < 3; i++ {
		runShard(t, spec, done, i, 3, 2)
	}
	other := loadShardSpec(t, strings.Replace(shardedSweep, "seed: 9", "seed: 10", 1))
	if other.SHA256 == spec.SHA256 {
		t.Fatal("two specs with the same hash")
	}

	// tamper sets key of shard 1's manifest to v.
	tamper := func(key string, v any) func(t *testing.T, out string) {
		return func(t *testing.T, out string) {
			path := shardPath(out, 1, 3)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var m map[string]any
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatal(err)
			}
			if _, ok := m[key]; !ok {
				t.Fatalf("manifest %s has no %q: %s", path, key, b)
			}
			m[key] = v
			if b, err = json.Marshal(m); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name   string
		change func(t *testing.T, out string)
		want   []string
	}{
		{"another spec hash", tamper("spec_sha256", other.SHA256), []string{"shard-0001-of-0003.json is for another spec", other.SHA256[:12], spec.SHA256[:12]}},
		{"another shard count", tamper("shards", 4), []string{"shard manifests disagree on the number of shards (3 and 4)"}},
		{"another version", tamper("version", "v0.0.0-elsewhere"), []string{"shards ran different versions of wijksim", "v0.0.0-elsewhere", "rerun them with one version"}},
		{"also sharded another way", func(t *testing.T, out string) {
			runShard(t, spec, out, 0, 2, 2)
		}, []string{"shard manifests disagree on the number of shards (2 and 3)"}},
		{"an unreadable manifest", func(t *testing.T, out string) {
			if err := os.WriteFile(shardPath(out, 1, 3), []byte(`{"tool": "wijk`), 0o644); err != nil {
				t.Fatal(err)
			}
		}, []string{"unreadable shard manifest", "shard-0001-of-0003.json"}},
		{"no manifests and a run missing", func(t *testing.T, out string) {
			if err := os.RemoveAll(filepath.Join(out, shardsDir)); err != nil {
				t.Fatal(err)
			}
			dropRun(t, out, 3)
		}, []string{"1 runs missing, and no shard manifests", "wijksim sweep --shard i/n"}},
		{"a tampered sweep.json", func(t *testing.T, out string) {
			path := filepath.Join(out, SweepSpecFile)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			b = bytes.Replace(b, []byte(`seed: 9`), []byte(`seed: 8`), 1)
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}, []string{"the stored spec does not match its hash"}},
	}
	for k, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, fmt.Sprintf("case-%d", k))
			if err := os.CopyFS(out, os.DirFS(done)); err != nil {
				t.Fatal(err)
			}
			if _, err := Merge(context.Background(), out, SweepOptions{}); err != nil {
				t.Fatalf("the untouched copy does not merge: %v", err)
			}
			for _, name := range shardTables {
				os.Remove(filepath.Join(out, name))
			}
			tt.change(t, out)
			_, err := Merge(context.Background(), out, SweepOptions{})
			if err == nil {
				t.Fatal("merged")
			}
			if errors.Is(err, ErrIncomplete) {
				t.Errorf("error %v is ErrIncomplete; resubmitting would not help", err)
			}
			for _, w := range append(tt.want, out) {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			for _, name := range shardTables {
				if _, err := os.Stat(filepath.Join(out, name)); err == nil {
					t.Errorf("a refused merge wrote %s", name)
				}
			}
		})
	}
}

// TestShardedMergeListsFailedRuns checks that runs of an invalid design point are
// listed by merge with their error, and are part of a result identical to
// the same sweep on one machine.
func TestShardedMergeListsFailedRuns(t *testing.T) {
	spec := loadShardSpec(t, failingShardedSweep)
	plan, err := spec.Expand()
	if err != nil {
		t.Fatal(err)
	}
	var invalid []int
	for i := range plan.Invalid {
		invalid = append(invalid, i)
	}
	sort.Ints(invalid)
	if len(invalid) != 8 {
		t.Fatalf("%d invalid runs in the plan, want 8", len(invalid))
	}
	dir := t.TempDir()
	ref := filepath.Join(dir, "one-machine")
	if rep := runUnsharded(t, spec, ref); rep.Failed != 8 {
		t.Fatalf("the sweep on one machine: %d failed, want 8", rep.Failed)
	}
	out := filepath.Join(dir, "sharded")
	failed := 0
	for i := 0; i < 3; i++ {
		failed += runShard(t, spec, out, i, 3, 2).Failed
	}
	if failed != 8 {
		t.Errorf("the shards report %d failed runs, want 8", failed)
	}
	rep, err := Merge(context.Background(), out, SweepOptions{})
	if err != nil {
		t.Fatalf("merge stopped on failed runs: %v", err)
	}
	var got []int
	for i, msg := range rep.FailedRuns {
		got = append(got, i)
		if !strings.Contains(msg, "initial.rung_1 .. initial.rung_4: shares add up to 1.55") {
			t.Errorf("run %d: error %q does not give the reason", i, msg)
		}
	}
	sort.Ints(got)
	if !slices.Equal(got, invalid) || rep.Failed != 8 || rep.Runs != 16 {
		t.Errorf("failed runs %v (%d of %d); want %v (8 of 16)", got, rep.Failed, rep.Runs, invalid)
	}
	sameTables(t, ref, out, shardTables)
}

// TestShardKeepsOtherShardsTempFiles checks that a shard starting up
// removes the temporary files its own killed attempt left, but not those
// of the other shards, which may be writing into the same folder at that
// moment.
func TestShardKeepsOtherShardsTempFiles(t *testing.T) {
	spec := loadShardSpec(t, shardedSweep)
	out := t.TempDir()
	runShard(t, spec, out, 0, 3, 1) // creates the folder
	own := []string{
		filepath.Join(out, runsDir, ".00000001.json.tmp-111"),
		filepath.Join(out, runsDir, ".00000004.monthly.csv.tmp-222"),
	}
	others := []string{
		filepath.Join(out, runsDir, ".00000002.json.tmp-333"),
		filepath.Join(out, runsDir, ".00000003.events.csv.tmp-444"),
		filepath.Join(out, "."+SweepSpecFile+".tmp-555"),
	}
	for _, p := range append(own, others...) {
		if err := os.WriteFile(p, []byte("partial"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	runShard(t, spec, out, 1, 3, 2)
	for _, p := range own {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("shard 1 left its stale %s", filepath.Base(p))
		}
	}
	for _, p := range others {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("shard 1 removed %s, which another shard may be writing: %v", filepath.Base(p), err)
		}
	}
}

// TestMergeRefusesAnAnalysisFolder: a merge writes a sweep's files only,
// so over a finished sensitivity analysis or discovery it used to remove
// the analysis's results and name the folder a sweep. It is refused,
// naming the folder and the command to run again, and changes nothing.
func TestMergeRefusesAnAnalysisFolder(t *testing.T) {
	spec := loadShardSpec(t, shardedSweep)
	for _, kind := range []string{KindSensitivity, KindDiscover} {
		t.Run(kind, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			_, err := Sweep(context.Background(), spec, SweepOptions{Out: out, Workers: 2, Kind: kind, Analyse: func(*Runs, *Plan) (*Analysis, error) {
				return &Analysis{Files: []results.File{textFile("analysis.csv", "a,b\n1,2\n")}}, nil
			}})
			if err != nil {
				t.Fatal(err)
			}
			before, err := os.ReadFile(filepath.Join(out, results.ManifestFile))
			if err != nil {
				t.Fatal(err)
			}
			_, err = Merge(context.Background(), out, SweepOptions{})
			if err == nil {
				t.Fatalf("merge of a %s folder succeeded", kind)
			}
			for _, w := range []string{"merge " + out, "wijksim " + kind, "again"} {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if _, err := os.Stat(filepath.Join(out, "analysis.csv")); err != nil {
				t.Errorf("the analysis's file after the refused merge: %v", err)
			}
			after, err := os.ReadFile(filepath.Join(out, results.ManifestFile))
			if err != nil || !bytes.Equal(before, after) {
				t.Errorf("the refused merge changed the manifest (%v)", err)
			}
		})
	}
}
