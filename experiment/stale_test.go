package experiment

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestRemergeRemovesTablesOfAnotherForm: a sweep merged again in another
// form (gzipped with Parquet, then plain CSV alone) keeps no table of the
// earlier form, which would pass for this merge's.
func TestRemergeRemovesTablesOfAnotherForm(t *testing.T) {
	spec := mustLoadSpec(t, `seed: 2
replicates: 1
policies: [afstand]
outputs: [summary, monthly]
set:
  months: 6
  population.residents: 40
design:
  kind: factorial
  parameters:
    - key: professionals.caseload
      levels: [20, 40]
`)
	out := filepath.Join(t.TempDir(), "sweep")
	steps := []struct {
		opt          SweepOptions
		want, absent []string
	}{
		{SweepOptions{Parquet: true, Gzip: true}, []string{"summaries.csv.gz", "summaries.parquet", "monthly.csv.gz", "monthly.parquet"}, nil},
		{SweepOptions{}, []string{"summaries.csv", "monthly.csv"}, []string{"summaries.csv.gz", "summaries.parquet", "monthly.csv.gz", "monthly.parquet"}},
	}
	for i, st := range steps {
		st.opt.Out, st.opt.Workers = out, 2
		if _, err := Sweep(context.Background(), spec, st.opt); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		for _, name := range st.want {
			if _, err := os.Stat(filepath.Join(out, name)); err != nil {
				t.Errorf("step %d: %s: %v", i, name, err)
			}
		}
		for _, name := range st.absent {
			if _, err := os.Stat(filepath.Join(out, name)); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("step %d: %s of the merge before is still there (%v)", i, name, err)
			}
		}
	}
}
