package sim

// Equation tests: every submodel of docs/ODD.md section 7 checked exactly,
// to 1e-12, against the reference implementation of reference_test.go,
// which is written from the ODD. A test puts the residents of a model in
// random states (scramble), takes the reference's state from it, then
// advances model and reference month by month with the whole Step and
// compares every resident, place, professional, statistic, count after the
// exit and event. The configurations turn up the hazards so that every
// branch of every equation is taken by many residents in a few months; a
// configuration on a dyadic grid makes values meet their thresholds
// exactly, so that the boundaries (< against <=) count too.

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// busy makes every random event of the month frequent.
func busy(p *Params) {
	p.Population.InflowPerMonth = 15
	p.Shocks = ShockParams{Rate: 0.3, Size: 0.2, BarrierRecovery: 0.05}
	p.Exit = ExitParams{BaseRate: 0.02, EarlyExcess: 4, PressureResistance: 0.3}
	p.Work = WorkParams{JobDemand: 0.8, JobFinding: 0.06, LockIn: 1.5, LockInDemand: 2.5, ToRegular: 0.2, JobLoss: 0.04, JobLossEarlyExcess: 3}
	p.Reentry = ReentryParams{AfterJobLoss: 0.15, NoWork: 0.08, PushedFactor: 2.5, EarlyExcess: 1.5}
	p.Ladder.SelfRate, p.Ladder.SupportRate = 0.15, 0.7
	p.Ladder.DropRate, p.Ladder.OverloadDrop = 0.15, 0.25
	p.Ladder.ReadyMargin = 0.2
	p.Trust.WordOfMouth = 0.1
	p.Attitudes.Reversion = 0.05
	p.Efficacy.PeerSupport = 0.1
	p.Places.Activity, p.Places.Volunteer = 12, 7
	p.Sanction.Hours = 4
	for _, pol := range builtins() {
		if regimeOf(p, pol).SanctionProbability > 0 {
			tune(p, pol.Name, func(r *Regime) { r.SanctionProbability = 0.7 })
		}
	}
}

// dyadic puts the parameters on a grid of binary fractions: the equations
// then compute exactly, and a state on the grid meets the thresholds of the
// ODD exactly (capacity equal to a need, pressure equal to capacity, trust
// equal to resistance or to the trust threshold, credit exactly 1).
func dyadic(p *Params) {
	p.Shocks = ShockParams{Rate: 0.375, Size: 0.25, BarrierRecovery: 0.0625}
	p.Barriers = BarrierParams{DurableDebts: 0.5, DurableHealth: 0.5, DurableCare: 0.25, DurableLanguage: 0.75}
	p.Ladder.Need2, p.Ladder.Need3, p.Ladder.Need4, p.Ladder.Need5 = 0.25, 0.5, 0.5625, 0.75
	p.Ladder.ReadyMargin = 0.125
	p.Ladder.WillingWidth = 0.5
	p.Trust = TrustParams{GainPerContact: 0.125, LossSanction: 0.25, LossIntrusion: 0.0625, WordOfMouth: 0}
	p.Resistance = ResistanceParams{GainOverload: 0.25, GainSanction: 0.25, FallTrust: 0.125, TrustLevel: 0.5, FallHeard: 0.0625}
	p.Pressure = PressureParams{PerContact: 0.125, PerControl: 0.25, PerSanction: 0.5, Decay: 0.125}
	p.Efficacy = EfficacyParams{GainSuccess: 0.125, LossFailure: 0.125, LossHumiliation: 0.25, LossSanction: 0.125, PeerSupport: 0.0625}
	p.Attitudes.Reversion = 0.0625
	p.Population.KindToResistant, p.Population.KindToSeeker = 0.5, 0.375
	p.Levers.FieldWorkers, p.Levers.FieldWorkerJobs, p.Levers.FieldWorkerRelief = 1, 0.5, 0.25
	p.Professionals.HoursPerMonth, p.Professionals.CaseAdminHours = 40, 0.5
	p.Policies.SetRegime("maatwerk", "", Regime{ContactInterval: 2, HoursPerContact: 2, Attention: 0.5, Control: 0.5, BarrierWork: 0.25, Appeal: 0.125, DemandRung: 3, SanctionProbability: 0.75})
	p.Policies.SetRegime("sanctie", "", Regime{ContactInterval: 1, HoursPerContact: 1, Attention: 0.25, Control: 0.5, BarrierWork: 0.25, Appeal: 0, DemandRung: 4, SanctionProbability: 0.75})
}

