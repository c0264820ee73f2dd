package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// earlyMonths is how long the early-spell exit excess is tabulated; after
// 20 years exp(-d/12) is below 1e-8.
const earlyMonths = 240

// Options are settings of a run that do not change the model.
type Options struct {
	// RecordEvents keeps the per-resident event log.
	RecordEvents bool
}

// Model is one run of the simulation: one parameter set, one policy, one
// seed and replicate. Create it with New, advance it with Step or Run.
type Model struct {
	p         Params
	policy    Policy
	regime    Regime
	seed      uint64
	replicate uint64
	month     int
	needs     [6]float64 // capacity needed to stand on rung r (index r), rungs 2-5
	// early[d] is the factor on the base exit hazard after d months on the
	// benefit; beyond its length the factor is 1.
	early []float64

	// Residents, as a struct of arrays. Slots beyond Population.Residents
	// are filled by inflow, Population.InflowPerMonth a month.
	n            int // slots, arrived or not
	arrived      int // slots that have arrived
	status       []Status
	rung         []int8
	ceiling      []int8
	kind         []Kind
	startKind    []Kind
	trust        []float64
	resistance   []float64
	efficacy     []float64
	pressure     []float64
	barrier      [4][]float64 // debts and finances, health, care at home, language
	monthsOnRung []int32
	monthsOnBen  []int32
	startOnBen   []int32 // months on the benefit at arrival (0 for inflow)
	sinceContact []int32
	contactMonth []int32 // month of the last contact; equal to month means met this month
	sanctionLeft []int8
	everUp       []bool
	everContact  []bool
	firstContact []int32 // month of the first contact (the individual intake); -1 before
	switched     []bool
	nSanctions   []int16
	nExitWork    []int16
	nExitNoWork  []int16
	benefitPaid  []float64
	hoursGot     []float64
	neighbour    []int32
	block        []int32
	rng          [numPurposes][]rand.PCG // PCG streams: init, sanction, judge
	keys         [numPurposes][]uint64   // counter keys: shock, step, exit, work

	// Professionals; the caseload of professional k is
	// cases[caseStart[k]:caseStart[k+1]].
	profs     int
	caseStart []int32
	cases     []int32
	cursor    []int32

	// Neighbourhoods.
	hoods         int
	profsIn       []int // professionals per neighbourhood
	activityCap   []int32
	volunteerCap  []int32
	activityUsed  []int32
	volunteerUsed []int32
	fieldCredit   []float64
	fieldCursor   []int32

	// Blocks: mean trust of last month (read) and sums of this month (written).
	blockTrust []float64
	blockSum   []float64
	blockCount []int32

	movers int // residents who have stepped up at least once

	stats  []MonthStats
	events []Event
	record bool
}

// New prepares a run. It validates p and draws the initial population from
// the streams of (seed, replicate).
func New(p Params, policy Policy, seed, replicate uint64, opt Options) (*Model, error) {
	if err := Validate(&p); err != nil {
		return nil, fmt.Errorf("invalid parameters: %w", err)
	}
	if policy == nil {
		return nil, fmt.Errorf("no policy given")
	}
	m := &Model{p: p, policy: policy, regime: policy.Regime(&p), seed: seed, replicate: replicate, record: opt.RecordEvents}
	m.needs = [6]float64{0, 0, p.Ladder.Need2, p.Ladder.Need3, p.Ladder.Need4, p.Ladder.Need5}
	m.early = make([]float64, 0, earlyMonths)
	for d := 0; d < earlyMonths; d++ {
		m.early = append(m.early, 1+p.Exit.EarlyExcess*math.Exp(-float64(d)/12))
	}
	m.allocate()
	m.initResidents()
	m.initProfessionals()
	for i := 0; i < m.arrived; i++ {
		m.arrive(i)
	}
	m.stats = make([]MonthStats, 1, p.Months+1)
	m.observe(&m.stats[0])
	if m.record {
		m.events = make([]Event, 0, m.n*p.Months/20+64)
	}
	return m, nil
}

