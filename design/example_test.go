package design_test

import (
	"fmt"

	"github.com/wijksim/wijksim/design"
)

func ExampleFactorial() {
	points, err := design.Factorial([]design.Factor{
		{Key: "professionals.caseload", Levels: []float64{20, 40}},
		{Key: "places.activity", Levels: []float64{5, 25, 60}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range points {
		fmt.Println(p)
	}
	// Output:
	// [20 5]
	// [20 25]
	// [20 60]
	// [40 5]
	// [40 25]
	// [40 60]
}

func ExampleSample() {
	points, err := design.Sample(design.Sobol, []design.Factor{
		{Key: "sanction.benefit_cut", Min: 0, Max: 1},
		{Key: "professionals.caseload", Min: 20, Max: 80, Integer: true},
	}, 4, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range points {
		fmt.Println(p)
	}
	// Output:
	// [0.5 50]
	// [0.75 35]
	// [0.25 65]
	// [0.375 42]
}
