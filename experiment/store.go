package experiment

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wijksim/wijksim/internal/buildinfo"
)

// Finished runs are stored as JSON lines appended to log files in runs/,
// one file per writer, so that storing a run costs one write and not the
// creation of a file (which file systems do one at a time). A line is
// complete when it ends in a newline and decodes; a line cut short by a
// kill or a crash is ignored and its run is done again on resume. When a
// run is stored twice (redone after such a cut), the first complete line
// counts.
//
// Each line ends in its own checksum: the first 32 hex digits of the
// SHA-256 of the line's JSON object without it, written as the object's
// last member ("sum"). A complete line whose checksum does not match (an
// edited or damaged record), or whose fields do not decode, is refused
// with its file and line, and so is a record whose spec point hash
// (point_sha256) is not that of the run of the same index in the plan, or
// whose model (the wijksim that made it) is not the sweep's.

// logPattern matches the run logs of a sweep folder.
const logPattern = "log-*.jsonl"

// runLog appends run records to log files of its own.
type runLog struct {
	dir    string
	prefix string

	mu   sync.Mutex
	free []*os.File
	all  []*os.File
}

// newRunLog prepares the logs of one sweep process in out/runs. The names
// carry the shard, the process and the time, so that processes (shards on
// several machines, or a resumed sweep) never write to one file.
func newRunLog(out string, shard, shards int) *runLog {
	prefix := fmt.Sprintf("log-%d-%d", os.Getpid(), time.Now().UnixNano())
	if shards > 1 {
		prefix = fmt.Sprintf("log-s%dof%d-%d-%d", shard, shards, os.Getpid(), time.Now().UnixNano())
	}
	return &runLog{dir: filepath.Join(out, runsDir), prefix: prefix}
}

// append writes one record line (ending in a newline) with a single write,
// to a log file no other goroutine is writing at the moment.
func (l *runLog) append(line []byte) error {
	l.mu.Lock()
	var f *os.File
	if n := len(l.free); n > 0 {
		f, l.free = l.free[n-1], l.free[:n-1]
	} else {
		name := filepath.Join(l.dir, fmt.Sprintf("%s-%d.jsonl", l.prefix, len(l.all)))
		var err error
		f, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL|os.O_APPEND, 0o644)
		if err != nil {
			l.mu.Unlock()
			return fmt.Errorf("sweep: run log: %w", err)
		}
		l.all = append(l.all, f)
	}
	l.mu.Unlock()
	_, err := f.Write(line)
	l.mu.Lock()
	l.free = append(l.free, f)
	l.mu.Unlock()
	if err != nil {
		return fmt.Errorf("sweep: run log %s: %w", f.Name(), err)
	}
	return nil
}

// close syncs and closes the log files.
func (l *runLog) close() error {
	var first error
	for _, f := range l.all {
		if err := f.Sync(); err != nil && first == nil {
			first = fmt.Errorf("sweep: run log %s: %w", f.Name(), err)
		}
		if err := f.Close(); err != nil && first == nil {
			first = fmt.Errorf("sweep: run log %s: %w", f.Name(), err)
		}
	}
	return first
}

// recordLine encodes a record as one line, ending in its checksum.
func recordLine(rec *runRecord) ([]byte, error) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(rec); err != nil { // Encode ends the line
		return nil, err
	}
	body := bytes.TrimSuffix(buf.Bytes(), []byte("}\n"))
	line := make([]byte, 0, len(body)+len(sumKey)+sumDigits+3)
	line = append(append(line, body...), sumKey...)
	line = append(line, checksum(body)...)
	return append(line, "\"}\n"...), nil
}

// The checksum member that ends every record line.
const (
	sumKey    = `,"sum":"`
	sumDigits = 32
)

// checksum is the checksum of a record line's body: the line up to its
// closing brace, without the sum member.
func checksum(body []byte) string {
	h := sha256.New()
	h.Write(body)
	h.Write([]byte("}"))
	return hex.EncodeToString(h.Sum(nil))[:sumDigits]
}

// verifyLine checks a complete line's checksum.
func verifyLine(line []byte) error {
	end := len(line) - len(sumKey) - sumDigits - len("\"}\n")
	if end < 0 || !bytes.HasSuffix(line, []byte("\"}\n")) || string(line[end:end+len(sumKey)]) != sumKey {
		return errors.New("the record has no checksum (was it written by an older wijksim, or edited?)")
	}
	body := line[:end]
	if got, want := checksum(body), string(line[end+len(sumKey):end+len(sumKey)+sumDigits]); got != want {
		return errors.New("the record does not match its checksum: it was edited or damaged")
	}
	return nil
}