func (m *Model) allocate() {
	p := &m.p
	m.n = p.Population.Residents + p.Population.InflowPerMonth*p.Months
	m.arrived = p.Population.Residents
	n := m.n
	m.status = make([]Status, n)
	m.rung = make([]int8, n)
	m.ceiling = make([]int8, n)
	m.kind = make([]Kind, n)
	m.startKind = make([]Kind, n)
	m.trust = make([]float64, n)
	m.resistance = make([]float64, n)
	m.efficacy = make([]float64, n)
	m.pressure = make([]float64, n)
	for k := range m.barrier {
		m.barrier[k] = make([]float64, n)
	}
	m.monthsOnRung = make([]int32, n)
	m.monthsOnBen = make([]int32, n)
	m.startOnBen = make([]int32, n)
	m.sinceContact = make([]int32, n)
	m.contactMonth = make([]int32, n)
	m.sanctionLeft = make([]int8, n)
	m.everUp = make([]bool, n)
	m.everContact = make([]bool, n)
	m.firstContact = make([]int32, n)
	m.switched = make([]bool, n)
	m.nSanctions = make([]int16, n)
	m.nExitWork = make([]int16, n)
	m.nExitNoWork = make([]int16, n)
	m.benefitPaid = make([]float64, n)
	m.hoursGot = make([]float64, n)
	m.neighbour = make([]int32, n)
	m.block = make([]int32, n)
	for k := range m.rng {
		switch pu := purpose(k + 1); pu {
		case purposeInit, purposeSanction, purposeJudge:
			m.rng[k] = make([]rand.PCG, n)
			for i := range m.rng[k] {
				seedStream(&m.rng[k][i], m.seed, m.replicate, pu, uint64(i))
			}
		default:
			m.keys[k] = make([]uint64, n)
			for i := range m.keys[k] {
				m.keys[k][i], _ = streamSeed(m.seed, m.replicate, pu, uint64(i))
			}
		}
	}
	m.hoods = p.Population.Neighbourhoods
	w := m.hoods
	m.activityCap = make([]int32, w)
	m.volunteerCap = make([]int32, w)
	m.activityUsed = make([]int32, w)
	m.volunteerUsed = make([]int32, w)
	m.fieldCredit = make([]float64, w)
	m.fieldCursor = make([]int32, w)
	m.profsIn = make([]int, w)
	perHood := (n + w - 1) / w
	blocksPerHood := (perHood + p.Population.BlockSize - 1) / p.Population.BlockSize
	nb := w * blocksPerHood
	m.blockTrust = make([]float64, nb)
	m.blockSum = make([]float64, nb)
	m.blockCount = make([]int32, nb)
	for i := 0; i < n; i++ {
		h := i % w
		m.neighbour[i] = int32(h)
		m.block[i] = int32(h*blocksPerHood + (i/w)/p.Population.BlockSize)
	}
	for h := 0; h < w; h++ {
		m.activityCap[h] = int32(p.Places.Activity)
		m.volunteerCap[h] = int32(p.Places.Volunteer)
	}
}

// spreadAround returns mean + spread*(2u-1), clamped to [0, 1].
func spreadAround(mean, spread, u float64) float64 {
	return clamp01(mean + spread*(2*u-1))
}

func clamp01(x float64) float64 {
	if x < 0 {
		return 0
	}
	if x > 1 {
		return 1
	}
	return x
}

func (m *Model) initResidents() {
	p := &m.p
	pop := &p.Population
	for i := 0; i < m.n; i++ {
		s := &m.rng[purposeInit-1][i]
		k := SupportSeeker
		prof := &p.Initial.Seekers
		if uniform(s) < pop.ShareResistant {
			k = Resistant
			prof = &p.Initial.Resistant
		}
		m.kind[i], m.startKind[i] = k, k
		sp := p.Initial.Spread
		m.trust[i] = spreadAround(prof.Trust, sp, uniform(s))
		m.resistance[i] = spreadAround(prof.Resistance, sp, uniform(s))
		m.efficacy[i] = spreadAround(prof.Efficacy, sp, uniform(s))
		for b := 0; b < 3; b++ {
			m.barrier[b][i] = spreadAround(prof.Barriers, sp, uniform(s))
		}
		lang, level := uniform(s), uniform(s)
		if lang < pop.ShareLanguage {
			m.barrier[3][i] = 0.4 + 0.6*level
		}
		u := uniform(s)
		in := &p.Initial
		switch {
		case u < in.Rung1:
			m.rung[i] = 1
		case u < in.Rung1+in.Rung2:
			m.rung[i] = 2
		case u < in.Rung1+in.Rung2+in.Rung3:
			m.rung[i] = 3
		default:
			m.rung[i] = 4
		}
		u = uniform(s)
		switch {
		case u < pop.ShareCeiling3:
			m.ceiling[i] = 3
		case u < pop.ShareCeiling3+pop.ShareCeiling4:
			m.ceiling[i] = 4
		default:
			m.ceiling[i] = 6
		}
		if m.rung[i] > m.ceiling[i] {
			m.rung[i] = m.ceiling[i]
		}
		long, dur := uniform(s), uniform(s)
		if i < pop.Residents {
			if long < pop.ShareLongTerm {
				m.monthsOnBen[i] = int32(60 + dur*120)
			} else {
				m.monthsOnBen[i] = int32(12 + dur*48)
			}
			m.startOnBen[i] = m.monthsOnBen[i]
		}
		m.sinceContact[i] = int32(uniform(s) * float64(m.regime.ContactInterval))
		m.contactMonth[i] = -1
		m.firstContact[i] = -1
	}
}

