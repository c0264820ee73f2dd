package sim

// Resistance dynamics (ODD 7.8, mechanism 2), word of mouth (7.9,
// mechanism 1) and kind switching (7.14). Trust gained and lost in
// contacts and sanctions is in contacts.go and sanctions.go.

// updateAttitudes lets trust, resistance and self-efficacy return a little
// towards the resident's own baseline, raises resistance under overload
// and lowers it with trust, lets trust move towards the block's mean (word
// of mouth), and clamps trust, pressure, resistance and self-efficacy to
// [0, 1]. c is the resident's load capacity after this month's barrier
// changes.
func (m *Model) updateAttitudes(i int, res *resident, c float64) {
	p := &m.p
	// The month's changes are made on copies and stored once.
	trust, resistance, efficacy, pressure := res.trust, res.resistance, res.efficacy, res.pressure
	if r := p.Attitudes.Reversion; r > 0 {
		trust, resistance, efficacy = m.reverted(res, r, trust, resistance, efficacy)
	}
	if over := pressure - c; over > 0 {
		resistance += p.Resistance.GainOverload * over * (1 - resistance)
	}
	// Without a branch: below the trust level the product is +0, and
	// subtracting it leaves resistance as it is.
	resistance -= p.Resistance.FallTrust * max(trust-p.Resistance.TrustLevel, 0) * resistance
	if bt := m.blockTrust[res.block]; bt >= 0 {
		trust += p.Trust.WordOfMouth * (bt - trust)
	}
	res.trust = clamp01(trust)
	res.pressure = clamp01(pressure)
	res.resistance = clamp01(resistance)
	res.efficacy = clamp01(efficacy)
}

// revertAttitudes moves trust, resistance and self-efficacy a share
// attitudes.reversion of the way back to the resident's own baseline.
func (m *Model) revertAttitudes(res *resident) {
	if r := m.p.Attitudes.Reversion; r > 0 {
		res.trust, res.resistance, res.efficacy = m.reverted(res, r, res.trust, res.resistance, res.efficacy)
	}
}

// reverted is the given trust, resistance and self-efficacy moved a share r
// of the way back to the resident's own baselines.
func (m *Model) reverted(res *resident, r, trust, resistance, efficacy float64) (float64, float64, float64) {
	return trust + r*(res.baseTrust-trust), resistance + r*(res.baseResist-resistance), efficacy + r*(res.baseEfficacy-efficacy)
}

// switchKind lets a support-seeker whose resistance has risen above the
// threshold count as resistant, and a resistant resident whose resistance
// has fallen below the other threshold count as a support-seeker again.
func (m *Model) switchKind(res *resident) {
	// One comparison for either kind, so that the kinds, mixed over the
	// residents, cost no unpredictable branch: sign × resistance > limit,
	// that is resistance > kind_to_resistant for a support-seeker and
	// -resistance > -kind_to_seeker (resistance < kind_to_seeker) for a
	// resistant resident. Negation is exact, so the comparisons are the
	// same.
	k := res.kind & 1
	if !(m.switchSign[k]*res.resistance > m.switchLimit[k]) {
		return
	}
	res.kind = 1 - k // the other kind
	// A switch either leaves the kind the resident started as or returns
	// to it, which it can only do after leaving it: either way the
	// resident has switched kind.
	res.switched = true
}