// recordAt locates a stored record: its file, offset, length and line,
// with what Check compares to the plan.
type recordAt struct {
	file     int
	off      int64
	n        int
	line     int
	retry    bool
	failure  string // the run's error; "" for a run that succeeded
	pointSHA string
	model    string
	point    int
	policy   string
	seed     uint64
	rep      uint64
	index    int
}

// Runs are the finished runs stored in a sweep folder.
type Runs struct {
	dir   string
	files []*os.File
	at    map[int]recordAt
	// later are the records of runs already stored, which do not count
	// but are checked with the others (Check): a log of another sweep
	// dropped into runs/ must not pass unseen whatever its name.
	later []recordAt
	reads atomic.Int64 // records read and decoded (Runs.record)
}

// recordHead is what OpenRuns decodes of every record: the fields that
// identify the run and say whether it failed, each of the right type. The
// outcomes and the monthly and events texts are decoded when the record is
// read (Runs.record), once per merge.
type recordHead struct {
	Index       *int   `json:"index"`
	Point       int    `json:"point"`
	Policy      string `json:"policy"`
	Seed        uint64 `json:"seed"`
	Replicate   uint64 `json:"replicate"`
	Error       string `json:"error"`
	Retry       bool   `json:"retry"`
	PointSHA256 string `json:"point_sha256"`
	Model       string `json:"model"`
}

// storedRecord is a run record as a merge reads it: runRecord with each
// set of outcomes as a plain map of numbers, which decodes several times
// faster than the ordered results.Metrics and the pointers of runRecord
// (the merge takes the order of the columns from the plan).
type storedRecord struct {
	Error   string       `json:"error"`
	RawEnd  storedValues `json:"end"`
	RawYear storedValues `json:"first_year"`
	ByKind  []struct {
		Kind     string       `json:"kind"`
		Outcomes storedValues `json:"outcomes"`
	} `json:"by_kind"`
	Monthly string `json:"monthly"`
	Events  string `json:"events"`
}

// storedValues are outcomes by name, as a record stores them.
type storedValues map[string]storedNumber

// get is the value of outcome name: NaN when it is missing or null.
func (v storedValues) get(name string) float64 {
	x, ok := v[name]
	if !ok {
		return math.NaN()
	}
	return float64(x)
}

// storedNumber is a number of a record; null (undefined) reads as NaN.
type storedNumber float64

// UnmarshalJSON implements json.Unmarshaler.
func (n *storedNumber) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*n = storedNumber(math.NaN())
		return nil
	}
	x, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return fmt.Errorf("%s is not a number", b)
	}
	*n = storedNumber(x)
	return nil
}

// badLine is the error of a refused record: its file and line, what is
// wrong and what to do.
func (r *Runs) badLine(file, line int, format string, args ...any) error {
	return fmt.Errorf("sweep folder %s: %s line %d: %s; delete that line to have the run done again, or use another folder", r.dir, r.fileName(file), line, fmt.Sprintf(format, args...))
}

// fileName is the name of run log file within the sweep folder.
func (r *Runs) fileName(file int) string {
	name := r.files[file].Name()
	if rel, err := filepath.Rel(r.dir, name); err == nil {
		name = rel
	}
	return name
}

// describeModel names the model of a record's Key for a reader.
func describeModel(key string) string {
	if key == "" {
		return "a wijksim that did not record its version"
	}
	return "wijksim " + buildinfo.ParseModelKey(key).String()
}

// OpenRuns reads the run logs of the sweep folder dir and indexes every
// complete record. Close it when done.
func OpenRuns(dir string) (*Runs, error) {
	paths, err := filepath.Glob(filepath.Join(dir, runsDir, logPattern))
	if err != nil {
		return nil, fmt.Errorf("sweep folder %s: %w", dir, err)
	}
	sort.Strings(paths)
	r := &Runs{dir: dir, at: map[int]recordAt{}}
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			r.Close()
			return nil, fmt.Errorf("sweep folder %s: %w", dir, err)
		}
		id := len(r.files)
		r.files = append(r.files, f)
		if err := r.index(f, id); err != nil {
			r.Close()
			return nil, err
		}
	}
	return r, nil
}

