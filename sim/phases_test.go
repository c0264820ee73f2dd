package sim

import "testing"

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
	type entry struct{ month, resident int32 }
	entered := map[entry]int{} // the phase entered
	for !m.Done() {
		month := m.Month() + 1
		for i := 0; i < m.arrived; i++ {
			if m.status[i] != OnBenefit || phase[i] == len(pol.Phases)-1 {
				continue
			}
			e := pol.Phases[phase[i]+1].When
			holds := true
			if e.BelowRung > 0 {
				if int(m.rung[i]) < e.BelowRung {
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
