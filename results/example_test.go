package results_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/results"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

func ExampleWriteRun() {
	sc, err := scenarios.Load("assendelft", scenarios.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := sim.New(sc.Params, policies.MustBuiltin("nabijheid").Policy, 1, 0, sim.Options{RecordEvents: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	m.Run()
	dir, err := os.MkdirTemp("", "wijksim-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	man, err := results.WriteRun(filepath.Join(dir, "nabijheid"), results.FromModel(sc, m, 1, 0), []string{"example"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range man.Files {
		fmt.Println(f.Name)
	}
	// Output:
	// monthly.csv
	// summary.json
	// events.csv
}
