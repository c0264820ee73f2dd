package experiment

import (
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/wijksim/wijksim/budget"
	"github.com/wijksim/wijksim/internal/buildinfo"
	"github.com/wijksim/wijksim/outcomes"
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

// The kinds of a sweep folder's manifest: the command whose results the
// folder holds. Sensitivity analysis and scenario discovery run a sweep
// and add their own files to its folder (SweepOptions.Analyse).
const (
	KindSweep       = "sweep"
	KindSensitivity = "sensitivity"
	KindDiscover    = "discover"
)

// SweepKinds are the kinds of manifest a sweep folder may hold.
var SweepKinds = []string{KindSweep, KindSensitivity, KindDiscover}

// SweepOptions set how a sweep runs and what it writes.
type SweepOptions struct {
	// Out is the results folder. Running a sweep again on the same folder
	// resumes it: finished runs are skipped.
	Out     string
	Workers int
	// Gzip compresses the merged CSV files.
	Gzip bool
	// Parquet also writes the summaries, and the monthly table and the
	// events when the spec asks for them, as Parquet, with the columns of
	// the CSV tables in their order and types.
	Parquet bool
	// Progress, if set, is called after each run.
	Progress func(done, planned int)
	// Command is recorded in the manifest.
	Command []string
	// Shard and Shards select a slice of the runs (runs whose index modulo
	// Shards is Shard); Shards 0 or 1 runs everything. A shard writes its
	// runs and a shard manifest but does not merge: `wijksim merge` does.
	Shard, Shards int
	// Limits bound the memory and processor time the sweep may plan: a
	// plan too large is refused before it is generated, a design point
	// whose run alone does not fit is recorded as failed (and run again on
	// a resume with higher limits), and the runs at once share the memory.
	// The zero value sets no limit.
	Limits budget.Limits
	// Kind is the kind of the folder's manifest, one of SweepKinds
	// (KindSweep when empty).
	Kind string
	// Analyse, if set, works out an analysis of the runs once every run
	// is stored, before the folder changes: the files it returns are
	// written with the sweep's tables, listed in the manifest with their
	// SHA-256 and committed with them. When it fails, the folder's
	// tables, files and manifest stay as they were; the runs are kept, so
	// that the command run again resumes. Its files' Write functions run
	// concurrently with the tables' and must not read runs.
	Analyse func(runs *Runs, plan *Plan) (*Analysis, error)
}

// Analysis is what an analysis of a sweep's runs adds to the sweep's
// folder (SweepOptions.Analyse).
type Analysis struct {
	// Files are the analysis's files, beside the sweep's tables.
	Files []results.File
	// Stale are files of an earlier analysis in the folder that Files do
	// not replace, removed when the new files take their places. Files
	// that the folder's manifest lists and this write does not replace
	// are removed too, without being named here.
	Stale []string
}

// kind is the kind of manifest the sweep writes.
func (opt SweepOptions) kind() string {
	if opt.Kind == "" {
		return KindSweep
	}
	return opt.Kind
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
	Index     int    `json:"index"`
	Point     int    `json:"point"`
	Policy    string `json:"policy"`
	Seed      uint64 `json:"seed"`
	Replicate uint64 `json:"replicate"`
	Error     string `json:"error,omitempty"`
	// Retry marks a run refused for the limits (budget.Exceeded): a resume
	// with higher limits runs it, and its new record counts.
	Retry bool `json:"retry,omitempty"`
	// PointSHA256 is the hash of the run's spec point (Plan.JobHash): a
	// record of another spec's run under the same index is refused.
	PointSHA256 string `json:"point_sha256"`
	// Model is the wijksim that made the run (buildinfo.Model.Key): a
	// record of another version than the sweep's is refused.
	Model   string                `json:"model,omitempty"`
	RawEnd  map[string]*float64   `json:"end,omitempty"`
	RawYear map[string]*float64   `json:"first_year,omitempty"`
	ByKind  []results.KindOutcome `json:"by_kind,omitempty"`
	// Monthly and Events are the run's monthly series and event log as CSV
	// rows without a header, when the sweep keeps them.
	Monthly string `json:"monthly,omitempty"`
	Events  string `json:"events,omitempty"`
}

// sweepIdentity is stored in sweep.json; a resumed sweep must match it.
type sweepIdentity struct {
	Spec       *Spec  `json:"spec"`
	SpecSHA256 string `json:"spec_sha256"`
	Runs       int    `json:"runs"`
	// SpecPath and SpecYAML let `wijksim merge` rebuild the plan, with
	// PolicyFiles, the policies read from files, and OutcomeFiles.
	SpecPath     string                `json:"spec_path"`
	SpecYAML     string                `json:"spec_yaml"`
	PolicyFiles  []results.PolicyFile  `json:"policy_files,omitempty"`
	OutcomeFiles []results.OutcomeFile `json:"outcome_files,omitempty"`
	// Model is the wijksim that started the sweep: every run of the folder
	// is made by it, and a resume or a shard by another is refused. Nil in
	// a folder of a wijksim that did not record it.
	Model *buildinfo.Model `json:"model,omitempty"`
}

// modelKey is the Key of the model that made the folder's runs; "" for a
// folder of a wijksim that did not record it, whose records carry none.
func (id *sweepIdentity) modelKey() string {
	if id.Model == nil {
		return ""
	}
	return id.Model.Key()
}

// currentModel identifies the model this process runs; tests replace it.
var currentModel = buildinfo.CurrentModel

// Sweep runs every job of the spec's design that is not finished yet in
// opt.Out, then merges all runs into the folder's tables and writes the
// manifest. A failed run is recorded with its error and the sweep goes on.
// When ctx is cancelled the sweep stops after the runs in progress; running
// it again resumes.
func Sweep(ctx context.Context, spec *Spec, opt SweepOptions) (*SweepReport, error) {
	if opt.Shards > 1 && (opt.Shard < 0 || opt.Shard >= opt.Shards) {
		return nil, fmt.Errorf("sweep: shard %d of %d; allowed: 0 to %d", opt.Shard, opt.Shards, opt.Shards-1)
	}
	book, err := checkSweep(spec, opt.Limits)
	if err != nil {
		return nil, err
	}
	model, err := currentModel()
	if err != nil {
		return nil, fmt.Errorf("sweep: %w", err)
	}
	plan, err := spec.Expand()
	if err != nil {
		return nil, err
	}
	wantMonthly := slices.Contains(spec.Outputs, OutputMonthly)
	wantEvents := slices.Contains(spec.Outputs, OutputEvents)
	jobs := plan.Jobs
	if opt.Shards > 1 {
		jobs = ShardJobs(plan.Jobs, opt.Shard, opt.Shards)
	}
	memory, err := budgetPlan(plan, jobs, opt.Limits, book, wantEvents)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(SweepKinds, opt.kind()) {
		return nil, fmt.Errorf("sweep: manifest kind %q; allowed: %s", opt.Kind, strings.Join(SweepKinds, ", "))
	}
	if err := checkNewFolder(opt.Out, opt.kind()); err != nil {
		return nil, err
	}
	lock, err := lockFolder(opt.Out, opt.Shard, opt.Shards, opt.Command)
	if err != nil {
		return nil, err
	}
	defer lock.unlock()
	id, err := claimFolder(opt.Out, spec, len(plan.Jobs), model)
	if err != nil {
		return nil, err
	}
	// runsModel made the folder's runs (nil for a wijksim that did not
	// record it). Another model may merge and analyse them, which runs
	// nothing, but not add runs: otherModel refuses that once the runs to
	// do are known. A shard writes its manifest as its own model's, so it
	// is refused at once.
	runsModel := &model
	var otherModel error
	if id != nil {
		// The folder's own model, also when it did not record the
		// architecture: its records then carry none, nor will these.
		runsModel = id.Model
		if err := id.check(opt.Out, spec, len(plan.Jobs), &model); err != nil {
			if opt.Shards > 1 {
				return nil, err
			}
			otherModel = err
		}
	}
	runsKey := ""
	if runsModel != nil {
		runsKey = runsModel.Key()
	}
	// The lock is held: temporary files here are those of a killed attempt.
	if err := removeTempFiles(opt); err != nil {
		return nil, err
	}

	rep := &SweepReport{Runs: len(jobs)}
	stored, err := OpenRuns(opt.Out)
	if err != nil {
		return nil, err
	}
	if err := stored.Check(plan, runsKey); err != nil {
		stored.Close()
		if otherModel != nil {
			return nil, otherModel // this model may not resume, whatever the records
		}
		return nil, err
	}
	log := newRunLog(opt.Out, opt.Shard, opt.Shards)
	defer log.close()
	store := func(out Outcome) error {
		rec, err := makeRecord(plan, out, runsKey, wantMonthly, wantEvents)
		if err != nil {
			return err
		}
		line, err := recordLine(rec)
		if err != nil {
			return err
		}
		return log.append(line)
	}
	var todo, refused []Job
	for _, job := range jobs {
		_, invalid := plan.Invalid[job.Index]
		if stored.Has(job.Index) && !(stored.retry(job.Index) && !invalid) {
			rep.Skipped++
			continue
		}
		if stored.Has(job.Index) && invalid {
			rep.Skipped++ // refused for the limits again: the record stands
			continue
		}
		if _, bad := plan.Invalid[job.Index]; bad {
			refused = append(refused, job)
			continue
		}
		todo = append(todo, job)
	}
	if otherModel != nil && len(todo)+len(refused) > 0 {
		stored.Close()
		return nil, otherModel
	}
	for _, job := range refused {
		if err := store(Outcome{Job: job, Err: plan.Invalid[job.Index]}); err != nil {
			stored.Close()
			return nil, err
		}
	}
	wrote := len(refused) > 0 // records of refused runs appended here
	// With nothing to run and nothing appended, the index just made is the
	// merge's: it is kept rather than the run logs read again.
	current := len(todo) == 0 && !wrote
	if current {
		defer stored.Close()
	} else {
		stored.Close()
	}
	done := len(jobs) - len(todo)
	if opt.Progress != nil {
		opt.Progress(done, len(jobs))
	}
	err = Execute(ctx, todo, RunOptions{Workers: opt.Workers, RecordEvents: wantEvents, Store: store, MaxMemory: memory}, func(out Outcome) error {
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
	if err := log.close(); err != nil {
		return nil, err
	}
	if opt.Shards > 1 {
		if err := writeShardManifest(opt, spec, jobs, model, rep); err != nil {
			return nil, err
		}
		return rep, nil
	}
	if current {
		err = mergeRuns(ctx, stored, plan, runsModel, opt, rep)
	} else {
		err = merge(ctx, plan, runsModel, opt, rep)
	}
	if err != nil {
		return nil, err
	}
	return rep, nil
}

// CheckSweepFolder refuses, before any task of a sweep is written or run,
// a folder out that holds another sweep (another spec), runs of another
// model than model (when it is not nil: the wijksim that will run the
// tasks), or another command's results; a folder of the same sweep, or a
// new one, is allowed.
func CheckSweepFolder(out string, spec *Spec, model *buildinfo.Model) error {
	id, err := storedIdentity(out)
	switch {
	case err != nil:
		return err
	case id == nil:
		return checkNewFolder(out, KindSweep)
	}
	return id.check(out, spec, -1, model)
}

// storedIdentity reads the identity of the sweep in folder out
// (sweep.json); nil if there is none yet.
func storedIdentity(out string) (*sweepIdentity, error) {
	b, err := os.ReadFile(filepath.Join(out, SweepSpecFile))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("sweep folder: %w", err)
	}
	var id sweepIdentity
	if err := json.Unmarshal(b, &id); err != nil {
		return nil, fmt.Errorf("sweep folder %s: unreadable %s: %w", out, SweepSpecFile, err)
	}
	return &id, nil
}

// check refuses a stored identity of another sweep than spec's, of runs
// runs (any number when runs < 0), or, when model is not nil, one whose
// runs another model made: a resumed sweep would mix the results of two
// versions of the model.
func (id *sweepIdentity) check(out string, spec *Spec, runs int, model *buildinfo.Model) error {
	if id.SpecSHA256 != spec.SHA256 || (runs >= 0 && id.Runs != runs) {
		return fmt.Errorf("sweep folder %s holds another sweep (spec hash %.12s, this spec %.12s); choose another --out or remove it", out, id.SpecSHA256, spec.SHA256)
	}
	switch {
	case model == nil:
	case id.Model == nil:
		return fmt.Errorf("sweep folder %s holds runs of an earlier wijksim, which did not record its version, and this is wijksim %s: results of different versions may differ, and resuming would mix them; resume the sweep with the wijksim that started it, or give this sweep a new --out", out, model)
	case id.Model.Same(*model):
	case id.Model.Version == model.Version && id.Model.BinarySHA256 == model.BinarySHA256:
		return fmt.Errorf("sweep folder %s holds runs made by wijksim %s built for %s, and this binary is built for %s: builds for other processors may round results differently, and resuming would mix them; resume the sweep on a machine of the architecture that started it (%s), or give this sweep a new --out", out, model, id.Model.Arch, model.Arch, id.Model.Arch)
	case id.Model.Version == model.Version:
		return fmt.Errorf("sweep folder %s holds runs made by another build of wijksim %s (binary SHA-256 %.12s; this binary's is %.12s): a build from changed sources may give other results, and resuming would mix them; resume the sweep with the binary that started it, or give this sweep a new --out", out, model.Version, id.Model.BinarySHA256, model.BinarySHA256)
	default:
		return fmt.Errorf("sweep folder %s holds runs made by wijksim %s, and this is wijksim %s: results of different versions may differ, and resuming would mix them; resume the sweep with wijksim %s, or give this sweep a new --out", out, id.Model, model, id.Model)
	}
	return nil
}

// checkNewFolder refuses a folder out without a sweep's spec that holds
// another command's results (results.CheckFolder, for the command kind),
// before the sweep's lock is taken; what shards of the same sweep write as
// they start (the lock, the spec, runs/ and shards/) is the sweep's own. A
// folder with the sweep's spec is checked by its identity (claimFolder):
// the sweep, sensitivity analysis or discovery run again resumes it.
func checkNewFolder(out, kind string) error {
	if _, err := os.Stat(filepath.Join(out, SweepSpecFile)); !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return results.CheckFolder(out, kind, []string{LockFile, SweepSpecFile}, []string{runsDir, shardsDir})
}

// claimFolder creates the results folder, recording model as the one that
// makes its runs, or checks that an existing one belongs to the same sweep
// and returns its identity, whose model the caller checks.
func claimFolder(out string, spec *Spec, runs int, model buildinfo.Model) (*sweepIdentity, error) {
	id, err := storedIdentity(out)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(out, runsDir), 0o755); err != nil {
		return nil, fmt.Errorf("sweep folder: %w", err)
	}
	if id != nil {
		return id, id.check(out, spec, runs, nil)
	}
	return nil, results.WriteFileAtomic(filepath.Join(out, SweepSpecFile), func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		var man results.Manifest
		man.AddPolicyFiles(spec.PolicyFiles)
		man.AddOutcomeFiles(spec.Registry)
		return enc.Encode(sweepIdentity{Spec: spec, SpecSHA256: spec.SHA256, Runs: runs, SpecPath: spec.Source, SpecYAML: string(spec.Raw),
			PolicyFiles: man.PolicyFiles, OutcomeFiles: man.OutcomeFiles, Model: &model})
	})
}

