package plots

import (
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
)

// table reads a CSV file with a header row, plain or gzipped.
type table struct {
	path   string
	f      *os.File
	gz     *gzip.Reader
	r      *csv.Reader
	header []string
	cols   map[string]int
	line   int
}

// openTable opens dir/name, or dir/name.gz when only that exists. A missing
// file is reported with an error wrapping fs.ErrNotExist.
func openTable(dir, name string) (*table, error) {
	path := filepath.Join(dir, name)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		if g, gerr := os.Open(path + ".gz"); gerr == nil {
			f, err, path = g, nil, path+".gz"
		}
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	t := &table{path: path, f: f}
	var src io.Reader = f
	if filepath.Ext(path) == ".gz" {
		if t.gz, err = gzip.NewReader(f); err != nil {
			f.Close()
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		src = t.gz
	}
	t.r = csv.NewReader(src)
	t.r.ReuseRecord = true
	head, err := t.r.Read()
	if err != nil {
		t.Close()
		return nil, fmt.Errorf("read %s: header: %w", path, err)
	}
	t.header = append([]string(nil), head...)
	t.cols = make(map[string]int, len(head))
	for i, h := range t.header {
		t.cols[h] = i
	}
	t.line = 1
	return t, nil
}

// need returns an error naming the first of names missing from the header.
func (t *table) need(names ...string) error {
	for _, n := range names {
		if _, ok := t.cols[n]; !ok {
			return fmt.Errorf("read %s: no column %q", t.path, n)
		}
	}
	return nil
}

// next returns the next record, or io.EOF.
func (t *table) next() ([]string, error) {
	rec, err := t.r.Read()
	t.line++
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", t.path, err)
	}
	return rec, nil
}

// str returns the field called name of rec.
func (t *table) str(rec []string, name string) string {
	if i, ok := t.cols[name]; ok && i < len(rec) {
		return rec[i]
	}
	return ""
}

// float parses the field called name of rec; NA and empty fields are NaN.
func (t *table) float(rec []string, name string) (float64, error) {
	return t.floatAt(rec, t.cols[name], name)
}

func (t *table) floatAt(rec []string, i int, name string) (float64, error) {
	if i >= len(rec) {
		return math.NaN(), fmt.Errorf("read %s: line %d: no field %q", t.path, t.line, name)
	}
	s := rec[i]
	if s == "" || s == "NA" {
		return math.NaN(), nil
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN(), fmt.Errorf("read %s: line %d: column %q: value %q is not a number", t.path, t.line, name, s)
	}
	if math.IsInf(x, 0) {
		// wijksim writes no infinities (NA instead); a chart cannot show one.
		return math.NaN(), fmt.Errorf("read %s: line %d: column %q: value %q is infinite; allowed: a finite number or NA", t.path, t.line, name, s)
	}
	return x, nil
}

// int parses the field called name of rec as an integer.
func (t *table) int(rec []string, name string) (int, error) {
	s := t.str(rec, name)
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("read %s: line %d: column %q: value %q is not an integer", t.path, t.line, name, s)
	}
	return n, nil
}

// Close closes the file.
func (t *table) Close() error {
	if t.gz != nil {
		t.gz.Close()
	}
	return t.f.Close()
}

// each calls fn with every remaining record, in order, and stops at the
// first error.
func (t *table) each(fn func(rec []string) error) error {
	for {
		rec, err := t.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
}
