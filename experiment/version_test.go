package experiment

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/internal/buildinfo"
	"github.com/wijksim/wijksim/results"
)

// useModel makes the sweeps of the test run as model m, as if they were
// run by a binary of that version.
func useModel(t *testing.T, m buildinfo.Model) {
	t.Helper()
	old := currentModel
	currentModel = func() (buildinfo.Model, error) { return m, nil }
	t.Cleanup(func() { currentModel = old })
}

// TestSweepRefusesRunsOfAnotherVersion: a sweep started by one version of
// wijksim and resumed by another used to finish with the runs of both,
// its manifest naming the second only. A resume, a shard or the slurm
// check by another model (another version, or another build of changed
// sources under the same version) is refused, naming the folder, both
// models and what to do, and stores nothing; the model that started the
// sweep finishes its shards, any wijksim merges them, the manifest naming
// the model of the runs, and its own model resumes it, into the same
// tables as a sweep run at once.
func TestSweepRefusesRunsOfAnotherVersion(t *testing.T) {
	spec := loadShardSpec(t, shardedSweep)
	dir := t.TempDir()
	ref := filepath.Join(dir, "ref")
	runUnsharded(t, spec, ref)
	release := buildinfo.Model{Version: "v1.2.0"}
	dirty := func(c string) buildinfo.Model {
		return buildinfo.Model{Version: "v1.2.1-0.20261201120000-e3e109c70f6c+dirty", BinarySHA256: strings.Repeat(c, 64)}
	}
	tests := []struct {
		name            string
		started, resume buildinfo.Model
		want            []string
	}{
		{"another release", release, buildinfo.Model{Version: "v1.3.0"},
			[]string{"holds runs made by wijksim v1.2.0, and this is wijksim v1.3.0", "resume the sweep with wijksim v1.2.0", "new --out"}},
		{"another build of changed sources", dirty("a"), dirty("b"),
			[]string{"another build of wijksim v1.2.1-0.20261201120000-e3e109c70f6c+dirty", "aaaaaaaaaaaa", "bbbbbbbbbbbb", "the binary that started it", "new --out"}},
		{"a release after a build of changed sources", dirty("a"), release,
			[]string{"holds runs made by wijksim v1.2.1-0.20261201120000-e3e109c70f6c+dirty (binary SHA-256 aaaaaaaaaaaa)", "this is wijksim v1.2.0", "new --out"}},
	}
	for k, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, string(rune('a'+k)))
			useModel(t, tt.started)
			runShard(t, spec, out, 0, 2, 2)
			stored := countRecords(out)

			useModel(t, tt.resume)
			for _, opt := range []SweepOptions{{Out: out, Workers: 2}, {Out: out, Workers: 2, Shard: 1, Shards: 2}} {
				_, err := Sweep(context.Background(), spec, opt)
				if err == nil {
					t.Fatalf("shard %d of %d by %s resumed runs of %s", opt.Shard, opt.Shards, tt.resume, tt.started)
				}
				for _, w := range append(tt.want, "sweep folder "+out) {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("shard %d of %d: error %q lacks %q", opt.Shard, opt.Shards, err, w)
					}
				}
			}
			if err := CheckSweepFolder(out, spec, &tt.resume); err == nil || !strings.Contains(err.Error(), tt.want[0]) {
				t.Errorf("CheckSweepFolder with %s: %v; want %q", tt.resume, err, tt.want[0])
			}
			if err := CheckSweepFolder(out, spec, nil); err != nil {
				t.Errorf("CheckSweepFolder without a model: %v", err)
			}
			if n := countRecords(out); n != stored {
				t.Errorf("%d runs stored after the refusals, had %d", n, stored)
			}
			if _, err := os.Stat(filepath.Join(out, SummariesFile)); err == nil {
				t.Errorf("a refused resume merged the tables")
			}

			// The other shard, by the model that started the sweep; then
			// any wijksim merges, since merging runs nothing, and the
			// manifest names the model of the runs.
			useModel(t, tt.started)
			runShard(t, spec, out, 1, 2, 2)
			useModel(t, tt.resume)
			if _, err := Merge(context.Background(), out, SweepOptions{}); err != nil {
				t.Fatalf("merge by %s: %v", tt.resume, err)
			}
			sameTables(t, ref, out, shardTables)
			man, err := results.ReadManifest(out)
			if err != nil {
				t.Fatal(err)
			}
			if got := (buildinfo.Model{Version: man.Version, BinarySHA256: man.BinarySHA256}); got != tt.started {
				t.Errorf("the manifest names %s; the runs were made by %s", got, tt.started)
			}

			// The model that started the sweep resumes it, every run done,
			// into the same tables.
			useModel(t, tt.started)
			if rep := runUnsharded(t, spec, out); rep.Skipped != rep.Runs {
				t.Errorf("the sweep's own model resumed %d of %d runs, want all", rep.Skipped, rep.Runs)
			}
			sameTables(t, ref, out, shardTables)
		})
	}
}

