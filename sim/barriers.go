package sim

import "math"

// Load capacity and barriers (ODD 7.2) and life events (7.3, mechanism 9).

// capacity is a resident's load capacity: one minus the mean barrier.
func (m *Model) capacity(i int) float64 {
	b := &m.barrier[i]
	return 1 - (b[0]+b[1]+b[2]+b[3])/4
}

// removeBarriers takes the share w of the part of each of resident i's
// barriers that can go (above its durable part): the nearer a barrier is
// to its durable part, the less the same effort removes.
func (m *Model) removeBarriers(i int, w float64) {
	barrier, durable := &m.barrier[i], &m.durable[i]
	for b := range barrier {
		barrier[b] -= w * (barrier[b] - durable[b])
	}
}

// lifeEvents lets the passing part of each barrier fade by itself and a
// life event (debts, illness, family trouble) raise one of the first three
// barriers; a resident whose capacity then falls below the need of the
// rung falls.
func (m *Model) lifeEvents(i int, st *MonthStats) {
	p := &m.p
	uShock := monthlyDraw(m.keys[purposeShock-1][i], m.month)
	m.removeBarriers(i, p.Shocks.BarrierRecovery)
	if uShock < p.Shocks.Rate {
		b := int(uShock / p.Shocks.Rate * 3)
		if b > 2 {
			b = 2
		}
		m.barrier[i][b] = math.Min(1, m.barrier[i][b]+p.Shocks.Size)
		if r := m.rung[i]; r >= 2 && m.capacity(i) < m.needs[r] {
			m.fall(i, st)
		}
	}
}
