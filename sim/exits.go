package sim

// Leaving the benefit without work (ODD 7.10, mechanisms 5 and 6), finding
// a regular job straight from the benefit (7.10a), and work and re-entry
// (7.13).

// earlyFactor is the factor on the exit and job-finding hazards after the
// months on the benefit of resident i's current spell (7.10).
func (m *Model) earlyFactor(i int) float64 {
	if d := int(m.monthsOnBen[i]); d < len(m.early) {
		return m.early[d]
	}
	return 1.0
}

// leaveWithoutWork draws whether resident i leaves the benefit without
// work this month, and makes the exit if so. Besides the reasons that fall
// with the duration on the benefit, perceived pressure drives the exit
// together with resistance, whether the pressure comes from a sanction or
// from frequent visits.
func (m *Model) leaveWithoutWork(i int, st *MonthStats) bool {
	p := &m.p
	uExit := monthlyDraw(m.keys[purposeExit-1][i], m.month)
	hazard := p.Exit.BaseRate*m.earlyFactor(i) + p.Exit.PressureResistance*m.pressure[i]*m.resistance[i]
	if uExit >= hazard {
		return false
	}
	m.releasePlace(i)
	m.demanded[i] = false
	m.status[i] = LeftNoWork
	m.nExitNoWork[i]++
	st.ExitsWithoutWork++
	m.event(i, ExitWithoutWork)
	m.pressure[i] *= 1 - p.Pressure.Decay
	return true
}

// findJob draws whether resident i, with load capacity c, finds a regular
// job straight from the benefit: likelier early in a spell and with more
// capacity, and more so while a sanction runs.
func (m *Model) findJob(i int, c float64, st *MonthStats) bool {
	p := &m.p
	jf := p.Work.JobFinding
	if jf <= 0 || m.ceiling[i] <= 4 {
		return false
	}
	h := jf * m.earlyFactor(i) * c
	if m.sanctionLeft[i] > 0 {
		h *= 1 + p.Sanction.JobPush
	}
	if monthlyDraw(m.keys[purposeWork-1][i], m.month) >= h {
		return false
	}
	m.toRegularWork(i, st)
	return true
}

// toWork moves resident i to rung 5: the case closes, the resident moves on
// to the work company or a job.
func (m *Model) toWork(i int, st *MonthStats) {
	m.setRung(i, 5)
	m.status[i] = InWork
	m.efficacy[i] += m.p.Efficacy.GainSuccess * (1 - m.efficacy[i])
	m.markUp(i)
	m.nExitWork[i]++
	st.MovesUp++
	st.ExitsToWork++
	m.event(i, ExitToWork)
}

// toRegularWork moves resident i straight from the benefit to a regular
// job (rung 6). It is an exit to work, not a step on the ladder the team
// works on, so it counts in neither the moves up nor the residents who
// moved up.
func (m *Model) toRegularWork(i int, st *MonthStats) {
	m.releasePlace(i)
	m.demanded[i] = false
	m.rung[i] = 6
	m.monthsOnRung[i] = 0
	m.status[i] = InWork
	m.efficacy[i] += m.p.Efficacy.GainSuccess * (1 - m.efficacy[i])
	m.nExitWork[i]++
	st.ExitsToWork++
	m.event(i, ExitToWork)
	m.pressure[i] *= 1 - m.p.Pressure.Decay
}

// stepOffBenefit handles a resident in work or gone: moving on to regular
// work, and re-entry.
func (m *Model) stepOffBenefit(i int, st *MonthStats) {
	p := &m.p
	u := monthlyDraw(m.keys[purposeWork-1][i], m.month)
	if m.status[i] == LeftNoWork {
		if u < p.Work.ReentryNoWork {
			m.reenter(i)
			st.ReentriesNoWork++
		}
		return
	}
	switch {
	case u < p.Work.Reentry:
		m.reenter(i)
		st.ReentriesAfterWork++
	case m.rung[i] == 5 && u < p.Work.Reentry+p.Work.ToRegular:
		m.rung[i] = 6
		m.monthsOnRung[i] = 0
		st.MovesUp++
		m.event(i, StepUp)
	}
}

// reenter puts resident i back on the benefit at rung 2 at most.
func (m *Model) reenter(i int) {
	if m.rung[i] > 2 {
		m.rung[i] = 2
	}
	m.status[i] = OnBenefit
	m.monthsOnRung[i] = 0
	m.monthsOnBen[i] = 0
	m.sanctionLeft[i] = 0
	m.event(i, Reentry)
}