// TestSweepRefusesRecordsOfAnotherVersion: each record carries the model
// that made it, so that the runs of another version are refused, with
// their file and line, even when sweep.json no longer says who started the
// sweep; and a folder of a wijksim that did not record its version is not
// resumed by one that does.
func TestSweepRefusesRecordsOfAnotherVersion(t *testing.T) {
	spec := loadShardSpec(t, shardedSweep)
	dir := t.TempDir()
	old, current := buildinfo.Model{Version: "v1.0.0"}, buildinfo.Model{Version: "v1.1.0"}

	out := filepath.Join(dir, "removed")
	useModel(t, old)
	runShard(t, spec, out, 0, 2, 1)
	if err := os.Remove(filepath.Join(out, SweepSpecFile)); err != nil {
		t.Fatal(err)
	}
	useModel(t, current)
	_, err := Sweep(context.Background(), spec, SweepOptions{Out: out, Workers: 1})
	if err == nil {
		t.Fatal("the runs of v1.0.0 were resumed by v1.1.0")
	}
	for _, w := range []string{filepath.Base(oneLog(t, out)) + " line 1", "was made by wijksim v1.0.0, and the sweep by wijksim v1.1.0", "another folder"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q lacks %q", err, w)
		}
	}

	// sweep.json of a wijksim that did not record its version.
	out = filepath.Join(dir, "unrecorded")
	runShard(t, spec, out, 0, 2, 1)
	path := filepath.Join(out, SweepSpecFile)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var id map[string]any
	if err := json.Unmarshal(b, &id); err != nil {
		t.Fatal(err)
	}
	if _, ok := id["model"]; !ok {
		t.Fatalf("%s records no model: %s", path, b)
	}
	delete(id, "model")
	if b, err = json.Marshal(id); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Sweep(context.Background(), spec, SweepOptions{Out: out, Workers: 1})
	if err == nil || !strings.Contains(err.Error(), "did not record its version") || !strings.Contains(err.Error(), "new --out") {
		t.Errorf("resuming a folder without a recorded version: %v", err)
	}
}

// TestMergeFollowsTheRunsStored: after one shard ran, a sweep of the whole
// folder did the rest and merged; merge then said "Missing runs: none" and
// asked for the shards that never ran to be resubmitted. What is to be
// done follows the runs stored: a complete folder merges, whichever
// shards wrote manifests, and so does one without any.
func TestMergeFollowsTheRunsStored(t *testing.T) {
	spec := loadShardSpec(t, shardedSweep)
	dir := t.TempDir()
	ref := filepath.Join(dir, "ref")
	runUnsharded(t, spec, ref)

	out := filepath.Join(dir, "mixed")
	runShard(t, spec, out, 0, 3, 2)
	if rep := runUnsharded(t, spec, out); rep.Skipped != 6 {
		t.Errorf("the whole sweep after shard 0 resumed %d runs, want 6", rep.Skipped)
	}
	rep, err := Merge(context.Background(), out, SweepOptions{})
	if err != nil {
		t.Fatalf("merge of a complete folder: %v", err)
	}
	if rep.Runs != 16 || rep.Shards != 3 || len(rep.MissingRuns) != 0 || len(rep.ResubmitShards) != 0 {
		t.Errorf("merge report %+v; want 16 runs, none missing, no shard to resubmit", rep)
	}
	sameTables(t, ref, out, shardTables)

	// Without shard manifests: complete, it merges; with a run missing it
	// cannot tell the shard, and says how to finish.
	if err := os.RemoveAll(filepath.Join(out, shardsDir)); err != nil {
		t.Fatal(err)
	}
	if rep, err = Merge(context.Background(), out, SweepOptions{}); err != nil || rep.Shards != 0 || rep.Runs != 16 {
		t.Fatalf("merge of a complete folder without shard manifests: %+v, %v", rep, err)
	}
	sameTables(t, ref, out, shardTables)
	dropRun(t, out, 5)
	_, err = Merge(context.Background(), out, SweepOptions{})
	if err == nil || errors.Is(err, ErrIncomplete) {
		t.Fatalf("merge with run 5 missing and no shard manifests: %v; want an error that is not ErrIncomplete (no shard to resubmit)", err)
	}
	for _, w := range []string{"1 runs missing", "no shard manifests", "wijksim sweep"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q lacks %q", err, w)
		}
	}

	// With a manifest, the shards to resubmit are those of the runs
	// missing, whether they wrote a manifest (shard 1) or not (shard 2).
	runShard(t, spec, out, 1, 3, 1)
	dropRun(t, out, 4)
	rep, err = Merge(context.Background(), out, SweepOptions{})
	if !errors.Is(err, ErrIncomplete) || !slices.Equal(rep.MissingRuns, []int{4, 5}) || !slices.Equal(rep.ResubmitShards, []int{1, 2}) {
		t.Errorf("merge with runs 4 and 5 missing: %v, %+v; want runs [4 5] of shards [1 2]", err, rep)
	}
}