// index records the location of every complete line of f, refusing a
// line whose checksum or fields are wrong. The last line of a log, when it
// does not end in a newline, was cut short by a kill and is ignored: its
// run is done again.
func (r *Runs) index(f *os.File, id int) error {
	br := bufio.NewReaderSize(f, 1<<16)
	var off int64
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 && line[len(line)-1] == '\n' {
			if err := verifyLine(line); err != nil {
				return r.badLine(id, n, "%v", err)
			}
			var head recordHead
			if err := json.Unmarshal(line, &head); err != nil {
				return r.badLine(id, n, "the record does not decode: %v", err)
			}
			if head.Index == nil || *head.Index < 0 {
				return r.badLine(id, n, "the record has no run index")
			}
			// The first record counts, unless it is a run refused for the
			// limits that a later attempt ran.
			at := recordAt{file: id, off: off, n: len(line), line: n, retry: head.Retry, failure: head.Error,
				pointSHA: head.PointSHA256, model: head.Model, point: head.Point, policy: head.Policy, seed: head.Seed, rep: head.Replicate, index: *head.Index}
			if prev, seen := r.at[*head.Index]; !seen || prev.retry {
				r.at[*head.Index] = at
			} else {
				r.later = append(r.later, at)
			}
		}
		off += int64(len(line))
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("sweep folder %s: read %s: %w", r.dir, f.Name(), err)
		}
	}
}

// Check refuses stored records that are not runs of plan made by model (a
// buildinfo.Model's Key; "" in a folder of a wijksim that did not record
// it): a record whose index is beyond the plan, whose spec point hash
// differs from that of the plan's run of the same index (a folder that held
// another spec, for example with another number of replicates, whose
// sweep.json was removed), or that another model made.
func (r *Runs) Check(plan *Plan, model string) error {
	all := make([]recordAt, 0, len(r.at)+len(r.later))
	for _, i := range slices.Sorted(maps.Keys(r.at)) {
		all = append(all, r.at[i])
	}
	for _, at := range append(all, r.later...) {
		i := at.index
		if i >= len(plan.Jobs) {
			return r.badLine(at.file, at.line, "run %d is not in this sweep, which has %d runs: the folder holds runs of another spec", i, len(plan.Jobs))
		}
		job := plan.Jobs[i]
		if want := plan.JobHash(job); at.pointSHA != want {
			differs := ""
			if at.seed != job.Seed {
				differs = fmt.Sprintf("; its seed is %d, this spec's %d", at.seed, job.Seed)
			}
			return r.badLine(at.file, at.line, "run %d was stored for another spec point (point %d, policy %s, replicate %d; this spec's run %d is point %d, policy %s, replicate %d%s): the folder holds runs of another spec",
				i, at.point, at.policy, at.rep, i, job.Point, job.Policy, job.Replicate, differs)
		}
		if at.model != model {
			return fmt.Errorf("sweep folder %s: %s line %d: run %d was made by %s, and the sweep by %s: results of different versions may differ, and are not mixed; redo the runs of the other version (delete its run logs) or use another folder",
				r.dir, r.fileName(at.file), at.line, i, describeModel(at.model), describeModel(model))
		}
	}
	return nil
}

// Has reports whether run index is stored.
func (r *Runs) Has(index int) bool {
	_, ok := r.at[index]
	return ok
}

// retry reports whether the record of run index is a run refused for the
// limits, to be run again when it fits.
func (r *Runs) retry(index int) bool { return r.at[index].retry }

// Len is the number of runs stored.
func (r *Runs) Len() int { return len(r.at) }

// Failure is the error of run index, "" when the run succeeded or is not
// stored.
func (r *Runs) Failure(index int) string { return r.at[index].failure }

// record reads and decodes the record of run index. It is safe for
// concurrent use.
func (r *Runs) record(index int) (*storedRecord, error) {
	at, ok := r.at[index]
	if !ok {
		return nil, fmt.Errorf("sweep: run %d: %w", index, os.ErrNotExist)
	}
	buf := make([]byte, at.n)
	if _, err := r.files[at.file].ReadAt(buf, at.off); err != nil {
		return nil, fmt.Errorf("sweep: run %d: %w", index, err)
	}
	if err := verifyLine(buf); err != nil { // changed since it was indexed
		return nil, r.badLine(at.file, at.line, "%v", err)
	}
	r.reads.Add(1)
	var rec storedRecord
	if err := json.Unmarshal(buf, &rec); err != nil {
		return nil, r.badLine(at.file, at.line, "the record of run %d does not decode: %v", index, err)
	}
	return &rec, nil
}

// EndValue returns outcome at the end of run index; a failed run gives NaN.
func (r *Runs) EndValue(index int, outcome string) (float64, error) {
	rec, err := r.record(index)
	if err != nil {
		return math.NaN(), err
	}
	if rec.Error != "" {
		return math.NaN(), nil
	}
	return rec.RawEnd.get(outcome), nil
}

// Close closes the log files.
func (r *Runs) Close() error {
	var first error
	for _, f := range r.files {
		if err := f.Close(); err != nil && first == nil {
			first = err
		}
	}
	r.files = nil
	return first
}
