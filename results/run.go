package results

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/wijksim/wijksim/internal/buildinfo"
	"github.com/wijksim/wijksim/outcomes"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

// The files of a run's results folder.
const (
	MonthlyFile  = "monthly.csv"
	SummaryFile  = "summary.json"
	EventsFile   = "events.csv"
	ManifestFile = "manifest.json"
)

// Run is everything one simulation run produced.
type Run struct {
	Scenario  *scenarios.Scenario
	Policy    string
	Seed      uint64
	Replicate uint64
	Stats     []sim.MonthStats
	Kinds     [sim.NumKinds]sim.KindSummary
	// Events is the event log; nil when it was not recorded.
	Events []sim.Event
	// AfterExit is what happened after the exits; nil if unknown.
	AfterExit *sim.AfterExit
	// Def is the policy run, if known; a policy read from a file is
	// recorded in the manifest.
	Def *policies.Policy
	// Outcomes is the outcome registry whose series the files hold; nil
	// for the built-in outcomes.
	Outcomes *outcomes.Registry
}

// FromModel collects the outputs of a finished model.
func FromModel(sc *scenarios.Scenario, m *sim.Model, seed, replicate uint64) Run {
	return Run{
		Scenario:  sc,
		Policy:    m.Policy().Name,
		Seed:      seed,
		Replicate: replicate,
		Stats:     m.Stats(),
		Kinds:     m.KindSummaries(),
		Events:    m.Events(),
		AfterExit: m.AfterExit(),
	}
}

// WriteRun writes the results of r to dir, creating it if needed: the
// monthly series, the summary, the event log (if recorded) and, last, the
// manifest. command is recorded in the manifest. The folder is replaced as
// RunWrite replaces the folder of one policy.
func WriteRun(dir string, r Run, command []string) (*Manifest, error) {
	w, err := NewRunWrite(dir, []string{r.Policy})
	if err != nil {
		return nil, err
	}
	defer w.Abort()
	man, err := w.Stage(nil, r, command)
	if err != nil {
		return nil, err
	}
	return man, w.Commit()
}

// runFolder returns the manifest of r's folder, its files and the files of
// an earlier run that it has none of and removes.
func runFolder(r Run, command []string) (*Manifest, []FileGroup, []string) {
	man := NewManifest("run", r.Scenario, command)
	man.Policy = r.Policy
	if r.Def != nil {
		man.AddPolicyFiles([]*policies.Policy{r.Def})
	}
	man.AddOutcomeFiles(r.Outcomes)
	man.Seed = r.Seed
	man.Replicate = r.Replicate

	files := []File{
		{MonthlyFile, func(w io.Writer) error { return WriteMonthlyCSV(w, r, true) }},
		{SummaryFile, func(w io.Writer) error { return WriteSummaryJSON(w, r) }},
	}
	// The event log of an earlier run into dir would pass for this one's.
	var stale []string
	if r.Events != nil {
		files = append(files, File{EventsFile, func(w io.Writer) error { return WriteEventsCSV(w, r, true) }})
	} else {
		stale = append(stale, EventsFile)
	}
	return man, fileGroups(files), stale
}

// File is one file of a results folder and the function that writes it.
// The files of a folder are written concurrently (WriteFolder), so Write
// must not change what another file's Write reads.
type File struct {
	Name  string
	Write func(io.Writer) error
}

// FileGroup is files of a results folder written together, in one pass
// over what they show: Write gets a writer for each name, in order. Groups
// are written concurrently, as files are (File).
type FileGroup struct {
	Names []string
	Write func([]io.Writer) error
}

// WriteFolder writes each file into dir atomically, the files at once,
// adds each one's size and SHA-256 to the manifest in the order of files,
// and writes the manifest last, once every file is written.
func WriteFolder(dir string, man *Manifest, files []File) error {
	return WriteFolderGroups(dir, man, fileGroups(files))
}