// scramble gives every arrived resident of m a random state at month
// `month`, consistent with the places of each neighbourhood, and the
// professionals, field workers and blocks a random state that fits it.
// With grid, levels are multiples of 1/16 (see dyadic).
func scramble(m *Model, seed uint64, month int, grid bool) {
	rng := rand.New(rand.NewPCG(seed, 99))
	level := func() float64 {
		if grid {
			return float64(rng.IntN(17)) / 16
		}
		return rng.Float64()
	}
	m.month = month
	m.stats = m.stats[:month+1]
	for h := range m.hoods {
		m.activityUsed[h], m.volunteerUsed[h] = 0, 0
	}
	movers := 0
	for i := 0; i < m.arrived; i++ {
		m.res[i].ceiling = [3]int8{3, 4, 6}[rng.IntN(3)]
		switch u := rng.Float64(); {
		case u < 0.7:
			m.res[i].status = OnBenefit
			m.res[i].rung = int8(1 + rng.IntN(int(min(4, m.res[i].ceiling))))
		case u < 0.8:
			m.res[i].status, m.res[i].route = InWork, RouteWork
			m.res[i].rung = int8(5 + rng.IntN(2))
		case u < 0.92:
			m.res[i].status, m.res[i].route = LeftNoWork, Route(1+rng.IntN(3))
			m.res[i].rung = int8(1 + rng.IntN(4))
		default:
			m.res[i].status, m.res[i].route = OutOfWork, RouteWork
			m.res[i].rung = int8(5 + rng.IntN(2))
		}
		m.res[i].kind, m.res[i].startKind = Kind(rng.IntN(2)), Kind(rng.IntN(2))
		m.res[i].switched = m.res[i].kind != m.res[i].startKind || rng.IntN(2) == 0
		m.res[i].trust, m.res[i].resistance, m.res[i].efficacy, m.res[i].pressure = level(), level(), level(), level()
		m.res[i].baseTrust, m.res[i].baseResist, m.res[i].baseEfficacy = level(), level(), level()
		for b := range m.res[i].barrier {
			m.res[i].barrier[b] = level()
			m.res[i].durable[b] = m.res[i].barrier[b] * [3]float64{0, 0.5, 1}[rng.IntN(3)]
			if !grid {
				m.res[i].durable[b] = m.res[i].barrier[b] * rng.Float64()
			}
		}
		m.res[i].monthsOnRung = int16(rng.IntN(40))
		m.res[i].monthsOnBen = int16(rng.IntN(300))
		m.contact[i].sinceContact = int16(rng.IntN(14))
		m.contact[i].contactMonth = -1
		m.res[i].sanctionLeft = 0
		if m.res[i].status == OnBenefit && rng.IntN(3) == 0 {
			m.res[i].sanctionLeft = int8(1 + rng.IntN(m.p.Sanction.Months))
		}
		m.res[i].demanded = m.res[i].status == OnBenefit && rng.IntN(3) == 0
		m.res[i].everContact, m.res[i].firstContact = false, -1
		if rng.IntN(2) == 0 {
			m.res[i].everContact, m.res[i].firstContact = true, int16(month-rng.IntN(12))
			m.contact[i].contactMonth = m.res[i].firstContact
		}
		m.res[i].everUp = rng.IntN(3) == 0
		if m.res[i].everUp {
			movers++
		}
		m.res[i].sinceExit = int16(rng.IntN(260))
		m.res[i].exitMonth, m.res[i].workExit = -1, -1
		if m.res[i].status != OnBenefit || rng.IntN(2) == 0 {
			m.res[i].exitMonth = int16(month - 25 + rng.IntN(25))
			if m.res[i].route == RouteWork {
				m.res[i].workExit = m.res[i].exitMonth
			}
		}
		m.res[i].nSanctions, m.res[i].nExitWork, m.res[i].nExitNoWork = int16(rng.IntN(3)), int16(rng.IntN(3)), int16(rng.IntN(3))
		m.res[i].benefitPaid, m.res[i].hoursGot = 1000*rng.Float64(), 10*rng.Float64()
		if m.res[i].status == OnBenefit {
			if r := m.res[i].rung; (r == 3 || r == 4) && !m.hasPlace(m.res[i].neighbour, r) {
				m.res[i].rung = 2
			}
			switch h := m.res[i].neighbour; m.res[i].rung {
			case 3:
				m.activityUsed[h]++
			case 4:
				m.volunteerUsed[h]++
			}
		}
	}
	m.movers = movers
	m.recount()
	for k := range m.owed {
		m.owed[k] = float64(rng.IntN(3)) * m.p.Sanction.Hours
		m.cursor[k] = int32(rng.IntN(int(m.caseStart[k+1] - m.caseStart[k])))
	}
	for h := range m.fieldCredit {
		m.fieldCredit[h] = float64(rng.IntN(4)) / 2
		m.fieldCursor[h] = int32(rng.IntN(m.arrived / m.hoods))
	}
	// Cases on the benefit per professional, as at the end of a month.
	clear(m.onBenefit)
	for i := 0; i < m.arrived; i++ {
		if m.res[i].status == OnBenefit {
			m.onBenefit[m.res[i].owner]++
		}
	}
	// Block means of the scrambled state, as at the end of a month.
	sum, cnt := map[int32]float64{}, map[int32]int{}
	for i := 0; i < m.arrived; i++ {
		if m.res[i].status == OnBenefit || m.res[i].status == InWork {
			sum[m.res[i].block] += m.res[i].trust
			cnt[m.res[i].block]++
		}
	}
	for b := range m.blockTrust {
		m.blockTrust[b] = -1
		if cnt[int32(b)] > 0 {
			m.blockTrust[b] = sum[int32(b)] / float64(cnt[int32(b)])
		}
	}
}

