package outcomes_test

import (
	"fmt"
	"strings"

	"github.com/wijksim/wijksim/outcomes"
	"github.com/wijksim/wijksim/sim"
)

func ExampleLookup() {
	o, _ := outcomes.Lookup("cum_sanctions")
	fmt.Println(o.LabelWithUnit("en"))
	fmt.Println(o.LabelWithUnit("nl"))
	fmt.Println(o.Better, o.Timing)
	// Output:
	// Sanctions (total) (count)
	// Sancties (totaal) (aantal)
	// lower both
}

func ExampleShownKeys() {
	fmt.Println(outcomes.ShownKeys(outcomes.Tradeoff))
	// Output:
	// [share_rung_3_plus trust_mean cum_exits_without_work cum_cost_society]
}

// An outcome file defines outcomes as expressions over the monthly
// outcomes; With adds them to a registry, checked and compiled, and Derive
// works one out for every month of a run.
func ExampleRegistry_With() {
	file := []byte(`outcomes:
  - key: net_moves_up
    label: {nl: Netto stappen omhoog, en: Net steps up}
    unit: count
    better: higher
    expr: total.moves_up - total.moves_down
`)
	reg, err := outcomes.Builtin().With(file, "ladder.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	o, _ := reg.Lookup("net_moves_up")
	fmt.Println(o.LabelWithUnit("en"), "from", o.Source)
	stats := []sim.MonthStats{{Month: 0}, {Month: 1, MovesUp: 5, MovesDown: 1}, {Month: 2, MovesUp: 2, MovesDown: 3}}
	fmt.Println(o.Derive(stats))

	_, err = outcomes.Builtin().With([]byte(strings.Replace(string(file), "moves_down", "moves_dwon", 1)), "ladder.yaml")
	fmt.Println(err)
	// Output:
	// Net steps up (count) from ladder.yaml
	// [0 4 3]
	// outcomes ladder.yaml: line 6, column 11: key "outcomes[0].expr": expression "total.moves_up - total.moves_dwon": at column 24: moves_dwon is no monthly outcome; did you mean "moves_down"?; allowed: total.KEY and end.KEY with KEY a monthly outcome (`wijksim outcomes`)
}
