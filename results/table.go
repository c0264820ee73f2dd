package results

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"

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
// value per column: a string for a string column, an int64 (or a whole
// float64) for an integer column, a float64 for a float column. A missing
// value is nil or a NaN (or infinite) float64: NA in CSV, null in Parquet.
type RowWriter interface {
	WriteRow(row []any) error
	Close() error
}

// AppendDouble appends x as a CSV field of a float column: its shortest
// exact form, with a decimal point or an exponent even when x is whole
// ("12.0", not "12"), so that R and pandas read the column as doubles
// whatever its values; NaN and infinities are "NA".
func AppendDouble(buf []byte, x float64) []byte {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return append(buf, "NA"...)
	}
	n := len(buf)
	buf = strconv.AppendFloat(buf, x, 'g', -1, 64)
	if !bytes.ContainsAny(buf[n:], ".e") {
		buf = append(buf, ".0"...)
	}
	return buf
}

// cell is one value of a row, checked against its column's type.
type cell struct {
	missing bool
	str     string
	i       int64
	f       float64
}

// cellOf checks v against the type of column c (number i of the table).
func cellOf(i int, c TableColumn, v any) (cell, error) {
	if v == nil {
		return cell{missing: true}, nil
	}
	switch x := v.(type) {
	case string:
		if c.Type == StringColumn {
			return cell{str: x}, nil
		}
	case int64:
		switch c.Type {
		case IntColumn:
			return cell{i: x}, nil
		case FloatColumn:
			return cell{f: float64(x)}, nil
		}
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return cell{missing: true}, nil
		}
		switch c.Type {
		case FloatColumn:
			return cell{f: x}, nil
		case IntColumn:
			if x == math.Trunc(x) && math.Abs(x) < 1<<63 {
				return cell{i: int64(x)}, nil
			}
			return cell{}, fmt.Errorf("column %d (%s): %v is not a whole number", i, c.Name, x)
		}
	}
	return cell{}, fmt.Errorf("column %d (%s): unsupported value %T for a %s column", i, c.Name, v, c.Type)
}

// String names the column type as in errors.
func (t ColumnType) String() string {
	switch t {
	case StringColumn:
		return "string"
	case IntColumn:
		return "integer"
	default:
		return "float"
	}
}

// csvWriter writes rows as CSV, missing values as NA.
type csvWriter struct {
	cw     *csv.Writer
	gz     *gzip.Writer
	cols   []TableColumn
	fields []string
	buf    []byte
}

// NewCSVWriter starts a CSV table on w, gzip-compressed if gz is true.
func NewCSVWriter(w io.Writer, cols []TableColumn, gz bool) (RowWriter, error) {
	t := &csvWriter{cols: cols, fields: make([]string, len(cols))}
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
	if len(row) != len(t.cols) {
		return fmt.Errorf("csv: a row of %d values for %d columns", len(row), len(t.cols))
	}
	for i, v := range row {
		c, err := cellOf(i, t.cols[i], v)
		if err != nil {
			return fmt.Errorf("csv: %w", err)
		}
		switch {
		case c.missing:
			t.fields[i] = "NA"
		case t.cols[i].Type == StringColumn:
			t.fields[i] = c.str
		case t.cols[i].Type == IntColumn:
			t.fields[i] = strconv.FormatInt(c.i, 10)
		default:
			t.buf = AppendDouble(t.buf[:0], c.f)
			t.fields[i] = string(t.buf)
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

// parquetWriter writes rows as a Parquet file whose columns follow the
// table's order and types: strings as UTF-8 byte arrays (VARCHAR), integer
// columns as INT64 (BIGINT), float columns as DOUBLE, every column optional
// so that missing values are nulls.
type parquetWriter struct {
	w    *parquet.Writer
	cols []TableColumn
	buf  []parquet.Row
}

// rowGroupRows is the number of rows per Parquet row group.
const rowGroupRows = 4096

// orderedGroup is a Parquet group whose fields keep the table's column
// order; parquet.Group, a map, would sort them by name.
type orderedGroup struct {
	parquet.Group
	names []string
}

// Fields implements parquet.Node, in the table's order.
func (g orderedGroup) Fields() []parquet.Field {
	byName := map[string]parquet.Field{}
	for _, f := range g.Group.Fields() {
		byName[f.Name()] = f
	}
	out := make([]parquet.Field, len(g.names))
	for i, n := range g.names {
		out[i] = byName[n]
	}
	return out
}

// GoType implements parquet.Node: a struct with the fields in order.
func (g orderedGroup) GoType() reflect.Type {
	fields := g.Fields()
	sf := make([]reflect.StructField, len(fields))
	for i, f := range fields {
		sf[i] = reflect.StructField{
			Name: "F" + strconv.Itoa(i),
			Type: f.GoType(),
			Tag:  reflect.StructTag(`parquet:` + strconv.Quote(f.Name())),
		}
	}
	return reflect.StructOf(sf)
}

// NewParquetWriter starts a Parquet table called name on w.
func NewParquetWriter(w io.Writer, name string, cols []TableColumn) (RowWriter, error) {
	g := orderedGroup{Group: parquet.Group{}}
	for _, c := range cols {
		if _, dup := g.Group[c.Name]; dup {
			return nil, fmt.Errorf("parquet: column %q twice", c.Name)
		}
		if strings.ContainsRune(c.Name, ',') {
			return nil, fmt.Errorf("parquet: column %q: a name with a comma", c.Name)
		}
		var leaf parquet.Node
		switch c.Type {
		case StringColumn:
			leaf = parquet.String()
		case IntColumn:
			leaf = parquet.Int(64)
		default:
			leaf = parquet.Leaf(parquet.DoubleType)
		}
		g.Group[c.Name] = parquet.Optional(leaf)
		g.names = append(g.names, c.Name)
	}
	schema := parquet.NewSchema(name, g)
	for i, path := range schema.Columns() {
		if len(path) != 1 || path[0] != cols[i].Name {
			return nil, fmt.Errorf("parquet: column %d is %v, want %s", i, path, cols[i].Name)
		}
	}
	return &parquetWriter{
		// Row groups of a few thousand rows keep the writer's buffers small
		// however many rows a sweep has.
		w:    parquet.NewWriter(w, schema, parquet.Compression(&parquet.Zstd), parquet.MaxRowsPerRowGroup(rowGroupRows)),
		cols: cols,
	}, nil
}

func (t *parquetWriter) WriteRow(row []any) error {
	if len(row) != len(t.cols) {
		return fmt.Errorf("parquet: a row of %d values for %d columns", len(row), len(t.cols))
	}
	out := make(parquet.Row, len(row))
	for i, v := range row {
		c, err := cellOf(i, t.cols[i], v)
		if err != nil {
			return fmt.Errorf("parquet: %w", err)
		}
		switch {
		case c.missing:
			out[i] = parquet.NullValue().Level(0, 0, i)
		case t.cols[i].Type == StringColumn:
			out[i] = parquet.ValueOf(c.str).Level(0, 1, i)
		case t.cols[i].Type == IntColumn:
			out[i] = parquet.ValueOf(c.i).Level(0, 1, i)
		default:
			out[i] = parquet.ValueOf(c.f).Level(0, 1, i)
		}
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