// near reports whether a and b agree to 1e-12, relative for large values;
// two NaNs agree.
func near(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(b))
}

// diffs collects the differences between the model and the reference.
// Names are built only for a difference: where is formatted with args.
type diffs []string

func (d *diffs) add(got, want any, where string, args ...any) {
	*d = append(*d, fmt.Sprintf(where, args...)+fmt.Sprintf(": model %v, equations %v", got, want))
}

func (d *diffs) int(got, want int, where string, args ...any) {
	if got != want {
		d.add(got, want, where, args...)
	}
}

func (d *diffs) float(got, want float64, where string, args ...any) {
	if !near(got, want) {
		d.add(fmt.Sprintf("%.17g", got), fmt.Sprintf("%.17g", want), where, args...)
	}
}

func (d *diffs) bool(got, want bool, where string, args ...any) {
	if got != want {
		d.add(got, want, where, args...)
	}
}

func (d *diffs) moments(got, want Moments, where string) {
	d.float(got.Mean, want.Mean, "%s.Mean", where)
	// The model sums squares; compare variances, which both get to 1e-15.
	d.float(got.SD*got.SD, want.SD*want.SD, "%s.SD²", where)
}

// compareResidents compares every slot of m with the reference.
func compareResidents(d *diffs, m *Model, w *refWorld) {
	for i := range w.res {
		x := &w.res[i]
		d.int(int(m.res[i].status), int(x.status), "resident %d status", i)
		d.int(int(m.res[i].rung), x.rung, "resident %d rung", i)
		d.int(int(m.res[i].ceiling), x.ceiling, "resident %d ceiling", i)
		d.int(int(m.res[i].kind), int(x.kind), "resident %d kind", i)
		d.int(int(m.res[i].startKind), int(x.startKind), "resident %d start kind", i)
		d.float(m.res[i].trust, x.T, "resident %d trust", i)
		d.float(m.res[i].resistance, x.R, "resident %d resistance", i)
		d.float(m.res[i].efficacy, x.E, "resident %d self-efficacy", i)
		d.float(m.res[i].pressure, x.P, "resident %d pressure", i)
		for b := range 4 {
			d.float(m.res[i].barrier[b], x.B[b], "resident %d barrier %d", i, b+1)
			d.float(m.res[i].durable[b], x.F[b], "resident %d floor %d", i, b+1)
		}
		d.float(m.res[i].capacity(), x.C(), "resident %d capacity", i)
		d.float(m.res[i].baseTrust, x.T0, "resident %d baseline trust", i)
		d.float(m.res[i].baseResist, x.R0, "resident %d baseline resistance", i)
		d.float(m.res[i].baseEfficacy, x.E0, "resident %d baseline self-efficacy", i)
		d.int(int(m.res[i].monthsOnRung), x.M, "resident %d months on rung", i)
		d.int(int(m.res[i].monthsOnBen), x.MB, "resident %d months on benefit", i)
		d.int(int(m.res[i].startOnBen), x.startMB, "resident %d months on benefit at the start", i)
		d.int(int(m.contact[i].sinceContact), x.s, "resident %d months since contact", i)
		d.int(int(m.contact[i].contactMonth), x.contact, "resident %d contact month", i)
		d.int(int(m.res[i].sanctionLeft), x.sanction, "resident %d sanction months left", i)
		d.bool(m.res[i].demanded, x.demanded, "resident %d placement flag", i)
		d.bool(m.res[i].everUp, x.everUp, "resident %d ever moved up", i)
		d.bool(m.res[i].everContact, x.everContact, "resident %d ever met", i)
		d.int(int(m.res[i].firstContact), x.first, "resident %d first contact", i)
		d.bool(m.res[i].switched, x.switched, "resident %d switched", i)
		d.int(int(m.res[i].sinceExit), x.tau, "resident %d months since the exit", i)
		d.int(int(m.res[i].exitMonth), x.exitMonth, "resident %d exit month", i)
		d.int(int(m.res[i].workExit), x.workExit, "resident %d work exit month", i)
		if x.status != OnBenefit {
			d.int(int(m.res[i].route), int(x.route), "resident %d route", i)
		}
		d.int(int(m.res[i].nSanctions), x.nSanc, "resident %d sanctions", i)
		d.int(int(m.res[i].nExitWork), x.nWork, "resident %d exits to work", i)
		d.int(int(m.res[i].nExitNoWork), x.nNoWork, "resident %d exits without work", i)
		d.float(m.res[i].benefitPaid, x.benefitPaid, "resident %d benefit paid", i)
		d.float(m.res[i].hoursGot, x.hoursGot, "resident %d hours received", i)
		if len(*d) > 20 {
			return
		}
	}
}

