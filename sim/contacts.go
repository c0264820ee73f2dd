package sim

import "math"

// Professional time and contacts (ODD 7.4, mechanism 8) and the effects of
// a contact (7.5, mechanisms 1-5).

// allocateContacts lets each professional meet the residents who are due, in
// round-robin order, until their hours for individual contact run out.
func (m *Model) allocateContacts(st *MonthStats) {
	p := &m.p
	lv := &p.Levers
	budget := p.Professionals.HoursPerMonth * (1 - lv.CollectiveShare)
	if lv.GroupTraining {
		budget -= lv.GroupTrainingHours
	}
	hpc := m.regime.HoursPerContact
	interval := int32(m.regime.ContactInterval)
	t := int32(m.month)
	for k := 0; k < m.profs; k++ {
		lo, hi := m.caseStart[k], m.caseStart[k+1]
		size := hi - lo
		left := budget
		next := m.cursor[k]
		for j := int32(0); j < size && left >= hpc; j++ {
			pos := (m.cursor[k] + j) % size
			i := m.cases[lo+pos]
			if m.status[i] != OnBenefit || m.sinceContact[i]+1 < interval {
				continue
			}
			m.contactMonth[i] = t
			left -= hpc
			next = (pos + 1) % size
		}
		m.cursor[k] = next
		st.HoursUsed += budget - left
	}
	st.HoursTotal = p.Professionals.HoursPerMonth * float64(m.profs)
	st.HoursCollective = p.Professionals.HoursPerMonth * lv.CollectiveShare * float64(m.profs)
	if lv.GroupTraining {
		st.HoursCollective += lv.GroupTrainingHours * float64(m.profs)
	}
}

// meet applies the effects of this month's contact with resident i: barrier
// work, trust, being heard, pressure, and the demand of the tegenprestatie
// with its humiliation and, under a sanctioning policy, the sanction
// decision. It reports whether the resident was sanctioned.
func (m *Model) meet(i int, st *MonthStats) (sanctioned bool) {
	p := &m.p
	rg := &m.regime
	if !m.everContact[i] {
		m.everContact[i] = true
		m.firstContact[i] = int32(m.month)
	}
	m.sinceContact[i] = 0
	m.hoursGot[i] += rg.HoursPerContact
	st.Reached++
	attention := rg.Attention
	work := math.Min(1, rg.BarrierWork*p.Professionals.BarrierSkill)
	for b := range m.barrier {
		m.barrier[b][i] -= work * m.barrier[b][i]
	}
	m.trust[i] += p.Trust.GainPerContact * attention * (1 - m.trust[i])
	m.trust[i] -= p.Trust.LossIntrusion * rg.Control * m.trust[i]
	m.resistance[i] -= p.Resistance.FallHeard * attention * m.resistance[i]
	m.pressure[i] += (p.Pressure.PerContact + p.Pressure.PerControl*rg.Control) * (1 - m.pressure[i])
	if d := rg.DemandRung; d > 0 && int(m.rung[i]) < d {
		need := m.needs[d]
		c := m.capacity(i)
		if need > c {
			m.efficacy[i] -= p.Efficacy.LossHumiliation * (need - c) * m.efficacy[i]
		}
		if rg.SanctionProbability > 0 && m.sanctionLeft[i] == 0 {
			sanctioned = m.considerSanction(i, c, need, st)
		}
	}
	return sanctioned
}
