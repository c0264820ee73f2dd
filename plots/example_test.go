package plots_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/wijksim/wijksim/plots"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/results"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

// Two policies run on the same residents, one folder each, as
// `wijksim run --policies afstand,nabijheid` writes them; the parent folder
// is read and turned into charts in English.
func ExampleBuild() {
	sc, err := scenarios.Load("assendelft", scenarios.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, err := os.MkdirTemp("", "wijksim-plots-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	for _, pol := range []sim.Policy{policies.MustBuiltin("afstand").Policy, policies.MustBuiltin("nabijheid").Policy} {
		m, err := sim.New(sc.Params, pol, 1, 0, sim.Options{RecordEvents: true})
		if err != nil {
			fmt.Println(err)
			return
		}
		m.Run()
		if _, err := results.WriteRun(filepath.Join(dir, pol.Name), results.FromModel(sc, m, 1, 0), []string{"example"}); err != nil {
			fmt.Println(err)
			return
		}
	}

	res, err := plots.Read(dir)
	if err != nil {
		fmt.Println(err)
		return
	}
	charts, err := plots.Build(res, "en")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Kind, res.Policies, "baseline", res.Baseline, "confidence intervals:", res.HasCI())
	fmt.Println(charts.Ladder.Title)
	fmt.Println(charts.Trajectories[0].YLabel)
	for _, s := range charts.Survival {
		fmt.Println(s.Name()+":", s.Title)
	}
	fmt.Println(len(charts.All()), "charts;", charts.Missing[0])
	// Output:
	// run [afstand nabijheid] baseline afstand confidence intervals: false
	// The participation ladder over time
	// Share on rung 3 or higher (share)
	// survival-step-up: Time to the first move up (tegenprestatie included)
	// survival-exit-to-work: Time to exit to work
	// 32 charts; Heatmaps need a sweep that varies two or more numeric parameters
}

// The share still without the event, from six subjects: two are censored
// (at months 3 and 6), the others have the event.
func ExampleKaplanMeier() {
	times := []float64{2, 3, 3, 5, 6, 8}
	events := []bool{true, true, false, true, false, true}
	km := plots.KaplanMeier(times, events)
	for i, t := range km.Times {
		fmt.Printf("month %v: %d at risk, S = %.3f\n", t, km.AtRisk[i], km.S[i])
	}
	// Output:
	// month 2: 6 at risk, S = 0.833
	// month 3: 5 at risk, S = 0.667
	// month 5: 3 at risk, S = 0.444
	// month 8: 1 at risk, S = 0.000
}