// compareWorld compares everything the month changed.
func compareWorld(m *Model, w *refWorld) diffs {
	var d diffs
	d.int(m.month, w.t, "month")
	d.int(m.arrived, w.arrived, "arrived")
	compareResidents(&d, m, w)
	for h := range w.w {
		d.int(int(m.activityCap[h]), w.actCap[h], "neighbourhood %d activity places", h)
		d.int(int(m.volunteerCap[h]), w.volCap[h], "neighbourhood %d volunteer places", h)
		d.int(int(m.activityUsed[h]), w.actUsed[h], "neighbourhood %d activity places used", h)
		d.int(int(m.volunteerUsed[h]), w.volUsed[h], "neighbourhood %d volunteer places used", h)
		d.float(m.fieldCredit[h], w.credit[h], "neighbourhood %d field-work credit", h)
		d.int(int(m.fieldCursor[h]), w.fcursor[h], "neighbourhood %d field-work cursor", h)
	}
	d.int(m.profs, len(w.caseload), "professionals")
	for k := range w.caseload {
		d.int(int(m.cursor[k]), w.cursor[k], "professional %d cursor", k)
		d.float(m.owed[k], w.owed[k], "professional %d hours owed", k)
	}
	// Every block, also one of slots yet to arrive, has the mean trust of
	// its residents on the benefit or in work, or −1 without them.
	for i := range w.res {
		want, ok := w.blockMean[w.res[i].blockGroup]
		if !ok {
			want = -1
		}
		d.float(m.blockTrust[m.res[i].block], want, "block mean trust of resident %d", i)
	}
	d.int(m.movers, w.movers, "residents who moved up")
	compareStats(&d, m.stats[m.month], w.stats)
	a := &m.after
	for r := range NumRoutes {
		for t := range w.exits[r] {
			d.int(a.Exits[r][t], w.exits[r][t], "AfterExit.Exits[%v][%d]", Route(r), t)
			for k := range 3 {
				d.int(a.Returned[r][k][t], w.returned[r][k][t], "AfterExit.Returned[%v][%d][%d]", Route(r), k, t)
			}
		}
	}
	for k := range 3 {
		for t := range w.inWork[k] {
			d.int(a.InWork[k][t], w.inWork[k][t], "AfterExit.InWork[%d][%d]", k, t)
			d.int(a.OnBenefit[k][t], w.onBen[k][t], "AfterExit.OnBenefit[%d][%d]", k, t)
		}
	}
	var got []Event
	for _, e := range m.events {
		if int(e.Month) == m.month {
			got = append(got, e)
		}
	}
	d.int(len(got), len(w.events), "events of the month")
	for k := 0; k < min(len(got), len(w.events)); k++ {
		if got[k] != w.events[k] {
			d = append(d, fmt.Sprintf("event %d: model %+v, equations %+v", k, got[k], w.events[k]))
			break
		}
	}
	gk, wk := m.KindSummaries(), w.kindSummaries()
	for k := range gk {
		g, x := gk[k], wk[k]
		if g.Kind != x.Kind {
			d.add(g.Kind, x.Kind, "KindSummaries[%d].Kind", k)
		}
		d.int(g.Residents, x.Residents, "KindSummaries[%d].Residents", k)
		d.int(g.OnBenefit, x.OnBenefit, "KindSummaries[%d].OnBenefit", k)
		d.int(g.InWork, x.InWork, "KindSummaries[%d].InWork", k)
		d.int(g.LeftNoWork, x.LeftNoWork, "KindSummaries[%d].LeftNoWork", k)
		d.int(g.OutOfWork, x.OutOfWork, "KindSummaries[%d].OutOfWork", k)
		for _, f := range []struct {
			name      string
			got, want float64
		}{
			{"ShareRung3Plus", g.ShareRung3Plus, x.ShareRung3Plus}, {"ShareMovedUp", g.ShareMovedUp, x.ShareMovedUp},
			{"ShareSwitched", g.ShareSwitched, x.ShareSwitched}, {"ExitsToWork", g.ExitsToWork, x.ExitsToWork},
			{"ExitsNoWork", g.ExitsNoWork, x.ExitsNoWork}, {"Sanctions", g.Sanctions, x.Sanctions},
			{"Trust", g.Trust, x.Trust}, {"Resistance", g.Resistance, x.Resistance}, {"Efficacy", g.Efficacy, x.Efficacy},
			{"Pressure", g.Pressure, x.Pressure}, {"BenefitPaid", g.BenefitPaid, x.BenefitPaid}, {"HoursReceived", g.HoursReceived, x.HoursReceived},
		} {
			d.float(f.got, f.want, "KindSummaries[%d].%s", k, f.name)
		}
	}
	return d
}

