package experiment

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/wijksim/wijksim/results"
	"github.com/wijksim/wijksim/sim"
)

// The files of a sweep's results folder.
const (
	SweepSpecFile    = "sweep.json"
	PointsFile       = "points.csv"
	SummariesFile    = "summaries.csv"
	SummariesParquet = "summaries.parquet"
	SweepMonthlyFile = "monthly.csv"
	SweepEventsFile  = "events.csv"
	runsDir          = "runs"
)

// SweepOptions set how a sweep runs and what it writes.
type SweepOptions struct {
	// Out is the results folder. Running a sweep again on the same folder
	// resumes it: finished runs are skipped.
	Out     string
	Workers int
	// Gzip compresses the merged CSV files.
	Gzip bool
	// Parquet also writes the summaries as Parquet.
	Parquet bool
	// Progress, if set, is called after each run.
	Progress func(done, planned int)
	// Command is recorded in the manifest.
	Command []string
	// Shard and Shards select a slice of the runs (runs whose index modulo
	// Shards is Shard); Shards 0 or 1 runs everything. A shard writes its
	// runs and a shard manifest but does not merge: `wijksim merge` does.
	Shard, Shards int
}

// SweepReport says what a sweep did.
type SweepReport struct {
	Runs    int
	Skipped int // finished in an earlier, interrupted attempt
	Failed  int
	Files   []string
}

// runRecord is the stored result of one run: written atomically to
// runs/NNNNNNNN.json when the run finishes, it marks the run as done.
type runRecord struct {
	Index     int                   `json:"index"`
	Point     int                   `json:"point"`
	Policy    string                `json:"policy"`
	Seed      uint64                `json:"seed"`
	Replicate uint64                `json:"replicate"`
	Error     string                `json:"error,omitempty"`
	RawEnd    map[string]*float64   `json:"end,omitempty"`
	RawYear   map[string]*float64   `json:"first_year,omitempty"`
	ByKind    []results.KindOutcome `json:"by_kind,omitempty"`
	// Sizes are the byte sizes of the run's monthly and events files, so a
	// resumed sweep can tell a complete file from one a crash cut short.
	Sizes map[string]int64 `json:"sizes,omitempty"`
}

// complete reports whether the stored run index of out is whole: its record
// decodes, belongs to the run, and its other files have their recorded sizes.
func complete(out string, index int) bool {
	rec, err := readRecord(out, index)
	if err != nil || rec.Index != index {
		return false
	}
	for suffix, size := range rec.Sizes {
		st, err := os.Stat(runPath(out, index, suffix))
		if err != nil || st.Size() != size {
			return false
		}
	}
	return true
}

func runPath(out string, index int, suffix string) string {
	return filepath.Join(out, runsDir, fmt.Sprintf("%08d%s", index, suffix))
}

// sweepIdentity is stored in sweep.json; a resumed sweep must match it.
type sweepIdentity struct {
	Spec       *Spec  `json:"spec"`
	SpecSHA256 string `json:"spec_sha256"`
	Runs       int    `json:"runs"`
	// SpecPath and SpecYAML let `wijksim merge` rebuild the plan.
	SpecPath string `json:"spec_path"`
	SpecYAML string `json:"spec_yaml"`
}