func metricsToRaw(ms results.Metrics) map[string]*float64 {
	out := make(map[string]*float64, len(ms))
	for _, m := range ms {
		out[m.Name] = finite(m.Value)
	}
	return out
}

// makeRecord builds the stored record of one finished run, with its
// monthly series and events when the sweep keeps them.
func makeRecord(plan *Plan, o Outcome, model string, monthly, events bool) (*runRecord, error) {
	rec := &runRecord{Index: o.Job.Index, Point: o.Job.Point, Policy: o.Job.Policy, Seed: o.Job.Seed, Replicate: o.Job.Replicate, PointSHA256: plan.JobHash(o.Job), Model: model}
	if o.Err != nil {
		rec.Error = o.Err.Error()
		rec.Retry = budget.IsExceeded(o.Err)
		return rec, nil
	}
	pt := plan.Points[o.Job.Point]
	r := results.Run{Scenario: pt.Scenario, Policy: o.Job.Policy, Seed: o.Job.Seed, Replicate: o.Job.Replicate, Stats: o.Stats, Kinds: o.Kinds, Events: o.Events, AfterExit: o.AfterExit, Outcomes: plan.Spec.Registry}
	s := results.Summarize(r)
	rec.RawEnd, rec.RawYear, rec.ByKind = metricsToRaw(s.End), metricsToRaw(s.FirstYear), s.ByKind
	var b strings.Builder
	if monthly {
		if err := results.WriteMonthlyCSV(&b, r, false); err != nil {
			return nil, err
		}
		rec.Monthly = b.String()
	}
	if events {
		b.Reset()
		if err := results.WriteEventsCSV(&b, r, false); err != nil {
			return nil, err
		}
		rec.Events = b.String()
	}
	return rec, nil
}