// compareStats compares the month's statistics field by field.
func compareStats(d *diffs, g, x MonthStats) {
	d.int(g.Month, x.Month, "month %d Month", x.Month)
	for r := range g.Rung {
		d.int(g.Rung[r], x.Rung[r], "month %d Rung[%d]", x.Month, r)
	}
	for _, f := range []struct {
		name      string
		got, want int
	}{
		{"OnBenefit", g.OnBenefit, x.OnBenefit}, {"InWork", g.InWork, x.InWork}, {"LeftNoWork", g.LeftNoWork, x.LeftNoWork},
		{"OutOfWork", g.OutOfWork, x.OutOfWork}, {"Resistant", g.Resistant, x.Resistant}, {"MovesUp", g.MovesUp, x.MovesUp},
		{"MovesDown", g.MovesDown, x.MovesDown}, {"ExitsToWork", g.ExitsToWork, x.ExitsToWork},
		{"ExitsWithoutWork", g.ExitsWithoutWork, x.ExitsWithoutWork}, {"ExitsUnderPressure", g.ExitsUnderPressure, x.ExitsUnderPressure},
		{"ExitsAfterSanction", g.ExitsAfterSanction, x.ExitsAfterSanction}, {"JobLosses", g.JobLosses, x.JobLosses},
		{"ReentriesAfterWork", g.ReentriesAfterWork, x.ReentriesAfterWork}, {"ReentriesNoWork", g.ReentriesNoWork, x.ReentriesNoWork},
		{"Sanctions", g.Sanctions, x.Sanctions}, {"SanctionsMisfit", g.SanctionsMisfit, x.SanctionsMisfit}, {"Reached", g.Reached, x.Reached},
		{"Demands", g.Demands, x.Demands}, {"DemandsNoPlace", g.DemandsNoPlace, x.DemandsNoPlace}, {"Placements", g.Placements, x.Placements},
		{"Refusals", g.Refusals, x.Refusals}, {"ActivityUsed", g.ActivityUsed, x.ActivityUsed}, {"ActivityFree", g.ActivityFree, x.ActivityFree},
		{"VolunteerUsed", g.VolunteerUsed, x.VolunteerUsed}, {"VolunteerFree", g.VolunteerFree, x.VolunteerFree},
		{"CumMovedUp", g.CumMovedUp, x.CumMovedUp}, {"CumExitsToWork", g.CumExitsToWork, x.CumExitsToWork},
		{"CumExitsNoWork", g.CumExitsNoWork, x.CumExitsNoWork}, {"CumSanctions", g.CumSanctions, x.CumSanctions},
	} {
		d.int(f.got, f.want, "month %d %s", x.Month, f.name)
	}
	d.moments(g.Trust, x.Trust, "Trust")
	d.moments(g.Resistance, x.Resistance, "Resistance")
	d.moments(g.Efficacy, x.Efficacy, "Efficacy")
	d.moments(g.Pressure, x.Pressure, "Pressure")
	d.moments(g.Capacity, x.Capacity, "Capacity")
	for _, f := range []struct {
		name      string
		got, want float64
	}{
		{"HoursUsed", g.HoursUsed, x.HoursUsed}, {"HoursAdmin", g.HoursAdmin, x.HoursAdmin},
		{"HoursSanctions", g.HoursSanctions, x.HoursSanctions}, {"HoursCollective", g.HoursCollective, x.HoursCollective},
		{"HoursIdle", g.HoursIdle, x.HoursIdle}, {"HoursTotal", g.HoursTotal, x.HoursTotal}, {"NalevingHours", g.NalevingHours, x.NalevingHours},
		{"CostBenefits", g.CostBenefits, x.CostBenefits}, {"CostProfessionals", g.CostProfessionals, x.CostProfessionals},
		{"CostPlaces", g.CostPlaces, x.CostPlaces}, {"CostFieldWorkers", g.CostFieldWorkers, x.CostFieldWorkers},
		{"CostMunicipality", g.CostMunicipality, x.CostMunicipality}, {"CostElsewhere", g.CostElsewhere, x.CostElsewhere},
		{"CostShifted", g.CostShifted, x.CostShifted}, {"CostSociety", g.CostSociety, x.CostSociety},
		{"CumActivationCost", g.CumActivationCost, x.CumActivationCost}, {"CumCostMunicipality", g.CumCostMunicipality, x.CumCostMunicipality},
		{"CumCostSociety", g.CumCostSociety, x.CumCostSociety}, {"ActivationCostPerMover", g.ActivationCostPerMover, x.ActivationCostPerMover},
	} {
		d.float(f.got, f.want, "month %d %s", x.Month, f.name)
	}
}

