package sim

import "math"

// Benefits paid and the cost accounts (ODD 7.19), and what a month reports
// (7.20).

// payBenefit pays the resident's benefit for the month, cut while a sanction
// runs, and counts the running sanction down; the part withheld is counted
// for society's account (7.19). Nothing is paid at month 0.
func (m *Model) payBenefit(res *resident, st *MonthStats) {
	p := &m.p
	full := p.Costs.BenefitPerMonth
	paid := full
	if res.sanctionLeft > 0 {
		paid *= 1 - p.Sanction.BenefitCut
		if m.month > 0 {
			res.sanctionLeft--
			m.withheld += full - paid
		}
	}
	if m.month > 0 {
		res.benefitPaid += paid
		st.CostBenefits += paid
	}
}

// paySupportedWork pays the share of the benefit that a resident in
// supported work (rung 5) still receives.
func (m *Model) paySupportedWork(res *resident, st *MonthStats) {
	if res.rung == 5 && m.month > 0 {
		paid := m.p.Costs.BenefitPerMonth * m.p.Costs.SupportedWorkShare
		res.benefitPaid += paid
		st.CostBenefits += paid
	}
}

// observe fills the state part of st and the cost accounts, and refreshes
// the mean trust of each block for next month's word of mouth. It reads the
// residents and changes none of them; endOfMonth has paid the benefits.
func (m *Model) observe(st *MonthStats) {
	var obs observation
	m.startObservation()
	for i := range m.arrived {
		m.observeResident(&m.res[i], st, &obs)
	}
	m.finishObservation(st, &obs)
}

// observation holds the sums of an observation of the residents on the
// benefit; MonthStats.OnBenefit counts them. rungs counts the residents
// on the benefit or in work on each rung (index rung-1; 8 entries, so that
// a rung masked with 7 needs no bounds check).
type observation struct {
	trust, resistance, efficacy, pressure, capacity sums
	rungs                                           [8]int
}

// startObservation clears the sums that observeResident adds to.
func (m *Model) startObservation() {
	clear(m.blockSum)
}

// observeResident adds the resident to the observation of the month. The
// counts by status and of the residents heard in each block are kept by
// setStatus.
func (m *Model) observeResident(res *resident, st *MonthStats, obs *observation) {
	switch res.status {
	case OnBenefit:
		obs.trust.add(res.trust)
		obs.resistance.add(res.resistance)
		obs.efficacy.add(res.efficacy)
		obs.pressure.add(res.pressure)
		obs.capacity.add(res.capacity())
		st.Resistant += bit(res.kind == Resistant) // counted without a branch
		st.OnTegenprestatie += bit(res.demanded)
	case InWork:
		// No state sums: only the rung and the block, below.
	default:
		return
	}
	// On the benefit or in work: on a rung and heard in the block.
	obs.rungs[uint8(res.rung-1)&7]++
	m.blockSum[res.block] += res.trust
}

