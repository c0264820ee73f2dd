package results

import (
	"compress/gzip"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/parquet-go/parquet-go"
)

// ColumnType is the type of a table column.
type ColumnType int

// The column types of a table.
const (
	StringColumn ColumnType = iota
	IntColumn
	FloatColumn
)

// TableColumn is one column of a streamed table.
type TableColumn struct {
	Name string
	Type ColumnType
}

// RowWriter streams the rows of a table to a file format. A row holds one
// value per column: string, int64 or float64 (NaN is missing).
type RowWriter interface {
	WriteRow(row []any) error
	Close() error
}

// csvWriter writes rows as CSV, missing values as NA.
type csvWriter struct {
	cw     *csv.Writer
	gz     *gzip.Writer
	fields []string
}

// NewCSVWriter starts a CSV table on w, gzip-compressed if gz is true.
func NewCSVWriter(w io.Writer, cols []TableColumn, gz bool) (RowWriter, error) {
	t := &csvWriter{fields: make([]string, len(cols))}
	if gz {
		t.gz = gzip.NewWriter(w)
		w = t.gz
	}
	t.cw = csv.NewWriter(w)
	for i, c := range cols {
		t.fields[i] = c.Name
	}
	if err := t.cw.Write(t.fields); err != nil {
		return nil, err
	}
	return t, nil
}

func (t *csvWriter) WriteRow(row []any) error {
	for i, v := range row {
		switch x := v.(type) {
		case string:
			t.fields[i] = x
		case int64:
			t.fields[i] = strconv.FormatInt(x, 10)
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				t.fields[i] = "NA"
			} else {
				t.fields[i] = strconv.FormatFloat(x, 'g', -1, 64)
			}
		default:
			return fmt.Errorf("csv: column %d: unsupported value %T", i, v)
		}
	}
	return t.cw.Write(t.fields)
}

func (t *csvWriter) Close() error {
	t.cw.Flush()
	if err := t.cw.Error(); err != nil {
		return err
	}
	if t.gz != nil {
		return t.gz.Close()
	}
	return nil
}

// parquetWriter writes rows as a Parquet file; float columns are optional
// so that missing values are nulls.
type parquetWriter struct {
	w     *parquet.Writer
	index []int // table column -> parquet column
	cols  []TableColumn
	row   parquet.Row
	buf   []parquet.Row
}

// rowGroupRows is the number of rows per Parquet row group.
const rowGroupRows = 4096

// NewParquetWriter starts a Parquet table on w.
func NewParquetWriter(w io.Writer, name string, cols []TableColumn) (RowWriter, error) {
	group := parquet.Group{}
	for _, c := range cols {
		if _, dup := group[c.Name]; dup {
			return nil, fmt.Errorf("parquet: column %q twice", c.Name)
		}
		switch c.Type {
		case StringColumn:
			group[c.Name] = parquet.String()
		case IntColumn:
			group[c.Name] = parquet.Int(64)
		default:
			group[c.Name] = parquet.Optional(parquet.Leaf(parquet.DoubleType))
		}
	}
	schema := parquet.NewSchema(name, group)
	pos := map[string]int{}
	for i, path := range schema.Columns() {
		pos[path[0]] = i
	}
	t := &parquetWriter{
		// Row groups of a few thousand rows keep the writer's buffers small
		// however many rows a sweep has.
		w:     parquet.NewWriter(w, schema, parquet.Compression(&parquet.Zstd), parquet.MaxRowsPerRowGroup(rowGroupRows)),
		index: make([]int, len(cols)),
		cols:  cols,
		row:   make(parquet.Row, len(cols)),
	}
	for i, c := range cols {
		t.index[i] = pos[c.Name]
	}
	return t, nil
}

func (t *parquetWriter) WriteRow(row []any) error {
	out := make(parquet.Row, len(row))
	for i, v := range row {
		col := t.index[i]
		var pv parquet.Value
		switch x := v.(type) {
		case string:
			pv = parquet.ValueOf(x).Level(0, 0, col)
		case int64:
			pv = parquet.ValueOf(x).Level(0, 0, col)
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				pv = parquet.NullValue().Level(0, 0, col)
			} else {
				pv = parquet.ValueOf(x).Level(0, 1, col)
			}
		default:
			return fmt.Errorf("parquet: column %d: unsupported value %T", i, v)
		}
		out[col] = pv
	}
	t.buf = append(t.buf, out)
	if len(t.buf) >= 1024 {
		return t.flush()
	}
	return nil
}

func (t *parquetWriter) flush() error {
	if len(t.buf) == 0 {
		return nil
	}
	_, err := t.w.WriteRows(t.buf)
	t.buf = t.buf[:0]
	return err
}

func (t *parquetWriter) Close() error {
	if err := t.flush(); err != nil {
		return err
	}
	return t.w.Close()
}
