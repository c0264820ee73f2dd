package sim

// Stepping up, places and lock-in (ODD 7.11, mechanisms 3, 6, 7), and
// successes and falls (7.12, mechanism 4).

// hasPlace reports whether resident i's neighbourhood has a free place on rung r.
func (m *Model) hasPlace(i int, r int8) bool {
	h := m.neighbour[i]
	switch r {
	case 3:
		return m.activityUsed[h] < m.activityCap[h]
	case 4:
		return m.volunteerUsed[h] < m.volunteerCap[h]
	}
	return true
}

// setRung moves resident i to rung r, freeing and taking places.
func (m *Model) setRung(i int, r int8) {
	m.releasePlace(i)
	h := m.neighbour[i]
	switch r {
	case 3:
		m.activityUsed[h]++
	case 4:
		m.volunteerUsed[h]++
	}
	m.rung[i] = r
	m.monthsOnRung[i] = 0
	m.demanded[i] = false
}

func (m *Model) releasePlace(i int) {
	if m.status[i] != OnBenefit {
		return
	}
	h := m.neighbour[i]
	switch m.rung[i] {
	case 3:
		m.activityUsed[h]--
	case 4:
		m.volunteerUsed[h]--
	}
}

// willingness is how ready resident i is to take a step: 0.5 when trust and
// resistance balance, plus what moral appeal or a running sanction adds.
func (m *Model) willingness(i int, extra float64) float64 {
	return clamp01(0.5 + (m.trust[i]-m.resistance[i]+extra)/(2*m.p.Ladder.WillingWidth))
}

// climb lets resident i, with load capacity c, try to step up a rung (a
// step to rung 5 is an exit to work), or drop out of an activity or
// volunteer work; then the month closes (closeMonth). met and attention say whether and how the resident was
// met this month.
func (m *Model) climb(i int, c float64, met bool, attention float64, st *MonthStats) {
	p := &m.p
	rg := &m.regimes[m.phase[i]]
	uStep := monthlyDraw(m.keys[purposeStep-1][i], m.month)
	r := m.rung[i]
	moved := false
	if r < m.ceiling[i] && r < 5 {
		target := r + 1
		extra := 0.0
		if met {
			extra += rg.Appeal
		}
		if m.sanctionLeft[i] > 0 {
			extra += p.Sanction.Push
		}
		// Readiness is 0 below the rung's need and rises to 1 over the
		// margin above it: a step needs capacity, and more spare capacity
		// makes it likelier.
		ready := clamp01((c - m.needs[target]) / p.Ladder.ReadyMargin)
		prob := 0.0
		if ready > 0 {
			prob = ready * m.efficacy[i] * m.willingness(i, extra) * (p.Ladder.SelfRate + p.Ladder.SupportRate*attention)
		}
		years := float64(m.monthsOnRung[i]) / 12
		if target == 5 {
			prob *= p.Work.JobDemand / (1 + p.Work.LockIn*years)
		}
		// A place entered as a tegenprestatie holds: the obligation is
		// met there, and the step on from it shrinks with the time spent.
		if m.demanded[i] {
			prob /= 1 + p.Work.LockInDemand*years
		}
		if uStep < prob && m.hasPlace(i, target) {
			moved = true
			if target == 5 {
				m.toWork(i, st)
			} else {
				m.setRung(i, target)
				m.efficacy[i] += p.Efficacy.GainSuccess * (1 - m.efficacy[i])
				m.markUp(i)
				st.MovesUp++
				m.event(i, StepUp)
			}
		}
	}
	if !moved && (r == 3 || r == 4) {
		// Drop-out: more likely with low self-efficacy, and much more
		// likely on a rung whose need exceeds the resident's capacity
		// (a place the resident was pushed into and cannot carry).
		drop := p.Ladder.DropRate * (1 - m.efficacy[i])
		if c < m.needs[r] {
			drop += p.Ladder.OverloadDrop
		}
		if uStep >= 1-drop {
			m.fall(i, st)
		}
	}
	m.closeMonth(i)
}

// closeMonth ends the month of resident i: pressure decays and, if the
// resident is still on the benefit, the months on the benefit and on the
// rung count up.
func (m *Model) closeMonth(i int) {
	m.pressure[i] *= 1 - m.p.Pressure.Decay
	if m.status[i] == OnBenefit {
		m.monthsOnBen[i]++
		m.monthsOnRung[i]++
	}
}

// markUp notes that resident i has stepped up at least once.
func (m *Model) markUp(i int) {
	if !m.everUp[i] {
		m.everUp[i] = true
		m.movers++
	}
}

// fall moves resident i one rung down and costs self-efficacy (mechanism 4).
func (m *Model) fall(i int, st *MonthStats) {
	to := m.rung[i] - 1
	// Falling from volunteer work to activities needs a free activity
	// place; without one the resident falls to social contacts.
	if to == 3 && !m.hasPlace(i, 3) {
		to = 2
	}
	m.setRung(i, to)
	m.efficacy[i] -= m.p.Efficacy.LossFailure * m.efficacy[i]
	st.MovesDown++
	m.event(i, StepDown)
}
