package experiment

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/wijksim/wijksim/internal/buildinfo"
	"github.com/wijksim/wijksim/results"
)

// shardsDir holds one manifest per finished shard.
const shardsDir = "shards"

// ShardJobs returns the jobs of shard i of n: those whose index modulo n is
// i, so that every shard gets a similar mix of design points and policies.
func ShardJobs(jobs []Job, i, n int) []Job {
	var out []Job
	for _, j := range jobs {
		if j.Index%n == i {
			out = append(out, j)
		}
	}
	return out
}

// ParseShard reads "i/n" (shard i of n, counted from 0).
func ParseShard(s string) (i, n int, err error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return 0, 0, fmt.Errorf("--shard %q: want i/n with 0 <= i < n, for example 0/4", s)
	}
	return i, n, nil
}

// ShardFromEnv reads the shard of a Slurm array task from environ:
// SLURM_ARRAY_TASK_ID minus SLURM_ARRAY_TASK_MIN (0 if unset) of
// SLURM_ARRAY_TASK_COUNT. ok is false outside an array job. An array with
// gaps (SLURM_ARRAY_TASK_MAX - MIN + 1 is not the count) is refused. A task
// resubmitted alone (sbatch --array=K) is an array of one: scripts that
// allow that pass --shard K/n instead, as `wijksim slurm` writes them.
func ShardFromEnv(environ []string) (i, n int, ok bool, err error) {
	env := map[string]string{}
	for _, kv := range environ {
		if k, v, found := strings.Cut(kv, "="); found {
			env[k] = v
		}
	}
	id, hasID := env["SLURM_ARRAY_TASK_ID"]
	count, hasCount := env["SLURM_ARRAY_TASK_COUNT"]
	if !hasID || !hasCount {
		return 0, 0, false, nil
	}
	task, err1 := strconv.Atoi(id)
	n, err2 := strconv.Atoi(count)
	lo := 0
	if m, has := env["SLURM_ARRAY_TASK_MIN"]; has {
		var err3 error
		if lo, err3 = strconv.Atoi(m); err3 != nil {
			return 0, 0, false, fmt.Errorf("SLURM_ARRAY_TASK_MIN=%q is not a number", m)
		}
	}
	i = task - lo
	gaps := false
	if m, has := env["SLURM_ARRAY_TASK_MAX"]; has {
		// An array with a step or a list (0-6:2, 1,3) has gaps: its tasks
		// are not the shards 0..n-1 after the offset.
		hi, err := strconv.Atoi(m)
		gaps = err != nil || hi-lo+1 != n
	}
	if err1 != nil || err2 != nil || gaps || n < 1 || i < 0 || i >= n {
		return 0, 0, false, fmt.Errorf("Slurm array task %q of %q (min %d) is not a shard: the array must be contiguous, for example --array=0-%d", id, count, lo, max(n-1, 0))
	}
	return i, n, true, nil
}

// shardManifest records a finished shard.
type shardManifest struct {
	Tool    string `json:"tool"`
	Version string `json:"version"`
	// BinarySHA256 identifies the binary when its version does not pin
	// its sources (buildinfo.Model).
	BinarySHA256 string `json:"binary_sha256,omitempty"`
	// Arch is the architecture the binary was built for ("" for a
	// wijksim that did not record it).
	Arch       string `json:"arch,omitempty"`
	SpecSHA256 string `json:"spec_sha256"`
	Shard      int    `json:"shard"`
	Shards     int    `json:"shards"`
	Runs       int    `json:"runs"`
	Failed     int    `json:"failed"`
}

func (m shardManifest) model() buildinfo.Model {
	return buildinfo.Model{Version: m.Version, BinarySHA256: m.BinarySHA256, Arch: m.Arch}
}

// describe names model m with its architecture, when known.
func describe(m buildinfo.Model) string {
	if m.Arch == "" {
		return m.String()
	}
	return m.String() + " for " + m.Arch
}

func shardPath(out string, i, n int) string {
	return filepath.Join(out, shardsDir, fmt.Sprintf("shard-%04d-of-%04d.json", i, n))
}

