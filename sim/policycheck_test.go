package sim

import (
	"fmt"
	"strings"
	"testing"
)

// TestPolicyCheck: Check accepts a policy at every bound it allows and
// refuses one just beyond, naming the part that is wrong.
func TestPolicyCheck(t *testing.T) {
	base := func() Policy {
		a, n := builtin("afstand"), builtin("nabijheid")
		return Policy{Name: "proef", Phases: []Phase{
			{Name: "eerst", Regime: a.Phases[0].Regime, Sanction: a.Phases[0].Sanction},
			{Name: "dan", When: Entry{FromMonth: 24}, Regime: n.Phases[0].Regime, Sanction: n.Phases[0].Sanction},
		}}
	}
	later := func(f func(*Phase)) func(*Policy) { return func(p *Policy) { f(&p.Phases[1]) } }
	phases := func(n int) func(*Policy) {
		return func(p *Policy) {
			first := p.Phases[0]
			p.Phases = []Phase{first}
			for k := 1; k < n; k++ {
				p.Phases = append(p.Phases, Phase{Name: fmt.Sprintf("fase-%d", k), When: Entry{FromMonth: 12 * k}, Regime: first.Regime})
			}
			if n == 0 {
				p.Phases = nil
			}
		}
	}
	for _, c := range []struct {
		name string
		mod  func(*Policy)
		want string // "" for a policy Check accepts
	}{
		{"two phases", func(*Policy) {}, ""},
		{"one phase", phases(1), ""},
		{fmt.Sprintf("%d phases", MaxPhases), phases(MaxPhases), ""},
		{fmt.Sprintf("%d phases", MaxPhases+1), phases(MaxPhases + 1), fmt.Sprintf("phases: %d given", MaxPhases+1)},
		{"no phase", phases(0), "phases: 0 given"},
		{"a name of capitals", func(p *Policy) { p.Name = "Proef" }, "name \"Proef\""},
		{"from month 1200", later(func(ph *Phase) { ph.When.FromMonth = 1200 }), ""},
		{"from month 1201", later(func(ph *Phase) { ph.When.FromMonth = 1201 }), "when.from_month: 1201"},
		{"from month -1", later(func(ph *Phase) { ph.When = Entry{FromMonth: -1, BelowRung: 3} }), "when.from_month: -1"},
		{"1200 months after the first contact", later(func(ph *Phase) { ph.When = Entry{MonthsSinceFirstContact: 1200} }), ""},
		{"1201 months after the first contact", later(func(ph *Phase) { ph.When = Entry{MonthsSinceFirstContact: 1201} }), "when.months_since_first_contact: 1201"},
		{"-1 months after the first contact", later(func(ph *Phase) { ph.When = Entry{MonthsSinceFirstContact: -1, BelowRung: 3} }), "when.months_since_first_contact: -1"},
		{"below rung 2", later(func(ph *Phase) { ph.When = Entry{BelowRung: 2} }), ""},
		{"below rung 5", later(func(ph *Phase) { ph.When = Entry{BelowRung: 5} }), ""},
		{"below rung 1", later(func(ph *Phase) { ph.When = Entry{BelowRung: 1} }), "when.below_rung: 1"},
		{"below rung 6", later(func(ph *Phase) { ph.When = Entry{BelowRung: 6} }), "when.below_rung: 6"},
		{"1200 months below rung 3", later(func(ph *Phase) { ph.When = Entry{BelowRung: 3, MonthsBelowRung: 1200} }), ""},
		{"1201 months below rung 3", later(func(ph *Phase) { ph.When = Entry{BelowRung: 3, MonthsBelowRung: 1201} }), "when.months_below_rung: 1201"},
		{"-1 months below rung 3", later(func(ph *Phase) { ph.When = Entry{BelowRung: 3, MonthsBelowRung: -1} }), "when.months_below_rung: -1"},
		{"months below no rung", later(func(ph *Phase) { ph.When = Entry{FromMonth: 3, MonthsBelowRung: 2} }), "without below_rung"},
		{"a first phase with a condition", func(p *Policy) { p.Phases[0].When = Entry{FromMonth: 2} }, "phases[0].when: from month 2"},
		{"a later phase without one", later(func(ph *Phase) { ph.When = Entry{} }), "phases[1].when: no condition"},
		{"two phases of one name", later(func(ph *Phase) { ph.Name = "eerst" }), "given to two phases"},
		{"a phase without a name", later(func(ph *Phase) { ph.Name = "" }), "phases[1].name \"\""},
		{"the last sanction rule", later(func(ph *Phase) { ph.Sanction = JudgedAble }), ""},
		{"a sanction rule beyond the last", later(func(ph *Phase) { ph.Sanction = JudgedAble + 1 }), ".sanction: "},
		{"rule none with a sanction probability", later(func(ph *Phase) { ph.Sanction, ph.Regime.SanctionProbability = NoSanction, 0.1 }), "with sanction none"},
		{"rule none without one", later(func(ph *Phase) { ph.Sanction = NoSanction }), ""},
		{"attention 1", later(func(ph *Phase) { ph.Regime.Attention = 1 }), ""},
		{"attention 1.5", later(func(ph *Phase) { ph.Regime.Attention = 1.5 }), "phases[1].regime."},
		{"a lever", func(p *Policy) { p.Levers = []Setting{{Key: "levers.role_separation", Value: true}} }, ""},
		{"a key that is no lever", func(p *Policy) { p.Levers = []Setting{{Key: "trust.gain_per_contact", Value: 0.1}} }, "not a lever"},
		{"a lever out of range", func(p *Policy) { p.Levers = []Setting{{Key: "levers.collective_share", Value: 2.0}} }, "levers: "},
	} {
		p := base()
		c.mod(&p)
		err := p.Check()
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v, want no error", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: %v, want an error with %q", c.name, err, c.want)
		}
	}
}

// TestSanctionRuleString: each rule prints as policy files write it, and a
// value that is no rule prints as a number rather than as a rule's name.
func TestSanctionRuleString(t *testing.T) {
	for _, c := range []struct {
		rule SanctionRule
		want string
	}{
		{SanctionRule(0), "none"},
		{SanctionRule(1), "below_demand"},
		{SanctionRule(2), "judged_able"},
		{SanctionRule(3), "SanctionRule(3)"},
		{SanctionRule(200), "SanctionRule(200)"},
	} {
		if got := c.rule.String(); got != c.want {
			t.Errorf("SanctionRule(%d).String() = %q, want %q", uint8(c.rule), got, c.want)
		}
	}
}
