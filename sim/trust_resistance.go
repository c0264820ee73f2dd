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
	m.revertAttitudes(i)
	if over := m.pressure[i] - c; over > 0 {
		m.resistance[i] += p.Resistance.GainOverload * over * (1 - m.resistance[i])
	}
	if above := m.trust[i] - p.Resistance.TrustLevel; above > 0 {
		m.resistance[i] -= p.Resistance.FallTrust * above * m.resistance[i]
	}
	if bt := m.blockTrust[m.block[i]]; bt >= 0 {
		m.trust[i] += p.Trust.WordOfMouth * (bt - m.trust[i])
	}
	m.trust[i] = clamp01(m.trust[i])
	m.pressure[i] = clamp01(m.pressure[i])
	m.resistance[i] = clamp01(m.resistance[i])
	m.efficacy[i] = clamp01(m.efficacy[i])
}

// revertAttitudes moves trust, resistance and self-efficacy a share
// attitudes.reversion of the way back to the resident's own baseline.
func (m *Model) revertAttitudes(i int) {
	if r := m.p.Attitudes.Reversion; r > 0 {
		m.trust[i] += r * (m.baseTrust[i] - m.trust[i])
		m.resistance[i] += r * (m.baseResist[i] - m.resistance[i])
		m.efficacy[i] += r * (m.baseEfficacy[i] - m.efficacy[i])
	}
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