// Sweep runs every job of the spec's design that is not finished yet in
// opt.Out, then merges all runs into the folder's tables and writes the
// manifest. A failed run is recorded with its error and the sweep goes on.
// When ctx is cancelled the sweep stops after the runs in progress; running
// it again resumes.
func Sweep(ctx context.Context, spec *Spec, opt SweepOptions) (*SweepReport, error) {
	plan, err := spec.Expand()
	if err != nil {
		return nil, err
	}
	if err := claimFolder(opt.Out, spec, len(plan.Jobs)); err != nil {
		return nil, err
	}
	if opt.Shards > 1 && (opt.Shard < 0 || opt.Shard >= opt.Shards) {
		return nil, fmt.Errorf("sweep: shard %d of %d; allowed: 0 to %d", opt.Shard, opt.Shards, opt.Shards-1)
	}
	if err := removeTempFiles(opt); err != nil {
		return nil, err
	}
	wantMonthly := slices.Contains(spec.Outputs, OutputMonthly)
	wantEvents := slices.Contains(spec.Outputs, OutputEvents)

	jobs := plan.Jobs
	if opt.Shards > 1 {
		jobs = ShardJobs(plan.Jobs, opt.Shard, opt.Shards)
	}
	rep := &SweepReport{Runs: len(jobs)}
	var todo []Job
	for _, job := range jobs {
		if complete(opt.Out, job.Index) {
			rep.Skipped++
			continue
		}
		if perr, bad := plan.Invalid[job.Index]; bad {
			if err := writeRecord(opt.Out, plan, Outcome{Job: job, Err: perr}, false, false); err != nil {
				return nil, err
			}
			continue
		}
		todo = append(todo, job)
	}
	done := len(jobs) - len(todo)
	if opt.Progress != nil {
		opt.Progress(done, len(jobs))
	}
	store := func(out Outcome) error { return writeRecord(opt.Out, plan, out, wantMonthly, wantEvents) }
	err = Execute(ctx, todo, RunOptions{Workers: opt.Workers, RecordEvents: wantEvents, Store: store}, func(out Outcome) error {
		done++
		if opt.Progress != nil {
			opt.Progress(done, len(jobs))
		}
		return nil
	})
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("sweep interrupted after %d of %d runs; run the same command again to resume: %w", done, len(jobs), err)
		}
		return nil, err
	}
	if opt.Shards > 1 {
		if err := writeShardManifest(opt, spec, jobs, rep); err != nil {
			return nil, err
		}
		return rep, nil
	}
	if err := merge(plan, opt, rep); err != nil {
		return nil, err
	}
	return rep, nil
}

// claimFolder creates the results folder, or checks that an existing one
// belongs to the same sweep.
func claimFolder(out string, spec *Spec, runs int) error {
	if err := os.MkdirAll(filepath.Join(out, runsDir), 0o755); err != nil {
		return fmt.Errorf("sweep folder: %w", err)
	}
	path := filepath.Join(out, SweepSpecFile)
	if b, err := os.ReadFile(path); err == nil {
		var id sweepIdentity
		if err := json.Unmarshal(b, &id); err != nil {
			return fmt.Errorf("sweep folder %s: unreadable %s: %w", out, SweepSpecFile, err)
		}
		if id.SpecSHA256 != spec.SHA256 || id.Runs != runs {
			return fmt.Errorf("sweep folder %s holds another sweep (spec hash %.12s, this spec %.12s); choose another --out or remove it", out, id.SpecSHA256, spec.SHA256)
		}
		return nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("sweep folder: %w", err)
	}
	return results.WriteFileAtomic(path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(sweepIdentity{Spec: spec, SpecSHA256: spec.SHA256, Runs: runs, SpecPath: spec.Source, SpecYAML: string(spec.Raw)})
	})
}

func metricsToRaw(ms results.Metrics) map[string]*float64 {
	out := make(map[string]*float64, len(ms))
	for _, m := range ms {
		out[m.Name] = finite(m.Value)
	}
	return out
}