// fileGroups makes a group of each file.
func fileGroups(files []File) []FileGroup {
	groups := make([]FileGroup, len(files))
	for i, f := range files {
		groups[i] = FileGroup{Names: []string{f.Name}, Write: func(ws []io.Writer) error { return f.Write(ws[0]) }}
	}
	return groups
}

// WriteFolderGroups is WriteFolder for groups of files, each group written
// in one pass (WriteFilesAtomic). The groups are written concurrently, so
// that a large file's formatting and sync overlap the others', each to
// temporary files beside its own; the manifest lists the files in the
// order of groups and names. Only when every group has been written does
// the folder change: its manifest is removed, the new files take the old
// ones' places and the new manifest is written. When a group fails,
// nothing in dir changes, an earlier manifest and its files included, and
// no temporary file is left; a process stopped while the groups are
// written leaves the earlier results as they were (and its temporary
// files).
func WriteFolderGroups(dir string, man *Manifest, groups []FileGroup) error {
	return writeFolder(dir, man, groups, nil)
}

// WriteFiles writes files into dir as WriteFolder does, staged together
// (a failure changes nothing), for folders whose files describe themselves
// and have no manifest (a calibration); the files stale, of an earlier
// write that this one does not replace, are removed when the new files
// take their places.
func WriteFiles(dir string, files []File, stale ...string) error {
	return writeFolder(dir, nil, fileGroups(files), stale)
}

// ReplaceFolderGroups is WriteFolderGroups that also removes the files
// stale, left by an earlier write in another form (a table written as
// .csv.gz or .parquet then and as .csv alone now), when the new files take
// their places, so that no file of the earlier write passes for this one's.
func ReplaceFolderGroups(dir string, man *Manifest, groups []FileGroup, stale []string) error {
	return writeFolder(dir, man, groups, stale)
}

// writeFolder is WriteFolderGroups that also removes the files stale of an
// earlier write, with its manifest, when the new files take their places.
func writeFolder(dir string, man *Manifest, groups []FileGroup, stale []string) error {
	p, err := stageFolder(dir, man, groups, stale)
	if err != nil {
		return err
	}
	if err := p.clear(); err != nil {
		p.abort()
		return err
	}
	return p.place()
}

// pendingFolder is the new files of a results folder, staged beside the
// files they replace, that clear and place put in their places.
type pendingFolder struct {
	dir      string
	sts      []*staged // the files, a group each
	manifest *staged   // nil without a manifest
	stale    []string  // files of an earlier write to remove
	left     []string  // temporaries of a killed write, to remove
}

// stageFolder writes the files of groups, and then their manifest man (if
// not nil, with the files' entries added), to temporary files in dir,
// creating dir if needed. When a group fails, nothing in dir changes and
// no temporary file is left.
func stageFolder(dir string, man *Manifest, groups []FileGroup, stale []string) (*pendingFolder, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("results folder: %w", err)
	}
	p := &pendingFolder{dir: dir, stale: stale}
	// Temporary files of these names that a killed write left (found
	// before this write stages its own, so that another process's are
	// not taken for them) would count as results of an unfinished write.
	names := []string{ManifestFile}
	for _, g := range groups {
		names = append(names, g.Names...)
	}
	for _, name := range names {
		found, _ := filepath.Glob(filepath.Join(dir, "."+name+".tmp-*"))
		p.left = append(p.left, found...)
	}
	entries := make([][]FileEntry, len(groups))
	p.sts = make([]*staged, len(groups))
	errs := make([]error, len(groups))
	var wg sync.WaitGroup
	for gi, g := range groups {
		wg.Go(func() { p.sts[gi], entries[gi], errs[gi] = writeGroup(dir, g) })
	}
	wg.Wait()
	// The first group's error, whatever the order they failed in.
	for _, err := range errs {
		if err != nil {
			p.abort()
			return nil, err
		}
	}
	if man != nil {
		for _, e := range entries {
			man.Files = append(man.Files, e...)
		}
		st, err := stageAtomic([]string{filepath.Join(dir, ManifestFile)}, func(ws []io.Writer) error { return man.Write(ws[0]) }, true)
		if err != nil {
			p.abort()
			return nil, err
		}
		p.manifest = st
	}
	return p, nil
}

