package experiment

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/budget"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

// factorialSpec is a factorial spec over the first n numeric parameters
// of the registry, each with levels levels spread over its range.
func factorialSpec(t *testing.T, n, levels int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("policies: [afstand]\ndesign:\n  kind: factorial\n  parameters:\n")
	used := 0
	for _, s := range scenarios.Specs() {
		if used == n {
			break
		}
		if s.Kind != sim.Float || s.Max-s.Min < 1e-6 {
			continue
		}
		var vals []string
		for i := range levels {
			vals = append(vals, fmt.Sprint(s.Min+(s.Max-s.Min)*float64(i)/float64(levels-1)))
		}
		fmt.Fprintf(&b, "    - key: %s\n      levels: [%s]\n", s.Key, strings.Join(vals, ", "))
		used++
	}
	if used < n {
		t.Skipf("the registry has %d number parameters, fewer than %d", used, n)
	}
	return b.String()
}

// TestHugeFactorialIsRefused: the number of points of a factorial used to
// overflow, giving a sweep of 0 runs that exited 0 (16 x 16 levels) or a
// makeslice panic (16 x 10, 54 x 2).
func TestHugeFactorialIsRefused(t *testing.T) {
	for _, tc := range []struct{ n, levels int }{{16, 16}, {16, 10}, {54, 2}} {
		t.Run(fmt.Sprintf("%dx%d", tc.n, tc.levels), func(t *testing.T) {
			spec := mustLoadSpec(t, factorialSpec(t, tc.n, tc.levels))
			var err error
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("the sweep panicked: %v", r)
					}
				}()
				_, err = Sweep(context.Background(), spec, SweepOptions{Out: t.TempDir(), Limits: budget.DefaultLimits()})
			}()
			if err == nil || !strings.Contains(err.Error(), "points") {
				t.Fatalf("Sweep = %v; want it refused for its size", err)
			}
			if _, err := spec.Expand(); err == nil {
				t.Errorf("Expand accepted a design of %d^%d points", tc.levels, tc.n)
			}
		})
	}
}

// TestHugePlansAreRefusedBeforeAnything: a halton spec of a million
// samples and 100,000 replicates died in Spec.Expand; it is refused before,
// and the folder is not created.
func TestHugePlansAreRefusedBeforeAnything(t *testing.T) {
	spec := mustLoadSpec(t, "replicates: 100000\ndesign:\n  kind: halton\n  samples: 1000000\n  parameters:\n    - key: trust.gain_per_contact\n      min: 0\n      max: 0.2\n")
	out := filepath.Join(t.TempDir(), "out")
	_, err := Sweep(context.Background(), spec, SweepOptions{Out: out, Limits: budget.DefaultLimits()})
	for _, want := range []string{"1000000 points", "500000000000 runs", "allowed: 4.0 GiB", "--max-memory"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Sweep = %v; want it to say %q", err, want)
		}
	}
	if got := tempFiles(t, filepath.Dir(out)); len(got) > 0 {
		t.Errorf("files left: %v", got)
	}
	long := mustLoadSpec(t, "replicates: 100000\nset:\n  months: 1200\n  population.residents: 100000\ndesign:\n  kind: scenarios\n  scenarios: [default, poelenburg]\n")
	_, err = Sweep(context.Background(), long, SweepOptions{Out: out, Limits: budget.DefaultLimits()})
	if err == nil || !strings.Contains(err.Error(), "core-hours; allowed: 1,000") {
		t.Errorf("a sweep of years was not refused for its time: %v", err)
	}

	sc := smallScenario(t)
	_, err = Compare(context.Background(), CompareSpec{Scenario: sc, Policies: []string{"afstand", "nabijheid"}, Replicates: 1_000_000_000, Limits: budget.DefaultLimits()})
	if err == nil || !strings.Contains(err.Error(), "1000000000 replicates of 2 policies would need about") {
		t.Errorf("Compare of 1e9 replicates = %v", err)
	}
}

// TestPointTooLargeIsAFailedRunAndRetried: a design point whose run alone
// exceeds the memory limit is recorded as a failed run saying so (it used
// to crash every attempt with an uncatchable out-of-memory), the other
// points run, and a resume with a higher limit runs it.
func TestPointTooLargeIsAFailedRunAndRetried(t *testing.T) {
	spec := mustLoadSpec(t, `seed: 2
replicates: 1
policies: [afstand]
set:
  months: 6
design:
  kind: factorial
  parameters:
    - key: population.residents
      levels: [50, 40000]
`)
	out := t.TempDir()
	small := budget.Limits{MaxMemory: 6 << 20}
	rep, err := Sweep(context.Background(), spec, SweepOptions{Out: out, Workers: 2, Limits: small})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Runs != 2 || rep.Failed != 1 {
		t.Fatalf("%d runs, %d failed; want 2 and 1", rep.Runs, rep.Failed)
	}
	rows := readCSV(t, filepath.Join(out, SummariesFile))
	status, errCol := csvColumn(t, rows[0], "status"), csvColumn(t, rows[0], "error")
	if rows[2][status] != "failed" || !strings.Contains(rows[2][errCol], "design point 1: population.residents 40000") || !strings.Contains(rows[2][errCol], "--max-memory") {
		t.Errorf("the large point: status %q, error %q", rows[2][status], rows[2][errCol])
	}
	if rows[1][status] != "ok" {
		t.Errorf("the small point: status %q", rows[1][status])
	}
	rep, err = Sweep(context.Background(), spec, SweepOptions{Out: out, Workers: 2, Limits: budget.Limits{MaxMemory: 1 << 30}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Failed != 0 || rep.Skipped != 1 {
		t.Errorf("resumed with a higher limit: %d failed, %d resumed; want 0 and 1", rep.Failed, rep.Skipped)
	}
	rows = readCSV(t, filepath.Join(out, SummariesFile))
	if rows[2][status] != "ok" {
		t.Errorf("the large point after the resume: status %q, error %q", rows[2][status], rows[2][errCol])
	}
}
