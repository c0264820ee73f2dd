package sim

import "testing"

// floorMonth is the arithmetic of a month of resident res on the benefit
// with nothing else: the four monthly draws, barrier recovery, capacity,
// the attitudes' reversion, overload, trust and word of mouth with their
// clamps, the exit and job hazards, readiness and the step probability,
// pressure decay, the month's counters and benefit, and the month's sums.
// Every result is written back or added to sink; nothing is decided, so
// there are no branches on the draws, no calls and no events.
func floorMonth(m *Model, res *resident, cs *contactState, obs *observation, sink *float64) {
	p := &m.p
	uShock := drawAt(res.keys[keyShock], m.offset)
	uExit := drawAt(res.keys[keyExit], m.offset)
	uWork := drawAt(res.keys[keyWork], m.offset)
	uStep := drawAt(res.keys[keyStep], m.offset)
	res.removeBarriers(p.Shocks.BarrierRecovery)
	c := res.capacity()
	r := p.Attitudes.Reversion
	trust := res.trust + r*(res.baseTrust-res.trust)
	resistance := res.resistance + r*(res.baseResist-res.resistance)
	efficacy := res.efficacy + r*(res.baseEfficacy-res.efficacy)
	resistance += p.Resistance.GainOverload * max(res.pressure-c, 0) * (1 - resistance)
	resistance -= p.Resistance.FallTrust * max(trust-p.Resistance.TrustLevel, 0) * resistance
	trust += p.Trust.WordOfMouth * (m.blockTrust[res.block] - trust)
	res.trust, res.resistance, res.efficacy = clamp01(trust), clamp01(resistance), clamp01(efficacy)
	early := m.early[min(int(res.monthsOnBen), len(m.early)-1)]
	exit := p.Exit.BaseRate*early + p.Exit.PressureResistance*res.pressure*res.resistance
	job := p.Work.JobFinding * early * c
	ready := clampMixed01((c - m.needs[3]) / p.Ladder.ReadyMargin)
	willing := clampMixed01(0.5 + (res.trust-res.resistance)/m.willingSpan)
	years := float64(res.monthsOnRung) / 12
	prob := ready * res.efficacy * willing * p.Ladder.SelfRate / (1 + p.Work.LockIn*years)
	*sink += (uShock - p.Shocks.Rate) + (uExit - exit) + (uWork - job) + (uStep - prob)
	res.pressure *= m.pressureKeep
	res.monthsOnBen++
	res.monthsOnRung++
	cs.sinceContact++
	res.benefitPaid += p.Costs.BenefitPerMonth
	obs.trust.add(res.trust)
	obs.resistance.add(res.resistance)
	obs.efficacy.add(res.efficacy)
	obs.pressure.add(res.pressure)
	obs.capacity.add(c)
	m.blockSum[res.block] += res.trust
}

// BenchmarkStepFloor times floorMonth over the residents on the benefit
// in each month of the runs BenchmarkStep times (default scenario,
// nabijheid), counting resident-months as BenchmarkStep does. Outside the
// timer the run takes its real step and its records are copied; the timed
// part works on the copy, so each month starts from the run's real state.
// It is the floor for the same work on the same records: BenchmarkStep's
// resident-months a second over this one's is what the model's decisions,
// transitions and bookkeeping cost.
func BenchmarkStepFloor(b *testing.B) {
	p := Defaults()
	replicate := uint64(0)
	m, err := New(p, builtin("nabijheid"), 1, replicate, Options{})
	if err != nil {
		b.Fatal(err)
	}
	records := make([]resident, len(m.res))
	contacts := make([]contactState, len(m.contact))
	var sink float64
	residentMonths := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if m.Done() {
			replicate++
			if m, err = New(p, builtin("nabijheid"), 1, replicate, Options{}); err != nil {
				b.Fatal(err)
			}
		}
		copy(records, m.res)
		copy(contacts, m.contact)
		m.month++ // the month floorMonth draws for
		m.offset = drawOffset(m.month)
		b.StartTimer()
		var obs observation
		for k := range m.arrived {
			if res := &records[k]; res.status == OnBenefit {
				floorMonth(m, res, &contacts[k], &obs, &sink)
			}
		}
		sink += obs.trust.sum
		residentMonths += m.arrived
		b.StopTimer()
		m.month--
		m.Step()
		b.StartTimer()
	}
	b.ReportMetric(float64(residentMonths)/b.Elapsed().Seconds(), "resident-months/s")
	if sink == 0 {
		b.Log(sink)
	}
}
