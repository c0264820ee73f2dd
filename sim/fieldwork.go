package sim

// The economic field worker (ODD 7.16, lever).

// fieldWork lets economic field workers turn latent neighbourhood work into
// paid work for residents on rung 3 or 4 who are able and willing.
func (m *Model) fieldWork(st *MonthStats) {
	lv := &m.p.Levers
	if lv.FieldWorkers == 0 || lv.FieldWorkerJobs == 0 {
		return
	}
	need := m.p.Ladder.Need5 - lv.FieldWorkerRelief
	w := int32(m.hoods)
	for h := int32(0); h < w; h++ {
		m.fieldCredit[h] += float64(lv.FieldWorkers) * lv.FieldWorkerJobs
		members := (int32(m.arrived) - h + w - 1) / w
		for m.fieldCredit[h] >= 1 {
			found := false
			for j := int32(0); j < members; j++ {
				pos := (m.fieldCursor[h] + j) % members
				i := int(h + pos*w)
				res := &m.res[i]
				if res.status != OnBenefit || res.rung < 3 || res.ceiling < 5 || res.capacity() < need || m.willingness(res, 0) < 0.5 {
					continue
				}
				m.fieldCursor[h] = (pos + 1) % members
				m.toWork(i, res, st)
				m.fieldCredit[h]--
				found = true
				break
			}
			if !found {
				m.fieldCredit[h] = min(m.fieldCredit[h], 1)
				break
			}
		}
	}
}