// commitStep, when tests set it, is called before each change that a
// commit makes to results folders, so that they can stop the commit there
// (by panicking), as a kill of the process would.
var commitStep func()

func step() {
	if commitStep != nil {
		commitStep()
	}
}

// clear removes the manifest of p's folder, first, so that the folder is no
// longer taken for complete while its files change, and then the stale
// files of an earlier write.
func (p *pendingFolder) clear() error {
	if p.manifest != nil {
		step()
		if err := removeManifest(p.dir); err != nil {
			return err
		}
	}
	for _, name := range p.stale {
		step()
		if err := os.Remove(filepath.Join(p.dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("results folder %s: remove %s of the write before: %w", p.dir, name, err)
		}
	}
	return nil
}

// place renames the staged files over the old ones, the manifest last,
// and removes the temporaries of a killed write. After a failed rename the
// files not yet renamed are removed.
func (p *pendingFolder) place() error {
	sts := p.sts
	if p.manifest != nil {
		sts = append(slices.Clone(sts), p.manifest)
	}
	for i, st := range sts {
		if err := st.commit(); err != nil {
			for _, st := range sts[i+1:] {
				st.abort()
			}
			return err
		}
	}
	for _, tmp := range p.left {
		os.Remove(tmp)
	}
	return nil
}

// abort removes the staged files.
func (p *pendingFolder) abort() {
	for _, st := range append(slices.Clone(p.sts), p.manifest) {
		if st != nil {
			st.abort()
		}
	}
}

// removeManifest removes the manifest of dir, if there is one, before the
// files it describes change.
func removeManifest(dir string) error {
	if err := os.Remove(filepath.Join(dir, ManifestFile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("results folder %s: remove the manifest of the files before: %w", dir, err)
	}
	return nil
}

// writeGroup writes the files of g to temporary files in dir in one pass
// and returns them, staged, with their manifest entries.
func writeGroup(dir string, g FileGroup) (*staged, []FileEntry, error) {
	paths := make([]string, len(g.Names))
	hashes := make([]hash.Hash, len(g.Names))
	sizes := make([]countingWriter, len(g.Names))
	for i, name := range g.Names {
		paths[i] = filepath.Join(dir, name)
		hashes[i] = sha256.New()
	}
	st, err := stageAtomic(paths, func(ws []io.Writer) error {
		tees := make([]io.Writer, len(ws))
		for i, w := range ws {
			tees[i] = io.MultiWriter(w, hashes[i], &sizes[i])
		}
		return g.Write(tees)
	}, true)
	if err != nil {
		return nil, nil, err
	}
	entries := make([]FileEntry, len(g.Names))
	for i, name := range g.Names {
		entries[i] = FileEntry{Name: name, Bytes: int64(sizes[i]), SHA256: hex.EncodeToString(hashes[i].Sum(nil))}
	}
	return st, entries, nil
}

type countingWriter int64

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}

// idHeader are the columns that identify a run in every CSV row.
const idHeader = "scenario,policy,seed,replicate"

func idPrefix(r Run) []byte {
	var b []byte
	b = append(b, csvField(r.Scenario.Name)...)
	b = append(b, ',')
	b = append(b, csvField(r.Policy)...)
	b = append(b, ',')
	b = strconv.AppendUint(b, r.Seed, 10)
	b = append(b, ',')
	b = strconv.AppendUint(b, r.Replicate, 10)
	return b
}

// csvField quotes s if it holds a comma, quote or line break.
func csvField(s string) string {
	if !strings.ContainsAny(s, ",\"\r\n") {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// WriteMonthlyCSV writes one row per month with the columns of
// MonthColumns, after the identifying columns; header adds the header line.
func WriteMonthlyCSV(w io.Writer, r Run, header bool) error {
	cols := Columns(r.Outcomes)
	if header {
		names := make([]string, len(cols))
		for i, c := range cols {
			names[i] = c.Name
		}
		if _, err := io.WriteString(w, idHeader+","+strings.Join(names, ",")+"\n"); err != nil {
			return err
		}
	}
	prefix := idPrefix(r)
	line := make([]byte, 0, 1024)
	ct := newColumnTable(cols, r.Stats)
	for i := range r.Stats {
		line = append(line[:0], prefix...)
		for j, c := range cols {
			line = append(line, ',')
			line = formatValue(line, ct.at(j, i), c.Integer)
		}
		line = append(line, '\n')
		if _, err := w.Write(line); err != nil {
			return err
		}
	}
	return nil
}

// WriteEventsCSV writes the event log, one event a row.
func WriteEventsCSV(w io.Writer, r Run, header bool) error {
	if header {
		if _, err := io.WriteString(w, idHeader+",month,resident,kind,event,rung\n"); err != nil {
			return err
		}
	}
	prefix := idPrefix(r)
	line := make([]byte, 0, 128)
	for _, e := range r.Events {
		line = append(line[:0], prefix...)
		line = append(line, ',')
		line = strconv.AppendInt(line, int64(e.Month), 10)
		line = append(line, ',')
		line = strconv.AppendInt(line, int64(e.Resident), 10)
		line = append(line, ',')
		line = append(line, e.Kind.String()...)
		line = append(line, ',')
		line = append(line, e.Type.String()...)
		line = append(line, ',')
		line = strconv.AppendInt(line, int64(e.Rung), 10)
		line = append(line, '\n')
		if _, err := w.Write(line); err != nil {
			return err
		}
	}
	return nil
}

// Summary is the end-of-run summary of one run.
type Summary struct {
	Scenario  string  `json:"scenario"`
	Policy    string  `json:"policy"`
	Seed      uint64  `json:"seed"`
	Replicate uint64  `json:"replicate"`
	Months    int     `json:"months"`
	End       Metrics `json:"end"`
	// FirstYear holds the exits in months 1-12, the early response.
	FirstYear Metrics `json:"first_year"`
	// AfterExit holds what became of those who left (ODD 7.13): the share
	// of the exits to work in work, and back on the benefit, 6, 12 and 18
	// months later, and the share of the exits back on the benefit within
	// 6, 12 and 24 months by route out; null where no exit was followed
	// that long.
	AfterExit Metrics       `json:"after_exit"`
	ByKind    []KindOutcome `json:"by_kind"`
}

// KindOutcome is the end-of-run outcome of the residents who started as
// one kind.
type KindOutcome struct {
	Kind     string  `json:"kind"`
	Outcomes Metrics `json:"outcomes"`
}

// Metric is one named value; NaN is written as null.
type Metric struct {
	Name  string
	Value float64
}

// Metrics is an ordered set of named values, written as a JSON object in order.
type Metrics []Metric

// MarshalJSON implements json.Marshaler.
func (ms Metrics) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range ms {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(m.Name)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(jsonNumber(m.Value))
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Get returns the value of the metric called name.
func (ms Metrics) Get(name string) (float64, bool) {
	for _, m := range ms {
		if m.Name == name {
			return m.Value, true
		}
	}
	return math.NaN(), false
}

func jsonNumber(x float64) []byte {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return []byte("null")
	}
	return strconv.AppendFloat(nil, x, 'g', -1, 64)
}

// Summarize builds the end-of-run summary of r.
func Summarize(r Run) Summary {
	end := &r.Stats[len(r.Stats)-1]
	s := Summary{
		Scenario:  r.Scenario.Name,
		Policy:    r.Policy,
		Seed:      r.Seed,
		Replicate: r.Replicate,
		Months:    end.Month,
	}
	cols := Columns(r.Outcomes)
	ct := newColumnTable(cols, r.Stats)
	for j, c := range cols[1:] {
		s.End = append(s.End, Metric{c.Name, ct.at(j+1, len(r.Stats)-1)})
	}
	year := &r.Stats[min(12, len(r.Stats)-1)]
	s.FirstYear = Metrics{
		{"exits_to_work", float64(year.CumExitsToWork)},
		{"exits_without_work", float64(year.CumExitsNoWork)},
		{"sanctions", float64(year.CumSanctions)},
		{"share_rung_3_plus", year.ShareRung3Plus()},
	}
	s.AfterExit = AfterExitMetrics(r.AfterExit)
	for k := range r.Kinds {
		s.ByKind = append(s.ByKind, KindOutcome{Kind: r.Kinds[k].Kind, Outcomes: KindMetrics(&r.Kinds[k])})
	}
	return s
}

// AfterExitMetrics lists what became of those who left the benefit: the
// shares of the exits to work in work and back on the benefit after 6, 12
// and 18 months, and the shares of the exits back on the benefit within 6,
// 12 and 24 months, for all exits and by route out (work, without work,
// pushed out: under pressure or by enforcement). NaN where undefined, and
// all NaN if a is nil.
func AfterExitMetrics(a *sim.AfterExit) Metrics {
	var ms Metrics
	val := func(f func() float64) float64 {
		if a == nil {
			return math.NaN()
		}
		return f()
	}
	for k, months := range sim.FollowMonths {
		ms = append(ms,
			Metric{fmt.Sprintf("work_in_work_%dm", months), val(func() float64 { return a.WorkShare(k, true) })},
			Metric{fmt.Sprintf("work_back_on_benefit_%dm", months), val(func() float64 { return a.WorkShare(k, false) })})
	}
	routes := []struct {
		name string
		rs   []sim.Route
	}{
		{"all", nil},
		{"work", []sim.Route{sim.RouteWork}},
		{"without_work", []sim.Route{sim.RouteOther, sim.RoutePressure, sim.RouteEnforcement}},
		{"pushed", []sim.Route{sim.RoutePressure, sim.RouteEnforcement}},
	}
	for k, months := range sim.ReturnMonths {
		for _, r := range routes {
			ms = append(ms, Metric{fmt.Sprintf("reentry_%dm_%s", months, r.name), val(func() float64 { return a.ReturnShare(k, r.rs...) })})
		}
	}
	return ms
}

// KindMetrics lists the numeric fields of a KindSummary under their JSON names.
func KindMetrics(k *sim.KindSummary) Metrics {
	v := reflect.ValueOf(*k)
	t := v.Type()
	var ms Metrics
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		switch f := v.Field(i); f.Kind() {
		case reflect.Float64:
			ms = append(ms, Metric{name, f.Float()})
		case reflect.Int:
			ms = append(ms, Metric{name, float64(f.Int())})
		}
	}
	return ms
}

// KindMetricColumns are the columns of the metrics that KindMetrics lists,
// in its order: counts as integer columns, the rest as float columns.
func KindMetricColumns() []TableColumn {
	t := reflect.TypeFor[sim.KindSummary]()
	var cols []TableColumn
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		switch t.Field(i).Type.Kind() {
		case reflect.Float64:
			cols = append(cols, TableColumn{Name: name, Type: FloatColumn})
		case reflect.Int:
			cols = append(cols, TableColumn{Name: name, Type: IntColumn})
		}
	}
	return cols
}

// WriteSummaryJSON writes Summarize(r) as indented JSON.
func WriteSummaryJSON(w io.Writer, r Run) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(Summarize(r))
}