// summaryColumns are the columns of summaries.csv.
func summaryColumns(plan *Plan) (cols []results.TableColumn, end, year, kind []string) {
	cols = []results.TableColumn{
		{Name: "run", Type: results.IntColumn}, {Name: "point", Type: results.IntColumn},
		{Name: "scenario", Type: results.StringColumn}, {Name: "policy", Type: results.StringColumn},
		{Name: "seed", Type: results.IntColumn}, {Name: "replicate", Type: results.IntColumn},
	}
	cols = append(cols, factorColumns(plan)...)
	cols = append(cols, results.TableColumn{Name: "status", Type: results.StringColumn}, results.TableColumn{Name: "error", Type: results.StringColumn})
	monthType := map[string]results.ColumnType{}
	for _, c := range monthColumns(plan.Spec.Registry) {
		monthType[c.Name] = c.Type
	}
	end = SeriesNames(plan.Spec.Registry)
	for _, n := range end {
		cols = append(cols, results.TableColumn{Name: n, Type: monthType[n]})
	}
	// The first year's exits and sanctions are counts, as the monthly
	// columns of the same names.
	year = []string{"exits_to_work", "exits_without_work", "sanctions", "share_rung_3_plus"}
	for _, n := range year {
		cols = append(cols, results.TableColumn{Name: "first_year_" + n, Type: monthType[n]})
	}
	kindCols := results.KindMetricColumns()
	for _, c := range kindCols {
		kind = append(kind, c.Name)
	}
	for k := sim.Kind(0); k < sim.NumKinds; k++ {
		for _, c := range kindCols {
			cols = append(cols, results.TableColumn{Name: strings.ReplaceAll(k.String(), "-", "_") + "_" + c.Name, Type: c.Type})
		}
	}
	return cols, end, year, kind
}

