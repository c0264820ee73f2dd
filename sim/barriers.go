package sim

// Load capacity and barriers (ODD 7.2) and life events (7.3, mechanism 9).

// capacity is the resident's load capacity: one minus the mean barrier.
func (r *resident) capacity() float64 {
	b := &r.barrier
	return 1 - (b[0]+b[1]+b[2]+b[3])/4
}

// removeBarriers takes the share w of the part of each of the resident's
// barriers that can go (above its durable part): the nearer a barrier is
// to its durable part, the less the same effort removes.
func (r *resident) removeBarriers(w float64) {
	b, d := &r.barrier, &r.durable
	b[0] -= w * (b[0] - d[0])
	b[1] -= w * (b[1] - d[1])
	b[2] -= w * (b[2] - d[2])
	b[3] -= w * (b[3] - d[3])
}

// lifeEvents lets the passing part of each barrier fade by itself and a
// life event (debts, illness, family trouble) raise one of the first three
// barriers; a resident whose capacity then falls below the need of the
// rung falls.
func (m *Model) lifeEvents(i int, res *resident, st *MonthStats) {
	p := &m.p
	uShock := drawAt(res.keys[keyShock], m.offset)
	res.removeBarriers(p.Shocks.BarrierRecovery)
	if uShock < p.Shocks.Rate {
		b := int(uShock / p.Shocks.Rate * 3)
		if b > 2 {
			b = 2
		}
		res.barrier[b] = min(1, res.barrier[b]+p.Shocks.Size)
		if r := res.rung; r >= 2 && res.capacity() < m.needs[r] {
			m.fall(i, res, st)
		}
	}
}