func (m *Model) initProfessionals() {
	p := &m.p
	w := m.hoods
	// The team has ceil(residents / caseload) professionals, spread over
	// the neighbourhoods as evenly as possible, at least one each.
	total := (p.Population.Residents + p.Professionals.Caseload - 1) / p.Professionals.Caseload
	start := make([]int, w+1)
	for h := 0; h < w; h++ {
		k := total / w
		if h < total%w {
			k++
		}
		if k < 1 {
			k = 1
		}
		m.profsIn[h] = k
		start[h+1] = start[h] + k
	}
	m.profs = start[w]
	count := make([]int32, m.profs)
	owner := make([]int32, m.n)
	for i := 0; i < m.n; i++ {
		h := i % w
		k := start[h] + (i/w)%m.profsIn[h]
		owner[i] = int32(k)
		count[k]++
	}
	m.caseStart = make([]int32, m.profs+1)
	for k := 0; k < m.profs; k++ {
		m.caseStart[k+1] = m.caseStart[k] + count[k]
	}
	fill := make([]int32, m.profs)
	copy(fill, m.caseStart[:m.profs])
	m.cases = make([]int32, m.n)
	for i := 0; i < m.n; i++ {
		k := owner[i]
		m.cases[fill[k]] = int32(i)
		fill[k]++
	}
	m.cursor = make([]int32, m.profs)
}

// arrive puts slot i on the benefit, lowering its rung if its neighbourhood
// has no place for it.
func (m *Model) arrive(i int) {
	m.status[i] = OnBenefit
	h := m.neighbour[i]
	for {
		switch m.rung[i] {
		case 3:
			if m.activityUsed[h] < m.activityCap[h] {
				m.activityUsed[h]++
				return
			}
		case 4:
			if m.volunteerUsed[h] < m.volunteerCap[h] {
				m.volunteerUsed[h]++
				return
			}
		default:
			return
		}
		m.rung[i]--
	}
}

// capacity is a resident's load capacity: one minus the mean barrier.
func (m *Model) capacity(i int) float64 {
	return 1 - (m.barrier[0][i]+m.barrier[1][i]+m.barrier[2][i]+m.barrier[3][i])/4
}

// hasPlace reports whether resident i's neighbourhood has a free place on rung r.
func (m *Model) hasPlace(i int, r int8) bool {
	h := m.neighbour[i]
	switch r {
	case 3:
		return m.activityUsed[h] < m.activityCap[h]
	case 4:
		return m.volunteerUsed[h] < m.volunteerCap[h]
	}
	return true
}

// setRung moves resident i to rung r, freeing and taking places.
func (m *Model) setRung(i int, r int8) {
	m.releasePlace(i)
	h := m.neighbour[i]
	switch r {
	case 3:
		m.activityUsed[h]++
	case 4:
		m.volunteerUsed[h]++
	}
	m.rung[i] = r
	m.monthsOnRung[i] = 0
}

func (m *Model) releasePlace(i int) {
	if m.status[i] != OnBenefit {
		return
	}
	h := m.neighbour[i]
	switch m.rung[i] {
	case 3:
		m.activityUsed[h]--
	case 4:
		m.volunteerUsed[h]--
	}
}

func (m *Model) event(i int, t EventType) {
	if m.record {
		m.events = append(m.events, Event{Month: int32(m.month), Resident: int32(i), Kind: m.kind[i], Type: t, Rung: m.rung[i]})
	}
}

// Month returns the number of months simulated so far.
func (m *Model) Month() int { return m.month }

// Done reports whether the run has reached its horizon.
func (m *Model) Done() bool { return m.month >= m.p.Months }