// factorColumns are the columns of the design's parameters: integers for
// integer and boolean parameters (0 or 1), doubles for the others.
func factorColumns(plan *Plan) []results.TableColumn {
	cols := make([]results.TableColumn, len(plan.Factors))
	for i, f := range plan.Factors {
		cols[i] = results.TableColumn{Name: f.Key, Type: results.FloatColumn}
		if f.Integer {
			cols[i].Type = results.IntColumn
		}
	}
	return cols
}

// monthColumns are the columns of a run's monthly series after the run's
// identification, typed.
func monthColumns(reg *outcomes.Registry) []results.TableColumn {
	mc := results.Columns(reg)
	cols := make([]results.TableColumn, len(mc))
	for i, c := range mc {
		cols[i] = results.TableColumn{Name: c.Name, Type: results.FloatColumn}
		if c.Integer {
			cols[i].Type = results.IntColumn
		}
	}
	return cols
}

// runIDColumns identify a run in every row of the merged monthly and event
// tables.
var runIDColumns = []results.TableColumn{
	{Name: "run", Type: results.IntColumn}, {Name: "point", Type: results.IntColumn},
	{Name: "scenario", Type: results.StringColumn}, {Name: "policy", Type: results.StringColumn},
	{Name: "seed", Type: results.IntColumn}, {Name: "replicate", Type: results.IntColumn},
}