// finishObservation completes st from the sums of the observation: the
// state's moments, the block means, places and the cost accounts.
func (m *Model) finishObservation(st *MonthStats, obs *observation) {
	p := &m.p
	benefit := p.Costs.BenefitPerMonth
	for b := range m.blockTrust {
		m.blockTrust[b] = -1 // no one to hear from
		if m.blockCount[b] > 0 {
			m.blockTrust[b] = m.blockSum[b] / float64(m.blockCount[b])
		}
	}
	st.OnBenefit, st.InWork = m.statusCount[OnBenefit], m.statusCount[InWork]
	st.LeftNoWork, st.OutOfWork = m.statusCount[LeftNoWork], m.statusCount[OutOfWork]
	copy(st.Rung[:], obs.rungs[:])
	n := float64(st.OnBenefit) // the residents observed
	st.Trust, st.Resistance, st.Efficacy = obs.trust.result(n), obs.resistance.result(n), obs.efficacy.result(n)
	st.Pressure, st.Capacity = obs.pressure.result(n), obs.capacity.result(n)
	var places int32
	for h := 0; h < m.hoods; h++ {
		st.ActivityUsed += int(m.activityUsed[h])
		st.ActivityFree += int(m.activityCap[h] - m.activityUsed[h])
		st.VolunteerUsed += int(m.volunteerUsed[h])
		st.VolunteerFree += int(m.volunteerCap[h] - m.volunteerUsed[h])
		places += m.activityCap[h] + m.volunteerCap[h]
	}
	st.CumMovedUp = m.movers
	prev := MonthStats{}
	if m.month > 0 {
		prev = m.stats[m.month-1]
		st.CostProfessionals = (st.HoursTotal + st.NalevingHours) * p.Costs.HourCost
		st.CostPlaces = float64(places) * p.Costs.PlacePerMonth
		st.CostFieldWorkers = float64(p.Levers.FieldWorkers*m.hoods) * p.Costs.FieldWorkerPerMonth
		out := float64(st.LeftNoWork + st.OutOfWork)
		st.CostElsewhere = out * p.Costs.ElsewherePerMonth
		// The benefit not paid to those out of work after it, and what
		// running sanctions withheld: income the households lost, not
		// saved.
		st.CostShifted = out*p.Costs.ShiftedShare*benefit + m.withheld
	}
	st.CostMunicipality = st.CostBenefits + st.CostProfessionals + st.CostPlaces + st.CostFieldWorkers
	st.CostSociety = st.CostMunicipality + st.CostElsewhere + st.CostShifted
	st.CumExitsToWork = prev.CumExitsToWork + st.ExitsToWork
	st.CumExitsNoWork = prev.CumExitsNoWork + st.ExitsWithoutWork
	st.CumSanctions = prev.CumSanctions + st.Sanctions
	st.CumActivationCost = prev.CumActivationCost + st.CostProfessionals + st.CostPlaces + st.CostFieldWorkers
	st.CumCostMunicipality = prev.CumCostMunicipality + st.CostMunicipality
	st.CumCostSociety = prev.CumCostSociety + st.CostSociety
	st.ActivationCostPerMover = math.NaN()
	if st.CumMovedUp > 0 {
		st.ActivationCostPerMover = st.CumActivationCost / float64(st.CumMovedUp)
	}
}

// KindSummaries returns the outcome so far for the residents who started as
// each kind (indexed by Kind), counting every resident who has arrived.
func (m *Model) KindSummaries() [NumKinds]KindSummary {
	var out [NumKinds]KindSummary
	var tr, rs, ef, pr [NumKinds]moments
	var up3 [NumKinds]int
	for i := 0; i < m.arrived; i++ {
		res := &m.res[i]
		k := res.startKind
		s := &out[k]
		s.Residents++
		switch res.status {
		case OnBenefit:
			s.OnBenefit++
			tr[k].add(res.trust)
			rs[k].add(res.resistance)
			ef[k].add(res.efficacy)
			pr[k].add(res.pressure)
		case InWork:
			s.InWork++
		case LeftNoWork:
			s.LeftNoWork++
		case OutOfWork:
			s.OutOfWork++
		}
		if (res.status == OnBenefit || res.status == InWork) && res.rung >= 3 {
			up3[k]++
		}
		if res.everUp {
			s.ShareMovedUp++
		}
		if res.switched {
			s.ShareSwitched++
		}
		s.ExitsToWork += float64(res.nExitWork)
		s.ExitsNoWork += float64(res.nExitNoWork)
		s.Sanctions += float64(res.nSanctions)
		s.BenefitPaid += res.benefitPaid
		s.HoursReceived += res.hoursGot
	}
	for k := range out {
		s := &out[k]
		s.Kind = Kind(k).String()
		n := float64(s.Residents)
		onLadder := s.OnBenefit + s.InWork
		s.ShareRung3Plus = math.NaN()
		if onLadder > 0 {
			s.ShareRung3Plus = float64(up3[k]) / float64(onLadder)
		}
		if n == 0 {
			n = math.NaN()
		}
		s.ShareMovedUp /= n
		s.ShareSwitched /= n
		s.ExitsToWork /= n
		s.ExitsNoWork /= n
		s.Sanctions /= n
		s.BenefitPaid /= n
		s.HoursReceived /= n
		s.Trust = tr[k].result().Mean
		s.Resistance = rs[k].result().Mean
		s.Efficacy = ef[k].result().Mean
		s.Pressure = pr[k].result().Mean
	}
	return out
}
