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
func (m *Model) updateAttitudes(i int, c float64) {
	p := &m.p
	// The month's changes are made on copies and stored once.
	trust, resistance, efficacy, pressure := m.trust[i], m.resistance[i], m.efficacy[i], m.pressure[i]
	if r := p.Attitudes.Reversion; r > 0 {
		trust, resistance, efficacy = m.reverted(i, r, trust, resistance, efficacy)
	}
	if over := pressure - c; over > 0 {
		resistance += p.Resistance.GainOverload * over * (1 - resistance)
	}
	if above := trust - p.Resistance.TrustLevel; above > 0 {
		resistance -= p.Resistance.FallTrust * above * resistance
	}
	if bt := m.blockTrust[m.block[i]]; bt >= 0 {
		trust += p.Trust.WordOfMouth * (bt - trust)
	}
	m.trust[i] = clamp01(trust)
	m.pressure[i] = clamp01(pressure)
	m.resistance[i] = clamp01(resistance)
	m.efficacy[i] = clamp01(efficacy)
}

// revertAttitudes moves trust, resistance and self-efficacy a share
// attitudes.reversion of the way back to the resident's own baseline.
func (m *Model) revertAttitudes(i int) {
	if r := m.p.Attitudes.Reversion; r > 0 {
		m.trust[i], m.resistance[i], m.efficacy[i] = m.reverted(i, r, m.trust[i], m.resistance[i], m.efficacy[i])
	}
}

// reverted is trust, resistance and self-efficacy of resident i moved a
// share r of the way back to the resident's baseline.
func (m *Model) reverted(i int, r, trust, resistance, efficacy float64) (float64, float64, float64) {
	return trust + r*(m.baseTrust[i]-trust), resistance + r*(m.baseResist[i]-resistance), efficacy + r*(m.baseEfficacy[i]-efficacy)
}

// switchKind lets a support-seeker whose resistance has risen above the
// threshold count as resistant, and a resistant resident whose resistance
// has fallen below the other threshold count as a support-seeker again.
func (m *Model) switchKind(i int) {
	p := &m.p
	if m.resistance[i] > p.Population.KindToResistant && m.kind[i] == SupportSeeker {
		m.kind[i] = Resistant
	} else if m.resistance[i] < p.Population.KindToSeeker && m.kind[i] == Resistant {
		m.kind[i] = SupportSeeker
	}
	if m.kind[i] != m.startKind[i] {
		m.switched[i] = true
	}
}
