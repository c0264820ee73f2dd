package report

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/plots"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/results"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

// TestReportGivesThePolicyFilesKeysTheirUnits: a run of a policy file with
// one of its phases set by a scenario key lists that key among the
// parameters with its unit, as it does the built-in keys.
func TestReportGivesThePolicyFilesKeysTheirUnits(t *testing.T) {
	pol, err := policies.Load(filepath.Join("..", "examples", "policies", "escalatie.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	const key = "policies.escalatie.handhaving.sanction_probability"
	sc, err := scenarios.Load("assendelft", scenarios.Options{Set: []string{"months=12", key + "=0.5"}, Policies: []*policies.Policy{pol}})
	if err != nil {
		t.Fatal(err)
	}
	m, err := sim.New(sc.Params, pol.Policy, 1, 0, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m.Run()
	r := results.FromModel(sc, m, 1, 0)
	r.Def = pol
	dir := filepath.Join(t.TempDir(), "run")
	if _, err := results.WriteRun(dir, r, []string{"wijksim", "run"}); err != nil {
		t.Fatal(err)
	}
	res, err := plots.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	page := render(t, res, "en")
	if want := key + "</code></th><td>0.5</td><td>per contact</td>"; !strings.Contains(page, want) {
		t.Errorf("the report lacks %q", want)
	}
}