// TestAnotherModelAnalysesACompleteFolder: an analysis of a complete
// folder by another build was refused as if it would mix runs, though it
// runs nothing. With every run stored, another model merges and analyses
// the runs, storing none, the manifest naming the model of the runs and
// sweep.json unchanged; with runs left to do it is still refused.
func TestAnotherModelAnalysesACompleteFolder(t *testing.T) {
	spec := loadShardSpec(t, shardedSweep)
	dir := t.TempDir()
	ref := filepath.Join(dir, "ref")
	runUnsharded(t, spec, ref)
	started := buildinfo.Model{Version: "v1.2.0"}
	other := buildinfo.Model{Version: "v1.2.1-0.20261201120000-e3e109c70f6c+dirty", BinarySHA256: strings.Repeat("b", 64)}

	out := filepath.Join(dir, "out")
	useModel(t, started)
	runUnsharded(t, spec, out)
	stored := countRecords(out)
	id, err := os.ReadFile(filepath.Join(out, SweepSpecFile))
	if err != nil {
		t.Fatal(err)
	}

	useModel(t, other)
	analysed := false
	rep, err := Sweep(context.Background(), spec, SweepOptions{Out: out, Workers: 2, Kind: KindSensitivity, Analyse: func(*Runs, *Plan) (*Analysis, error) {
		analysed = true
		return &Analysis{Files: []results.File{textFile("analysis.csv", "a\n1\n")}}, nil
	}})
	if err != nil {
		t.Fatalf("analysis of a complete folder by %s: %v", other, err)
	}
	if !analysed || rep.Skipped != rep.Runs {
		t.Errorf("analysed %v, %d of %d runs skipped; want the analysis and every run skipped", analysed, rep.Skipped, rep.Runs)
	}
	if n := countRecords(out); n != stored {
		t.Errorf("%d runs stored after the analysis, had %d", n, stored)
	}
	sameTables(t, ref, out, shardTables)
	man, err := results.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	if got := (buildinfo.Model{Version: man.Version, BinarySHA256: man.BinarySHA256}); got != started {
		t.Errorf("the manifest names %s; the runs were made by %s", got, started)
	}
	if after, err := os.ReadFile(filepath.Join(out, SweepSpecFile)); err != nil || string(after) != string(id) {
		t.Errorf("%s changed with the analysis by another model (%v)", SweepSpecFile, err)
	}

	// With runs left to do, another model is refused and stores nothing.
	half := filepath.Join(dir, "half")
	useModel(t, started)
	runShard(t, spec, half, 0, 2, 2)
	stored = countRecords(half)
	useModel(t, other)
	if _, err := Sweep(context.Background(), spec, SweepOptions{Out: half, Workers: 2, Kind: KindSensitivity}); err == nil || !strings.Contains(err.Error(), "resuming would mix them") {
		t.Errorf("an analysis by %s of a folder with runs to do: %v; want a refusal", other, err)
	}
	if n := countRecords(half); n != stored {
		t.Errorf("%d runs stored after the refusal, had %d", n, stored)
	}
}

// TestSweepRefusesRunsOfAnotherArchitecture: the same sources built for
// arm64 and amd64 may round differently, so a sweep started on one is not
// resumed on the other; a folder whose sweep.json records no architecture
// (an earlier wijksim) is resumed by the same version on any, its records
// carrying no architecture either.
func TestSweepRefusesRunsOfAnotherArchitecture(t *testing.T) {
	spec := loadShardSpec(t, shardedSweep)
	dir := t.TempDir()
	amd := buildinfo.Model{Version: "v1.2.0", Arch: "amd64.v1"}
	arm := buildinfo.Model{Version: "v1.2.0", Arch: "arm64.v8.0"}

	out := filepath.Join(dir, "arch")
	useModel(t, amd)
	runShard(t, spec, out, 0, 2, 2)
	stored := countRecords(out)
	useModel(t, arm)
	_, err := Sweep(context.Background(), spec, SweepOptions{Out: out, Workers: 2})
	for _, w := range []string{"sweep folder " + out, "built for amd64.v1", "built for arm64.v8.0", "new --out"} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("resume on arm64 of an amd64 sweep: %v; want %q", err, w)
		}
	}
	if n := countRecords(out); n != stored {
		t.Errorf("%d runs stored after the refusal, had %d", n, stored)
	}

	// sweep.json without the architecture.
	out = filepath.Join(dir, "unknown")
	useModel(t, buildinfo.Model{Version: "v1.2.0"})
	runShard(t, spec, out, 0, 2, 2)
	useModel(t, arm)
	if _, err := Sweep(context.Background(), spec, SweepOptions{Out: out, Workers: 2}); err != nil {
		t.Fatalf("resume by the same version of a folder without architecture: %v", err)
	}
	runs, err := OpenRuns(out)
	if err != nil {
		t.Fatal(err)
	}
	defer runs.Close()
	plan, err := spec.Expand()
	if err != nil {
		t.Fatal(err)
	}
	if err := runs.Check(plan, "v1.2.0"); err != nil {
		t.Errorf("the records of the resumed folder: %v", err)
	}
}
