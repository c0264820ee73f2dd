package sim

import (
	"strings"
	"testing"
)

// TestPhasesFollowTheODD runs a policy of three phases (afstand; nabijheid
// for residents below rung 3 at two checks in a row, at least two months
// after their intake; sanctie for everyone from month 30) and works out,
// before every month and from the state the month starts with, who enters
// which phase by the rules of ODD 7.17. The model's phases and its event
// log must agree every month, and sanctions, which only the last phase's
// regime threatens, must fall on residents in it.
func TestPhasesFollowTheODD(t *testing.T) {
	p := Defaults()
	p.Months = 48
	p.Population.InflowPerMonth = 0 // no newcomers: a check sees only residents there at the start of the month
	pol := Policy{Name: "drie-fasen", Phases: []Phase{
		{Name: "afstand", Regime: builtin("afstand").Phases[0].Regime, Sanction: BelowDemand},
		{Name: "nabijheid", When: Entry{MonthsSinceFirstContact: 2, BelowRung: 3, MonthsBelowRung: 2}, Regime: builtin("nabijheid").Phases[0].Regime, Sanction: NoSanction},
		{Name: "sanctie", When: Entry{FromMonth: 30}, Regime: builtin("sanctie").Phases[0].Regime, Sanction: BelowDemand},
	}}
	m, err := New(p, pol, 5, 0, Options{RecordEvents: true})
	if err != nil {
		t.Fatal(err)
	}
	phase := make([]int, m.Residents())
	below := make([]int, m.Residents())
	type entry struct{ month, labResident int32 }
	entered := map[entry]int{} // the phase entered
	for !m.Done() {
		month := m.Month() + 1
		for i := 0; i < m.arrived; i++ {
			if m.res[i].status != OnBenefit || phase[i] == len(pol.Phases)-1 {
				continue
			}
			e := pol.Phases[phase[i]+1].When
			holds := true
			if e.BelowRung > 0 {
				if int(m.res[i].rung) < e.BelowRung {
					below[i]++
				} else {
					below[i] = 0
					holds = false
				}
				holds = holds && below[i] >= e.MonthsBelowRung
			}
			if e.FromMonth > 0 && month < e.FromMonth {
				holds = false
			}
			if e.MonthsSinceFirstContact > 0 && (m.FirstContact(i) < 0 || month-m.FirstContact(i) < e.MonthsSinceFirstContact) {
				holds = false
			}
			if holds {
				phase[i]++
				below[i] = 0
				entered[entry{int32(month), int32(i)}] = phase[i]
			}
		}
		m.Step()
		for i := range phase {
			if m.Phase(i) != phase[i] {
				t.Fatalf("month %d: resident %d in phase %d, by ODD 7.17 in phase %d", month, i, m.Phase(i), phase[i])
			}
		}
	}

	logged := 0
	count := map[int]int{}
	early := 0 // entries into the second phase before month 30
	for _, e := range m.Events() {
		switch e.Type {
		case PhaseEntered:
			logged++
			k, ok := entered[entry{e.Month, e.Resident}]
			if !ok {
				t.Errorf("the log has resident %d entering a phase in month %d; by ODD 7.17 no phase was entered", e.Resident, e.Month)
			}
			count[k]++
			if k == 1 && e.Month < 30 {
				early++
			}
			if k == 2 && e.Month < 30 {
				t.Errorf("resident %d entered the last phase in month %d, before month 30", e.Resident, e.Month)
			}
		case Sanctioned:
			at, ok := -1, false
			for mo := int32(30); mo <= e.Month; mo++ {
				if entered[entry{mo, e.Resident}] == 2 {
					at, ok = int(mo), true
				}
			}
			if !ok {
				t.Errorf("resident %d sanctioned in month %d, not in the phase of sanctions (entered: %d)", e.Resident, e.Month, at)
			}
		}
	}
	if logged != len(entered) {
		t.Errorf("%d entries logged, %d by ODD 7.17", logged, len(entered))
	}
	// The test means something only if each kind of entry happened.
	if early == 0 || count[2] == 0 || count[1] == early {
		t.Errorf("entries: %d into nabijheid before month 30, %d in all, %d into sanctie; want some of each, and some into nabijheid from month 30 on", early, count[1], count[2])
	}
}

// TestEntryConditionsAtTheirBoundaries (7.17): a phase from month 24 is
// entered in month 24, not before; one twelve months after the first
// contact twelve months after it, and never without a contact; a condition
// left at zero asks nothing, not even a contact.
func TestEntryConditionsAtTheirBoundaries(t *testing.T) {
	m, err := New(Defaults(), builtin("afstand"), 1, 0, Options{})
	if err != nil {
		t.Fatal(err)
	}
	const i = 0
	m.res[i].rung = 2
	for _, c := range []struct {
		name         string
		e            Entry
		firstContact int16
		month        int
		want         bool
	}{
		{"from month 24, in month 23", Entry{FromMonth: 24}, -1, 23, false},
		{"from month 24, in month 24", Entry{FromMonth: 24}, -1, 24, true},
		{"12 months after a contact in month 5, in month 16", Entry{MonthsSinceFirstContact: 12}, 5, 16, false},
		{"12 months after a contact in month 5, in month 17", Entry{MonthsSinceFirstContact: 12}, 5, 17, true},
		{"12 months after the first contact, never contacted", Entry{MonthsSinceFirstContact: 12}, -1, 100, false},
		{"from month 24 only, never contacted", Entry{FromMonth: 24}, -1, 30, true},
		{"below rung 3, on rung 2", Entry{BelowRung: 3}, -1, 1, true},
	} {
		m.res[i].firstContact, m.res[i].belowFor = c.firstContact, 0
		if got := m.entryHolds(&m.res[i], &c.e, c.month); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// TestEntryText: a condition reads as it is set, and one with nothing set
// as "from the start".
func TestEntryText(t *testing.T) {
	for _, c := range []struct {
		e    Entry
		want string
	}{
		{Entry{}, "from the start"},
		{Entry{FromMonth: 24}, "from month 24"},
		{Entry{MonthsSinceFirstContact: 12, BelowRung: 3}, "12 months after the first contact and below rung 3"},
		{Entry{BelowRung: 3, MonthsBelowRung: 6}, "below rung 3 for 6 months"},
	} {
		if got := c.e.String(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.e, got, c.want)
		}
	}
}

// TestValidName: one to 40 lower-case letters, digits and dashes, starting
// with a letter, no dash at the end or two in a row; the characters just
// outside each allowed range are refused.
func TestValidName(t *testing.T) {
	for _, c := range []struct {
		name string
		want bool
	}{
		{"a", true}, {"z", true}, {"a0", true}, {"a9", true}, {"a-b", true}, {"zaanstad-2019", true},
		{strings.Repeat("a", 40), true}, {strings.Repeat("a", 41), false},
		{"", false}, {"`", false}, {"{", false}, {"A", false}, {"0a", false}, {"-a", false},
		{"a`", false}, {"a{", false}, {"a/", false}, {"a:", false}, {"a-", false}, {"a--b", false}, {"a_b", false}, {"a b", false},
	} {
		if got := ValidName(c.name); got != c.want {
			t.Errorf("ValidName(%q) = %v, want %v", c.name, got, c.want)
		}
	}
}
