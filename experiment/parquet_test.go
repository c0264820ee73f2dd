package experiment

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

// parquetReader is the independent Parquet reader: a Node.js script on
// DuckDB, installed by `npm ci --prefix tools/parquetcheck` (.ci/run does).
var parquetReader = filepath.Join("..", "tools", "parquetcheck")

// findParquetReader returns the path of node, or why the reader cannot run.
func findParquetReader() (node, missing string) {
	node, err := exec.LookPath("node")
	if err != nil {
		return "", "node is not installed"
	}
	if _, err := os.Stat(filepath.Join(parquetReader, "node_modules", "@duckdb", "node-api")); err != nil {
		return "", "the DuckDB Parquet reader is not installed; install it with: npm ci --prefix tools/parquetcheck"
	}
	return node, ""
}

// requireParquetReader skips the test when the reader is not installed,
// except on CI, which must have installed it.
func requireParquetReader(t *testing.T) string {
	t.Helper()
	node, missing := findParquetReader()
	if missing != "" {
		if os.Getenv("CI") == "true" {
			t.Fatal(missing)
		}
		t.Skip(missing)
	}
	return node
}

// parquetTable is what read.mjs prints.
type parquetTable struct {
	Columns []string            `json:"columns"`
	Types   []string            `json:"types"`
	Rows    [][]json.RawMessage `json:"rows"`
}

// TestSweepParquetReadsBackWithDuckDB writes the summaries, the monthly
// table and the events of a sweep as CSV and Parquet, reads each Parquet
// file with DuckDB and compares it with its CSV as R's read.csv reads it:
// the same column names in the same order, integer columns as integers
// (BIGINT), numbers as doubles, text as VARCHAR, NA as null, and every
// value to the bit.
func TestSweepParquetReadsBackWithDuckDB(t *testing.T) {
	node := requireParquetReader(t)
	// Failed runs give rows of missing values and errors holding commas;
	// an integer and a boolean parameter are integer columns.
	spec := mustLoadSpec(t, `seed: 2
replicates: 2
policies: [afstand, sanctie, nabijheid]
set:
  months: 12
  population.residents: 50
design:
  kind: factorial
  parameters:
    - key: initial.rung_1
      levels: [0.35, 0.9]
    - key: professionals.caseload
      levels: [20, 40]
    - key: levers.role_separation
      levels: [false, true]
outputs: [summary, monthly, events]
`)
	out := t.TempDir()
	rep, err := Sweep(context.Background(), spec, SweepOptions{Out: out, Workers: 2, Parquet: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Failed == 0 || rep.Failed == rep.Runs {
		t.Fatalf("%d of %d runs failed; the test needs some of each", rep.Failed, rep.Runs)
	}
	for _, tc := range []struct {
		csv, parquet string
		// integers are columns that must be integers, as a check that
		// the test reads types at all.
		integers []string
	}{
		{SummariesFile, SummariesParquet, []string{"run", "point", "seed", "professionals.caseload", "levers.role_separation", "rung_1", "cum_sanctions", "first_year_sanctions", "support_seeker_residents"}},
		{SweepMonthlyFile, "monthly.parquet", []string{"run", "month", "rung_1", "on_benefit", "cum_sanctions"}},
		{SweepEventsFile, "events.parquet", []string{"run", "month", "resident", "rung"}},
	} {
		t.Run(tc.parquet, func(t *testing.T) {
			types := sameParquetAndCSV(t, node, filepath.Join(out, tc.csv), filepath.Join(out, tc.parquet))
			for _, name := range tc.integers {
				if types[name] != "BIGINT" {
					t.Errorf("column %s is %q, want BIGINT", name, types[name])
				}
			}
		})
	}
}

// rType is the type R's read.csv gives a column of CSV fields: "logical"
// when every value is NA, "integer" when every other value is a whole
// number within R's 32-bit integers, "double" when every other value is a
// number, else "character".
func rType(values []string) string {
	kind := "logical"
	for _, v := range values {
		if v == "NA" {
			continue
		}
		if _, err := strconv.ParseInt(v, 10, 32); err == nil {
			if kind == "logical" {
				kind = "integer"
			}
			continue
		}
		if _, err := strconv.ParseFloat(v, 64); err == nil {
			kind = "double"
			continue
		}
		return "character"
	}
	return kind
}

// duckDBType is the DuckDB type of a Parquet column that R reads as rType.
var duckDBType = map[string]string{"integer": "BIGINT", "double": "DOUBLE", "character": "VARCHAR"}

// sameParquetAndCSV reads the Parquet file pq with DuckDB and compares it
// with the CSV file csvPath as R reads it; it returns the DuckDB type of
// each column.
func sameParquetAndCSV(t *testing.T, node, csvPath, pqPath string) map[string]string {
	t.Helper()
	cmd := exec.Command(node, filepath.Join(parquetReader, "read.mjs"), pqPath)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("read.mjs %s: %v\n%s", pqPath, err, stderr.String())
	}
	var pq parquetTable
	if err := json.Unmarshal(raw, &pq); err != nil {
		t.Fatalf("read.mjs output: %v\n%.500s", err, raw)
	}
	types := map[string]string{}
	for i, name := range pq.Columns {
		types[name] = pq.Types[i]
	}

	rows := readCSV(t, csvPath)
	header := rows[0]
	if !slices.Equal(pq.Columns, header) {
		t.Errorf("Parquet columns differ from the CSV's:\nParquet %v\nCSV     %v", pq.Columns, header)
	}
	if len(pq.Columns) != len(header) || len(pq.Rows) != len(rows)-1 {
		t.Fatalf("Parquet has %d columns and %d rows, CSV %d and %d", len(pq.Columns), len(pq.Rows), len(header), len(rows)-1)
	}
	if len(pq.Rows) == 0 {
		t.Fatalf("%s has no rows", csvPath)
	}
	checked, errs := 0, 0
	for j, name := range header {
		values := make([]string, len(rows)-1)
		for i, row := range rows[1:] {
			values[i] = row[j]
		}
		r := rType(values)
		if want, ok := duckDBType[r]; ok && pq.Types[j] != want {
			t.Errorf("column %s: R reads the CSV as %s, DuckDB the Parquet as %s; want %s", name, r, pq.Types[j], want)
		}
		for i, csvVal := range values {
			pv := pq.Rows[i][j]
			bad := func(why string) {
				if errs++; errs > 20 {
					t.Fatalf("too many differences")
				}
				t.Errorf("row %d, column %s: CSV %q, Parquet %s: %s", i, name, csvVal, pv, why)
			}
			if string(pv) == "null" {
				if csvVal != "NA" {
					bad("null in Parquet")
				}
				continue
			}
			switch pq.Types[j] {
			case "BIGINT", "VARCHAR":
				var s string
				if err := json.Unmarshal(pv, &s); err != nil || s != csvVal {
					bad("differ")
				}
			default:
				want, err := strconv.ParseFloat(csvVal, 64)
				var got float64
				if err != nil || json.Unmarshal(pv, &got) != nil || got != want {
					bad("differ")
				}
			}
			checked++
		}
	}
	if checked < len(header)*(len(rows)-1)/2 {
		t.Errorf("only %d values compared", checked)
	}
	return types
}
