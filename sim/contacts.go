package sim

import "math"

// Professional time and contacts (ODD 7.4, mechanism 8), the effects of a
// contact (7.5, mechanisms 1-5) and the tegenprestatie (7.5a).

// allocateContacts divides each professional's paid hours for the month:
// first collective work and group training, then the hours owed for last
// month's sanctions, then case administration for every case on the
// benefit, and with what is left the professional meets the residents who
// are due, in round-robin order, until the hours run out. Hours not spent
// are idle (and still paid).
func (m *Model) allocateContacts(st *MonthStats) {
	p := &m.p
	lv := &p.Levers
	hours := p.Professionals.HoursPerMonth
	collective := hours * lv.CollectiveShare
	if lv.GroupTraining {
		collective += lv.GroupTrainingHours
	}
	collective = math.Min(collective, hours)
	t := int32(m.month)
	for k := 0; k < m.profs; k++ {
		lo, hi := m.caseStart[k], m.caseStart[k+1]
		size := hi - lo
		onBenefit := m.onBenefit[k]
		left := hours - collective
		owed := math.Min(m.owed[k], left)
		m.owed[k] -= owed
		left -= owed
		admin := math.Min(p.Professionals.CaseAdminHours*float64(onBenefit), left)
		left -= admin
		budget := left
		next := m.cursor[k]
		pos := m.cursor[k]
		for j := int32(0); j < size && left >= m.minHours; j++ {
			i := m.cases[lo+pos]
			pos++
			if pos == size {
				pos = 0 // round robin
			}
			rg := &m.regimes[m.phase[i]]
			if m.status[i] != OnBenefit || m.sinceContact[i]+1 < int32(rg.ContactInterval) {
				continue
			}
			if left < rg.HoursPerContact {
				break // the resident stays due and comes first next month
			}
			m.contactMonth[i] = t
			left -= rg.HoursPerContact
			next = pos
		}
		m.cursor[k] = next
		st.HoursUsed += budget - left
		st.HoursAdmin += admin
		st.HoursSanctions += owed
		st.HoursCollective += collective
		st.HoursIdle += left
	}
	st.HoursTotal = hours * float64(m.profs)
}

// meet applies the effects of this month's contact with resident i: barrier
// work, trust, being heard, pressure, and the tegenprestatie if the policy
// demands a rung above the resident's. It reports whether the resident was
// placed on the demanded rung.
func (m *Model) meet(i int, st *MonthStats) (placed bool) {
	p := &m.p
	rg := &m.regimes[m.phase[i]]
	if !m.everContact[i] {
		m.everContact[i] = true
		m.firstContact[i] = int32(m.month)
	}
	m.sinceContact[i] = 0
	m.hoursGot[i] += rg.HoursPerContact
	st.Reached++
	attention := rg.Attention
	m.removeBarriers(i, math.Min(1, rg.BarrierWork*p.Professionals.BarrierSkill))
	m.trust[i] += p.Trust.GainPerContact * attention * (1 - m.trust[i])
	m.trust[i] -= p.Trust.LossIntrusion * rg.Control * m.trust[i]
	m.resistance[i] -= p.Resistance.FallHeard * attention * m.resistance[i]
	m.pressure[i] += (p.Pressure.PerContact + p.Pressure.PerControl*rg.Control) * (1 - m.pressure[i])
	if d := int8(rg.DemandRung); d > 0 && m.rung[i] < d {
		return m.demand(i, d, st)
	}
	return false
}

// demand asks resident i, met below the demanded rung d, for the
// tegenprestatie (7.5a). Expectations above the resident's capacity
// humiliate (mechanism 4). A willing resident takes a place on rung d if
// the neighbourhood has one free and the rung is within the resident's
// reach (progress, if the resident can carry it); without such a place the
// willing resident complies by looking for one, and nothing else happens.
// A resident who refuses risks a sanction under a sanctioning policy
// (7.6). It reports whether the resident was placed.
func (m *Model) demand(i int, d int8, st *MonthStats) bool {
	p := &m.p
	rg := &m.regimes[m.phase[i]]
	need := m.needs[d]
	c := m.capacity(i)
	if need > c {
		m.efficacy[i] -= p.Efficacy.LossHumiliation * (need - c) * m.efficacy[i]
	}
	st.Demands++
	// Willingness to comply: the appeal of the contact, the threat of a
	// sanction (its push times its probability) and the push of a
	// sanction that runs.
	extra := rg.Appeal + p.Sanction.Push*rg.SanctionProbability
	if m.sanctionLeft[i] > 0 {
		extra += p.Sanction.Push
	}
	if monthlyDraw(m.keys[purposeDemand-1][i], m.month) < m.willingness(i, extra) {
		if d > m.ceiling[i] || !m.hasPlace(i, d) {
			st.DemandsNoPlace++
			return false
		}
		m.setRung(i, d)
		m.demanded[i] = true
		st.Placements++
		st.MovesUp++
		m.markUp(i)
		if c >= need {
			m.efficacy[i] += p.Efficacy.GainSuccess * (1 - m.efficacy[i])
		}
		m.event(i, Placed)
		return true
	}
	st.Refusals++
	m.event(i, Refused)
	if rg.SanctionProbability > 0 && m.sanctionLeft[i] == 0 {
		m.considerSanction(i, c, need, st)
	}
	return false
}