// writeRecord stores one finished run: its monthly series and events first
// (if kept), then the record that marks it done.
func writeRecord(out string, plan *Plan, o Outcome, monthly, events bool) error {
	rec := runRecord{Index: o.Job.Index, Point: o.Job.Point, Policy: o.Job.Policy, Seed: o.Job.Seed, Replicate: o.Job.Replicate}
	if o.Err != nil {
		rec.Error = o.Err.Error()
	} else {
		pt := plan.Points[o.Job.Point]
		r := results.Run{Scenario: pt.Scenario, Policy: o.Job.Policy, Seed: o.Job.Seed, Replicate: o.Job.Replicate, Stats: o.Stats, Kinds: o.Kinds, Events: o.Events}
		s := results.Summarize(r)
		rec.RawEnd, rec.RawYear, rec.ByKind = metricsToRaw(s.End), metricsToRaw(s.FirstYear), s.ByKind
		rec.Sizes = map[string]int64{}
		if monthly {
			if err := writeSized(out, o.Job.Index, ".monthly.csv", rec.Sizes, func(w io.Writer) error {
				return results.WriteMonthlyCSV(w, r, false)
			}); err != nil {
				return err
			}
		}
		if events {
			if err := writeSized(out, o.Job.Index, ".events.csv", rec.Sizes, func(w io.Writer) error {
				return results.WriteEventsCSV(w, r, false)
			}); err != nil {
				return err
			}
		}
	}
	// Run records are not synced one by one (thousands of syncs would
	// serialise the workers on the file system journal); a record that a
	// machine crash left empty or torn is detected and redone on resume.
	return results.WriteFileAtomicNoSync(runPath(out, o.Job.Index, ".json"), func(w io.Writer) error {
		return json.NewEncoder(w).Encode(rec)
	})
}

// writeSized writes a run's file and notes its size in sizes.
func writeSized(out string, index int, suffix string, sizes map[string]int64, write func(io.Writer) error) error {
	var n countingWriter
	err := results.WriteFileAtomicNoSync(runPath(out, index, suffix), func(w io.Writer) error {
		return write(io.MultiWriter(w, &n))
	})
	sizes[suffix] = int64(n)
	return err
}

type countingWriter int64

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}

func readRecord(out string, index int) (*runRecord, error) {
	b, err := os.ReadFile(runPath(out, index, ".json"))
	if err != nil {
		return nil, fmt.Errorf("sweep: run %d: %w", index, err)
	}
	var rec runRecord
	if err := json.Unmarshal(b, &rec); err != nil {
		return nil, fmt.Errorf("sweep: run %d: %w", index, err)
	}
	return &rec, nil
}

// summaryColumns are the columns of summaries.csv.
func summaryColumns(plan *Plan) (cols []results.TableColumn, end, year, kind []string) {
	cols = []results.TableColumn{
		{Name: "run", Type: results.IntColumn}, {Name: "point", Type: results.IntColumn},
		{Name: "scenario", Type: results.StringColumn}, {Name: "policy", Type: results.StringColumn},
		{Name: "seed", Type: results.IntColumn}, {Name: "replicate", Type: results.IntColumn},
	}
	for _, f := range plan.Factors {
		cols = append(cols, results.TableColumn{Name: f.Key, Type: results.FloatColumn})
	}
	cols = append(cols, results.TableColumn{Name: "status", Type: results.StringColumn}, results.TableColumn{Name: "error", Type: results.StringColumn})
	end = OutcomeNames()
	for _, n := range end {
		cols = append(cols, results.TableColumn{Name: n, Type: results.FloatColumn})
	}
	year = []string{"exits_to_work", "exits_without_work", "sanctions", "share_rung_3_plus"}
	for _, n := range year {
		cols = append(cols, results.TableColumn{Name: "first_year_" + n, Type: results.FloatColumn})
	}
	var zero sim.KindSummary
	for _, m := range results.KindMetrics(&zero) {
		kind = append(kind, m.Name)
	}
	for k := sim.Kind(0); k < sim.NumKinds; k++ {
		for _, n := range kind {
			cols = append(cols, results.TableColumn{Name: strings.ReplaceAll(k.String(), "-", "_") + "_" + n, Type: results.FloatColumn})
		}
	}
	return cols, end, year, kind
}

func value(m map[string]*float64, name string) float64 {
	if v := m[name]; v != nil {
		return *v
	}
	return math.NaN()
}

