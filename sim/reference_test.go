package sim

// A reference implementation of the model's month, written from the
// equations of docs/ODD.md (sections 3, 4.9, 5 and 7) and not from the code
// of this package, for the equation tests of equations_test.go. It keeps a
// state of its own, taken from a Model once (snapshot), steps it month by
// month as the ODD says, and compares it with the Model stepped alongside.
// Its random numbers come from its own derivation of the streams (4.9):
// the counter-based monthly draws and the PCG streams of the judge and the
// sanction, so that a test also checks that an event happens exactly when
// its draw falls below its hazard.

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// refSM is the SplitMix64 finaliser of ODD 4.9.
func refSM(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// refKey is the hashed key h of the stream (seed, replicate, purpose, slot).
func refKey(seed, replicate uint64, pu purpose, slot int) uint64 {
	h := refSM(seed)
	h = refSM(h ^ replicate)
	h = refSM(h ^ uint64(pu))
	return refSM(h ^ uint64(slot))
}

// refUniform turns 64 random bits into a uniform in [0, 1): the top 53
// bits divided by 2^53.
func refUniform(x uint64) float64 { return float64(x>>11) / (1 << 53) }

// refMonthly is the draw of month t of a counter-based stream with key h.
func refMonthly(h uint64, t int) float64 {
	return refUniform(refSM(h + uint64(t)*0x9e3779b97f4a7c15))
}

// refPCG is the PCG stream of a purpose drawn a varying number of times.
func refPCG(seed, replicate uint64, pu purpose, slot int) *rand.PCG {
	h := refKey(seed, replicate, pu, slot)
	return rand.NewPCG(h, refSM(h^0x5851f42d4c957f2d))
}

func refClamp(x float64) float64 { return min(1, math.Max(0, x)) }

// refRes is one resident slot (ODD 2.1).
type refRes struct {
	status                 Status
	rung, ceiling          int
	kind, startKind        Kind
	T, R, E, P             float64
	B, F                   [4]float64
	T0, R0, E0             float64
	M, MB, s               int // months on rung, on benefit, since contact
	sanction               int // months of sanction left
	demanded               bool
	everUp, everContact    bool
	first                  int // first contact month
	contact                int // last contact month
	switched               bool
	route                  Route
	tau                    int // months since the exit (or job loss)
	exitMonth, workExit    int
	nSanc, nWork, nNoWork  int
	benefitPaid, hoursGot  float64
	startMB                int
	hood, prof, blockGroup int
}

// C is the load capacity of 7.2.
func (x *refRes) C() float64 { return 1 - (x.B[0]+x.B[1]+x.B[2]+x.B[3])/4 }

// refWorld is the reference model.
type refWorld struct {
	p        Params
	rg       Regime
	maatwerk bool
	seed     uint64
	rep      uint64
	t        int
	arrived  int
	w        int
	res      []refRes
	needs    [6]float64

	actCap, volCap, actUsed, volUsed []int
	credit                           []float64
	fcursor                          []int
	kh                               []int   // professionals per neighbourhood
	caseload                         [][]int // slots of each professional, in slot order
	cursor                           []int
	owed                             []float64

	blockMean map[int]float64 // mean trust of each block group at the end of last month
	movers    int
	prev      MonthStats
	withheld  float64 // benefit withheld by running sanctions this month (7.19)
	stats     MonthStats
	events    []Event

	exits    [NumRoutes][]int
	returned [NumRoutes][3][]int
	inWork   [3][]int
	onBen    [3][]int

	judge, sanct []*rand.PCG
}

// refProfessionals computes the professionals of ODD 5: K = ⌈residents /
// caseload⌉, K_h = max(1, ⌊K/n⌋ + [h < K mod n]), slot i of neighbourhood
// i mod n goes to professional (i div n) mod K_h of its neighbourhood,
// numbered after those of the neighbourhoods before it.
func refProfessionals(p *Params, slots int) (kh []int, owner []int, caseload [][]int) {
	n := p.Population.Neighbourhoods
	k := (p.Population.Residents + p.Professionals.Caseload - 1) / p.Professionals.Caseload
	kh = make([]int, n)
	first := make([]int, n+1)
	for h := 0; h < n; h++ {
		kh[h] = k / n
		if h < k%n {
			kh[h]++
		}
		kh[h] = max(1, kh[h])
		first[h+1] = first[h] + kh[h]
	}
	caseload = make([][]int, first[n])
	owner = make([]int, slots)
	for i := 0; i < slots; i++ {
		h := i % n
		owner[i] = first[h] + (i/n)%kh[h]
		caseload[owner[i]] = append(caseload[owner[i]], i)
	}
	return kh, owner, caseload
}

// refBlockGroup names the block of slot i: the neighbourhood and the
// number of the run of block_size consecutive slots within it (2.5).
func refBlockGroup(p *Params, i int) int {
	n := p.Population.Neighbourhoods
	return (i%n)*1_000_000 + (i/n)/p.Population.BlockSize
}

// snapshot takes the reference's state from m, whose random streams of the
// judge and the sanction must not have been drawn from yet.
func snapshot(m *Model) (*refWorld, error) {
	w := &refWorld{p: m.p, rg: m.regimes[0], seed: m.seed, rep: m.replicate, t: m.month, arrived: m.arrived, w: m.hoods, movers: m.movers}
	w.maatwerk = m.rules[0] == JudgedAble
	p := &w.p
	w.needs = [6]float64{0, 0, p.Ladder.Need2, p.Ladder.Need3, p.Ladder.Need4, p.Ladder.Need5}
	w.prev = m.stats[m.month]
	var owner []int
	w.kh, owner, w.caseload = refProfessionals(p, m.n)
	w.res = make([]refRes, m.n)
	w.judge = make([]*rand.PCG, m.n)
	w.sanct = make([]*rand.PCG, m.n)
	for i := range w.res {
		w.res[i] = refRes{
			status: m.res[i].status, rung: int(m.res[i].rung), ceiling: int(m.res[i].ceiling), kind: m.res[i].kind, startKind: m.res[i].startKind,
			T: m.res[i].trust, R: m.res[i].resistance, E: m.res[i].efficacy, P: m.res[i].pressure,
			T0: m.res[i].baseTrust, R0: m.res[i].baseResist, E0: m.res[i].baseEfficacy,
			M: int(m.res[i].monthsOnRung), MB: int(m.res[i].monthsOnBen), s: int(m.contact[i].sinceContact), sanction: int(m.res[i].sanctionLeft),
			demanded: m.res[i].demanded, everUp: m.res[i].everUp, everContact: m.res[i].everContact, first: int(m.res[i].firstContact),
			contact: int(m.contact[i].contactMonth), switched: m.res[i].switched, route: m.res[i].route, tau: int(m.res[i].sinceExit),
			exitMonth: int(m.res[i].exitMonth), workExit: int(m.res[i].workExit),
			nSanc: int(m.res[i].nSanctions), nWork: int(m.res[i].nExitWork), nNoWork: int(m.res[i].nExitNoWork),
			benefitPaid: m.res[i].benefitPaid, hoursGot: m.res[i].hoursGot, startMB: int(m.res[i].startOnBen),
			hood: i % w.w, prof: owner[i], blockGroup: refBlockGroup(p, i),
		}
		for b := range 4 {
			w.res[i].B[b], w.res[i].F[b] = m.res[i].barrier[b], m.res[i].durable[b]
		}
		w.judge[i] = refPCG(m.seed, m.replicate, purposeJudge, i)
		w.sanct[i] = refPCG(m.seed, m.replicate, purposeSanction, i)
		if judge, sanct := m.sanctionStreams(i); *w.judge[i] != *judge || *w.sanct[i] != *sanct {
			return nil, fmt.Errorf("slot %d: the judge or sanction stream was drawn from before the snapshot", i)
		}
	}
	for h := 0; h < w.w; h++ {
		w.actCap = append(w.actCap, int(m.activityCap[h]))
		w.volCap = append(w.volCap, int(m.volunteerCap[h]))
		w.actUsed = append(w.actUsed, int(m.activityUsed[h]))
		w.volUsed = append(w.volUsed, int(m.volunteerUsed[h]))
		w.credit = append(w.credit, m.fieldCredit[h])
		w.fcursor = append(w.fcursor, int(m.fieldCursor[h]))
	}
	for k := range w.caseload {
		w.cursor = append(w.cursor, int(m.cursor[k]))
		w.owed = append(w.owed, m.owed[k])
	}
	w.blockMean = map[int]float64{}
	for i := 0; i < m.arrived; i++ {
		if bt := m.blockTrust[m.res[i].block]; bt >= 0 {
			w.blockMean[w.res[i].blockGroup] = bt
		}
	}
	a := &m.after
	for r := range NumRoutes {
		w.exits[r] = append([]int(nil), a.Exits[r]...)
		for k := range 3 {
			w.returned[r][k] = append([]int(nil), a.Returned[r][k]...)
		}
	}
	for k := range 3 {
		w.inWork[k] = append([]int(nil), a.InWork[k]...)
		w.onBen[k] = append([]int(nil), a.OnBenefit[k]...)
	}
	return w, nil
}

func (w *refWorld) draw(pu purpose, i int) float64 {
	return refMonthly(refKey(w.seed, w.rep, pu, i), w.t)
}

func (w *refWorld) event(i int, e EventType) {
	x := &w.res[i]
	w.events = append(w.events, Event{Month: int32(w.t), Resident: int32(i), Kind: x.kind, Type: e, Rung: int8(x.rung)})
}

// free reports whether resident i's neighbourhood has a free place on rung
// r: rungs 3 and 4 have places, the other rungs no limit.
func (w *refWorld) free(i, r int) bool {
	h := w.res[i].hood
	switch r {
	case 3:
		return w.actUsed[h] < w.actCap[h]
	case 4:
		return w.volUsed[h] < w.volCap[h]
	}
	return true
}

// take and leave book the place of a resident on the benefit on rung r.
func (w *refWorld) take(i, r int) { w.book(i, r, 1) }
func (w *refWorld) leave(i int) {
	if w.res[i].status == OnBenefit {
		w.book(i, w.res[i].rung, -1)
	}
}
func (w *refWorld) book(i, r, d int) {
	h := w.res[i].hood
	switch r {
	case 3:
		w.actUsed[h] += d
	case 4:
		w.volUsed[h] += d
	}
}

// move puts resident i on rung r on the benefit: the old place is freed,
// the new one taken, the months on the rung and the placement flag reset.
func (w *refWorld) move(i, r int) {
	w.leave(i)
	w.take(i, r)
	x := &w.res[i]
	x.rung, x.M, x.demanded = r, 0, false
}

// remove takes the share v of the part of each barrier above its floor
// (7.2).
func (x *refRes) remove(v float64) {
	for k := range x.B {
		x.B[k] = x.B[k] - v*(x.B[k]-x.F[k])
	}
}

// willing is V(extra) of 7.11.
func (w *refWorld) willing(x *refRes, extra float64) float64 {
	return refClamp(0.5 + (x.T-x.R+extra)/(2*w.p.Ladder.WillingWidth))
}

func (w *refWorld) up(i int) {
	if x := &w.res[i]; !x.everUp {
		x.everUp = true
		w.movers++
	}
}

// step advances the reference by one month in the order of ODD 3.
func (w *refWorld) step() {
	w.t++
	w.events = w.events[:0]
	st := &w.stats
	*st = MonthStats{Month: w.t}
	w.arrivals()
	w.places()
	w.hours(st)
	w.fieldWork(st)
	for i := 0; i < w.arrived; i++ {
		switch w.res[i].status {
		case OnBenefit:
			w.labResident(i, st)
		case InWork, LeftNoWork, OutOfWork:
			w.offBenefit(i, st)
		}
	}
	w.endOfMonth(st)
	w.observe(st)
	w.prev = *st
}

// arrivals: up to inflow_per_month slots arrive in slot order; one on rung
// 3 or 4 takes a place, lowered one rung at a time until a place is free or
// rung 2 is reached (7.13).
func (w *refWorld) arrivals() {
	for k := 0; k < w.p.Population.InflowPerMonth && w.arrived < len(w.res); k++ {
		w.arrive(w.arrived)
		w.arrived++
	}
}

func (w *refWorld) arrive(i int) {
	x := &w.res[i]
	x.status = OnBenefit
	for x.rung >= 3 && !w.free(i, x.rung) {
		x.rung--
	}
	w.take(i, x.rung)
}

// places: 7.15.
func (w *refWorld) places() {
	lv := &w.p.Levers
	if !(lv.CollectiveShare > 0) {
		return
	}
	H := w.p.Professionals.HoursPerMonth
	for h := range w.w {
		extra := int(math.Floor(lv.PlacesPerFTE * (min(1, lv.CollectiveShare) * H / w.p.Professionals.FTEHours) *
			float64(w.kh[h]) * min(1, float64(w.t)/float64(lv.CollectiveRampMonths))))
		vol := extra / 2
		w.actCap[h] = w.p.Places.Activity + extra - vol
		w.volCap[h] = w.p.Places.Volunteer + vol
	}
}

// hours: 7.4.
func (w *refWorld) hours(st *MonthStats) {
	p := &w.p
	lv := &p.Levers
	H := p.Professionals.HoursPerMonth
	g := 0.0
	if lv.GroupTraining {
		g = lv.GroupTrainingHours
	}
	c := min(H, H*lv.CollectiveShare+g)
	h := w.rg.HoursPerContact
	for k, cases := range w.caseload {
		n := 0
		for _, i := range cases {
			if w.res[i].status == OnBenefit {
				n++
			}
		}
		o := min(w.owed[k], H-c)
		w.owed[k] -= o
		a := min(p.Professionals.CaseAdminHours*float64(n), H-c-o)
		b := H - c - o - a
		left, start := b, w.cursor[k]
		for j := 0; j < len(cases) && left >= h; j++ {
			pos := (start + j) % len(cases)
			x := &w.res[cases[pos]]
			if x.status != OnBenefit || x.s+1 < w.rg.ContactInterval {
				continue
			}
			x.contact = w.t
			left -= h
			w.cursor[k] = (pos + 1) % len(cases)
		}
		st.HoursCollective += c
		st.HoursSanctions += o
		st.HoursAdmin += a
		st.HoursUsed += b - left
		st.HoursIdle += left
	}
	st.HoursTotal = H * float64(len(w.caseload))
}

// fieldWork: 7.16.
func (w *refWorld) fieldWork(st *MonthStats) {
	lv := &w.p.Levers
	if lv.FieldWorkers <= 0 || lv.FieldWorkerJobs <= 0 {
		return
	}
	for h := range w.w {
		w.credit[h] += float64(lv.FieldWorkers) * lv.FieldWorkerJobs
		var members []int
		for i := h; i < w.arrived; i += w.w {
			members = append(members, i)
		}
		for w.credit[h] >= 1 {
			found := -1
			for j := range members {
				pos := (w.fcursor[h] + j) % len(members)
				x := &w.res[members[pos]]
				if x.status == OnBenefit && x.rung >= 3 && x.ceiling >= 5 && x.C() >= w.p.Ladder.Need5-lv.FieldWorkerRelief && w.willing(x, 0) >= 0.5 {
					found = pos
					break
				}
			}
			if found < 0 {
				w.credit[h] = min(w.credit[h], 1)
				break
			}
			w.fcursor[h] = (found + 1) % len(members)
			w.toWork(members[found], st)
			w.credit[h]--
		}
	}
}

// toWork is an exit to work on rung 5 (7.13).
func (w *refWorld) toWork(i int, st *MonthStats) {
	w.move(i, 5)
	x := &w.res[i]
	x.status = InWork
	x.E += w.p.Efficacy.GainSuccess * (1 - x.E)
	w.up(i)
	x.nWork++
	st.MovesUp++
	st.ExitsToWork++
	w.event(i, ExitToWork)
	w.exit(i, RouteWork)
}

// exit records the exit of resident i by route (7.13).
func (w *refWorld) exit(i int, r Route) {
	x := &w.res[i]
	x.route, x.tau, x.exitMonth = r, 0, w.t
	if r == RouteWork {
		x.workExit = w.t
	}
	w.exits[r][w.t]++
}

// fall: 7.12.
func (w *refWorld) fall(i int, st *MonthStats) {
	x := &w.res[i]
	to := x.rung - 1
	if x.rung == 4 && !w.free(i, 3) {
		to = 2
	}
	w.move(i, to)
	x.E -= w.p.Efficacy.LossFailure * x.E
	st.MovesDown++
	w.event(i, StepDown)
}

// resident is the month of resident i on the benefit (ODD 3, stepResident).
func (w *refWorld) labResident(i int, st *MonthStats) {
	p := &w.p
	x := &w.res[i]
	// 7.2, 7.3
	x.remove(p.Shocks.BarrierRecovery)
	if u := w.draw(purposeShock, i); u < p.Shocks.Rate {
		k := min(2, int(math.Floor(3*u/p.Shocks.Rate)))
		x.B[k] = min(1, x.B[k]+p.Shocks.Size)
		if x.rung >= 2 && x.C() < w.needs[x.rung] {
			w.fall(i, st)
		}
	}
	met := x.contact == w.t
	placed := false
	if met {
		placed = w.meet(i, st)
	} else {
		x.s++
	}
	// 7.7
	if p.Levers.GroupTraining && x.kind == SupportSeeker && x.everContact && w.t-x.first < p.Levers.GroupTrainingMonths {
		x.E += p.Efficacy.PeerSupport * (1 - x.E)
	}
	c := x.C()
	// 7.8
	g := p.Attitudes.Reversion
	x.T += g * (x.T0 - x.T)
	x.R += g * (x.R0 - x.R)
	x.E += g * (x.E0 - x.E)
	if x.P > c {
		x.R += p.Resistance.GainOverload * (x.P - c) * (1 - x.R)
	}
	if th := p.Resistance.TrustLevel; x.T > th {
		x.R -= p.Resistance.FallTrust * (x.T - th) * x.R
	}
	// 7.9
	if mean, ok := w.blockMean[x.blockGroup]; ok {
		x.T += p.Trust.WordOfMouth * (mean - x.T)
	}
	x.T, x.P, x.R, x.E = refClamp(x.T), refClamp(x.P), refClamp(x.R), refClamp(x.E)
	// 7.10
	f := w.early(x.MB)
	base := p.Exit.BaseRate * f
	eta := base + p.Exit.PressureResistance*x.P*x.R
	if u := w.draw(purposeExit, i); u < eta {
		route, ev := RouteOther, ExitWithoutWork
		switch {
		case x.sanction > 0:
			route, ev = RouteEnforcement, ExitAfterSanction
			st.ExitsAfterSanction++
		case u >= base:
			route, ev = RoutePressure, ExitUnderPressure
			st.ExitsUnderPressure++
		}
		w.leave(i)
		x.demanded = false
		x.status = LeftNoWork
		x.nNoWork++
		st.ExitsWithoutWork++
		w.event(i, ev)
		w.exit(i, route)
		if route != RouteOther {
			x.B[0] = min(1, x.B[0]+p.Shocks.Size)
		}
		x.P *= 1 - p.Pressure.Decay
		return
	}
	// 7.10a
	if x.ceiling > 4 {
		nu := p.Work.JobFinding * f * c
		if x.sanction > 0 {
			nu *= 1 + p.Sanction.JobPush
		}
		if w.draw(purposeWork, i) < nu {
			w.leave(i)
			x.demanded = false
			x.rung, x.M = 6, 0
			x.status = InWork
			x.E += p.Efficacy.GainSuccess * (1 - x.E)
			x.nWork++
			st.ExitsToWork++
			w.event(i, ExitToWork)
			w.exit(i, RouteWork)
			x.P *= 1 - p.Pressure.Decay
			return
		}
	}
	// 7.11, 7.12. A resident placed by the tegenprestatie this month
	// neither steps on nor drops out before next month. This is the
	// model's rule; ODD 7.5a says the placed resident may step up or drop
	// out in the same month.
	if !placed {
		w.climb(i, c, met, st)
	}
	x.P *= 1 - p.Pressure.Decay
	if x.status == OnBenefit {
		x.MB++
		x.M++
	}
}

// early is the factor f(M_B) of 7.10.
func (w *refWorld) early(mb int) float64 {
	if mb >= 240 {
		return 1
	}
	return 1 + w.p.Exit.EarlyExcess*math.Exp(-float64(mb)/12)
}

// afterFactor is g_X(τ) of 7.13.
func afterFactor(x float64, tau int) float64 {
	if tau >= 240 {
		return 1
	}
	return 1 + x*math.Exp(-float64(tau)/6)
}

// meet: 7.5. It reports whether the resident was placed (7.5a).
func (w *refWorld) meet(i int, st *MonthStats) bool {
	p := &w.p
	rg := &w.rg
	x := &w.res[i]
	if !x.everContact {
		x.everContact, x.first = true, w.t
	}
	x.s = 0
	x.hoursGot += rg.HoursPerContact
	st.Reached++
	x.remove(min(1, rg.BarrierWork*p.Professionals.BarrierSkill))
	x.T = x.T + p.Trust.GainPerContact*rg.Attention*(1-x.T)
	x.T = x.T - p.Trust.LossIntrusion*rg.Control*x.T
	x.R = x.R - p.Resistance.FallHeard*rg.Attention*x.R
	x.P = x.P + (p.Pressure.PerContact+p.Pressure.PerControl*rg.Control)*(1-x.P)
	d := rg.DemandRung
	if d == 0 || x.rung >= d {
		return false
	}
	// 7.5a
	u := w.draw(purposeDemand, i)
	st.Demands++
	c, need := x.C(), w.needs[d]
	if need > c {
		x.E -= p.Efficacy.LossHumiliation * (need - c) * x.E
	}
	weight := refDecisionWeight(rg.SanctionProbability, p.Sanction.ThreatCurvature)
	x.R = x.R + p.Resistance.GainThreat*weight*(1-x.R)
	extra := rg.Appeal + p.Sanction.Push*weight
	if x.sanction > 0 {
		extra += p.Sanction.Push
	}
	if will := w.willing(x, extra); u < will {
		if u >= p.Tegenprestatie.AssignShare*will {
			return false // meets the other obligations
		}
		if d > x.ceiling || !w.free(i, d) {
			st.DemandsNoPlace++
			return false
		}
		w.move(i, d)
		x.demanded = true
		st.Placements++
		st.MovesUp++
		w.up(i)
		if c >= need {
			x.E += p.Efficacy.GainSuccess * (1 - x.E)
		}
		w.event(i, Placed)
		return true
	}
	st.Refusals++
	w.event(i, Refused)
	if rg.SanctionProbability > 0 && x.sanction == 0 {
		w.sanction(i, c, need, st)
	}
	return false
}

// sanction: 7.6.
func (w *refWorld) sanction(i int, c, need float64, st *MonthStats) {
	p := &w.p
	x := &w.res[i]
	u1, u2 := refUniform(w.judge[i].Uint64()), refUniform(w.judge[i].Uint64())
	u := refUniform(w.sanct[i].Uint64())
	z := math.Sqrt(-2*math.Log(1-u1)) * math.Cos(2*math.Pi*u2)
	judged := c + p.Professionals.JudgementNoise/math.Sqrt(w.rg.HoursPerContact)*z
	if !(u < w.rg.SanctionProbability && (!w.maatwerk || judged >= need)) {
		return
	}
	mult := 1.0
	if c < need {
		mult = p.Sanction.MisfitMultiplier
		st.SanctionsMisfit++
	}
	shield := 0.0
	if p.Levers.RoleSeparation {
		shield = p.Sanction.RoleSeparationShield
	}
	loss := p.Trust.LossSanction * mult * (1 - shield)
	x.T -= min(1, loss) * x.T
	x.R += min(1, p.Resistance.GainSanction*mult) * (1 - x.R)
	x.E -= p.Efficacy.LossSanction * x.E
	x.P += p.Pressure.PerSanction * (1 - x.P)
	x.sanction = p.Sanction.Months
	x.nSanc++
	st.Sanctions++
	if p.Levers.RoleSeparation {
		st.NalevingHours += p.Sanction.Hours
	} else {
		w.owed[x.prof] += p.Sanction.Hours
	}
	w.event(i, Sanctioned)
}

// climb: 7.11 and the drop-out of 7.12.
func (w *refWorld) climb(i int, c float64, met bool, st *MonthStats) {
	p := &w.p
	x := &w.res[i]
	u := w.draw(purposeStep, i)
	r := x.rung
	if r < x.ceiling && r < 5 {
		to := r + 1
		extra, a := 0.0, 0.0
		if met {
			extra, a = w.rg.Appeal, w.rg.Attention
		}
		if x.sanction > 0 {
			extra += p.Sanction.Push
		}
		ready := refClamp((c - w.needs[to]) / p.Ladder.ReadyMargin)
		prob := ready * x.E * w.willing(x, extra) * (p.Ladder.SelfRate + p.Ladder.SupportRate*a)
		if to == 5 {
			prob = prob * p.Work.JobDemand / (1 + p.Work.LockIn*float64(x.M)/12)
		}
		if x.demanded {
			prob = prob / (1 + p.Work.LockInDemand*float64(x.M)/12)
		}
		if u < prob && w.free(i, to) {
			if to == 5 {
				w.toWork(i, st)
				return
			}
			w.move(i, to)
			x.E += p.Efficacy.GainSuccess * (1 - x.E)
			w.up(i)
			st.MovesUp++
			w.event(i, StepUp)
			return
		}
	}
	if r == 3 || r == 4 {
		drop := p.Ladder.DropRate * (1 - x.E)
		if c < w.needs[r] {
			drop += p.Ladder.OverloadDrop
		}
		if u >= 1-drop {
			w.fall(i, st)
		}
	}
}

// offBenefit: 7.13, for a resident in work, out of work or gone.
func (w *refWorld) offBenefit(i int, st *MonthStats) {
	p := &w.p
	x := &w.res[i]
	g := p.Attitudes.Reversion
	x.T += g * (x.T0 - x.T)
	x.R += g * (x.R0 - x.R)
	x.E += g * (x.E0 - x.E)
	u := w.draw(purposeWork, i)
	switch x.status {
	case InWork:
		loss := p.Work.JobLoss * afterFactor(p.Work.JobLossEarlyExcess, x.tau)
		if u < loss {
			x.status, x.tau = OutOfWork, 0
			x.E -= p.Efficacy.LossFailure * x.E
			x.B[0] = min(1, x.B[0]+p.Shocks.Size)
			st.JobLosses++
			w.event(i, JobLoss)
		} else if x.rung == 5 && u < loss+p.Work.ToRegular {
			x.rung, x.M = 6, 0
			st.MovesUp++
			w.event(i, StepUp)
		}
	case OutOfWork:
		if u < p.Reentry.AfterJobLoss*afterFactor(p.Reentry.EarlyExcess, x.tau) {
			w.reenter(i)
			st.ReentriesAfterWork++
		}
	case LeftNoWork:
		h := p.Reentry.NoWork * afterFactor(p.Reentry.EarlyExcess, x.tau)
		if x.route == RoutePressure || x.route == RouteEnforcement {
			h *= p.Reentry.PushedFactor
		}
		if u < h {
			w.reenter(i)
			st.ReentriesNoWork++
		}
	}
	if x.status != OnBenefit {
		x.tau++
	}
}

// reenter: 7.13.
func (w *refWorld) reenter(i int) {
	x := &w.res[i]
	x.rung = min(x.rung, 2)
	x.status = OnBenefit
	x.M, x.MB, x.sanction = 0, 0, 0
	if x.exitMonth >= 0 {
		for k, win := range [3]int{6, 12, 24} {
			if w.t-x.exitMonth <= win {
				w.returned[x.route][k][x.exitMonth]++
			}
		}
	}
	w.event(i, Reentry)
}

// endOfMonth: ODD 3 step 7, 7.19, 7.14 and the follow-up of 7.13.
func (w *refWorld) endOfMonth(st *MonthStats) {
	p := &w.p
	b := p.Costs.BenefitPerMonth
	w.withheld = 0
	for i := 0; i < w.arrived; i++ {
		x := &w.res[i]
		switch x.status {
		case OnBenefit:
			// Nothing is paid, and no sanction counted down, at month 0.
			if w.t > 0 {
				paid := b
				if x.sanction > 0 {
					paid = b * (1 - p.Sanction.BenefitCut)
					w.withheld += b * p.Sanction.BenefitCut
					x.sanction--
				}
				x.benefitPaid += paid
				st.CostBenefits += paid
			}
			if x.kind == SupportSeeker && x.R > p.Population.KindToResistant {
				x.kind = Resistant
			} else if x.kind == Resistant && x.R < p.Population.KindToSeeker {
				x.kind = SupportSeeker
			}
			if x.kind != x.startKind {
				x.switched = true
			}
		case InWork:
			if x.rung == 5 && w.t > 0 {
				x.benefitPaid += b * p.Costs.SupportedWorkShare
				st.CostBenefits += b * p.Costs.SupportedWorkShare
			}
		}
		if x.workExit >= 0 {
			for k, d := range [3]int{6, 12, 18} {
				if w.t-x.workExit != d {
					continue
				}
				switch x.status {
				case InWork:
					w.inWork[k][x.workExit]++
				case OnBenefit:
					w.onBen[k][x.workExit]++
				}
			}
		}
	}
}

// refMoments are the mean and population SD of 7.20, by two passes.
func refMoments(xs []float64) Moments {
	if len(xs) == 0 {
		return Moments{Mean: math.NaN(), SD: math.NaN()}
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	mean := s / float64(len(xs))
	v := 0.0
	for _, x := range xs {
		v += (x - mean) * (x - mean)
	}
	return Moments{Mean: mean, SD: math.Sqrt(v / float64(len(xs)))}
}

// observe: 7.19, 7.20 and the block means of 7.9.
func (w *refWorld) observe(st *MonthStats) {
	p := &w.p
	var tr, rs, ef, pr, cp []float64
	sum, cnt := map[int]float64{}, map[int]int{}
	out := 0
	for i := 0; i < w.arrived; i++ {
		x := &w.res[i]
		switch x.status {
		case OnBenefit:
			st.OnBenefit++
			tr, rs, ef, pr, cp = append(tr, x.T), append(rs, x.R), append(ef, x.E), append(pr, x.P), append(cp, x.C())
			if x.kind == Resistant {
				st.Resistant++
			}
			if x.demanded {
				st.OnTegenprestatie++
			}
		case InWork:
			st.InWork++
		case LeftNoWork:
			st.LeftNoWork++
			out++
		case OutOfWork:
			st.OutOfWork++
			out++
		}
		if x.status == OnBenefit || x.status == InWork {
			st.Rung[x.rung-1]++
			sum[x.blockGroup] += x.T
			cnt[x.blockGroup]++
		}
	}
	w.blockMean = map[int]float64{}
	for g, n := range cnt {
		w.blockMean[g] = sum[g] / float64(n)
	}
	st.Trust, st.Resistance, st.Efficacy, st.Pressure, st.Capacity = refMoments(tr), refMoments(rs), refMoments(ef), refMoments(pr), refMoments(cp)
	places := 0
	for h := range w.w {
		st.ActivityUsed += w.actUsed[h]
		st.ActivityFree += w.actCap[h] - w.actUsed[h]
		st.VolunteerUsed += w.volUsed[h]
		st.VolunteerFree += w.volCap[h] - w.volUsed[h]
		places += w.actCap[h] + w.volCap[h]
	}
	// Costs are booked from month 1 on.
	if c := &p.Costs; w.t > 0 {
		st.CostProfessionals = (st.HoursTotal + st.NalevingHours) * c.HourCost
		st.CostPlaces = float64(places) * c.PlacePerMonth
		st.CostFieldWorkers = float64(p.Levers.FieldWorkers*w.w) * c.FieldWorkerPerMonth
		st.CostMunicipality = st.CostBenefits + st.CostProfessionals + st.CostPlaces + st.CostFieldWorkers
		st.CostElsewhere = float64(out) * c.ElsewherePerMonth
		st.CostShifted = float64(out)*c.ShiftedShare*c.BenefitPerMonth + w.withheld
		st.CostSociety = st.CostMunicipality + st.CostElsewhere + st.CostShifted
	}
	st.CumMovedUp = w.movers
	st.CumExitsToWork = w.prev.CumExitsToWork + st.ExitsToWork
	st.CumExitsNoWork = w.prev.CumExitsNoWork + st.ExitsWithoutWork
	st.CumSanctions = w.prev.CumSanctions + st.Sanctions
	st.CumActivationCost = w.prev.CumActivationCost + st.CostProfessionals + st.CostPlaces + st.CostFieldWorkers
	st.CumCostMunicipality = w.prev.CumCostMunicipality + st.CostMunicipality
	st.CumCostSociety = w.prev.CumCostSociety + st.CostSociety
	st.ActivationCostPerMover = math.NaN()
	if w.movers > 0 {
		st.ActivationCostPerMover = st.CumActivationCost / float64(w.movers)
	}
}

// kindSummaries: 7.20, per start kind.
func (w *refWorld) kindSummaries() [NumKinds]KindSummary {
	var out [NumKinds]KindSummary
	for k := range out {
		s := &out[k]
		s.Kind = [2]string{"support-seeker", "resistant"}[k]
		var tr, rs, ef, pr []float64
		onLadder, up3 := 0, 0
		for i := 0; i < w.arrived; i++ {
			x := &w.res[i]
			if int(x.startKind) != k {
				continue
			}
			s.Residents++
			switch x.status {
			case OnBenefit:
				s.OnBenefit++
				tr, rs, ef, pr = append(tr, x.T), append(rs, x.R), append(ef, x.E), append(pr, x.P)
			case InWork:
				s.InWork++
			case LeftNoWork:
				s.LeftNoWork++
			case OutOfWork:
				s.OutOfWork++
			}
			if x.status == OnBenefit || x.status == InWork {
				onLadder++
				if x.rung >= 3 {
					up3++
				}
			}
			if x.everUp {
				s.ShareMovedUp++
			}
			if x.switched {
				s.ShareSwitched++
			}
			s.ExitsToWork += float64(x.nWork)
			s.ExitsNoWork += float64(x.nNoWork)
			s.Sanctions += float64(x.nSanc)
			s.BenefitPaid += x.benefitPaid
			s.HoursReceived += x.hoursGot
		}
		n := float64(s.Residents)
		s.ShareMovedUp /= n
		s.ShareSwitched /= n
		s.ExitsToWork /= n
		s.ExitsNoWork /= n
		s.Sanctions /= n
		s.BenefitPaid /= n
		s.HoursReceived /= n
		s.ShareRung3Plus = float64(up3) / float64(onLadder)
		if onLadder == 0 {
			s.ShareRung3Plus = math.NaN()
		}
		s.Trust, s.Resistance, s.Efficacy, s.Pressure = refMoments(tr).Mean, refMoments(rs).Mean, refMoments(ef).Mean, refMoments(pr).Mean
	}
	return out
}

// refRegime is the regime of a policy of one phase (7.17): the one the
// parameters set for it, else its own.
func refRegime(p *Params, pol Policy) Regime { return regimeOf(p, pol) }

// refInit builds the reference's month 0 from the parameters, as ODD 5
// says: every slot from its init stream, the professionals, the arrival
// of the initial residents, the end of month 0 and its record.
func refInit(p Params, pol Policy, seed, rep uint64) *refWorld {
	w := &refWorld{p: p, rg: refRegime(&p, pol), seed: seed, rep: rep, w: p.Population.Neighbourhoods}
	w.maatwerk = pol.Phases[0].Sanction == JudgedAble
	w.needs = [6]float64{0, 0, p.Ladder.Need2, p.Ladder.Need3, p.Ladder.Need4, p.Ladder.Need5}
	pop, in := &p.Population, &p.Initial
	n := pop.Residents + pop.InflowPerMonth*p.Months
	var owner []int
	w.kh, owner, w.caseload = refProfessionals(&p, n)
	w.cursor, w.owed = make([]int, len(w.caseload)), make([]float64, len(w.caseload))
	w.res = make([]refRes, n)
	w.judge, w.sanct = make([]*rand.PCG, n), make([]*rand.PCG, n)
	floors := [4]float64{p.Barriers.DurableDebts, p.Barriers.DurableHealth, p.Barriers.DurableCare, p.Barriers.DurableLanguage}
	for i := range w.res {
		s := refPCG(seed, rep, purposeInit, i)
		u := func() float64 { return refUniform(s.Uint64()) }
		x := &w.res[i]
		x.hood, x.prof, x.blockGroup = i%w.w, owner[i], refBlockGroup(&p, i)
		prof := in.Seekers
		if u() < pop.ShareResistant {
			x.kind, prof = Resistant, in.Resistant
		}
		x.startKind = x.kind
		around := func(mean float64) float64 { return refClamp(mean + in.Spread*(2*u()-1)) }
		x.T, x.R, x.E = around(prof.Trust), around(prof.Resistance), around(prof.Efficacy)
		x.T0, x.R0, x.E0 = x.T, x.R, x.E
		for k := range 3 {
			x.B[k] = around(prof.Barriers)
		}
		if uL, uV := u(), u(); uL < pop.ShareLanguage {
			x.B[3] = 0.4 + 0.6*uV
		}
		for k := range 4 {
			x.F[k] = floors[k] * x.B[k]
		}
		switch r := u(); {
		case r < in.Rung1:
			x.rung = 1
		case r < in.Rung1+in.Rung2:
			x.rung = 2
		case r < in.Rung1+in.Rung2+in.Rung3:
			x.rung = 3
		default:
			x.rung = 4
		}
		switch c := u(); {
		case c < pop.ShareCeiling3:
			x.ceiling = 3
		case c < pop.ShareCeiling3+pop.ShareCeiling4:
			x.ceiling = 4
		default:
			x.ceiling = 6
		}
		x.rung = min(x.rung, x.ceiling)
		uD, ud := u(), u()
		if i < pop.Residents {
			x.MB = int(math.Floor(12 + 48*ud))
			if uD < pop.ShareLongTerm {
				x.MB = int(math.Floor(60 + 120*ud))
			}
		}
		x.startMB = x.MB
		x.s = int(math.Floor(u() * float64(w.rg.ContactInterval)))
		x.contact, x.first, x.exitMonth, x.workExit = -1, -1, -1, -1
		w.judge[i] = refPCG(seed, rep, purposeJudge, i)
		w.sanct[i] = refPCG(seed, rep, purposeSanction, i)
	}
	for range w.w {
		w.actCap = append(w.actCap, p.Places.Activity)
		w.volCap = append(w.volCap, p.Places.Volunteer)
	}
	w.actUsed, w.volUsed = make([]int, w.w), make([]int, w.w)
	w.credit, w.fcursor = make([]float64, w.w), make([]int, w.w)
	for i := 0; i < pop.Residents; i++ {
		w.arrive(i)
	}
	w.arrived = pop.Residents
	for r := range NumRoutes {
		w.exits[r] = make([]int, p.Months+1)
		for k := range 3 {
			w.returned[r][k] = make([]int, p.Months+1)
		}
	}
	for k := range 3 {
		w.inWork[k], w.onBen[k] = make([]int, p.Months+1), make([]int, p.Months+1)
	}
	w.endOfMonth(&w.stats)
	w.observe(&w.stats)
	w.prev = w.stats
	return w
}

// refDecisionWeight is Tversky and Kahneman's weight of probability q at
// curvature c (ODD 7.5a), written out as the ODD gives it.
func refDecisionWeight(q, c float64) float64 {
	switch {
	case q <= 0:
		return 0
	case q >= 1:
		return 1
	case c == 1:
		return q
	}
	return math.Pow(q, c) / math.Pow(math.Pow(q, c)+math.Pow(1-q, c), 1/c)
}
