package sim

// Phases of a policy (ODD 7.17): at the start of each month, before the
// professionals' hours are allocated, every resident on the benefit whose
// next phase's condition holds enters that phase. Phases only move forward,
// one a month.

// enterPhases moves residents on the benefit into the next phase of the
// policy when its entry condition holds.
func (m *Model) enterPhases() {
	t := m.month
	last := int8(m.phases - 1)
	for i := 0; i < m.arrived; i++ {
		res := &m.res[i]
		if res.status != OnBenefit || res.phase == last {
			continue
		}
		next := res.phase + 1
		if m.entryHolds(res, &m.entries[next], t) {
			res.phase = next
			m.contact[i].phase = next
			res.belowFor = 0
			m.event(i, PhaseEntered)
		}
	}
}

// entryHolds reports whether the resident meets condition e in month t. It
// counts the checks in a row at which the resident stands below e's rung.
func (m *Model) entryHolds(res *resident, e *Entry, t int) bool {
	ok := true
	if e.BelowRung > 0 {
		if int(res.rung) < e.BelowRung {
			res.belowFor++
		} else {
			res.belowFor = 0
			ok = false
		}
		if int(res.belowFor) < e.MonthsBelowRung {
			ok = false
		}
	}
	if e.FromMonth > 0 && t < e.FromMonth {
		ok = false
	}
	if e.MonthsSinceFirstContact > 0 && (res.firstContact < 0 || t-int(res.firstContact) < e.MonthsSinceFirstContact) {
		ok = false
	}
	return ok
}

// EarliestEntries returns, for each phase of the policy, the first month in
// which a resident can enter it (0 for the first phase): a phase's
// condition cannot hold before its from_month, before the month after the
// first contact plus months_since_first_contact, or before as many checks
// below the rung as months_below_rung, counted from the month the previous
// phase was entered; and phases move forward one a month. A phase whose
// earliest month lies beyond a run's months is never entered in that run.
func (p *Policy) EarliestEntries() []int {
	out := make([]int, len(p.Phases))
	for k := 1; k < len(p.Phases); k++ {
		e := p.Phases[k].When
		t := max(out[k-1]+1, e.FromMonth)
		if e.MonthsSinceFirstContact > 0 {
			// The first contact is in month 1 at the earliest.
			t = max(t, 1+e.MonthsSinceFirstContact)
		}
		if e.BelowRung > 0 {
			t = max(t, out[k-1]+max(e.MonthsBelowRung, 1))
		}
		out[k] = t
	}
	return out
}