// sweepMonthlyColumns are the columns of the merged monthly table.
func sweepMonthlyColumns(reg *outcomes.Registry) []results.TableColumn {
	return append(slices.Clone(runIDColumns), monthColumns(reg)...)
}

// sweepEventColumns are the columns of the merged event table.
func sweepEventColumns() []results.TableColumn {
	return append(slices.Clone(runIDColumns),
		results.TableColumn{Name: "month", Type: results.IntColumn}, results.TableColumn{Name: "resident", Type: results.IntColumn},
		results.TableColumn{Name: "kind", Type: results.StringColumn}, results.TableColumn{Name: "event", Type: results.StringColumn},
		results.TableColumn{Name: "rung", Type: results.IntColumn})
}

// columnNames joins the names of cols as a CSV header.
func columnNames(cols []results.TableColumn) string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return strings.Join(names, ",")
}

// merge combines the stored runs, in run order, into the folder's tables,
// then writes the manifest. model is the model that made the runs (nil
// for a folder of a wijksim that did not record it): every record must
// carry it, and the manifest names it.
func merge(ctx context.Context, plan *Plan, model *buildinfo.Model, opt SweepOptions, rep *SweepReport) error {
	runs, err := OpenRuns(opt.Out)
	if err != nil {
		return err
	}
	defer runs.Close()
	return mergeRuns(ctx, runs, plan, model, opt, rep)
}

