package sim_test

import (
	"fmt"

	"github.com/wijksim/wijksim/sim"
)

// A run is a function of (parameters, policy, seed, replicate): build it
// with New, advance it with Run (or Step), read the months with Stats.
func ExampleNew() {
	m, err := sim.New(sim.Defaults(), sim.Nabijheid{}, 1, 0, sim.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	m.Run()
	stats := m.Stats()
	fmt.Println("policy:", m.Policy().Name())
	fmt.Println("months simulated:", m.Month(), "done:", m.Done())
	fmt.Println("months reported:", len(stats), "(month 0 to", stats[len(stats)-1].Month, "inclusive)")
	fmt.Println("residents at month 0:", stats[0].OnBenefit)
	// Output:
	// policy: nabijheid
	// months simulated: 120 done: true
	// months reported: 121 (month 0 to 120 inclusive)
	// residents at month 0: 1100
}

// New checks the parameters and names the key, the value and what is allowed.
func ExampleNew_invalid() {
	p := sim.Defaults()
	p.Trust.WordOfMouth = 2
	_, err := sim.New(p, sim.Afstand{}, 1, 0, sim.Options{})
	fmt.Println(err)
	// Output:
	// invalid parameters: trust.word_of_mouth: value 2 is out of range; allowed: number in [0, 1]
}

// Step advances one month at a time, for a caller that wants to look at the
// state between months.
func ExampleModel_Step() {
	p := sim.Defaults()
	p.Months = 24
	m, err := sim.New(p, sim.Sanctie{}, 1, 0, sim.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for !m.Done() {
		m.Step()
		if m.Month()%12 == 0 {
			fmt.Println("month", m.Month())
		}
	}
	// Output:
	// month 12
	// month 24
}

// Every resident who has arrived is on the benefit, in work, gone without
// work or out of the job found, whatever the policy: the statuses add up to
// the population.
func ExampleModel_Stats() {
	p := sim.Defaults()
	p.Months = 24
	for _, pol := range sim.Policies() {
		m, err := sim.New(p, pol, 1, 0, sim.Options{})
		if err != nil {
			fmt.Println(err)
			return
		}
		m.Run()
		last := m.Stats()[p.Months]
		fmt.Printf("%-20s %d\n", pol.Name(), last.OnBenefit+last.InWork+last.LeftNoWork+last.OutOfWork)
	}
	// Output:
	// afstand              1100
	// morele-verplichting  1100
	// sanctie              1100
	// maatwerk             1100
	// nabijheid            1100
}

func ExamplePolicyByName() {
	p, err := sim.PolicyByName("maatwerk")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Name())
	_, err = sim.PolicyByName("strafkamp")
	fmt.Println(err)
	// Output:
	// maatwerk
	// unknown policy "strafkamp"; allowed: afstand, morele-verplichting, sanctie, maatwerk, nabijheid
}

func ExamplePolicyNames() {
	fmt.Println(sim.PolicyNames())
	// Output:
	// [afstand morele-verplichting sanctie maatwerk nabijheid]
}
