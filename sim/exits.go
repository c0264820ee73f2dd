package sim

// Leaving the benefit without work (ODD 7.10, mechanisms 5 and 6) and
// finding a job (7.10a, 7.13). What follows the exit is in afterexit.go.

// earlyFactor is the factor on the exit and job-finding hazards after the
// months on the benefit of the resident's current spell (7.10).
func (m *Model) earlyFactor(res *resident) float64 {
	if d := int(res.monthsOnBen); d < len(m.early) {
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
func (m *Model) leaveWithoutWork(i int, res *resident, st *MonthStats) bool {
	p := &m.p
	uExit := drawAt(res.keys[keyExit], m.offset)
	base := p.Exit.BaseRate * m.earlyFactor(res)
	hazard := base + p.Exit.PressureResistance*res.pressure*res.resistance
	if uExit >= hazard {
		return false
	}
	route, ev := RouteOther, ExitWithoutWork
	switch {
	case res.sanctionLeft > 0:
		route, ev = RouteEnforcement, ExitAfterSanction
		st.ExitsAfterSanction++
	case uExit >= base:
		route, ev = RoutePressure, ExitUnderPressure
		st.ExitsUnderPressure++
	}
	m.releasePlace(res)
	res.demanded = false
	m.setStatus(i, res, LeftNoWork)
	res.nExitNoWork++
	st.ExitsWithoutWork++
	m.event(i, ev)
	m.markExit(res, route)
	if route != RouteOther {
		// Pushed out without income: arrears follow.
		res.barrier[0] = min(1, res.barrier[0]+p.Shocks.Size)
	}
	res.pressure *= m.pressureKeep
	return true
}

// reachesWork is 1 for a ceiling from which paid work (rung 6) can be
// reached straight from the benefit and 0 below it, indexed by the ceiling.
var reachesWork = [8]float64{6: 1, 7: 1}

// findJob draws whether resident i, with load capacity c, finds a regular
// job straight from the benefit: likelier early in a spell and with more
// capacity, and more so while a sanction runs.
//
// A resident whose ceiling is below paid work (rung 6) has hazard 0: the
// draw, which has no side effects, is then never below it. Multiplying by
// the ceiling's 0 or 1 (reachesWork) instead of returning early saves a
// branch that the ceilings, mixed over the residents, make unpredictable.
func (m *Model) findJob(i int, res *resident, c float64, st *MonthStats) bool {
	p := &m.p
	h := p.Work.JobFinding * m.earlyFactor(res) * c * reachesWork[res.ceiling&7]
	if res.sanctionLeft > 0 {
		h *= 1 + p.Sanction.JobPush
	}
	if drawAt(res.keys[keyWork], m.offset) >= h {
		return false
	}
	m.toRegularWork(i, res, st)
	return true
}

// toWork moves resident i to rung 5: the case closes, the resident moves on
// to the work company or a job.
func (m *Model) toWork(i int, res *resident, st *MonthStats) {
	m.setRung(res, 5)
	m.setStatus(i, res, InWork)
	res.efficacy += m.p.Efficacy.GainSuccess * (1 - res.efficacy)
	m.markUp(res)
	res.nExitWork++
	st.MovesUp++
	st.ExitsToWork++
	m.event(i, ExitToWork)
	m.markExit(res, RouteWork)
}

// toRegularWork moves resident i straight from the benefit to a regular
// job (rung 6). It is an exit to work, not a step on the ladder the team
// works on, so it counts in neither the moves up nor the residents who
// moved up.
func (m *Model) toRegularWork(i int, res *resident, st *MonthStats) {
	m.releasePlace(res)
	res.demanded = false
	res.rung = 6
	res.monthsOnRung = 0
	m.setStatus(i, res, InWork)
	res.efficacy += m.p.Efficacy.GainSuccess * (1 - res.efficacy)
	res.nExitWork++
	st.ExitsToWork++
	m.event(i, ExitToWork)
	m.markExit(res, RouteWork)
	res.pressure *= m.pressureKeep
}