// Manifest describes a results folder so that it can be reproduced.
type Manifest struct {
	Tool    string `json:"tool"`
	Version string `json:"version"`
	// BinarySHA256 is the SHA-256 of the binary that made a sweep's runs
	// when its version does not pin its sources (buildinfo.Model).
	BinarySHA256 string `json:"binary_sha256,omitempty"`
	// Arch is the processor architecture the binary was built for
	// (buildinfo.Arch): builds for others may round differently.
	Arch      string        `json:"arch,omitempty"`
	GoVersion string        `json:"go_version"`
	Kind      string        `json:"kind"`
	Command   []string      `json:"command"`
	Created   string        `json:"created"`
	Scenario  ScenarioEntry `json:"scenario"`
	Policy    string        `json:"policy,omitempty"`
	Seed      uint64        `json:"seed"`
	Replicate uint64        `json:"replicate"`
	// Policies, Baseline and Replicates describe a comparison or sweep.
	Policies   []string `json:"policies,omitempty"`
	Baseline   string   `json:"baseline,omitempty"`
	Replicates int      `json:"replicates,omitempty"`
	// Spec is an experiment's specification and SpecSHA256 the hash of its file.
	Spec       any    `json:"spec,omitempty"`
	SpecSHA256 string `json:"spec_sha256,omitempty"`
	// PolicyFiles are the policies run that were read from files, with
	// their files' text, so that the folder names what was run and a
	// report can describe them.
	PolicyFiles []PolicyFile `json:"policy_files,omitempty"`
	// OutcomeFiles are the outcome files whose outcomes the folder holds,
	// with their text, so that plot and report read them again.
	OutcomeFiles []OutcomeFile `json:"outcome_files,omitempty"`
	Params       ParamValues   `json:"params"`
	Files        []FileEntry   `json:"files"`
}