// equationCase is one configuration of TestEquationsMonth.
type equationCase struct {
	name   string
	policy Policy
	grid   bool
	mods   []func(*Params)
}

// The sanctioning cases sanction a refusal at 0.3, ten times the default
// (docs/calibration.md, section 5.6), so that every branch of the sanction
// submodel happens often enough in four months to be checked.
var equationCases = []equationCase{
	{"afstand", builtin("afstand"), false, []func(*Params){busy}},
	{"morele verplichting, rung 4 demanded, few places, low ceilings", builtin("morele-verplichting"), false, []func(*Params){busy, func(p *Params) {
		tune(p, "morele-verplichting", func(r *Regime) { r.DemandRung = 4 })
		tune(p, "morele-verplichting", func(r *Regime) { r.ContactInterval = 1 })
		p.Places.Activity, p.Places.Volunteer = 6, 3
	}}},
	{"sanctie, scarce hours, sanction hours owed", builtin("sanctie"), false, []func(*Params){busy, func(p *Params) {
		tune(p, "sanctie", func(r *Regime) { r.ContactInterval = 1 })
		tune(p, "sanctie", func(r *Regime) { r.HoursPerContact = 1.5 })
		tune(p, "sanctie", func(r *Regime) { r.SanctionProbability = 0.3 })
		p.Professionals.HoursPerMonth = 30
		p.Sanction.Hours, p.Sanction.Months = 6, 3
	}}},
	{"sanctie with role separation and group training", builtin("sanctie"), false, []func(*Params){busy, func(p *Params) {
		p.Levers.RoleSeparation, p.Levers.GroupTraining = true, true
		p.Levers.GroupTrainingHours, p.Levers.GroupTrainingMonths = 5, 8
		tune(p, "sanctie", func(r *Regime) { r.ContactInterval = 2 })
		tune(p, "sanctie", func(r *Regime) { r.BarrierWork = 0.1 })
		tune(p, "sanctie", func(r *Regime) { r.SanctionProbability = 0.3 })
	}}},
	{"maatwerk with noisy judgement", builtin("maatwerk"), false, []func(*Params){busy, func(p *Params) {
		p.Professionals.JudgementNoise = 0.4
		tune(p, "maatwerk", func(r *Regime) { r.ContactInterval = 1 })
		tune(p, "maatwerk", func(r *Regime) { r.SanctionProbability = 0.3 })
		p.Professionals.HoursPerMonth = 120
	}}},
	{"nabijheid with collective work and field workers", builtin("nabijheid"), false, []func(*Params){busy, func(p *Params) {
		p.Levers.CollectiveShare, p.Levers.CollectiveRampMonths = 0.3, 50
		p.Levers.FieldWorkers, p.Levers.FieldWorkerJobs, p.Levers.FieldWorkerRelief = 2, 0.8, 0.3
		p.Professionals.BarrierSkill = 2
	}}},
	{"morele verplichting, all hours collective", builtin("morele-verplichting"), false, []func(*Params){busy, func(p *Params) {
		p.Levers.CollectiveShare, p.Levers.GroupTraining = 0.9, true
		p.Levers.GroupTrainingHours = 20
	}}},
	{"maatwerk on the dyadic grid", builtin("maatwerk"), true, []func(*Params){busy, dyadic}},
	{"sanctie on the dyadic grid", builtin("sanctie"), true, []func(*Params){busy, dyadic}},
}

