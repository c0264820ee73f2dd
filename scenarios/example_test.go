package scenarios_test

import (
	"fmt"

	"github.com/wijksim/wijksim/scenarios"
)

func ExampleLoad() {
	s, err := scenarios.Load("poelenburg", scenarios.Options{Set: []string{"professionals.caseload=60"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Name, s.Params.Population.Residents, s.Params.Professionals.Caseload, s.Overrides)
	// Output: poelenburg 400 60 [professionals.caseload=60]
}

func ExampleLoad_error() {
	_, err := scenarios.Load("default", scenarios.Options{Set: []string{"trust.gain_per_contact=2"}})
	fmt.Println(err)
	// Output: scenario embedded:default: --set trust.gain_per_contact=2: key "trust.gain_per_contact": value 2 is out of range; allowed: number in [0, 1]
}