// Run simulates the remaining months.
func (m *Model) Run() {
	for !m.Done() {
		m.Step()
	}
}

// Policy returns the policy of the run.
func (m *Model) Policy() Policy { return m.policy }

// Params returns a copy of the run's parameters.
func (m *Model) Params() Params { return m.p }

// Stats returns the statistics of month 0 (the initial state) up to the
// current month. The slice is owned by the model.
func (m *Model) Stats() []MonthStats { return m.stats }

// Events returns the event log so far; empty unless Options.RecordEvents.
// The slice is owned by the model.
func (m *Model) Events() []Event { return m.events }

// Step simulates one month. It allocates nothing, except for growing the
// event log when events are recorded.
func (m *Model) Step() {
	if m.Done() {
		return
	}
	m.month++
	t := m.month
	m.stats = m.stats[:t+1]
	st := &m.stats[t]
	*st = MonthStats{Month: t}

	m.arrivals()
	m.growPlaces()
	m.allocateContacts(st)
	m.fieldWork(st)
	for i := 0; i < m.arrived; i++ {
		switch m.status[i] {
		case OnBenefit:
			m.stepResident(i, st)
		case InWork, LeftNoWork:
			m.stepOffBenefit(i, st)
		}
	}
	m.observe(st)
}

func (m *Model) arrivals() {
	inflow := m.p.Population.InflowPerMonth
	for k := 0; k < inflow && m.arrived < m.n; k++ {
		m.arrive(m.arrived)
		m.arrived++
	}
}

// growPlaces adds the places that collective work (opbouwwerk) has built up.
func (m *Model) growPlaces() {
	lv := &m.p.Levers
	if lv.CollectiveShare == 0 {
		return
	}
	ramp := math.Min(1, float64(m.month)/float64(lv.CollectiveRampMonths))
	for h := 0; h < m.hoods; h++ {
		extra := int32(lv.PlacesPerFTE * lv.CollectiveShare * float64(m.profsIn[h]) * ramp)
		vol := extra / 2
		m.activityCap[h] = int32(m.p.Places.Activity) + extra - vol
		m.volunteerCap[h] = int32(m.p.Places.Volunteer) + vol
	}
}

// allocateContacts lets each professional meet the residents who are due, in
// round-robin order, until their hours for individual contact run out.
func (m *Model) allocateContacts(st *MonthStats) {
	p := &m.p
	lv := &p.Levers
	budget := p.Professionals.HoursPerMonth * (1 - lv.CollectiveShare)
	if lv.GroupTraining {
		budget -= lv.GroupTrainingHours
	}
	hpc := m.regime.HoursPerContact
	interval := int32(m.regime.ContactInterval)
	t := int32(m.month)
	for k := 0; k < m.profs; k++ {
		lo, hi := m.caseStart[k], m.caseStart[k+1]
		size := hi - lo
		left := budget
		next := m.cursor[k]
		for j := int32(0); j < size && left >= hpc; j++ {
			pos := (m.cursor[k] + j) % size
			i := m.cases[lo+pos]
			if m.status[i] != OnBenefit || m.sinceContact[i]+1 < interval {
				continue
			}
			m.contactMonth[i] = t
			left -= hpc
			next = (pos + 1) % size
		}
		m.cursor[k] = next
		st.HoursUsed += budget - left
	}
	st.HoursTotal = p.Professionals.HoursPerMonth * float64(m.profs)
	st.HoursCollective = p.Professionals.HoursPerMonth * lv.CollectiveShare * float64(m.profs)
	if lv.GroupTraining {
		st.HoursCollective += lv.GroupTrainingHours * float64(m.profs)
	}
}

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
		for m.fieldCredit[h] >= 1 && members > 0 {
			found := false
			for j := int32(0); j < members; j++ {
				pos := (m.fieldCursor[h] + j) % members
				i := int(h + pos*w)
				if m.status[i] != OnBenefit || m.rung[i] < 3 || m.ceiling[i] < 5 || m.capacity(i) < need || m.willingness(i, 0) < 0.5 {
					continue
				}
				m.fieldCursor[h] = (pos + 1) % members
				m.toWork(i, st)
				m.fieldCredit[h]--
				found = true
				break
			}
			if !found {
				m.fieldCredit[h] = math.Min(m.fieldCredit[h], 1)
				break
			}
		}
	}
}

