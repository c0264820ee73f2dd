package sim

import "math/rand/v2"

// The initial state (ODD section 5), the professionals' caseloads (5, 7.4)
// and the arrival of residents on the benefit (7.13).

func (m *Model) initResidents() {
	p := &m.p
	pop := &p.Population
	s := new(rand.PCG) // each slot's initial-state stream, used here only
	prefix := streamPrefix(m.seed, m.replicate, purposeInit)
	for i := 0; i < m.n; i++ {
		s.Seed(slotSeed(prefix, uint64(i)))
		k := SupportSeeker
		prof := &p.Initial.Seekers
		if uniform(s) < pop.ShareResistant {
			k = Resistant
			prof = &p.Initial.Resistant
		}
		res := &m.res[i]
		res.kind, res.startKind = k, k
		sp := p.Initial.Spread
		res.trust = spreadAround(prof.Trust, sp, uniform(s))
		res.resistance = spreadAround(prof.Resistance, sp, uniform(s))
		res.efficacy = spreadAround(prof.Efficacy, sp, uniform(s))
		res.baseTrust, res.baseResist, res.baseEfficacy = res.trust, res.resistance, res.efficacy
		for b := 0; b < 3; b++ {
			res.barrier[b] = spreadAround(prof.Barriers, sp, uniform(s))
		}
		lang, level := uniform(s), uniform(s)
		if lang < pop.ShareLanguage {
			res.barrier[3] = 0.4 + 0.6*level
		}
		durable := [4]float64{p.Barriers.DurableDebts, p.Barriers.DurableHealth, p.Barriers.DurableCare, p.Barriers.DurableLanguage}
		for b := range res.barrier {
			res.durable[b] = durable[b] * res.barrier[b]
		}
		u := uniform(s)
		in := &p.Initial
		switch {
		case u < in.Rung1:
			res.rung = 1
		case u < in.Rung1+in.Rung2:
			res.rung = 2
		case u < in.Rung1+in.Rung2+in.Rung3:
			res.rung = 3
		default:
			res.rung = 4
		}
		u = uniform(s)
		switch {
		case u < pop.ShareCeiling3:
			res.ceiling = 3
		case u < pop.ShareCeiling3+pop.ShareCeiling4:
			res.ceiling = 4
		default:
			res.ceiling = 6
		}
		if res.rung > res.ceiling {
			res.rung = res.ceiling
		}
		long, dur := uniform(s), uniform(s)
		if i < pop.Residents {
			if long < pop.ShareLongTerm {
				res.monthsOnBen = int16(60 + dur*120)
			} else {
				res.monthsOnBen = int16(12 + dur*48)
			}
			res.startOnBen = res.monthsOnBen
		}
		m.contact[i] = contactState{sinceContact: int16(uniform(s) * float64(m.regimes[0].ContactInterval)), contactMonth: -1}
		res.firstContact = -1
	}
}

func (m *Model) initProfessionals() {
	p := &m.p
	w := m.hoods
	// The team has ceil(residents / caseload) professionals, spread over
	// the neighbourhoods as evenly as possible, at least one each.
	total := (p.Population.Residents + p.Professionals.Caseload - 1) / p.Professionals.Caseload
	start := make([]int, w+1)
	for h := 0; h < w; h++ {
		k := total / w
		if h < total%w {
			k++
		}
		if k < 1 {
			k = 1
		}
		m.profsIn[h] = k
		start[h+1] = start[h] + k
	}
	m.profs = start[w]
	count := make([]int32, m.profs)
	owner := make([]int32, m.n)
	for i := 0; i < m.n; i++ {
		h := i % w
		k := start[h] + (i/w)%m.profsIn[h]
		owner[i] = int32(k)
		count[k]++
	}
	m.caseStart = make([]int32, m.profs+1)
	for k := 0; k < m.profs; k++ {
		m.caseStart[k+1] = m.caseStart[k] + count[k]
	}
	fill := make([]int32, m.profs)
	copy(fill, m.caseStart[:m.profs])
	m.cases = cleared(m.cases, m.n) // every entry is written below
	for i := 0; i < m.n; i++ {
		k := owner[i]
		m.cases[fill[k]] = int32(i)
		fill[k]++
	}
	m.cursor = make([]int32, m.profs)
	for i, k := range owner {
		m.res[i].owner = k
	}
	m.onBenefit = make([]int32, m.profs)
	m.owed = make([]float64, m.profs)
}

// arrive puts the slot on the benefit, lowering its rung if its neighbourhood
// has no place for it.
func (m *Model) arrive(i int, res *resident) {
	m.setStatus(i, res, OnBenefit)
	h := res.neighbour
	for {
		switch res.rung {
		case 3:
			if m.activityUsed[h] < m.activityCap[h] {
				m.activityUsed[h]++
				return
			}
		case 4:
			if m.volunteerUsed[h] < m.volunteerCap[h] {
				m.volunteerUsed[h]++
				return
			}
		default:
			return
		}
		res.rung--
	}
}

// setStatus sets the resident's status, keeping the counts of slots in
// each status, of cases on the benefit of the resident's professional and
// of residents heard in the resident's block.
func (m *Model) setStatus(i int, res *resident, s Status) {
	old := res.status
	m.statusCount[old]--
	m.statusCount[s]++
	if old == OnBenefit {
		m.onBenefit[res.owner]--
	}
	if s == OnBenefit {
		m.onBenefit[res.owner]++
	}
	if was, is := heard(old), heard(s); was != is {
		if is {
			m.blockCount[res.block]++
		} else {
			m.blockCount[res.block]--
		}
	}
	res.status = s
	m.contact[i].status = s
}

// heard reports whether a resident with status s is heard in the block's
// word of mouth (7.9): on the benefit or in work.
func heard(s Status) bool { return s == OnBenefit || s == InWork }

func (m *Model) arrivals() {
	inflow := m.p.Population.InflowPerMonth
	for k := 0; k < inflow && m.arrived < m.n; k++ {
		m.arrive(m.arrived, &m.res[m.arrived])
		m.arrived++
	}
}
