package experiment

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/scenarios"
)

// benchSweep is 200 runs of the default scenario (1,100 residents, 120
// months), keeping the summaries: a small sweep of the model as it is used,
// large enough that the fixed cost of writing the merged tables does not
// hide the throughput of the runs.
const benchSweep = `name: bench
seed: 1
replicates: 25
policies: [afstand, nabijheid]
design:
  kind: factorial
  parameters:
    - key: professionals.caseload
      levels: [20, 80]
    - key: places.activity
      levels: [5, 60]
`

// BenchmarkSweep measures sweep throughput, from the spec to the merged
// tables, on 1 and 2 workers. Parallel efficiency is the runs/s on 2
// workers over twice the runs/s on 1:
//
//	go test -run '^$' -bench Sweep -benchtime 3x ./experiment
func BenchmarkSweep(b *testing.B) {
	spec := mustLoadSpec(b, benchSweep)
	plan, err := spec.Expand()
	if err != nil {
		b.Fatal(err)
	}
	runs := len(plan.Jobs)
	for _, workers := range []int{1, 2} {
		b.Run("workers="+strconv.Itoa(workers), func(b *testing.B) {
			dir := b.TempDir()
			i := 0
			for b.Loop() {
				out := filepath.Join(dir, strconv.Itoa(i))
				i++
				rep, err := Sweep(context.Background(), spec, SweepOptions{Out: out, Workers: workers})
				if err != nil {
					b.Fatal(err)
				}
				if rep.Runs != runs || rep.Skipped != 0 {
					b.Fatalf("%d runs, %d skipped", rep.Runs, rep.Skipped)
				}
			}
			b.ReportMetric(float64(runs*b.N)/b.Elapsed().Seconds(), "runs/s")
		})
	}
}

// BenchmarkSweepAgain measures running a finished sweep's command again,
// which finds every run done and only indexes the run logs and merges.
func BenchmarkSweepAgain(b *testing.B) {
	spec := mustLoadSpec(b, benchSweep)
	out := filepath.Join(b.TempDir(), "sweep")
	if _, err := Sweep(context.Background(), spec, SweepOptions{Out: out, Workers: 2}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		rep, err := Sweep(context.Background(), spec, SweepOptions{Out: out, Workers: 2})
		if err != nil {
			b.Fatal(err)
		}
		if rep.Skipped != rep.Runs {
			b.Fatalf("%d of %d runs skipped, want all", rep.Skipped, rep.Runs)
		}
	}
}

// BenchmarkExecute measures the runs alone, without storing them, on 1
// and 2 workers: the parallel efficiency of the computation.
func BenchmarkExecute(b *testing.B) {
	spec := mustLoadSpec(b, benchSweep)
	plan, err := spec.Expand()
	if err != nil {
		b.Fatal(err)
	}
	for _, workers := range []int{1, 2} {
		b.Run("workers="+strconv.Itoa(workers), func(b *testing.B) {
			for b.Loop() {
				err := Execute(context.Background(), plan.Jobs, RunOptions{Workers: workers}, func(o Outcome) error { return o.Err })
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(plan.Jobs)*b.N)/b.Elapsed().Seconds(), "runs/s")
		})
	}
}

// BenchmarkCompare measures a comparison as `wijksim compare --policies
// all --replicates 30` makes it on the default scenario, from the runs to
// the written results folder, on 1 and 2 workers. Parallel efficiency is
// the runs/s on 2 workers over twice the runs/s on 1 (the start of the
// process, which the command adds, is not included):
//
//	go test -run '^$' -bench Compare -benchtime 10x ./experiment
func BenchmarkCompare(b *testing.B) {
	sc, err := scenarios.Load("default", scenarios.Options{})
	if err != nil {
		b.Fatal(err)
	}
	names := policies.Names()
	const replicates = 30
	runs := replicates * len(names)
	for _, workers := range []int{1, 2} {
		b.Run("workers="+strconv.Itoa(workers), func(b *testing.B) {
			dir := b.TempDir()
			for b.Loop() {
				c, err := Compare(context.Background(), CompareSpec{Scenario: sc, Policies: names, Baseline: policies.Baseline(), Seed: 1, Replicates: replicates, Workers: workers})
				if err != nil {
					b.Fatal(err)
				}
				if err := c.WriteFolder(dir, []string{"wijksim", "compare"}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(runs*b.N)/b.Elapsed().Seconds(), "runs/s")
		})
	}
}

// BenchmarkCompareWrite measures writing the results folder of a
// comparison as `wijksim compare --policies all --replicates 30` makes it
// on the default scenario: the part of the command after the runs.
func BenchmarkCompareWrite(b *testing.B) {
	sc, err := scenarios.Load("default", scenarios.Options{})
	if err != nil {
		b.Fatal(err)
	}
	c, err := Compare(context.Background(), CompareSpec{Scenario: sc, Policies: policies.Names(), Baseline: policies.Baseline(), Seed: 1, Replicates: 30, Workers: 2})
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for b.Loop() {
		if err := c.WriteFolder(dir, []string{"wijksim", "compare"}); err != nil {
			b.Fatal(err)
		}
	}
}
