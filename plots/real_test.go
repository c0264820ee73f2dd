package plots

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/wijksim/wijksim/experiment"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/results"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

// The folders below are written by wijksim's own code, so that the readers
// follow the writers: a column renamed there fails here.

func realRuns(t *testing.T, dir string, policies ...sim.Policy) {
	t.Helper()
	sc, err := scenarios.Load("assendelft", scenarios.Options{Set: []string{"months=36"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, pol := range policies {
		m, err := sim.New(sc.Params, pol, 1, 0, sim.Options{RecordEvents: true})
		if err != nil {
			t.Fatal(err)
		}
		m.Run()
		out := dir
		if len(policies) > 1 {
			out = filepath.Join(dir, pol.Name)
		}
		if _, err := results.WriteRun(out, results.FromModel(sc, m, 1, 0), []string{"test"}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestReadsWhatWijksimWrites(t *testing.T) {
	sc, err := scenarios.Load("assendelft", scenarios.Options{Set: []string{"months=36"}})
	if err != nil {
		t.Fatal(err)
	}
	runs := t.TempDir()
	realRuns(t, runs, policies.MustBuiltin("afstand").Policy, policies.MustBuiltin("sanctie").Policy, policies.MustBuiltin("nabijheid").Policy)
	single := t.TempDir()
	realRuns(t, single, policies.MustBuiltin("maatwerk").Policy)

	cmp := t.TempDir()
	c, err := experiment.Compare(context.Background(), experiment.CompareSpec{
		Scenario: sc, Policies: []string{"afstand", "nabijheid"}, Seed: 1, Replicates: 3, Workers: 2,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.WriteFolder(cmp, []string{"test"}); err != nil {
		t.Fatal(err)
	}

	specDir := t.TempDir()
	specPath := filepath.Join(specDir, "spec.yaml")
	spec := `
name: plots-test
scenario: assendelft
seed: 1
replicates: 1
policies: [afstand, nabijheid]
set:
  months: 24
design:
  kind: factorial
  parameters:
    - key: professionals.caseload
      levels: [5, 20]
    - key: places.activity
      levels: [2, 10]
outputs: [summary, monthly, events]
`
	if err := os.WriteFile(specPath, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	sp, err := experiment.LoadSpec(specPath)
	if err != nil {
		t.Fatal(err)
	}
	sweep := filepath.Join(t.TempDir(), "sweep")
	if _, err := experiment.Sweep(context.Background(), sp, experiment.SweepOptions{Out: sweep, Workers: 2}); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name, dir, kind string
		policies        []string
		replicates      int
		heatmaps        int
		survival        bool
	}{
		{"run folders of three policies", runs, KindRun, []string{"afstand", "sanctie", "nabijheid"}, 1, 0, true},
		{"one run folder", single, KindRun, []string{"maatwerk"}, 1, 0, true},
		{"comparison", cmp, KindCompare, []string{"afstand", "nabijheid"}, 3, 0, false},
		{"sweep", sweep, KindSweep, []string{"afstand", "nabijheid"}, 4, len(HeatmapOutcomes()), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, ch := mustBuild(t, tc.dir, "en")
			if res.Kind != tc.kind || !slices.Equal(res.Policies, tc.policies) || res.Replicates != tc.replicates {
				t.Fatalf("read %s %v, %d replicates; want %s %v, %d", res.Kind, res.Policies, res.Replicates, tc.kind, tc.policies, tc.replicates)
			}
			if res.Months == 0 || res.Residents != 100 {
				t.Errorf("months %d, residents %d", res.Months, res.Residents)
			}
			// A factorial sweep gets a chart per design point for each end
			// outcome instead of the design pooled.
			end := len(ch.End)
			if tc.kind == KindSweep {
				end = len(ch.Points)
				if len(ch.End) != 0 {
					t.Errorf("%d pooled end charts of a factorial sweep", len(ch.End))
				}
			}
			if ch.Ladder == nil || len(ch.Trajectories) != len(TrajectoryOutcomes()) || end != len(EndOutcomes()) || len(ch.Kinds) != len(KindMetrics()) {
				t.Errorf("ladder %v, %d trajectories, %d end charts, %d kind charts", ch.Ladder != nil, len(ch.Trajectories), end, len(ch.Kinds))
			}
			if len(ch.Heatmaps) != tc.heatmaps || (ch.Survival != nil) != tc.survival {
				t.Errorf("%d heatmaps, survival %v", len(ch.Heatmaps), ch.Survival != nil)
			}
			if (ch.Tradeoff != nil) != (len(tc.policies) > 1) {
				t.Errorf("trade-off view %v with %d policies", ch.Tradeoff != nil, len(tc.policies))
			}
			// The stacked layers of the ladder are everyone: the scenario
			// has no inflow, so 100 residents (on average) every month.
			for _, pn := range ch.Ladder.Panels {
				for m := range pn.Months {
					total := 0.0
					for _, v := range pn.Values {
						total += v[m]
					}
					if math.Abs(total-100) > 1e-9 {
						t.Errorf("ladder %s, month %d: the layers add up to %v, want 100 residents", pn.Policy, m, total)
						break
					}
				}
			}
			for _, s := range ch.Survival {
				for _, cv := range s.Curves {
					if cv.Subjects != 100*tc.replicates {
						t.Errorf("%s %s: %d subjects, want %d", s.Name(), cv.Policy, cv.Subjects, 100*tc.replicates)
					}
				}
			}
		})
	}
}
