package sim

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
	collective = min(collective, hours)
	t := int16(m.month)
	for k := 0; k < m.profs; k++ {
		lo, hi := m.caseStart[k], m.caseStart[k+1]
		size := hi - lo
		onBenefit := m.onBenefit[k]
		left := hours - collective
		owed := min(m.owed[k], left)
		m.owed[k] -= owed
		left -= owed
		admin := min(p.Professionals.CaseAdminHours*float64(onBenefit), left)
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
			cs := &m.contact[i]
			rg := &m.regimes[cs.phase]
			if cs.status != OnBenefit || int(cs.sinceContact)+1 < rg.ContactInterval {
				continue
			}
			if left < rg.HoursPerContact {
				break // the resident stays due and comes first next month
			}
			cs.contactMonth = t
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
func (m *Model) meet(i int, res *resident, st *MonthStats) (placed bool) {
	p := &m.p
	rg := &m.regimes[res.phase]
	if !res.everContact {
		res.everContact = true
		res.firstContact = int16(m.month)
	}
	m.contact[i].sinceContact = 0
	res.hoursGot += rg.HoursPerContact
	st.Reached++
	attention := rg.Attention
	res.removeBarriers(min(1, rg.BarrierWork*p.Professionals.BarrierSkill))
	res.trust += p.Trust.GainPerContact * attention * (1 - res.trust)
	res.trust -= p.Trust.LossIntrusion * rg.Control * res.trust
	res.resistance -= p.Resistance.FallHeard * attention * res.resistance
	res.pressure += (p.Pressure.PerContact + p.Pressure.PerControl*rg.Control) * (1 - res.pressure)
	if d := int8(rg.DemandRung); d > 0 && res.rung < d {
		return m.demand(i, res, d, st)
	}
	return false
}

// demand asks resident i, met below the demanded rung d, for the
// tegenprestatie (7.5a). Expectations above the resident's capacity
// humiliate (mechanism 4). A willing resident meets the obligations; at a
// share of such contacts (tegenprestatie.assign_share) a tegenprestatie is
// assigned, and the resident takes a place on rung d if the neighbourhood
// has one free and the rung is within the resident's
// reach (progress, if the resident can carry it); without such a place the
// willing resident complies by looking for one, and nothing else happens.
// A resident who refuses risks a sanction under a sanctioning policy
// (7.6). It reports whether the resident was placed.
func (m *Model) demand(i int, res *resident, d int8, st *MonthStats) bool {
	p := &m.p
	u := drawAt(res.keys[keyDemand], m.offset)
	rg := &m.regimes[res.phase]
	need := m.needs[d]
	c := res.capacity()
	if need > c {
		res.efficacy -= p.Efficacy.LossHumiliation * (need - c) * res.efficacy
	}
	// Reactance to the threat (mechanism 2): held to the obligations under
	// a threat of a sanction, resistance rises as a fitting sanction would
	// raise it, times the weight the resident gives the sanction's
	// probability; 0 under a regime that does not sanction.
	res.resistance += m.reacts[res.phase] * (1 - res.resistance)
	st.Demands++
	// Willingness to comply: the appeal of the contact, the threat of a
	// sanction (the push times the weight of its probability) and the push
	// of a sanction that runs.
	extra := rg.Appeal + m.threats[res.phase]
	if res.sanctionLeft > 0 {
		extra += p.Sanction.Push
	}
	if w := m.willingness(res, extra); u < w {
		// A willing resident meets the obligations; a tegenprestatie is
		// assigned at a share a of such contacts, with the same draw:
		// below w, u is uniform on [0, w), so u < a·w has probability a
		// (and with a = 1 every complying resident is assigned one).
		// Only then is a place needed.
		if u >= p.Tegenprestatie.AssignShare*w {
			return false
		}
		if d > res.ceiling || !m.hasPlace(res.neighbour, d) {
			st.DemandsNoPlace++
			return false
		}
		m.setRung(res, d)
		res.demanded = true
		st.Placements++
		st.MovesUp++
		m.markUp(res)
		if c >= need {
			res.efficacy += p.Efficacy.GainSuccess * (1 - res.efficacy)
		}
		m.event(i, Placed)
		return true
	}
	st.Refusals++
	m.event(i, Refused)
	if rg.SanctionProbability > 0 && res.sanctionLeft == 0 {
		m.considerSanction(i, res, c, need, st)
	}
	return false
}
