package experiment

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
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

// TestSweepParquetReadsBackWithDuckDB writes summaries.parquet, reads it
// with DuckDB and compares every value with summaries.csv: the same
// columns, integer and string columns as such, and every double to the
// bit, missing values (NA) as nulls.
func TestSweepParquetReadsBackWithDuckDB(t *testing.T) {
	node := requireParquetReader(t)
	// Failed runs give rows of missing values and errors holding commas.
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
`)
	out := t.TempDir()
	rep, err := Sweep(context.Background(), spec, SweepOptions{Out: out, Workers: 2, Parquet: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Failed == 0 || rep.Failed == rep.Runs {
		t.Fatalf("%d of %d runs failed; the test needs some of each", rep.Failed, rep.Runs)
	}
	sameParquetAndCSV(t, node, out)
}

// sameParquetAndCSV reads summaries.parquet of the sweep folder out with
// DuckDB and compares every value with summaries.csv.
func sameParquetAndCSV(t *testing.T, node, out string) {
	t.Helper()
	cmd := exec.Command(node, filepath.Join(parquetReader, "read.mjs"), filepath.Join(out, SummariesParquet))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("read.mjs: %v\n%s", err, stderr.String())
	}
	var pq parquetTable
	if err := json.Unmarshal(raw, &pq); err != nil {
		t.Fatalf("read.mjs output: %v\n%.500s", err, raw)
	}

	rows := readCSV(t, filepath.Join(out, SummariesFile))
	header := rows[0]
	if len(pq.Columns) != len(header) {
		t.Errorf("Parquet has %d columns, CSV %d", len(pq.Columns), len(header))
	}
	if len(pq.Rows) != len(rows)-1 {
		t.Fatalf("Parquet has %d rows, CSV %d", len(pq.Rows), len(rows)-1)
	}
	pos := map[string]int{}
	for i, name := range pq.Columns {
		pos[name] = i
	}
	intCols := map[string]bool{"run": true, "point": true, "seed": true, "replicate": true}
	strCols := map[string]bool{"scenario": true, "policy": true, "status": true, "error": true}
	checked, errs := 0, 0
	for j, name := range header {
		pj, ok := pos[name]
		if !ok {
			t.Errorf("Parquet lacks column %q", name)
			continue
		}
		wantType := "DOUBLE"
		switch {
		case intCols[name]:
			wantType = "BIGINT"
		case strCols[name]:
			wantType = "VARCHAR"
		}
		if pq.Types[pj] != wantType {
			t.Errorf("column %s: Parquet type %s, want %s", name, pq.Types[pj], wantType)
		}
		for i, row := range rows[1:] {
			csvVal, pv := row[j], pq.Rows[i][pj]
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
			switch wantType {
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
}
