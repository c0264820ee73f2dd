package report

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/wijksim/wijksim/experiment"
	"github.com/wijksim/wijksim/plots"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/results"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

// smallScenario is the village scenario (a hundred residents) over two
// years: small enough for fast tests, long enough for every chart.
func smallScenario(t testing.TB) *scenarios.Scenario {
	t.Helper()
	sc, err := scenarios.Load("assendelft", scenarios.Options{Set: []string{"months=24"}})
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// compareFolder writes a comparison of every policy over four replicates
// and reads it back.
func compareFolder(t testing.TB) *plots.Results {
	t.Helper()
	c, err := experiment.Compare(context.Background(), experiment.CompareSpec{
		Scenario: smallScenario(t), Policies: policies.Names(), Seed: 1, Replicates: 4, Workers: 2,
	})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "compare")
	if err := c.WriteFolder(dir, []string{"wijksim", "compare", "--replicates", "4"}); err != nil {
		t.Fatal(err)
	}
	res, err := plots.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// defaultCompareFolder writes a comparison of every policy on the default
// scenario (ten years) over six replicates and reads it back.
func defaultCompareFolder(t testing.TB) *plots.Results {
	t.Helper()
	sc, err := scenarios.Load("default", scenarios.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := experiment.Compare(context.Background(), experiment.CompareSpec{
		Scenario: sc, Policies: policies.Names(), Seed: 1, Replicates: 6, Workers: 2,
	})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "compare-default")
	if err := c.WriteFolder(dir, []string{"wijksim", "compare", "--replicates", "6"}); err != nil {
		t.Fatal(err)
	}
	res, err := plots.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// runFolders writes one run folder per policy, as `wijksim run --policies
// all` does, and reads the parent back.
func runFolders(t testing.TB) *plots.Results {
	t.Helper()
	sc := smallScenario(t)
	dir := filepath.Join(t.TempDir(), "runs")
	for _, pol := range policies.Builtins() {
		m, err := sim.New(sc.Params, pol.Policy, 1, 0, sim.Options{RecordEvents: true})
		if err != nil {
			t.Fatal(err)
		}
		m.Run()
		if _, err := results.WriteRun(filepath.Join(dir, pol.Name), results.FromModel(sc, m, 1, 0), []string{"wijksim", "run"}); err != nil {
			t.Fatal(err)
		}
	}
	res, err := plots.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// factorialFolder runs a 2 x 2 factorial sweep of two policies, one
// replicate per point, and reads it back.
func factorialFolder(t testing.TB) *plots.Results {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "factorial.yaml")
	if err := os.WriteFile(path, []byte(`name: factorial
scenario: assendelft
seed: 1
replicates: 1
policies: [afstand, nabijheid]
set:
  months: 12
design:
  kind: factorial
  parameters:
    - key: professionals.caseload
      levels: [20, 40]
    - key: levers.role_separation
      levels: [false, true]
`), 0o644); err != nil {
		t.Fatal(err)
	}
	spec, err := experiment.LoadSpec(path)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "sweep")
	if _, err := experiment.Sweep(context.Background(), spec, experiment.SweepOptions{Out: out, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	res, err := plots.Read(out)
	if err != nil {
		t.Fatal(err)
	}
	return res
}