// merge combines the stored runs, in run order, into the folder's tables,
// then writes the manifest.
func merge(plan *Plan, opt SweepOptions, rep *SweepReport) error {
	spec := plan.Spec
	ext := ".csv"
	if opt.Gzip {
		ext = ".csv.gz"
	}
	var files []results.File
	files = append(files, results.File{Name: PointsFile, Write: func(w io.Writer) error { return writePoints(w, plan) }})
	cols, endNames, yearNames, kindNames := summaryColumns(plan)
	row := make([]any, len(cols))
	failed := 0
	summaryRows := func(rw results.RowWriter) error {
		failed = 0
		return eachRecord(opt.Out, plan.Jobs, opt.Workers, func(job Job, rec *runRecord) error {
			pt := plan.Points[job.Point]
			i := 0
			put := func(v any) { row[i] = v; i++ }
			put(int64(job.Index))
			put(int64(job.Point))
			put(pt.Scenario.Name)
			put(job.Policy)
			put(int64(job.Seed))
			put(int64(job.Replicate))
			for j := range plan.Factors {
				put(pt.Values[j])
			}
			if rec.Error != "" {
				put("failed")
				failed++
			} else {
				put("ok")
			}
			put(rec.Error)
			for _, n := range endNames {
				put(value(rec.RawEnd, n))
			}
			for _, n := range yearNames {
				put(value(rec.RawYear, n))
			}
			for k := 0; k < sim.NumKinds; k++ {
				var ms results.Metrics
				if k < len(rec.ByKind) {
					ms = rec.ByKind[k].Outcomes
				}
				for _, n := range kindNames {
					v, _ := ms.Get(n)
					put(v)
				}
			}
			return rw.WriteRow(row)
		})
	}
	files = append(files, results.File{Name: "summaries" + ext, Write: func(w io.Writer) error {
		rw, err := results.NewCSVWriter(w, cols, opt.Gzip)
		if err != nil {
			return err
		}
		if err := summaryRows(rw); err != nil {
			return err
		}
		return rw.Close()
	}})
	if opt.Parquet {
		files = append(files, results.File{Name: SummariesParquet, Write: func(w io.Writer) error {
			rw, err := results.NewParquetWriter(w, "summaries", cols)
			if err != nil {
				return err
			}
			if err := summaryRows(rw); err != nil {
				return err
			}
			return rw.Close()
		}})
	}
	if slices.Contains(spec.Outputs, OutputMonthly) {
		header := "scenario,policy,seed,replicate," + strings.Join(monthNames(), ",")
		files = append(files, results.File{Name: "monthly" + ext, Write: func(w io.Writer) error {
			return concatRuns(w, plan, opt, ".monthly.csv", "run,point,"+header, opt.Gzip)
		}})
	}
	if slices.Contains(spec.Outputs, OutputEvents) {
		files = append(files, results.File{Name: "events" + ext, Write: func(w io.Writer) error {
			return concatRuns(w, plan, opt, ".events.csv", "run,point,scenario,policy,seed,replicate,month,resident,kind,event,rung", opt.Gzip)
		}})
	}
	base, err := spec.baseScenario()
	if err != nil {
		return err
	}
	man := results.NewManifest("sweep", base, opt.Command)
	man.Seed = spec.Seed
	man.Policies = spec.Policies
	man.Replicates = spec.Replicates
	man.Spec = spec
	man.SpecSHA256 = spec.SHA256
	if err := results.WriteFolder(opt.Out, man, files); err != nil {
		return err
	}
	rep.Failed = failed
	for _, f := range man.Files {
		rep.Files = append(rep.Files, f.Name)
	}
	return nil
}

func monthNames() []string {
	cols := results.MonthColumns()
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return names
}

// concatRuns copies each run's stored rows, prefixed by run and point, in
// run order. Failed runs have no rows.
func concatRuns(w io.Writer, plan *Plan, opt SweepOptions, suffix, header string, gz bool) error {
	rw, err := newLineWriter(w, gz)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(rw, header+"\n"); err != nil {
		return err
	}
	for _, job := range plan.Jobs {
		b, err := os.ReadFile(runPath(opt.Out, job.Index, suffix))
		if errors.Is(err, fs.ErrNotExist) {
			continue // a failed run
		}
		if err != nil {
			return err
		}
		prefix := strconv.Itoa(job.Index) + "," + strconv.Itoa(job.Point) + ","
		for _, line := range strings.SplitAfter(string(b), "\n") {
			if line == "" {
				continue
			}
			if _, err := io.WriteString(rw, prefix+line); err != nil {
				return err
			}
		}
	}
	return rw.Close()
}

