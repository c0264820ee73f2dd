package sim

// The levers of collective work: group training after an individual intake
// (ODD 7.7) and places created by opbouwwerk (7.15).

// growPlaces adds the places that collective work (opbouwwerk) has built up.
func (m *Model) growPlaces() {
	lv := &m.p.Levers
	if lv.CollectiveShare == 0 {
		return
	}
	ramp := min(1, float64(m.month)/float64(lv.CollectiveRampMonths))
	// Places follow the hours: the neighbourhood's hours of collective work
	// in full-time equivalents, times the places a full-time professional
	// sustains.
	hours := min(1, lv.CollectiveShare) * m.p.Professionals.HoursPerMonth
	fte := hours / m.p.Professionals.FTEHours
	for h := 0; h < m.hoods; h++ {
		extra := int32(lv.PlacesPerFTE * fte * float64(m.profsIn[h]) * ramp)
		vol := extra / 2
		m.activityCap[h] = int32(m.p.Places.Activity) + extra - vol
		m.volunteerCap[h] = int32(m.p.Places.Volunteer) + vol
	}
}

// groupTraining gives a support-seeker peer support ("maatjes") in the
// months of group training that follow the individual intake (mechanism 4).
func (m *Model) groupTraining(res *resident) {
	p := &m.p
	if p.Levers.GroupTraining && res.everContact && res.kind == SupportSeeker &&
		m.month-int(res.firstContact) < p.Levers.GroupTrainingMonths {
		res.efficacy += p.Efficacy.PeerSupport * (1 - res.efficacy)
	}
}