func writeShardManifest(opt SweepOptions, spec *Spec, jobs []Job, model buildinfo.Model, rep *SweepReport) error {
	runs, err := OpenRuns(opt.Out)
	if err != nil {
		return err
	}
	defer runs.Close()
	for _, job := range jobs {
		if !runs.Has(job.Index) {
			return fmt.Errorf("sweep %s: run %d has no stored result", opt.Out, job.Index)
		}
		if runs.Failure(job.Index) != "" {
			rep.Failed++
		}
	}
	if err := os.MkdirAll(filepath.Join(opt.Out, shardsDir), 0o755); err != nil {
		return fmt.Errorf("sweep folder: %w", err)
	}
	m := shardManifest{Tool: "wijksim", Version: model.Version, BinarySHA256: model.BinarySHA256, Arch: model.Arch, SpecSHA256: spec.SHA256, Shard: opt.Shard, Shards: opt.Shards, Runs: len(jobs), Failed: rep.Failed}
	return results.WriteFileAtomic(shardPath(opt.Out, opt.Shard, opt.Shards), func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	})
}

// MergeReport says what a merge found.
type MergeReport struct {
	SweepReport
	// Shards is the number of shards the manifests name; 0 for a folder
	// without them.
	Shards int
	// MissingRuns are runs without a result; ResubmitShards the shards
	// they belong to.
	MissingRuns    []int
	ResubmitShards []int
	// FailedRuns are runs recorded as failed, with their errors.
	FailedRuns map[int]string
}

// ErrIncomplete is returned by Merge when runs or shards are missing.
var ErrIncomplete = errors.New("sweep is incomplete")