// willingness is how ready resident i is to take a step: 0.5 when trust and
// resistance balance, plus what moral appeal or a running sanction adds.
func (m *Model) willingness(i int, extra float64) float64 {
	return clamp01(0.5 + (m.trust[i]-m.resistance[i]+extra)/(2*m.p.Ladder.WillingWidth))
}

// toWork moves resident i to rung 5: the case closes, the resident moves on
// to the work company or a job.
func (m *Model) toWork(i int, st *MonthStats) {
	m.setRung(i, 5)
	m.status[i] = InWork
	m.efficacy[i] += m.p.Efficacy.GainSuccess * (1 - m.efficacy[i])
	m.markUp(i)
	m.nExitWork[i]++
	st.MovesUp++
	st.ExitsToWork++
	m.event(i, ExitToWork)
}

func (m *Model) stepResident(i int, st *MonthStats) {
	p := &m.p
	rg := &m.regime
	t := m.month
	uShock := monthlyDraw(m.keys[purposeShock-1][i], t)
	uStep := monthlyDraw(m.keys[purposeStep-1][i], t)
	uExit := monthlyDraw(m.keys[purposeExit-1][i], t)

	// Barriers fade by themselves; a life event raises one (mechanism 9).
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

	met := m.contactMonth[i] == int32(m.month)
	sanctioned := false
	attention := 0.0
	if met {
		if !m.everContact[i] {
			m.everContact[i] = true
			m.firstContact[i] = int32(m.month)
		}
		m.sinceContact[i] = 0
		m.hoursGot[i] += rg.HoursPerContact
		st.Reached++
		attention = rg.Attention
		work := math.Min(1, rg.BarrierWork*p.Professionals.BarrierSkill)
		for b := range m.barrier {
			m.barrier[b][i] -= work * m.barrier[b][i]
		}
		m.trust[i] += p.Trust.GainPerContact * attention * (1 - m.trust[i])
		m.trust[i] -= p.Trust.LossIntrusion * rg.Control * m.trust[i]
		m.resistance[i] -= p.Resistance.FallHeard * attention * m.resistance[i]
		m.pressure[i] += (p.Pressure.PerContact + p.Pressure.PerControl*rg.Control) * (1 - m.pressure[i])
		if d := rg.DemandRung; d > 0 && int(m.rung[i]) < d {
			need := m.needs[d]
			c := m.capacity(i)
			if need > c {
				m.efficacy[i] -= p.Efficacy.LossHumiliation * (need - c) * m.efficacy[i]
			}
			if rg.SanctionProbability > 0 && m.sanctionLeft[i] == 0 {
				sanctioned = m.considerSanction(i, c, need, st)
			}
		}
	} else {
		m.sinceContact[i]++
	}

	// Group training after an individual intake: peer support ("maatjes")
	// for residents without resistance (mechanism 4).
	if p.Levers.GroupTraining && m.everContact[i] && m.kind[i] == SupportSeeker &&
		int32(m.month)-m.firstContact[i] < int32(p.Levers.GroupTrainingMonths) {
		m.efficacy[i] += p.Efficacy.PeerSupport * (1 - m.efficacy[i])
	}

	// Resistance (mechanism 2) and word of mouth (mechanism 1).
	c := m.capacity(i)
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

	// Leaving the benefit without work (mechanisms 5 and 6).
	early := 1.0
	if d := int(m.monthsOnBen[i]); d < len(m.early) {
		early = m.early[d]
	}
	hazard := p.Exit.BaseRate*early + p.Exit.PressureResistance*m.pressure[i]*m.resistance[i]
	if sanctioned {
		hazard += p.Exit.AfterSanction * m.resistance[i]
	}
	if uExit < hazard {
		m.releasePlace(i)
		m.status[i] = LeftNoWork
		m.nExitNoWork[i]++
		st.ExitsWithoutWork++
		m.event(i, ExitWithoutWork)
		m.pressure[i] *= 1 - p.Pressure.Decay
		return
	}

	// Finding a regular job straight from the benefit: likelier early in a
	// spell and with more load capacity, and more so while a sanction runs.
	if jf := p.Work.JobFinding; jf > 0 && m.ceiling[i] > 4 {
		h := jf * early * c
		if m.sanctionLeft[i] > 0 {
			h *= 1 + p.Sanction.JobPush
		}
		if monthlyDraw(m.keys[purposeWork-1][i], m.month) < h {
			m.toRegularWork(i, st)
			return
		}
	}

	// Moving up (mechanisms 3, 7 and 8) or dropping out.
	r := m.rung[i]
	moved := false
	if r < m.ceiling[i] && r < 5 {
		target := r + 1
		extra := 0.0
		if met {
			extra += rg.Appeal
		}
		if m.sanctionLeft[i] > 0 {
			extra += p.Sanction.Push
		}
		// Readiness is 0 below the rung's need and rises to 1 over the
		// margin above it: a step needs capacity, and more spare capacity
		// makes it likelier.
		ready := clamp01((c - m.needs[target]) / p.Ladder.ReadyMargin)
		prob := 0.0
		if ready > 0 {
			prob = ready * m.efficacy[i] * m.willingness(i, extra) * (p.Ladder.SelfRate + p.Ladder.SupportRate*attention)
		}
		if target == 5 {
			prob *= p.Work.JobDemand / (1 + p.Work.LockIn*float64(m.monthsOnRung[i])/12)
		}
		if uStep < prob && m.hasPlace(i, target) {
			moved = true
			if target == 5 {
				m.toWork(i, st)
			} else {
				m.setRung(i, target)
				m.efficacy[i] += p.Efficacy.GainSuccess * (1 - m.efficacy[i])
				m.markUp(i)
				st.MovesUp++
				m.event(i, StepUp)
			}
		}
	}
	if !moved && (r == 3 || r == 4) && uStep >= 1-p.Ladder.DropRate*(1-m.efficacy[i]) {
		m.fall(i, st)
	}
	m.pressure[i] *= 1 - p.Pressure.Decay
	if m.status[i] == OnBenefit {
		m.monthsOnBen[i]++
		m.monthsOnRung[i]++
	}
}