func writePoints(w io.Writer, plan *Plan) error {
	cols := []results.TableColumn{{Name: "point", Type: results.IntColumn}, {Name: "scenario", Type: results.StringColumn}, {Name: "scenario_sha256", Type: results.StringColumn}}
	for _, f := range plan.Factors {
		cols = append(cols, results.TableColumn{Name: f.Key, Type: results.FloatColumn})
	}
	rw, err := results.NewCSVWriter(w, cols, false)
	if err != nil {
		return err
	}
	for _, pt := range plan.Points {
		row := []any{int64(pt.Index), pt.Scenario.Name, pt.Scenario.SHA256}
		for _, v := range pt.Values {
			row = append(row, v)
		}
		if err := rw.WriteRow(row); err != nil {
			return err
		}
	}
	return rw.Close()
}

// lineWriter writes text, gzip-compressed if asked.
type lineWriter struct {
	io.Writer
	gz *gzip.Writer
}

func newLineWriter(w io.Writer, gz bool) (*lineWriter, error) {
	if !gz {
		return &lineWriter{Writer: w}, nil
	}
	z := gzip.NewWriter(w)
	return &lineWriter{Writer: z, gz: z}, nil
}

func (l *lineWriter) Close() error {
	if l.gz != nil {
		return l.gz.Close()
	}
	return nil
}

// EndValue reads outcome at the end of run index of the sweep folder dir;
// a failed run gives NaN.
func EndValue(dir string, index int, outcome string) (float64, error) {
	rec, err := readRecord(dir, index)
	if err != nil {
		return math.NaN(), err
	}
	if rec.Error != "" {
		return math.NaN(), nil
	}
	return value(rec.RawEnd, outcome), nil
}

// removeTempFiles deletes the temporary files an interrupted attempt left
// behind (atomic writes that never reached their rename). A shard removes
// only those of its own runs: the other shards may be writing theirs at
// this moment, into the same folder.
func removeTempFiles(opt SweepOptions) error {
	dirs := []string{opt.Out, filepath.Join(opt.Out, runsDir)}
	if opt.Shards > 1 {
		dirs = dirs[1:]
	}
	for _, dir := range dirs {
		matches, err := filepath.Glob(filepath.Join(dir, ".*.tmp-*"))
		if err != nil {
			return fmt.Errorf("sweep folder: %w", err)
		}
		for _, m := range matches {
			if opt.Shards > 1 {
				// .NNNNNNNN.json.tmp-*, .NNNNNNNN.monthly.csv.tmp-*, ...
				index, err := strconv.Atoi(strings.SplitN(filepath.Base(m), ".", 3)[1])
				if err != nil || index%opt.Shards != opt.Shard {
					continue
				}
			}
			if err := os.Remove(m); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("sweep folder: remove stale %s: %w", m, err)
			}
		}
	}
	return nil
}

// eachRecord calls fn with the record of every job, in job order, while
// up to workers goroutines read and decode the records ahead of it.
func eachRecord(out string, jobs []Job, workers int, fn func(Job, *runRecord) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type result struct {
		rec *runRecord
		err error
	}
	stop := make(chan struct{})
	defer close(stop)
	ahead := make(chan chan result, 4*workers)
	go func() {
		defer close(ahead)
		sem := make(chan struct{}, workers)
		for _, job := range jobs {
			slot := make(chan result, 1)
			select {
			case ahead <- slot:
			case <-stop:
				return
			}
			select {
			case sem <- struct{}{}:
			case <-stop:
				return
			}
			go func(index int) {
				rec, err := readRecord(out, index)
				slot <- result{rec, err}
				<-sem
			}(job.Index)
		}
	}()
	i := 0
	for slot := range ahead {
		r := <-slot
		if r.err != nil {
			return r.err
		}
		if err := fn(jobs[i], r.rec); err != nil {
			return err
		}
		i++
	}
	return nil
}