// ScenarioEntry identifies the scenario of a results folder.
type ScenarioEntry struct {
	Name      string   `json:"name"`
	Source    string   `json:"source"`
	SHA256    string   `json:"sha256"`
	Overrides []string `json:"overrides"`
}

// PolicyFile is a policy read from a file, as a manifest records it.
type PolicyFile struct {
	Name   string `json:"name"`
	Source string `json:"source"`
	SHA256 string `json:"sha256"`
	YAML   string `json:"yaml"`
}

// AddPolicyFiles records those of ps that were read from files.
func (m *Manifest) AddPolicyFiles(ps []*policies.Policy) {
	for _, p := range policies.Custom(ps) {
		m.PolicyFiles = append(m.PolicyFiles, PolicyFile{Name: p.Name, Source: p.File, SHA256: p.SHA256, YAML: string(p.Raw)})
	}
}

// PolicyDefs returns the policies the manifest records from files, read
// again from their text.
func (m *Manifest) PolicyDefs() ([]*policies.Policy, error) {
	var out []*policies.Policy
	for _, f := range m.PolicyFiles {
		p, err := policies.ParseFile([]byte(f.YAML), f.Source)
		if err != nil {
			return nil, fmt.Errorf("manifest: policy %s: %w", f.Name, err)
		}
		out = append(out, p)
	}
	return out, nil
}

