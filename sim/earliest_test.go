package sim

import (
	"slices"
	"testing"
)

// TestEarliestEntries: the first month each phase can be entered, by its
// condition and the phases before it.
func TestEarliestEntries(t *testing.T) {
	phase := func(e Entry) Phase { return Phase{Name: "p", When: e} }
	for _, c := range []struct {
		name  string
		after []Entry // the conditions of the phases after the first
		want  []int
	}{
		{"one phase", nil, []int{0}},
		{"from month 24", []Entry{{FromMonth: 24}}, []int{0, 24}},
		{"12 months after the intake", []Entry{{MonthsSinceFirstContact: 12}}, []int{0, 13}},
		{"below rung 3 at 6 checks", []Entry{{BelowRung: 3, MonthsBelowRung: 6}}, []int{0, 6}},
		{"below rung 3 at once", []Entry{{BelowRung: 3}}, []int{0, 1}},
		{"one a month", []Entry{{FromMonth: 1}, {FromMonth: 1}}, []int{0, 1, 2}},
		{"checks counted from the phase before", []Entry{{FromMonth: 10}, {BelowRung: 3, MonthsBelowRung: 4}}, []int{0, 10, 14}},
	} {
		pol := Policy{Name: "x", Phases: []Phase{phase(Entry{})}}
		for _, e := range c.after {
			pol.Phases = append(pol.Phases, phase(e))
		}
		if got := pol.EarliestEntries(); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// TestEarliestEntryIsReached: a run of the example escalation with its
// escalation at its earliest month (12 months after the intake, below
// rung 3 at once) sees the first resident enter it exactly then.
func TestEarliestEntryIsReached(t *testing.T) {
	p := Defaults()
	p.Months = 24
	pol := Policy{Name: "escalatie", Phases: []Phase{
		{Name: "nabijheid", Regime: builtin("nabijheid").Phases[0].Regime},
		{Name: "handhaving", When: Entry{MonthsSinceFirstContact: 12, BelowRung: 3}, Regime: builtin("sanctie").Phases[0].Regime, Sanction: BelowDemand},
	}}
	m, err := New(p, pol, 1, 0, Options{RecordEvents: true})
	if err != nil {
		t.Fatal(err)
	}
	m.Run()
	first := -1
	for _, ev := range m.Events() {
		if ev.Type == PhaseEntered {
			first = int(ev.Month)
			break
		}
	}
	if want := pol.EarliestEntries()[1]; first != want {
		t.Errorf("first entry in month %d, want the earliest, %d", first, want)
	}
}