// toRegularWork moves resident i straight from the benefit to a regular
// job (rung 6). It is an exit to work, not a step on the ladder the team
// works on, so it counts in neither the moves up nor the residents who
// moved up.
func (m *Model) toRegularWork(i int, st *MonthStats) {
	m.releasePlace(i)
	m.rung[i] = 6
	m.monthsOnRung[i] = 0
	m.status[i] = InWork
	m.efficacy[i] += m.p.Efficacy.GainSuccess * (1 - m.efficacy[i])
	m.nExitWork[i]++
	st.ExitsToWork++
	m.event(i, ExitToWork)
	m.pressure[i] *= 1 - m.p.Pressure.Decay
}

// markUp notes that resident i has stepped up at least once.
func (m *Model) markUp(i int) {
	if !m.everUp[i] {
		m.everUp[i] = true
		m.movers++
	}
}

// fall moves resident i one rung down and costs self-efficacy (mechanism 4).
func (m *Model) fall(i int, st *MonthStats) {
	to := m.rung[i] - 1
	// Falling from volunteer work to activities needs a free activity
	// place; without one the resident falls to social contacts.
	if to == 3 && !m.hasPlace(i, 3) {
		to = 2
	}
	m.setRung(i, to)
	m.efficacy[i] -= m.p.Efficacy.LossFailure * m.efficacy[i]
	st.MovesDown++
	m.event(i, StepDown)
}

