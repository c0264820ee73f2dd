package calibrate_test

import (
	"fmt"

	"github.com/wijksim/wijksim/calibrate"
	"github.com/wijksim/wijksim/sim"
)

// A statistic is a pure function of a run's Log. Here four new recipients
// arrive in month 1 and are followed for a year: two leave within it (one
// to work, one without work), one leaves in month 14, one stays.
func ExampleCohortExitShare() {
	l := &calibrate.Log{
		Months:        24,
		Arrival:       []int{1, 1, 1, 1},
		StartDuration: []int{0, 0, 0, 0},
		Events: []sim.Event{
			{Month: 4, Resident: 0, Type: sim.ExitToWork},
			{Month: 9, Resident: 1, Type: sim.ExitWithoutWork},
			{Month: 14, Resident: 2, Type: sim.ExitWithoutWork},
		},
	}
	s := calibrate.CohortExitShare{ArrivalFrom: 1, ArrivalTo: 1, Within: 12}
	fmt.Println(s)
	fmt.Println(s.Compute(l))
	fmt.Println(calibrate.WorkShareOfExits{From: 1}.Compute(l))
	// Output:
	// share of the residents arriving in months 1-1 who leave the benefit within 12 months
	// 0.5
	// 0.3333333333333333
}

// The hazard ratio after a sanction counts exits per resident-month at
// risk, in the months after the last sanction and in the reference months.
func ExampleSanctionHazardRatio() {
	l := &calibrate.Log{
		Months:        12,
		Arrival:       []int{0, 0},
		StartDuration: []int{60, 60},
		Events: []sim.Event{
			{Month: 2, Resident: 0, Type: sim.Sanctioned},
			{Month: 3, Resident: 0, Type: sim.ExitToWork}, // one month after the sanction
			{Month: 12, Resident: 1, Type: sim.ExitToWork},
		},
	}
	s := calibrate.SanctionHazardRatio{Outcome: calibrate.OutcomeWork, Months: 3}
	fmt.Printf("%+v\n", s.Counts(l))
	fmt.Printf("%.1f\n", s.Compute(l)) // (1/2) / (1/13)
	// Output:
	// {WindowExits:1 WindowMonths:2 ReferenceExits:1 ReferenceMonths:13}
	// 6.5
}

// A target file names each figure, the statistic that reproduces it, its
// weight, the runs it needs and its source.
func ExampleParseTargets() {
	ts, err := calibrate.ParseTargets([]byte(`
name: example
targets:
  - name: long_term_exit_share
    statistic: {kind: long_term_exit_share, at_months: [0], over_months: 36, within_months: 12}
    observed: 0.08
    se: 0.01
    policy: afstand
    set: {months: 12}
    source: {citation: "CBS (2008), Korter in de bijstand, makkelijker eruit"}
`), "example.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	t := ts.Targets[0]
	fmt.Println(t.Name, t.Kind, t.Observed, t.SE, t.Policy, t.Set)
	fmt.Println(t.Statistic)

	_, err = calibrate.ParseTargets([]byte("targets:\n  - name: x\n    statistic: {kind: exit_share}\n"), "bad.yaml")
	fmt.Println(err)
	// Output:
	// long_term_exit_share long_term_exit_share 0.08 0.01 afstand [months=12]
	// share of the residents on the benefit for more than 36 months at month [0] who leave within 12 months
	// targets bad.yaml: line 2, column 5: key "targets[0].observed": missing
}
