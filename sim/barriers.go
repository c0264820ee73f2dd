package sim

import "math"

// Load capacity and barriers (ODD 7.2) and life events (7.3, mechanism 9).

// capacity is a resident's load capacity: one minus the mean barrier.
func (m *Model) capacity(i int) float64 {
	return 1 - (m.barrier[0][i]+m.barrier[1][i]+m.barrier[2][i]+m.barrier[3][i])/4
}

// lifeEvents lets barriers fade by themselves and a life event raise one;
// a resident whose capacity then falls below the need of the rung falls.
func (m *Model) lifeEvents(i int, st *MonthStats) {
	p := &m.p
	uShock := monthlyDraw(m.keys[purposeShock-1][i], m.month)
	for b := range m.barrier {
		m.barrier[b][i] *= 1 - p.Shocks.BarrierRecovery
	}
	if uShock < p.Shocks.Rate {
		b := int(uShock / p.Shocks.Rate * 4)
		if b > 3 {
			b = 3
		}
		m.barrier[b][i] = math.Min(1, m.barrier[b][i]+p.Shocks.Size)
		if r := m.rung[i]; r >= 2 && m.capacity(i) < m.needs[r] {
			m.fall(i, st)
		}
	}
}