// considerSanction asks the policy whether to sanction resident i, who was
// met below the demanded rung, and applies the sanction (mechanism 6).
func (m *Model) considerSanction(i int, capacity, need float64, st *MonthStats) bool {
	p := &m.p
	judge := &m.rng[purposeJudge-1][i]
	u1, u2 := uniform(judge), uniform(judge)
	z := math.Sqrt(-2*math.Log(1-u1)) * math.Cos(2*math.Pi*u2)
	sd := p.Professionals.JudgementNoise / math.Sqrt(m.regime.HoursPerContact)
	c := SanctionCase{
		Capacity:    capacity,
		Judged:      capacity + sd*z,
		Needed:      need,
		Probability: m.regime.SanctionProbability,
		U:           uniform(&m.rng[purposeSanction-1][i]),
	}
	if !m.policy.Sanction(c) {
		return false
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
	m.trust[i] -= math.Min(1, loss) * m.trust[i]
	m.resistance[i] += math.Min(1, p.Resistance.GainSanction*mult) * (1 - m.resistance[i])
	m.efficacy[i] -= p.Efficacy.LossSanction * m.efficacy[i]
	m.pressure[i] += p.Pressure.PerSanction * (1 - m.pressure[i])
	m.sanctionLeft[i] = int8(p.Sanction.Months)
	m.nSanctions[i]++
	st.Sanctions++
	if p.Levers.RoleSeparation {
		st.NalevingHours += p.Sanction.NalevingHours
	}
	m.event(i, Sanctioned)
	return true
}

// stepOffBenefit handles a resident in work or gone: moving on to regular
// work, and re-entry.
func (m *Model) stepOffBenefit(i int, st *MonthStats) {
	p := &m.p
	u := monthlyDraw(m.keys[purposeWork-1][i], m.month)
	if m.status[i] == LeftNoWork {
		if u < p.Work.ReentryNoWork {
			m.reenter(i)
			st.ReentriesNoWork++
		}
		return
	}
	switch {
	case u < p.Work.Reentry:
		m.reenter(i)
		st.ReentriesAfterWork++
	case m.rung[i] == 5 && u < p.Work.Reentry+p.Work.ToRegular:
		m.rung[i] = 6
		m.monthsOnRung[i] = 0
		st.MovesUp++
		m.event(i, StepUp)
	}
}

// reenter puts resident i back on the benefit at rung 2 at most.
func (m *Model) reenter(i int) {
	if m.rung[i] > 2 {
		m.rung[i] = 2
	}
	m.status[i] = OnBenefit
	m.monthsOnRung[i] = 0
	m.monthsOnBen[i] = 0
	m.sanctionLeft[i] = 0
	m.event(i, Reentry)
}

// observe fills the state part of st and the costs, counts down running
// sanctions after their cut is paid, and refreshes the mean trust of each
// block for next month's word of mouth.
func (m *Model) observe(st *MonthStats) {
	p := &m.p
	var tr, rs, ef, pr, cp moments
	for b := range m.blockSum {
		m.blockSum[b], m.blockCount[b] = 0, 0
	}
	benefit := p.Costs.BenefitPerMonth
	for i := 0; i < m.arrived; i++ {
		switch m.status[i] {
		case OnBenefit:
			st.OnBenefit++
			st.Rung[m.rung[i]-1]++
			tr.add(m.trust[i])
			rs.add(m.resistance[i])
			ef.add(m.efficacy[i])
			pr.add(m.pressure[i])
			cp.add(m.capacity(i))
			paid := benefit
			if m.sanctionLeft[i] > 0 {
				paid *= 1 - p.Sanction.BenefitCut
				if m.month > 0 {
					m.sanctionLeft[i]--
				}
			}
			if m.month > 0 {
				m.benefitPaid[i] += paid
				st.CostBenefits += paid
			}
			if m.resistance[i] > p.Population.KindToResistant && m.kind[i] == SupportSeeker {
				m.kind[i] = Resistant
			} else if m.resistance[i] < p.Population.KindToSeeker && m.kind[i] == Resistant {
				m.kind[i] = SupportSeeker
			}
			if m.kind[i] != m.startKind[i] {
				m.switched[i] = true
			}
			if m.kind[i] == Resistant {
				st.Resistant++
			}
		case InWork:
			st.InWork++
			st.Rung[m.rung[i]-1]++
			if m.rung[i] == 5 && m.month > 0 {
				paid := benefit * p.Costs.SupportedWorkShare
				m.benefitPaid[i] += paid
				st.CostBenefits += paid
			}
		case LeftNoWork:
			st.LeftNoWork++
		}
		if m.status[i] == OnBenefit || m.status[i] == InWork {
			b := m.block[i]
			m.blockSum[b] += m.trust[i]
			m.blockCount[b]++
		}
	}
	for b := range m.blockTrust {
		m.blockTrust[b] = -1 // no one to hear from
		if m.blockCount[b] > 0 {
			m.blockTrust[b] = m.blockSum[b] / float64(m.blockCount[b])
		}
	}
	st.Trust, st.Resistance, st.Efficacy, st.Pressure, st.Capacity = tr.result(), rs.result(), ef.result(), pr.result(), cp.result()
	var places int32
	for h := 0; h < m.hoods; h++ {
		st.ActivityUsed += int(m.activityUsed[h])
		st.ActivityFree += int(m.activityCap[h] - m.activityUsed[h])
		st.VolunteerUsed += int(m.volunteerUsed[h])
		st.VolunteerFree += int(m.volunteerCap[h] - m.volunteerUsed[h])
		places += m.activityCap[h] + m.volunteerCap[h]
	}
	st.CumMovedUp = m.movers
	prev := MonthStats{NetCostPerMover: math.NaN()}
	if m.month > 0 {
		prev = m.stats[m.month-1]
		st.CostProfessionals = (st.HoursUsed + st.HoursCollective + st.NalevingHours) * p.Costs.HourCost
		st.CostPlaces = float64(places) * p.Costs.PlacePerMonth
		st.CostFieldWorkers = float64(p.Levers.FieldWorkers*m.hoods) * p.Costs.FieldWorkerPerMonth
		st.BenefitSavings = float64(m.arrived)*benefit - st.CostBenefits
	}
	st.CumExitsToWork = prev.CumExitsToWork + st.ExitsToWork
	st.CumExitsNoWork = prev.CumExitsNoWork + st.ExitsWithoutWork
	st.CumSanctions = prev.CumSanctions + st.Sanctions
	st.CumActivationCost = prev.CumActivationCost + st.CostProfessionals + st.CostPlaces + st.CostFieldWorkers
	st.CumNetCost = prev.CumNetCost + st.CostProfessionals + st.CostPlaces + st.CostFieldWorkers - st.BenefitSavings
	st.NetCostPerMover, st.ActivationCostPerMover = math.NaN(), math.NaN()
	if st.CumMovedUp > 0 {
		st.NetCostPerMover = st.CumNetCost / float64(st.CumMovedUp)
		st.ActivationCostPerMover = st.CumActivationCost / float64(st.CumMovedUp)
	}
}

// KindSummaries returns the outcome so far for the residents who started as
// each kind (indexed by Kind), counting every resident who has arrived.
func (m *Model) KindSummaries() [NumKinds]KindSummary {
	var out [NumKinds]KindSummary
	var tr, rs, ef, pr [NumKinds]moments
	var up3 [NumKinds]int
	for i := 0; i < m.arrived; i++ {
		k := m.startKind[i]
		s := &out[k]
		s.Residents++
		switch m.status[i] {
		case OnBenefit:
			s.OnBenefit++
			tr[k].add(m.trust[i])
			rs[k].add(m.resistance[i])
			ef[k].add(m.efficacy[i])
			pr[k].add(m.pressure[i])
		case InWork:
			s.InWork++
		case LeftNoWork:
			s.LeftNoWork++
		}
		if m.status[i] != LeftNoWork && m.rung[i] >= 3 {
			up3[k]++
		}
		if m.everUp[i] {
			s.ShareMovedUp++
		}
		if m.switched[i] {
			s.ShareSwitched++
		}
		s.ExitsToWork += float64(m.nExitWork[i])
		s.ExitsNoWork += float64(m.nExitNoWork[i])
		s.Sanctions += float64(m.nSanctions[i])
		s.BenefitPaid += m.benefitPaid[i]
		s.HoursReceived += m.hoursGot[i]
	}
	for k := range out {
		s := &out[k]
		s.Kind = Kind(k).String()
		n := float64(s.Residents)
		onLadder := s.OnBenefit + s.InWork
		s.ShareRung3Plus = math.NaN()
		if onLadder > 0 {
			s.ShareRung3Plus = float64(up3[k]) / float64(onLadder)
		}
		if n == 0 {
			n = math.NaN()
		}
		s.ShareMovedUp /= n
		s.ShareSwitched /= n
		s.ExitsToWork /= n
		s.ExitsNoWork /= n
		s.Sanctions /= n
		s.BenefitPaid /= n
		s.HoursReceived /= n
		s.Trust = tr[k].result().Mean
		s.Resistance = rs[k].result().Mean
		s.Efficacy = ef[k].result().Mean
		s.Pressure = pr[k].result().Mean
	}
	return out
}

// Residents returns the number of resident slots: the residents at month 0
// followed by every inflow slot up to the horizon, arrived or not.
func (m *Model) Residents() int { return m.n }

// ArrivalMonth returns the month resident i arrived on the benefit: 0 for
// the residents at the start, and for inflow the month of arrival (slots
// arrive in order, Population.InflowPerMonth a month from month 1).
func (m *Model) ArrivalMonth(i int) int {
	r := m.p.Population.Residents
	if i < r {
		return 0
	}
	return 1 + (i-r)/m.p.Population.InflowPerMonth
}

// StartMonthsOnBenefit returns how long resident i had been on the benefit
// when the run started (0 for inflow residents).
func (m *Model) StartMonthsOnBenefit(i int) int { return int(m.startOnBen[i]) }

// StartKind returns the kind resident i started as.
func (m *Model) StartKind(i int) Kind { return m.startKind[i] }