// mergeRuns is merge with the folder's runs open. It reads and decodes
// each run's record once, whatever tables and formats are written.
func mergeRuns(ctx context.Context, runs *Runs, plan *Plan, model *buildinfo.Model, opt SweepOptions, rep *SweepReport) error {
	spec := plan.Spec
	key := ""
	if model != nil {
		key = model.Key()
	}
	if err := runs.Check(plan, key); err != nil {
		return err
	}
	for _, job := range plan.Jobs {
		if !runs.Has(job.Index) {
			return fmt.Errorf("sweep %s: run %d has no stored result", opt.Out, job.Index)
		}
	}
	var extra Analysis
	if opt.Analyse != nil {
		a, err := opt.Analyse(runs, plan)
		if err != nil {
			return err
		}
		if a != nil {
			extra = *a
		}
	}
	ext := ".csv"
	if opt.Gzip {
		ext = ".csv.gz"
	}
	cols, endNames, yearNames, kindNames := summaryColumns(plan)
	tables := []*mergedTable{{name: "summaries", cols: cols}}
	for _, tb := range []*mergedTable{
		{output: OutputMonthly, name: "monthly", cols: sweepMonthlyColumns(spec.Registry), part: func(r *storedRecord) string { return r.Monthly }},
		{output: OutputEvents, name: "events", cols: sweepEventColumns(), part: func(r *storedRecord) string { return r.Events }},
	} {
		if slices.Contains(spec.Outputs, tb.output) {
			tables = append(tables, tb)
		}
	}
	var names []string
	for _, tb := range tables {
		names = append(names, tb.name+ext)
		if opt.Parquet {
			names = append(names, tb.name+".parquet")
		}
	}
	row := make([]any, len(cols))
	failed := 0
	summaryRow := func(job Job, rec *storedRecord) []any {
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
			put(rec.Error)
		} else {
			put("ok")
			put(nil) // NA: no error
		}
		for _, n := range endNames {
			put(rec.RawEnd.get(n))
		}
		for _, n := range yearNames {
			put(rec.RawYear.get(n))
		}
		for k := 0; k < sim.NumKinds; k++ {
			var ms storedValues
			if k < len(rec.ByKind) {
				ms = rec.ByKind[k].Outcomes
			}
			for _, n := range kindNames {
				put(ms.get(n))
			}
		}
		return row
	}
	// One pass over the records writes every table: each record is read
	// and decoded once, however many files show it.
	writeTables := func(ws []io.Writer) error {
		for _, tb := range tables {
			w := ws[0]
			ws = ws[1:]
			var err error
			if tb.part == nil {
				tb.csv, err = results.NewCSVWriter(w, tb.cols, opt.Gzip)
			} else {
				tb.text, err = newTextTable(w, opt.Gzip, columnNames(tb.cols))
			}
			if err != nil {
				return err
			}
			if opt.Parquet {
				if tb.parquet, err = results.NewParquetWriter(ws[0], tb.name, tb.cols); err != nil {
					return err
				}
				ws = ws[1:]
			}
			tb.row = make([]any, len(tb.cols))
		}
		failed = 0
		err := eachRecord(ctx, runs, plan.Jobs, opt.Workers, func(job Job, rec *storedRecord) error {
			if rec.Error != "" {
				failed++
			}
			for _, tb := range tables {
				if tb.part == nil {
					if err := tb.writeRow(summaryRow(job, rec)); err != nil {
						return err
					}
					continue
				}
				if err := tb.writeRun(job, tb.part(rec)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, tb := range tables {
			var err error
			if tb.csv != nil {
				err = tb.csv.Close()
			} else {
				err = tb.text.Close()
			}
			if err != nil {
				return err
			}
			if tb.parquet != nil {
				if err := tb.parquet.Close(); err != nil {
					return err
				}
			}
		}
		return nil
	}
	groups := []results.FileGroup{
		{Names: []string{PointsFile}, Write: func(ws []io.Writer) error { return writePoints(ws[0], plan) }},
		{Names: names, Write: writeTables},
	}
	written := append([]string{PointsFile, results.ManifestFile}, names...)
	for _, f := range extra.Files {
		if slices.Contains(written, f.Name) {
			return fmt.Errorf("sweep %s: the analysis writes %s, which the sweep or the analysis writes already", opt.Out, f.Name)
		}
		written = append(written, f.Name)
		groups = append(groups, results.FileGroup{Names: []string{f.Name}, Write: func(ws []io.Writer) error { return f.Write(ws[0]) }})
	}
	base, err := spec.baseScenario()
	if err != nil {
		return err
	}
	man := results.NewManifest(opt.kind(), base, opt.Command)
	if model != nil {
		// The runs' model, which a merge by another wijksim did not run.
		man.Version, man.BinarySHA256, man.Arch = model.Version, model.BinarySHA256, model.Arch
	}
	man.Seed = spec.Seed
	man.Policies = spec.Policies
	man.AddPolicyFiles(spec.PolicyFiles)
	man.AddOutcomeFiles(spec.Registry)
	man.Replicates = spec.Replicates
	man.Spec = spec
	man.SpecSHA256 = spec.SHA256
	// Tables of an earlier merge in other forms (gzipped, Parquet) or of
	// outputs no longer asked for, files of an earlier analysis, and any
	// other file the folder's manifest lists that this merge does not
	// write (those of another analysis, or of none).
	var stale []string
	for _, name := range []string{"summaries", "monthly", "events"} {
		for _, e := range []string{".csv", ".csv.gz", ".parquet"} {
			stale = append(stale, name+e)
		}
	}
	stale = append(stale, extra.Stale...)
	stale = append(stale, listedFiles(opt.Out)...)
	keep := append([]string{SweepSpecFile, LockFile}, written...)
	stale = slices.DeleteFunc(slices.Compact(slices.Sorted(slices.Values(stale))), func(name string) bool { return slices.Contains(keep, name) })
	if err := results.ReplaceFolderGroups(opt.Out, man, groups, stale); err != nil {
		return err
	}
	rep.Failed = failed
	for _, f := range man.Files {
		rep.Files = append(rep.Files, f.Name)
	}
	return nil
}

// listedFiles are the files of the folder dir that its manifest lists:
// regular files of dir itself; none when dir has no readable manifest.
func listedFiles(dir string) []string {
	man, err := results.ReadManifest(dir)
	if err != nil {
		return nil
	}
	var names []string
	for _, f := range man.Files {
		if f.Name == "" || f.Name != filepath.Base(f.Name) {
			continue
		}
		if fi, err := os.Lstat(filepath.Join(dir, f.Name)); err == nil && fi.Mode().IsRegular() {
			names = append(names, f.Name)
		}
	}
	return names
}

// mergedTable is one table of a merged sweep, written as CSV and, when
// asked, as Parquet: the summaries (part nil, one row a run) or the rows
// that part picks from each run's record (monthly, events).
type mergedTable struct {
	output  string
	name    string
	cols    []results.TableColumn
	part    func(*storedRecord) string
	csv     results.RowWriter // the summaries' CSV
	text    *textTable        // the CSV of the others
	parquet results.RowWriter
	row     []any
}

// writeRow writes one summary row to the table's files.
func (t *mergedTable) writeRow(row []any) error {
	if err := t.csv.WriteRow(row); err != nil {
		return err
	}
	if t.parquet != nil {
		return t.parquet.WriteRow(row)
	}
	return nil
}

// writeRun writes the CSV rows text of one run (a record's monthly or
// events text, without a header), prefixed by run and point: copied to the
// CSV, read back into typed values (NA as null) for the Parquet file.
// Failed runs have no rows.
func (t *mergedTable) writeRun(job Job, text string) error {
	if err := t.text.writeRun(job, text); err != nil {
		return err
	}
	if t.parquet == nil {
		return nil
	}
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = len(t.cols) - 2
	r.ReuseRecord = true
	for line := 1; ; line++ {
		fields, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s of run %d: %w", t.name, job.Index, err)
		}
		t.row[0], t.row[1] = int64(job.Index), int64(job.Point)
		for i, f := range fields {
			v, err := typedValue(f, t.cols[i+2])
			if err != nil {
				return fmt.Errorf("%s of run %d, line %d: %w", t.name, job.Index, line, err)
			}
			t.row[i+2] = v
		}
		if err := t.parquet.WriteRow(t.row); err != nil {
			return err
		}
	}
}

// typedValue reads the CSV field f of column c: NA is missing (nil).
func typedValue(f string, c results.TableColumn) (any, error) {
	switch {
	case c.Type == results.StringColumn:
		return f, nil
	case f == "NA":
		return nil, nil
	case c.Type == results.IntColumn:
		i, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("column %s: %q is not an integer", c.Name, f)
		}
		return i, nil
	default:
		x, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return nil, fmt.Errorf("column %s: %q is not a number", c.Name, f)
		}
		return x, nil
	}
}

