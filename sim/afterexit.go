package sim

import "math"

// Life after the benefit (ODD 7.13): a job found can be lost, and who left
// comes back to the benefit at a hazard that depends on the route out and
// falls with the time since the exit. What happened shapes the state on
// return.

// afterExitMonths is the time scale of the early excess of the job-loss and
// re-entry hazards, in months since the exit.
const afterExitMonths = 6

// markExit records that the resident left the benefit this month by route.
func (m *Model) markExit(res *resident, route Route) {
	res.route = route
	res.sinceExit = 0
	res.exitMonth = int16(m.month)
	if route == RouteWork {
		res.workExit = int16(m.month)
	}
	m.after.Exits[route][m.month]++
}

// factorAt returns table[d], or 1 beyond the table.
func factorAt(table []float64, d int16) float64 {
	if int(d) < len(table) {
		return table[d]
	}
	return 1
}

// stepOffBenefit is the month of a resident off the benefit: attitudes
// drift back towards the resident's own baseline; in work, the job may be
// lost (or supported work become regular work); out of work or gone
// without work, the resident may return to the benefit.
func (m *Model) stepOffBenefit(i int, res *resident, st *MonthStats) {
	p := &m.p
	m.revertAttitudes(res)
	since := res.sinceExit
	u := drawAt(res.keys[keyWork], m.offset)
	switch res.status {
	case InWork:
		loss := p.Work.JobLoss * factorAt(m.jobLossEarly, since)
		switch {
		case u < loss:
			m.loseJob(i, res, st)
		case res.rung == 5 && u < loss+p.Work.ToRegular:
			res.rung = 6
			res.monthsOnRung = 0
			st.MovesUp++
			m.event(i, StepUp)
		}
	case OutOfWork:
		if u < p.Reentry.AfterJobLoss*factorAt(m.reentryEarly, since) {
			m.reenter(i, res)
			st.ReentriesAfterWork++
		}
	case LeftNoWork:
		h := p.Reentry.NoWork * factorAt(m.reentryEarly, since)
		if r := res.route; r == RoutePressure || r == RouteEnforcement {
			h *= p.Reentry.PushedFactor
		}
		if u < h {
			m.reenter(i, res)
			st.ReentriesNoWork++
		}
	}
	if res.status != OnBenefit {
		res.sinceExit++
	}
}

// loseJob ends resident i's job: a failure (mechanism 4) and a fall in
// income (arrears); the resident lives on other income until a return to
// the benefit, if any.
func (m *Model) loseJob(i int, res *resident, st *MonthStats) {
	p := &m.p
	m.setStatus(i, res, OutOfWork)
	res.sinceExit = 0
	res.efficacy -= p.Efficacy.LossFailure * res.efficacy
	res.barrier[0] = min(1, res.barrier[0]+p.Shocks.Size)
	st.JobLosses++
	m.event(i, JobLoss)
}

// reenter puts resident i back on the benefit at rung 2 at most, in a new
// spell.
func (m *Model) reenter(i int, res *resident) {
	if res.rung > 2 {
		res.rung = 2
	}
	m.setStatus(i, res, OnBenefit)
	res.monthsOnRung = 0
	res.monthsOnBen = 0
	res.sanctionLeft = 0
	m.after.returned(res.route, int(res.exitMonth), m.month)
	m.event(i, Reentry)
}

// AfterExit counts what happened after the exits from the benefit, by the
// month of the exit, so that shares can be computed for exits followed long
// enough (ODD 7.20). A resident who leaves twice counts twice.
type AfterExit struct {
	// Months is the horizon of the run.
	Months int
	// Exits[r][t] is the number of exits by route r in month t.
	Exits [NumRoutes][]int
	// Returned[r][k][t] is the number of those exits back on the benefit
	// within ReturnMonths[k] months.
	Returned [NumRoutes][len(ReturnMonths)][]int
	// InWork[k][t] and OnBenefit[k][t] count the exits to work in month t
	// that are in work, and back on the benefit, FollowMonths[k] months
	// later (a resident who leaves for work again before then is followed
	// from the new exit on).
	InWork    [len(FollowMonths)][]int
	OnBenefit [len(FollowMonths)][]int
}

// ReturnMonths are the windows of re-entry that AfterExit counts, and
// FollowMonths the months after an exit to work at which it counts where
// the resident is.
var (
	ReturnMonths = [3]int{6, 12, 24}
	FollowMonths = [3]int{6, 12, 18}
)

func newAfterExit(months int) AfterExit {
	a := AfterExit{Months: months}
	for r := range a.Exits {
		a.Exits[r] = make([]int, months+1)
		for k := range a.Returned[r] {
			a.Returned[r][k] = make([]int, months+1)
		}
	}
	for k := range a.InWork {
		a.InWork[k] = make([]int, months+1)
		a.OnBenefit[k] = make([]int, months+1)
	}
	return a
}

// returned counts a return in month t after an exit by route in month from.
func (a *AfterExit) returned(route Route, from, t int) {
	if from < 0 {
		return
	}
	for k, w := range ReturnMonths {
		if t-from <= w {
			a.Returned[route][k][from]++
		}
	}
}

// follow counts where a resident who left for work in month from stands
// d months later.
func (a *AfterExit) follow(d, from int, s Status) {
	for k, w := range FollowMonths {
		if d == w {
			switch s {
			case InWork:
				a.InWork[k][from]++
			case OnBenefit:
				a.OnBenefit[k][from]++
			}
		}
	}
}

// ReturnShare is the share of the exits by the given routes (all routes if
// none given) that were back on the benefit within ReturnMonths[k] months,
// over the exits followed that long; NaN if there are none.
func (a *AfterExit) ReturnShare(k int, routes ...Route) float64 {
	if len(routes) == 0 {
		routes = []Route{RouteWork, RouteOther, RoutePressure, RouteEnforcement}
	}
	exits, back := 0, 0
	for _, r := range routes {
		for t := 1; t+ReturnMonths[k] <= a.Months; t++ {
			exits += a.Exits[r][t]
			back += a.Returned[r][k][t]
		}
	}
	if exits == 0 {
		return math.NaN()
	}
	return float64(back) / float64(exits)
}

// WorkShare is the share of the exits to work followed FollowMonths[k]
// months that are in work then (inWork) or back on the benefit (!inWork);
// NaN if there are none.
func (a *AfterExit) WorkShare(k int, inWork bool) float64 {
	exits, n := 0, 0
	for t := 1; t+FollowMonths[k] <= a.Months; t++ {
		exits += a.Exits[RouteWork][t]
		if inWork {
			n += a.InWork[k][t]
		} else {
			n += a.OnBenefit[k][t]
		}
	}
	if exits == 0 {
		return math.NaN()
	}
	return float64(n) / float64(exits)
}
