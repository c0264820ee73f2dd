package experiment

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/sim"
)

// TestSweepSetsAPolicyFilesRegime: a sweep whose spec lists a policy file
// may vary the regime of one of its phases; each point carries its value
// to the runs, whose sanctions follow it (none at probability 0), and the
// points are told apart by their hashes.
func TestSweepSetsAPolicyFilesRegime(t *testing.T) {
	file, err := filepath.Abs(filepath.Join("..", "examples", "policies", "escalatie.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	spec := mustLoadSpec(t, `seed: 3
replicates: 1
policies: [`+file+`]
set:
  months: 36
  policies.escalatie.handhaving.attention: 0.3
design:
  kind: factorial
  parameters:
    - key: policies.escalatie.handhaving.sanction_probability
      levels: [0, 0.6]
`)
	plan, err := spec.Expand()
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Jobs) != 2 {
		t.Fatalf("%d jobs, want 2", len(plan.Jobs))
	}
	if plan.pointSHA256[0] == plan.pointSHA256[1] {
		t.Error("the two points have the same hash: a resumed sweep could take one's runs for the other's")
	}
	sanctions := make([]int, 2)
	for i, job := range plan.Jobs {
		r, ok := job.Params.Policies.Regime("escalatie", "handhaving")
		if want := []float64{0, 0.6}[i]; !ok || r.SanctionProbability != want || r.Attention != 0.3 {
			t.Errorf("job %d: regime %+v (set: %v), want sanction probability %v and attention 0.3", i, r, ok, want)
		}
		m, err := sim.New(*job.Params, job.Def.Policy, job.Seed, job.Replicate, sim.Options{})
		if err != nil {
			t.Fatal(err)
		}
		m.Run()
		for _, s := range m.Stats() {
			sanctions[i] += s.Sanctions
		}
	}
	if sanctions[0] != 0 || sanctions[1] == 0 {
		t.Errorf("sanctions at probability 0 and 0.6: %v, want none and some", sanctions)
	}
}

// TestSweepRefusesAPolicyKeyWithoutItsFile: without the policy file among
// the spec's policies, its keys are unknown.
func TestSweepRefusesAPolicyKeyWithoutItsFile(t *testing.T) {
	_, err := LoadSpec(writeSpecFile(t, t.TempDir(), "spec.yaml", `policies: [nabijheid]
design:
  kind: factorial
  parameters:
    - key: policies.escalatie.handhaving.sanction_probability
      levels: [0, 0.6]
`))
	if err == nil || !strings.Contains(err.Error(), `unknown parameter "policies.escalatie.handhaving.sanction_probability"`) {
		t.Fatalf("error %v, want an unknown parameter", err)
	}
}