// Merge checks that the manifests of the shards of the sweep in dir
// agree and that every run of the sweep is stored, and merges the runs
// into the folder's tables, exactly as an unsharded sweep would have. When
// runs are missing it returns ErrIncomplete with the report naming them
// and the shards they belong to, to resubmit. A folder without shard
// manifests merges when it is complete. It holds the folder's lock alone (no shard may be running),
// removes the temporary files of an earlier merge that was killed, and
// stops when ctx is done, leaving the tables it had not finished as they
// were.
func Merge(ctx context.Context, dir string, opt SweepOptions) (*MergeReport, error) {
	if _, err := os.Stat(filepath.Join(dir, SweepSpecFile)); err != nil {
		return nil, fmt.Errorf("merge %s: not a sweep folder: %w", dir, err)
	}
	lock, err := lockFolder(dir, 0, 0, opt.Command)
	if err != nil {
		return nil, fmt.Errorf("merge: %w", err)
	}
	defer lock.unlock()
	if err := removeTempFiles(SweepOptions{Out: dir}); err != nil {
		return nil, fmt.Errorf("merge %s: %w", dir, err)
	}
	// A merge writes a sweep's files only: over an analysis it would
	// remove the analysis's results and call the folder a sweep.
	if man, err := results.ReadManifest(dir); err == nil && (man.Kind == KindSensitivity || man.Kind == KindDiscover) {
		return nil, fmt.Errorf("merge %s: the folder holds the results of wijksim %s, which merge would remove; run `wijksim %s` with its spec and --out %s again, which resumes any missing runs and merges them with the analysis", dir, man.Kind, man.Kind, dir)
	}
	b, err := os.ReadFile(filepath.Join(dir, SweepSpecFile))
	if err != nil {
		return nil, fmt.Errorf("merge %s: not a sweep folder: %w", dir, err)
	}
	var id sweepIdentity
	if err := json.Unmarshal(b, &id); err != nil {
		return nil, fmt.Errorf("merge %s: unreadable %s: %w", dir, SweepSpecFile, err)
	}
	spec, err := ParseSpec([]byte(id.SpecYAML), id.SpecPath)
	if err != nil {
		return nil, fmt.Errorf("merge %s: %w", dir, err)
	}
	if id.Spec != nil && id.Spec.Method != "" {
		if err := spec.UseSensitivityDesign(id.Spec.Method); err != nil {
			return nil, fmt.Errorf("merge %s: %w", dir, err)
		}
	}
	if id.Spec != nil && id.Spec.OutcomesAdded {
		stored := results.Manifest{OutcomeFiles: id.OutcomeFiles}
		reg, err := stored.Outcomes()
		if err != nil {
			return nil, fmt.Errorf("merge %s: %w", dir, err)
		}
		spec.UseOutcomes(reg)
	}
	if id.Spec != nil && id.Spec.PoliciesReplaced {
		stored := results.Manifest{PolicyFiles: id.PolicyFiles}
		files, err := stored.PolicyDefs()
		if err != nil {
			return nil, fmt.Errorf("merge %s: %w", dir, err)
		}
		if err := spec.UsePolicies(id.Spec.Policies, files); err != nil {
			return nil, fmt.Errorf("merge %s: %w", dir, err)
		}
	}
	if spec.SHA256 != id.SpecSHA256 {
		return nil, fmt.Errorf("merge %s: the stored spec does not match its hash", dir)
	}
	if _, err := checkSweep(spec, opt.Limits); err != nil {
		return nil, fmt.Errorf("merge %s: %w", dir, err)
	}
	plan, err := spec.Expand()
	if err != nil {
		return nil, fmt.Errorf("merge %s: %w", dir, err)
	}
	rep := &MergeReport{FailedRuns: map[int]string{}}
	manifests, err := filepath.Glob(filepath.Join(dir, shardsDir, "shard-*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(manifests)
	var version *buildinfo.Model
	for _, path := range manifests {
		mb, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("merge %s: %w", dir, err)
		}
		var m shardManifest
		if err := json.Unmarshal(mb, &m); err != nil {
			return nil, fmt.Errorf("merge %s: unreadable shard manifest %s: %w", dir, path, err)
		}
		switch {
		case m.SpecSHA256 != spec.SHA256:
			return nil, fmt.Errorf("merge %s: shard manifest %s is for another spec (hash %.12s, sweep %.12s)", dir, filepath.Base(path), m.SpecSHA256, spec.SHA256)
		case rep.Shards != 0 && m.Shards != rep.Shards:
			return nil, fmt.Errorf("merge %s: shard manifests disagree on the number of shards (%d and %d)", dir, rep.Shards, m.Shards)
		case version != nil && !version.Same(m.model()):
			return nil, fmt.Errorf("merge %s: shards ran different versions of wijksim (%s and %s); rerun them with one version", dir, describe(*version), describe(m.model()))
		}
		rep.Shards, version = m.Shards, &buildinfo.Model{Version: m.Version, BinarySHA256: m.BinarySHA256, Arch: m.Arch}
	}
	runs, err := OpenRuns(dir)
	if err != nil {
		return nil, fmt.Errorf("merge %s: %w", dir, err)
	}
	defer runs.Close()
	if err := runs.Check(plan, id.modelKey()); err != nil {
		return nil, fmt.Errorf("merge: %w", err)
	}
	// What is to be done follows the runs stored, whoever stored them: a
	// shard that stored every run of its own but was stopped before its
	// manifest, or whose runs a sweep of the whole folder made, needs
	// nothing more.
	for _, job := range plan.Jobs {
		if !runs.Has(job.Index) {
			rep.MissingRuns = append(rep.MissingRuns, job.Index)
			continue
		}
		if failure := runs.Failure(job.Index); failure != "" {
			rep.FailedRuns[job.Index] = failure
		}
	}
	if len(rep.MissingRuns) > 0 {
		if rep.Shards == 0 {
			return nil, fmt.Errorf("merge %s: %d runs missing, and no shard manifests in %s to tell their shards; run the shards (wijksim sweep --shard i/n), or the whole sweep (wijksim sweep), which does only the runs missing", dir, len(rep.MissingRuns), filepath.Join(dir, shardsDir))
		}
		resubmit := map[int]bool{}
		for _, i := range rep.MissingRuns {
			resubmit[i%rep.Shards] = true
		}
		for i := range resubmit {
			rep.ResubmitShards = append(rep.ResubmitShards, i)
		}
		sort.Ints(rep.ResubmitShards)
		return rep, fmt.Errorf("merge %s: %w: %d runs missing, shards to resubmit: %s", dir, ErrIncomplete, len(rep.MissingRuns), joinInts(rep.ResubmitShards))
	}
	opt.Out = dir
	rep.Runs = len(plan.Jobs)
	if err := merge(ctx, plan, id.Model, opt, &rep.SweepReport); err != nil {
		return nil, err
	}
	return rep, nil
}

func joinInts(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.Itoa(x)
	}
	return strings.Join(parts, ", ")
}
