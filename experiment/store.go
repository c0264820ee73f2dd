package experiment

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"
)

// Finished runs are stored as JSON lines appended to log files in runs/,
// one file per writer, so that storing a run costs one write and not the
// creation of a file (which file systems do one at a time). A line is
// complete when it ends in a newline and decodes; a line cut short by a
// kill or a crash is ignored and its run is done again on resume. When a
// run is stored twice (redone after such a cut), the first complete line
// counts.

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

// recordLine encodes a record as one line.
func recordLine(rec *runRecord) ([]byte, error) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(rec); err != nil { // Encode ends the line
		return nil, err
	}
	return buf.Bytes(), nil
}

// recordAt locates a stored record: its file, offset and length.
type recordAt struct {
	file  int
	off   int64
	n     int
	retry bool
}

// Runs are the finished runs stored in a sweep folder.
type Runs struct {
	files []*os.File
	at    map[int]recordAt
}

// OpenRuns reads the run logs of the sweep folder dir and indexes every
// complete record. Close it when done.
func OpenRuns(dir string) (*Runs, error) {
	paths, err := filepath.Glob(filepath.Join(dir, runsDir, logPattern))
	if err != nil {
		return nil, fmt.Errorf("sweep folder %s: %w", dir, err)
	}
	sort.Strings(paths)
	r := &Runs{at: map[int]recordAt{}}
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
			return nil, fmt.Errorf("sweep folder %s: %w", dir, err)
		}
	}
	return r, nil
}

// index records the location of every complete line of f.
func (r *Runs) index(f *os.File, id int) error {
	br := bufio.NewReaderSize(f, 1<<16)
	var off int64
	for {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 && line[len(line)-1] == '\n' {
			var head struct {
				Index *int `json:"index"`
				Retry bool `json:"retry"`
			}
			if json.Unmarshal(line, &head) == nil && head.Index != nil {
				// The first record counts, unless it is a run refused for
				// the limits that a later attempt ran.
				if prev, seen := r.at[*head.Index]; !seen || prev.retry {
					r.at[*head.Index] = recordAt{file: id, off: off, n: len(line), retry: head.Retry}
				}
			}
		}
		off += int64(len(line))
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", f.Name(), err)
		}
	}
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

// record reads and decodes the record of run index. It is safe for
// concurrent use.
func (r *Runs) record(index int) (*runRecord, error) {
	at, ok := r.at[index]
	if !ok {
		return nil, fmt.Errorf("sweep: run %d: %w", index, os.ErrNotExist)
	}
	buf := make([]byte, at.n)
	if _, err := r.files[at.file].ReadAt(buf, at.off); err != nil {
		return nil, fmt.Errorf("sweep: run %d: %w", index, err)
	}
	var rec runRecord
	if err := json.Unmarshal(buf, &rec); err != nil {
		return nil, fmt.Errorf("sweep: run %d: %w", index, err)
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
	return value(rec.RawEnd, outcome), nil
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
