package sim

import "math"

// Leaving the benefit without work (ODD 7.10, mechanisms 5 and 6) and
// finding a job (7.10a, 7.13). What follows the exit is in afterexit.go.

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
// from frequent visits. The route out is enforcement if a sanction runs,
// otherwise pressure if the draw falls in the pressure's share of the
// hazard, otherwise other reasons (a partner, another benefit, moving).
func (m *Model) leaveWithoutWork(i int, st *MonthStats) bool {
	p := &m.p
	uExit := monthlyDraw(m.keys[purposeExit-1][i], m.month)
	base := p.Exit.BaseRate * m.earlyFactor(i)
	hazard := base + p.Exit.PressureResistance*m.pressure[i]*m.resistance[i]
	if uExit >= hazard {
		return false
	}
	route, ev := RouteOther, ExitWithoutWork
	switch {
	case m.sanctionLeft[i] > 0:
		route, ev = RouteEnforcement, ExitAfterSanction
		st.ExitsAfterSanction++
	case uExit >= base:
		route, ev = RoutePressure, ExitUnderPressure
		st.ExitsUnderPressure++
	}
	m.releasePlace(i)
	m.demanded[i] = false
	m.status[i] = LeftNoWork
	m.nExitNoWork[i]++
	st.ExitsWithoutWork++
	m.event(i, ev)
	m.markExit(i, route)
	if route != RouteOther {
		// Pushed out without income: arrears follow.
		m.barrier[i][0] = math.Min(1, m.barrier[i][0]+p.Shocks.Size)
	}
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
	m.markExit(i, RouteWork)
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
	m.markExit(i, RouteWork)
	m.pressure[i] *= 1 - m.p.Pressure.Decay
}
