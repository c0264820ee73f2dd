package results

import (
	"bytes"
	"math"
	"testing"
)

func TestAppendDoubleKeepsTheColumnADouble(t *testing.T) {
	tests := []struct {
		x    float64
		want string
	}{
		{0, "0.0"},
		{12, "12.0"},
		{-5, "-5.0"},
		{0.25, "0.25"},
		{123456, "123456.0"},
		{4.72e7, "4.72e+07"},
		{1e21, "1e+21"},
		{1.5e-7, "1.5e-07"},
		{math.NaN(), "NA"},
		{math.Inf(-1), "NA"},
	}
	for _, tc := range tests {
		if got := string(AppendDouble(nil, tc.x)); got != tc.want {
			t.Errorf("AppendDouble(%v) = %q, want %q", tc.x, got, tc.want)
		}
	}
}

func TestCSVWriterTypesEachColumn(t *testing.T) {
	cols := []TableColumn{{"name", StringColumn}, {"count", IntColumn}, {"share", FloatColumn}}
	var b bytes.Buffer
	w, err := NewCSVWriter(&b, cols, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range [][]any{
		{"a", int64(3), 0.5},
		{"b", 4.0, 1.0}, // a whole float64 in an integer column is an integer
		{nil, math.NaN(), math.NaN()},
	} {
		if err := w.WriteRow(row); err != nil {
			t.Fatal(err)
		}
	}
	for _, bad := range [][]any{
		{"c", 4.5, 1.0},
		{"c", int64(1), "x"},
		{"c", int64(1)},
	} {
		if err := w.WriteRow(bad); err == nil {
			t.Errorf("WriteRow(%v) accepted a value that does not fit its column", bad)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	want := "name,count,share\na,3,0.5\nb,4,1.0\nNA,NA,NA\n"
	if got := b.String(); got != want {
		t.Errorf("CSV:\n%s\nwant:\n%s", got, want)
	}
}