// OutcomeFile is an outcome file, as a manifest records it.
type OutcomeFile struct {
	Source string `json:"source"`
	SHA256 string `json:"sha256"`
	YAML   string `json:"yaml"`
}

// AddOutcomeFiles records the outcome files of reg (none for nil).
func (m *Manifest) AddOutcomeFiles(reg *outcomes.Registry) {
	if reg == nil {
		return
	}
	for _, f := range reg.Files() {
		m.OutcomeFiles = append(m.OutcomeFiles, OutcomeFile{Source: f.Source, SHA256: f.SHA256, YAML: string(f.Raw)})
	}
}

// Outcomes returns the outcome registry of the folder: the built-in
// outcomes with those of the outcome files the manifest records.
func (m *Manifest) Outcomes() (*outcomes.Registry, error) {
	reg := outcomes.Builtin()
	for _, f := range m.OutcomeFiles {
		var err error
		if reg, err = reg.With([]byte(f.YAML), f.Source); err != nil {
			return nil, fmt.Errorf("manifest: %w", err)
		}
	}
	return reg, nil
}

// FileEntry is one file of a results folder.
type FileEntry struct {
	Name   string `json:"name"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// ParamValues are every resolved parameter, in the order of sim.Specs.
type ParamValues []ParamValue

// ParamValue is one resolved parameter.
type ParamValue struct {
	Key   string
	Value any
}

// MarshalJSON implements json.Marshaler, keeping the order of the parameters.
func (ps ParamValues) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, p := range ps {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(p.Key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(p.Value)
		if err != nil {
			return nil, fmt.Errorf("param %s: %w", p.Key, err)
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Resolved lists every parameter of p, and the regimes of the built-in
// policies; ResolvedKeys lists those of a registry.
func Resolved(p *sim.Params) ParamValues { return ResolvedKeys(p, nil) }

// ResolvedKeys lists every key of the registry reg (nil: the built-in
// keys, scenarios.Specs) with its value in p.
func ResolvedKeys(p *sim.Params, reg *scenarios.Registry) ParamValues {
	specs := scenarios.Specs()
	if reg != nil {
		specs = reg.Specs()
	}
	out := make(ParamValues, len(specs))
	for i, s := range specs {
		out[i] = ParamValue{Key: s.Key, Value: s.Value(p)}
	}
	return out
}

// NewManifest starts a manifest for a results folder of the given kind.
func NewManifest(kind string, sc *scenarios.Scenario, command []string) *Manifest {
	overrides := sc.Overrides
	if overrides == nil {
		overrides = []string{}
	}
	return &Manifest{
		Tool:      "wijksim",
		Version:   buildinfo.Version(),
		GoVersion: buildinfo.GoVersion(),
		Arch:      buildinfo.Arch(),
		Kind:      kind,
		Command:   command,
		Created:   time.Now().UTC().Format(time.RFC3339),
		Scenario:  ScenarioEntry{Name: sc.Name, Source: sc.Source, SHA256: sc.SHA256, Overrides: overrides},
		Params:    ResolvedKeys(&sc.Params, sc.Keys()),
	}
}

// Write writes the manifest as indented JSON.
func (m *Manifest) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(m)
}

// ReadManifest reads the manifest of the results folder dir.
func ReadManifest(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	var raw struct {
		Manifest
		Params map[string]any `json:"params"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("read manifest %s: %w", filepath.Join(dir, ManifestFile), err)
	}
	m := raw.Manifest
	for _, s := range scenarios.Specs() {
		if v, ok := raw.Params[s.Key]; ok {
			m.Params = append(m.Params, ParamValue{Key: s.Key, Value: v})
			delete(raw.Params, s.Key)
		}
	}
	// The regimes of policy files, which only the scenarios loaded with
	// them have (scenarios.KeysFor), follow in the order of their keys.
	for _, k := range slices.Sorted(maps.Keys(raw.Params)) {
		m.Params = append(m.Params, ParamValue{Key: k, Value: raw.Params[k]})
	}
	return &m, nil
}

// UnmarshalJSON implements json.Unmarshaler, keeping the order of the
// object's keys; null becomes NaN.
func (ms *Metrics) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok == nil {
		*ms = nil
		return nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return fmt.Errorf("metrics: want an object, got %v", tok)
	}
	var out Metrics
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return err
		}
		name, _ := kt.(string)
		var v *float64
		if err := dec.Decode(&v); err != nil {
			return fmt.Errorf("metrics: %s: %w", name, err)
		}
		x := math.NaN()
		if v != nil {
			x = *v
		}
		out = append(out, Metric{Name: name, Value: x})
	}
	*ms = out
	return nil
}
