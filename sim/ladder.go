package sim

// Stepping up, places and lock-in (ODD 7.11, mechanisms 3, 6, 7), and
// successes and falls (7.12, mechanism 4).

// hasPlace reports whether neighbourhood h has a free place on rung r.
func (m *Model) hasPlace(h int32, r int8) bool {
	switch r {
	case 3:
		return m.activityUsed[h] < m.activityCap[h]
	case 4:
		return m.volunteerUsed[h] < m.volunteerCap[h]
	}
	return true
}

// setRung moves the resident to rung r, freeing and taking places.
func (m *Model) setRung(res *resident, r int8) {
	m.releasePlace(res)
	h := res.neighbour
	switch r {
	case 3:
		m.activityUsed[h]++
	case 4:
		m.volunteerUsed[h]++
	}
	res.rung = r
	res.monthsOnRung = 0
	res.demanded = false
}

func (m *Model) releasePlace(res *resident) {
	if res.status != OnBenefit {
		return
	}
	h := res.neighbour
	switch res.rung {
	case 3:
		m.activityUsed[h]--
	case 4:
		m.volunteerUsed[h]--
	}
}

// willingness is how ready resident res is to take a step: 0.5 when trust
// and resistance balance, plus what moral appeal or a running sanction adds.
func (m *Model) willingness(res *resident, extra float64) float64 {
	return clampMixed01(0.5 + (res.trust-res.resistance+extra)/m.willingSpan)
}

// onPlace is 1 on the rungs of a place (3, an activity, and 4, volunteer
// work) and 0 on the others, indexed by rung.
var onPlace = [8]float64{3: 1, 4: 1}

// climb lets resident i, with load capacity c, try to step up a rung (a
// step to rung 5 is an exit to work), or drop out of an activity or
// volunteer work; then the month closes (closeMonth). appeal and attention
// are those of this month's contact, 0 without one.
func (m *Model) climb(i int, res *resident, c, appeal, attention float64, st *MonthStats) {
	p := &m.p
	uStep := drawAt(res.keys[keyStep], m.offset)
	r := res.rung
	moved := false
	if r < res.ceiling && r < 5 {
		target := r + 1
		extra := appeal
		if res.sanctionLeft > 0 {
			extra += p.Sanction.Push
		}
		// Readiness is 0 below the rung's need and rises to 1 over the
		// margin above it: a step needs capacity, and more spare capacity
		// makes it likelier.
		ready := clampMixed01((c - m.needs[target]) / p.Ladder.ReadyMargin)
		prob := 0.0
		if ready > 0 {
			prob = ready * res.efficacy * m.willingness(res, extra) * (p.Ladder.SelfRate + p.Ladder.SupportRate*attention)
		}
		years := float64(res.monthsOnRung) / 12
		// A step to work (rung 5) also needs an employer's demand and
		// shrinks with the years on the rung (lock-in). Chosen by index
		// rather than by a branch on the rung; times 1 leaves prob as it is.
		toWork := [2]float64{1, p.Work.JobDemand / (1 + p.Work.LockIn*years)}
		prob *= toWork[bit(target == 5)]
		// A place entered as a tegenprestatie holds: the obligation is
		// met there, and the step on from it shrinks with the time spent.
		if res.demanded {
			prob /= 1 + p.Work.LockInDemand*years
		}
		if uStep < prob && m.hasPlace(res.neighbour, target) {
			moved = true
			if target == 5 {
				m.toWork(i, res, st)
			} else {
				m.setRung(res, target)
				res.efficacy += p.Efficacy.GainSuccess * (1 - res.efficacy)
				m.markUp(res)
				st.MovesUp++
				m.event(i, StepUp)
			}
		}
	}
	if !moved {
		// Drop-out from an activity or volunteer work (rungs 3 and 4):
		// more likely with low self-efficacy, and much more likely on a
		// rung whose need exceeds the resident's capacity (a place the
		// resident was pushed into and cannot carry). It is computed on
		// every rung, without branches on the rung and the capacity that
		// the residents' mix would make unpredictable: on other rungs
		// onPlace is 0, and a draw below 1 never reaches 1 - 0.
		drop := p.Ladder.DropRate * (1 - res.efficacy)
		drop += p.Ladder.OverloadDrop * indicator(c < m.needs[r&7])
		if uStep >= 1-drop*onPlace[r&7] {
			m.fall(i, res, st)
		}
	}
	m.closeMonth(res)
}

// closeMonth ends the resident's month: pressure decays and, if the
// resident is still on the benefit, the months on the benefit and on the
// rung count up.
func (m *Model) closeMonth(res *resident) {
	res.pressure *= m.pressureKeep
	if res.status == OnBenefit {
		res.monthsOnBen++
		res.monthsOnRung++
	}
}

// markUp notes that the resident has stepped up at least once.
func (m *Model) markUp(res *resident) {
	if !res.everUp {
		res.everUp = true
		m.movers++
	}
}

// fall moves resident i one rung down and costs self-efficacy (mechanism 4).
func (m *Model) fall(i int, res *resident, st *MonthStats) {
	to := res.rung - 1
	// Falling from volunteer work to activities needs a free activity
	// place; without one the resident falls to social contacts.
	if to == 3 && !m.hasPlace(res.neighbour, 3) {
		to = 2
	}
	m.setRung(res, to)
	res.efficacy -= m.p.Efficacy.LossFailure * res.efficacy
	st.MovesDown++
	m.event(i, StepDown)
}