// TestEquationsMonth advances a scrambled model and the reference four
// months under each configuration and requires them to agree on
// everything, every month. It also requires that the events the
// configuration is for happened often enough to be checked.
func TestEquationsMonth(t *testing.T) {
	var total MonthStats
	for ci, c := range equationCases {
		t.Run(c.name, func(t *testing.T) {
			p := Defaults()
			p.Months = 60
			for _, f := range c.mods {
				f(&p)
			}
			m, err := New(p, c.policy, 7, uint64(ci), Options{RecordEvents: true})
			if err != nil {
				t.Fatal(err)
			}
			scramble(m, uint64(ci), 40, c.grid)
			w, err := snapshot(m)
			if err != nil {
				t.Fatal(err)
			}
			for range 4 {
				m.Step()
				w.step()
				if d := compareWorld(m, w); len(d) > 0 {
					t.Fatalf("month %d: %d differences between the model and the equations, first:\n  %s", w.t, len(d), joinFirst(d, 12))
				}
				addCounts(&total, m.stats[m.month])
			}
		})
	}
	// Every branch was taken.
	for _, c := range []struct {
		what string
		n    int
	}{
		{"moves up", total.MovesUp}, {"falls", total.MovesDown}, {"exits to work", total.ExitsToWork},
		{"exits for other reasons", total.ExitsWithoutWork - total.ExitsUnderPressure - total.ExitsAfterSanction},
		{"exits under pressure", total.ExitsUnderPressure}, {"exits after a sanction", total.ExitsAfterSanction},
		{"job losses", total.JobLosses}, {"re-entries after a job loss", total.ReentriesAfterWork},
		{"re-entries after an exit without work", total.ReentriesNoWork}, {"sanctions", total.Sanctions},
		{"sanctions that do not fit", total.SanctionsMisfit}, {"contacts", total.Reached}, {"demands", total.Demands},
		{"demands without a place", total.DemandsNoPlace}, {"placements", total.Placements}, {"refusals", total.Refusals},
	} {
		if c.n < 20 {
			t.Errorf("%s: %d in all configurations, want at least 20 to check the equations on", c.what, c.n)
		}
	}
}

