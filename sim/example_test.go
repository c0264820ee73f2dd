package sim_test

import (
	"fmt"

	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/sim"
)

// builtin returns the model's side of the built-in policy called name.
func builtin(name string) sim.Policy {
	p, err := policies.Builtin(name)
	if err != nil {
		panic(err)
	}
	return p.Policy
}

// builtins returns the model's side of every built-in policy.
func builtins() []sim.Policy {
	var out []sim.Policy
	for _, p := range policies.Builtins() {
		out = append(out, p.Policy)
	}
	return out
}

// A run is a function of (parameters, policy, seed, replicate): build it
// with New, advance it with Run (or Step), read the months with Stats.
func ExampleNew() {
	m, err := sim.New(sim.Defaults(), builtin("nabijheid"), 1, 0, sim.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	m.Run()
	stats := m.Stats()
	fmt.Println("policy:", m.Policy().Name)
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
	_, err := sim.New(p, builtin("afstand"), 1, 0, sim.Options{})
	fmt.Println(err)
	// Output:
	// invalid parameters: trust.word_of_mouth: value 2 is out of range; allowed: number in [0, 1]
}

// Step advances one month at a time, for a caller that wants to look at the
// state between months.
func ExampleModel_Step() {
	p := sim.Defaults()
	p.Months = 24
	m, err := sim.New(p, builtin("sanctie"), 1, 0, sim.Options{})
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
	for _, pol := range builtins() {
		m, err := sim.New(p, pol, 1, 0, sim.Options{})
		if err != nil {
			fmt.Println(err)
			return
		}
		m.Run()
		last := m.Stats()[p.Months]
		fmt.Printf("%-20s %d\n", pol.Name, last.OnBenefit+last.InWork+last.LeftNoWork+last.OutOfWork)
	}
	// Output:
	// afstand              1100
	// morele-verplichting  1100
	// sanctie              1100
	// maatwerk             1100
	// nabijheid            1100
}

// A policy is data: phases, each a regime with a sanction rule and, after
// the first, a condition for entering it. This one meets residents closely
// and, for those still below rung 3 a year after their first contact,
// demands rung 3 and sanctions refusals.
func ExamplePolicy() {
	closely := sim.Regime{ContactInterval: 1, HoursPerContact: 3, Attention: 0.8, Control: 0.3, BarrierWork: 0.08, Appeal: 0.1}
	strict := closely
	strict.DemandRung, strict.SanctionProbability, strict.Control = 3, 0.3, 0.7
	pol := sim.Policy{Name: "escalatie", Phases: []sim.Phase{
		{Name: "nabijheid", Regime: closely, Sanction: sim.NoSanction},
		{Name: "handhaving", When: sim.Entry{MonthsSinceFirstContact: 12, BelowRung: 3}, Regime: strict, Sanction: sim.BelowDemand},
	}}
	p := sim.Defaults()
	p.Months = 36
	m, err := sim.New(p, pol, 1, 0, sim.Options{RecordEvents: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	m.Run()
	first := -1
	for _, e := range m.Events() {
		if e.Type == sim.PhaseEntered {
			first = int(e.Month)
			break
		}
	}
	fmt.Println("phase 2:", pol.Phases[1].When)
	fmt.Println("first resident escalated in month", first)
	// Output:
	// phase 2: 12 months after the first contact and below rung 3
	// first resident escalated in month 13
}

// A scenario key policies.NAME.SETTING sets a setting of a policy's regime
// in the parameters; the policy's own regime is the default.
func ExampleRegimeSpecs() {
	pol := builtin("nabijheid")
	p := sim.Defaults()
	for _, s := range sim.RegimeSpecs(&pol, "") {
		if s.Key == "policies.nabijheid.hours_per_contact" {
			fmt.Println(s.Key, "default", s.Get(&p))
			if err := s.Set(&p, 2); err != nil {
				fmt.Println(err)
			}
			fmt.Println(s.Key, "set", s.Get(&p))
			fmt.Println(s.Set(&p, 0))
		}
	}
	r, _ := p.Policies.Regime("nabijheid", "")
	fmt.Println("regime run:", r.HoursPerContact, "hours per contact")
	// Output:
	// policies.nabijheid.hours_per_contact default 3
	// policies.nabijheid.hours_per_contact set 2
	// policies.nabijheid.hours_per_contact: value 0 is out of range; allowed: number in [0.1, 100]
	// regime run: 2 hours per contact
}
