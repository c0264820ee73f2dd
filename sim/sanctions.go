package sim

import (
	"math"
	"math/rand/v2"
)

// Sanctions and judgement (ODD 7.6, mechanisms 6, 1, 2, 4, 5).

// considerSanction applies the sanction rule of resident i's phase to the
// resident, who refused the tegenprestatie, and applies the sanction
// (mechanism 6). The
// hard conversation and the decision take time: the enforcement
// department's with role separation, otherwise the professional's own,
// taken from next month's hours.
func (m *Model) considerSanction(i int, res *resident, capacity, need float64, st *MonthStats) {
	p := &m.p
	judge, sanction := m.sanctionStreams(i)
	u1, u2 := uniform(judge), uniform(judge)
	z := math.Sqrt(-2*math.Log(1-u1)) * math.Cos(2*math.Pi*u2)
	rg := &m.regimes[res.phase]
	sd := p.Professionals.JudgementNoise / math.Sqrt(rg.HoursPerContact)
	judged := capacity + sd*z
	u := uniform(sanction)
	if !m.rules[res.phase].sanctions(judged, need, u, rg.SanctionProbability) {
		return
	}
	misfit := capacity < need
	mult := 1.0
	if misfit {
		mult = p.Sanction.MisfitMultiplier
		st.SanctionsMisfit++
	}
	loss := p.Trust.LossSanction * mult
	if p.Levers.RoleSeparation {
		loss *= 1 - p.Sanction.RoleSeparationShield
	}
	res.trust -= min(1, loss) * res.trust
	res.resistance += min(1, p.Resistance.GainSanction*mult) * (1 - res.resistance)
	res.efficacy -= p.Efficacy.LossSanction * res.efficacy
	res.pressure += p.Pressure.PerSanction * (1 - res.pressure)
	res.sanctionLeft = int8(p.Sanction.Months)
	res.nSanctions++
	st.Sanctions++
	if p.Levers.RoleSeparation {
		st.NalevingHours += p.Sanction.Hours
	} else {
		m.owed[res.owner] += p.Sanction.Hours
	}
	m.event(i, Sanctioned)
}

// sanctionStreams returns resident i's judgement and sanction streams,
// seeding them at their first use: a stream's draws depend only on the
// run's seed, replicate and the resident, not on when it was seeded.
func (m *Model) sanctionStreams(i int) (judge, sanction *rand.PCG) {
	if m.rngSeeded == nil {
		m.judgeRNG = make([]rand.PCG, m.n)
		m.sanctionRNG = make([]rand.PCG, m.n)
		m.rngSeeded = make([]bool, m.n)
	}
	if !m.rngSeeded[i] {
		seedStream(&m.judgeRNG[i], m.seed, m.replicate, purposeJudge, uint64(i))
		seedStream(&m.sanctionRNG[i], m.seed, m.replicate, purposeSanction, uint64(i))
		m.rngSeeded[i] = true
	}
	return &m.judgeRNG[i], &m.sanctionRNG[i]
}
