package experiment

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/wijksim/wijksim/internal/golden"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/termtable"
)

// TestCompareGolden pins the bytes of a small comparison: every file of its
// results folder but the manifest (which holds the version and the time),
// and the table printed in the terminal, in English and Dutch.
func TestCompareGolden(t *testing.T) {
	sc, err := scenarios.Load("assendelft", scenarios.Options{Set: []string{"months=6"}})
	if err != nil {
		t.Fatal(err)
	}
	c, err := Compare(context.Background(), CompareSpec{Scenario: sc, Policies: []string{"afstand", "sanctie", "nabijheid"}, Seed: 1, Replicates: 3, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	files := []struct {
		name  string
		write func(io.Writer) error
	}{
		{CompareMonthlyFile, c.WriteMonthlyCSV},
		{CompareKindsFile, c.WriteKindsCSV},
		{RunsFile, c.WriteRunsCSV},
		{CompareJSONFile, c.WriteJSON},
		{"table-en.txt", func(w io.Writer) error { return c.WriteTable(w, nil, termtable.Options{Lang: "en"}) }},
		{"table-nl.txt", func(w io.Writer) error { return c.WriteTable(w, nil, termtable.Options{Lang: "nl"}) }},
	}
	for _, f := range files {
		var b bytes.Buffer
		if err := f.write(&b); err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		golden.Check(t, filepath.Join("compare", f.name), b.Bytes())
	}
}

// TestSweepGolden pins the bytes of the merged tables of a small factorial
// sweep with monthly outputs and events.
func TestSweepGolden(t *testing.T) {
	spec := mustLoadSpec(t, `seed: 3
replicates: 2
scenario: assendelft
policies: [afstand, sanctie, nabijheid]
set:
  months: 12
  population.residents: 60
design:
  kind: factorial
  parameters:
    - key: professionals.caseload
      levels: [20, 60]
outputs: [summary, monthly, events]
`)
	out := filepath.Join(t.TempDir(), "sweep")
	mustSweep(t, spec, out, 2)
	for _, name := range mergedFiles {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		golden.Check(t, filepath.Join("sweep", name), b)
	}
}
