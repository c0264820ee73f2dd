package outcomes_test

import (
	"fmt"

	"github.com/wijksim/wijksim/outcomes"
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