func joinFirst(d diffs, n int) string {
	s := ""
	for k := 0; k < min(n, len(d)); k++ {
		if k > 0 {
			s += "\n  "
		}
		s += d[k]
	}
	return s
}

// addCounts adds the event counts of s to those of to.
func addCounts(to *MonthStats, s MonthStats) {
	to.MovesUp += s.MovesUp
	to.MovesDown += s.MovesDown
	to.ExitsToWork += s.ExitsToWork
	to.ExitsWithoutWork += s.ExitsWithoutWork
	to.ExitsUnderPressure += s.ExitsUnderPressure
	to.ExitsAfterSanction += s.ExitsAfterSanction
	to.JobLosses += s.JobLosses
	to.ReentriesAfterWork += s.ReentriesAfterWork
	to.ReentriesNoWork += s.ReentriesNoWork
	to.Sanctions += s.Sanctions
	to.SanctionsMisfit += s.SanctionsMisfit
	to.Reached += s.Reached
	to.Demands += s.Demands
	to.DemandsNoPlace += s.DemandsNoPlace
	to.Placements += s.Placements
	to.Refusals += s.Refusals
}

// TestEquationsFromTheStart builds month 0 from the parameters as ODD 5
// says (every slot from its init stream, the professionals and their
// caseloads, the blocks, the arrival of the initial residents on the
// places there are, the end of month 0 and its record, without costs) and
// requires the model to agree, then advances both six months under each
// policy, with inflow, and requires them to agree every month.
func TestEquationsFromTheStart(t *testing.T) {
	for k, pol := range builtins() {
		t.Run(pol.Name, func(t *testing.T) {
			p := Defaults()
			p.Months = 24
			p.Population.Residents, p.Population.InflowPerMonth = 700, 9
			p.Population.ShareCeiling3, p.Population.ShareCeiling4 = 0.2, 0.25
			// Some residents switch kind at month 0, both ways.
			p.Population.KindToResistant, p.Population.KindToSeeker = 0.3, 0.3
			p.Initial.Resistant.Resistance = 0.4
			p.Places.Activity, p.Places.Volunteer = 9, 4
			p.Professionals.Caseload = 45
			m, err := New(p, pol, 11, uint64(k), Options{RecordEvents: true})
			if err != nil {
				t.Fatal(err)
			}
			w := refInit(p, pol, 11, uint64(k))
			for mo := 0; mo <= 6; mo++ {
				if mo > 0 {
					m.Step()
					w.step()
				}
				if d := compareWorld(m, w); len(d) > 0 {
					t.Fatalf("month %d: %d differences between the model and the equations, first:\n  %s", mo, len(d), joinFirst(d, 12))
				}
			}
		})
	}
}

// TestDecisionWeight: the weight of a sanction's probability in the
// threat (ODD 7.5a) is 0 at 0 and 1 at 1, the probability itself at
// curvature 1, above small probabilities and below large ones for
// curvature below 1 (Tversky and Kahneman's 0.0970 at 0.04 and 0.69), and
// rises with the probability.
func TestDecisionWeight(t *testing.T) {
	for _, c := range []struct {
		q, c, want float64
	}{
		{0, 0.69, 0},
		{1, 0.69, 1},
		{0.04, 1, 0.04},
		{0.3, 1, 0.3},
		{0.04, 0.69, 0.0969526},
		{0.3, 0.69, 0.3275756},
		{0.9, 0.69, 0.7749035},
	} {
		if got := decisionWeight(c.q, c.c); math.Abs(got-c.want) > 1e-6 {
			t.Errorf("decisionWeight(%v, %v) = %.7f, want %.7f", c.q, c.c, got, c.want)
		}
	}
	for _, c := range []float64{0.3, 0.5, 0.69, 1} {
		prev := 0.0
		for q := 0.01; q <= 1; q += 0.01 {
			w := decisionWeight(q, c)
			if w < prev {
				t.Errorf("curvature %v: weight falls from %v to %v at %v", c, prev, w, q)
			}
			prev = w
		}
	}
}