// textTable writes a CSV table whose rows are copied from the texts of
// run records, each prefixed by its run and point.
type textTable struct {
	*lineWriter
}

func newTextTable(w io.Writer, gz bool, header string) (*textTable, error) {
	lw, err := newLineWriter(w, gz)
	if err != nil {
		return nil, err
	}
	if _, err := io.WriteString(lw, header+"\n"); err != nil {
		return nil, err
	}
	return &textTable{lw}, nil
}

// writeRun copies the rows of one run, prefixed by its run and point.
func (t *textTable) writeRun(job Job, text string) error {
	prefix := strconv.Itoa(job.Index) + "," + strconv.Itoa(job.Point) + ","
	for _, line := range strings.SplitAfter(text, "\n") {
		if line == "" {
			continue
		}
		if _, err := io.WriteString(t, prefix+line); err != nil {
			return err
		}
	}
	return nil
}

func writePoints(w io.Writer, plan *Plan) error {
	cols := []results.TableColumn{{Name: "point", Type: results.IntColumn}, {Name: "scenario", Type: results.StringColumn}, {Name: "scenario_sha256", Type: results.StringColumn}}
	cols = append(cols, factorColumns(plan)...)
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

// removeTempFiles deletes the temporary files an interrupted attempt left
// behind (atomic writes that never reached their rename, such as the
// tables of a killed merge). The caller holds the folder's lock: alone,
// when every temporary file is stale; as a shard, when only those of its
// own runs and manifest are (the other shards may be writing theirs at
// this moment, into the same folder).
func removeTempFiles(opt SweepOptions) error {
	dirs := []string{opt.Out, filepath.Join(opt.Out, runsDir), filepath.Join(opt.Out, shardsDir)}
	if opt.Shards > 1 {
		dirs = dirs[1:]
	}
	ownManifest := "." + filepath.Base(shardPath(opt.Out, opt.Shard, opt.Shards)) + ".tmp-"
	for _, dir := range dirs {
		matches, err := filepath.Glob(filepath.Join(dir, ".*.tmp-*"))
		if err != nil {
			return fmt.Errorf("sweep folder: %w", err)
		}
		for _, m := range matches {
			if opt.Shards > 1 && !strings.HasPrefix(filepath.Base(m), ownManifest) {
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
// up to workers goroutines read and decode the records ahead of it. It
// stops with ctx's error when ctx is done.
func eachRecord(ctx context.Context, runs *Runs, jobs []Job, workers int, fn func(Job, *storedRecord) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type result struct {
		rec *storedRecord
		err error
	}
	stop := make(chan struct{})
	// On return, the reads still going finish before the caller may close
	// the run logs they read.
	var reading sync.WaitGroup
	defer func() {
		close(stop)
		reading.Wait()
	}()
	ahead := make(chan chan result, 4*workers)
	reading.Add(1)
	go func() {
		defer reading.Done()
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
			reading.Add(1)
			go func(index int) {
				defer reading.Done()
				rec, err := runs.record(index)
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
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("merge stopped: %w", err)
		}
		if err := fn(jobs[i], r.rec); err != nil {
			return err
		}
		i++
	}
	return nil
}
