package sim

// The run: its state, its set-up and the monthly schedule (ODD sections 2,
// 3 and 5). Each submodel of ODD section 7 has a file of its own:
//
//	population.go        5, 7.13  initial state, professionals' caseloads, arrival
//	barriers.go          7.2, 7.3 load capacity, barriers and life events
//	contacts.go          7.4, 7.5 professional time, who is met, effects of a contact
//	sanctions.go         7.6      sanctions and judgement
//	collective.go        7.7, 7.15 group training and places from collective work
//	trust_resistance.go  7.8, 7.9, 7.14 resistance, word of mouth, kind switching
//	exits.go             7.10, 7.10a leaving the benefit, finding a job
//	afterexit.go         7.13     work, job loss and re-entry after the exit
//	ladder.go            7.11, 7.12 stepping up, places, lock-in, falls
//	fieldwork.go         7.16     the economic field worker
//	costs.go             7.19, 7.20 benefits paid, cost accounts, observation

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
	// Reuse, if set, is a model whose run is over: New takes the memory of
	// its residents, their contact states and the caseloads for the new
	// model, cleared, where it is large enough and not much larger, so
	// that a worker running model after model allocates them once. Reuse
	// must not be used afterwards: its residents are gone, and an accessor
	// of a resident (Phase, FirstContact, StartKind, ...) or a step before
	// its last month panics rather than read the new model's residents.
	// What its accessors returned before (Stats, Events, KindSummaries,
	// AfterExit) is not reused and stays valid. Results are the same with
	// or without it.
	Reuse *Model
}

// Model is one run of the simulation: one parameter set, one policy, one
// seed and replicate. Create it with New, advance it with Step or Run.
type Model struct {
	p         Params
	policy    Policy
	seed      uint64
	replicate uint64
	month     int
	offset    uint64     // drawOffset(month): what the month's draws add to their keys
	withheld  float64    // benefit withheld this month by running sanctions (7.19), euro
	needs     [8]float64 // capacity needed to stand on rung r (index r), rungs 2-5; 0 elsewhere
	// Factors of the step that depend on the parameters alone, computed
	// once: 2 × ladder.willingness_width and 1 - pressure.decay.
	willingSpan  float64
	pressureKeep float64
	// early[d] is the factor on the base exit hazard after d months on the
	// benefit; beyond its length the factor is 1. jobLossEarly[d] and
	// reentryEarly[d] are the factors on the job-loss and re-entry hazards
	// d months after the exit (or the job loss).
	early        []float64
	jobLossEarly []float64
	reentryEarly []float64

	// Residents, one record per slot. Slots beyond Population.Residents
	// are filled by inflow, Population.InflowPerMonth a month.
	n       int // slots, arrived or not
	arrived int // slots that have arrived
	res     []resident
	contact []contactState // indexed by slot, as res
	// The judgement and sanction streams (PCG) of each resident, allocated
	// and seeded when a policy first considers a sanction (sanctionStreams):
	// policies that never sanction need neither.
	judgeRNG    []rand.PCG
	sanctionRNG []rand.PCG
	rngSeeded   []bool

	// Professionals; the caseload of professional k is
	// cases[caseStart[k]:caseStart[k+1]].
	profs     int
	caseStart []int32
	cases     []int32
	cursor    []int32
	onBenefit []int32   // cases of each professional on the benefit (setStatus keeps it)
	owed      []float64 // sanction hours each professional owes next month

	// Neighbourhoods.
	hoods         int
	profsIn       []int // professionals per neighbourhood
	activityCap   []int32
	volunteerCap  []int32
	activityUsed  []int32
	volunteerUsed []int32
	fieldCredit   []float64
	fieldCursor   []int32

	// Blocks: mean trust of last month (read), sums of this month
	// (written), and the residents heard in each: those on the benefit or
	// in work (setStatus keeps the count).
	blockTrust []float64
	blockSum   []float64
	blockCount []int32

	statusCount [numStatuses]int // slots in each status (setStatus keeps the count)

	movers int // residents who have stepped up at least once

	// The policy's phases (ODD 7.17): the regime, sanction rule and entry
	// condition of each (each resident's phase is resident.phase).
	phases   int
	regimes  [MaxPhases]Regime
	rules    [MaxPhases]SanctionRule
	threats  [MaxPhases]float64 // the threat of each phase's sanctions in the willingness to comply (7.5a)
	reacts   [MaxPhases]float64 // the reactance to that threat: the rise of resistance when held to the obligations (7.5a)
	entries  [MaxPhases]Entry
	minHours float64 // the fewest hours per contact of any phase

	// Kind switching (switchKind): a resident of kind k switches when
	// switchSign[k] × resistance > switchLimit[k].
	switchSign, switchLimit [NumKinds]float64

	after AfterExit

	stats  []MonthStats
	events []Event
	record bool
}

// New prepares a run of policy on parameters p. The policy's lever
// settings replace those of p, and the regimes p sets for the policy
// (Params.Policies) replace the policy's own. New validates both and draws
// the initial population from the streams of (seed, replicate).
func New(p Params, policy Policy, seed, replicate uint64, opt Options) (*Model, error) {
	for _, s := range policy.Levers {
		spec, ok := Lookup(s.Key)
		if !ok || len(s.Key) < 7 || s.Key[:7] != "levers." {
			return nil, fmt.Errorf("policy %s: levers: key %q: not a lever; allowed: a levers.* key", policy.Name, s.Key)
		}
		if err := spec.Set(&p, s.Value); err != nil {
			return nil, fmt.Errorf("policy %s: levers: %w", policy.Name, err)
		}
	}
	if err := Validate(&p); err != nil {
		return nil, fmt.Errorf("invalid parameters: %w", err)
	}
	resolved := policy
	resolved.Phases = append([]Phase(nil), policy.Phases...)
	if len(resolved.Phases) > 0 && len(resolved.Phases) <= MaxPhases {
		for k, r := range p.Policies.resolve(&policy) {
			resolved.Phases[k].Regime = r
		}
	}
	if err := resolved.Check(); err != nil {
		return nil, fmt.Errorf("policy %s: %w", policy.Name, err)
	}
	m := &Model{p: p, policy: resolved, seed: seed, replicate: replicate, record: opt.RecordEvents, offset: drawOffset(0)}
	m.phases = len(resolved.Phases)
	m.minHours = math.Inf(1)
	for k, ph := range resolved.Phases {
		m.regimes[k], m.rules[k], m.entries[k] = ph.Regime, ph.Sanction, ph.When
		w := decisionWeight(ph.Regime.SanctionProbability, p.Sanction.ThreatCurvature)
		m.threats[k] = p.Sanction.Push * w
		m.reacts[k] = p.Resistance.GainThreat * w
		m.minHours = min(m.minHours, ph.Regime.HoursPerContact)
	}
	m.willingSpan, m.pressureKeep = 2*p.Ladder.WillingWidth, 1-p.Pressure.Decay
	m.needs = [8]float64{0, 0, p.Ladder.Need2, p.Ladder.Need3, p.Ladder.Need4, p.Ladder.Need5}
	m.switchSign = [NumKinds]float64{SupportSeeker: 1, Resistant: -1}
	m.switchLimit = [NumKinds]float64{SupportSeeker: p.Population.KindToResistant, Resistant: -p.Population.KindToSeeker}
	m.early = make([]float64, 0, earlyMonths)
	m.jobLossEarly = make([]float64, 0, earlyMonths)
	m.reentryEarly = make([]float64, 0, earlyMonths)
	for d := 0; d < earlyMonths; d++ {
		m.early = append(m.early, 1+p.Exit.EarlyExcess*math.Exp(-float64(d)/12))
		m.jobLossEarly = append(m.jobLossEarly, 1+p.Work.JobLossEarlyExcess*math.Exp(-float64(d)/afterExitMonths))
		m.reentryEarly = append(m.reentryEarly, 1+p.Reentry.EarlyExcess*math.Exp(-float64(d)/afterExitMonths))
	}
	m.after = newAfterExit(p.Months)
	m.allocate(opt.Reuse)
	m.initResidents()
	m.initProfessionals()
	for i := 0; i < m.arrived; i++ {
		m.arrive(i, &m.res[i])
	}
	m.stats = make([]MonthStats, 1, p.Months+1)
	m.endOfMonth(&m.stats[0])
	m.observe(&m.stats[0])
	if m.record {
		m.events = make([]Event, 0, m.n*p.Months/20+64)
	}
	return m, nil
}

func (m *Model) allocate(reuse *Model) {
	p := &m.p
	m.n = p.Population.Residents + p.Population.InflowPerMonth*p.Months
	m.arrived = p.Population.Residents
	n := m.n
	if reuse != nil {
		// The old model loses them: a step or a resident's accessor on
		// it panics rather than reads the new model's residents.
		m.res, m.contact, m.cases = reuse.res, reuse.contact, reuse.cases
		reuse.res, reuse.contact, reuse.cases = nil, nil, nil
	}
	m.res = cleared(m.res, n)
	m.contact = cleared(m.contact, n)
	m.statusCount[NotArrived] = n
	var prefix [numKeys]uint64
	for k, pu := range keyPurposes {
		prefix[k] = streamPrefix(m.seed, m.replicate, pu)
	}
	for i := range m.res {
		r := &m.res[i]
		r.exitMonth, r.workExit = -1, -1
		for k := range r.keys {
			r.keys[k], _ = slotSeed(prefix[k], uint64(i))
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
		m.res[i].neighbour = int32(h)
		m.res[i].block = int32(h*blocksPerHood + (i/w)/p.Population.BlockSize)
	}
	for h := 0; h < w; h++ {
		m.activityCap[h] = int32(p.Places.Activity)
		m.volunteerCap[h] = int32(p.Places.Volunteer)
	}
}

// cleared returns s resliced to n zero values when it can hold them and
// is at most an eighth larger (so that a run never keeps much more memory
// than it needs and its budget counts), and a new slice of n zero values
// otherwise.
func cleared[T any](s []T, n int) []T {
	if cap(s) < n || cap(s)-n > n/8 {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
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

// decisionWeight is the weight a resident gives an outcome of probability
// q: Tversky and Kahneman's (1992) w(q) = q^c / (q^c + (1-q)^c)^(1/c),
// which weighs small probabilities more than they are and large ones less
// for c < 1, is 0 at 0 and 1 at 1, rises with q for c above about 0.28,
// and is q itself at c = 1.
func decisionWeight(q, c float64) float64 {
	if q <= 0 || q >= 1 || c == 1 {
		return min(max(q, 0), 1)
	}
	a := math.Pow(q, c)
	return a / math.Pow(a+math.Pow(1-q, c), 1/c)
}

// clampMixed01 returns clamp01(x), bit for bit, for every x (NaN and -0
// included). It is for values that are above 1 about as often as not
// (readiness, willingness): min takes the upper bound without a branch
// for the processor to mispredict.
func clampMixed01(x float64) float64 {
	if x < 0 {
		return 0
	}
	return min(x, 1)
}

// bit is 1 if b holds and 0 if not. It compiles to a flag set by the
// comparison, without a branch.
func bit(b bool) int {
	n := 0
	if b {
		n = 1
	}
	return n
}

// indicator is bit as a float64. (A float64 chosen by an if compiles to a
// jump; converted from bit it does not.)
func indicator(b bool) float64 {
	return float64(bit(b))
}

func (m *Model) event(i int, t EventType) {
	if m.record {
		res := &m.res[i]
		m.events = append(m.events, Event{Month: int32(m.month), Resident: int32(i), Kind: res.kind, Type: t, Rung: res.rung})
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

// Policy returns the policy of the run, with the regimes that the
// parameters set for it in place of its own.
func (m *Model) Policy() Policy { return m.policy }

// Phase returns the index in Policy().Phases of the phase resident i is in.
func (m *Model) Phase(i int) int { return int(m.res[i].phase) }

// FirstContact returns the month of resident i's first contact (the
// intake), or -1 before it.
func (m *Model) FirstContact(i int) int { return int(m.res[i].firstContact) }

// Params returns a copy of the run's parameters.
func (m *Model) Params() Params { return m.p }

// Stats returns the statistics of month 0 (the initial state) up to the
// current month. The slice is owned by the model.
func (m *Model) Stats() []MonthStats { return m.stats }

// Events returns the event log so far; empty unless Options.RecordEvents.
// The slice is owned by the model.
func (m *Model) Events() []Event { return m.events }

// Step simulates one month. It allocates nothing, except for growing the
// event log when events are recorded. The order is that of ODD section 3.
func (m *Model) Step() {
	if m.Done() {
		return
	}
	m.month++
	m.offset = drawOffset(m.month)
	t := m.month
	m.stats = m.stats[:t+1]
	st := &m.stats[t]
	*st = MonthStats{Month: t}
	m.withheld = 0

	m.arrivals()
	m.growPlaces()
	if m.phases > 1 {
		m.enterPhases()
	}
	m.allocateContacts(st)
	m.fieldWork(st)
	// One pass over the residents: each one's month, its close and its
	// observation. A resident's month changes no one else's state, so this
	// is the same as stepping everyone, then closing the month
	// (endOfMonth), then observing it (observe), in one pass instead of
	// three.
	var obs observation
	m.startObservation()
	for i := 0; i < m.arrived; i++ {
		res := &m.res[i]
		switch res.status {
		case OnBenefit:
			m.stepResident(i, res, st)
		case InWork, LeftNoWork, OutOfWork:
			m.stepOffBenefit(i, res, st)
		}
		m.endResidentMonth(res, st)
		m.observeResident(res, st, &obs)
	}
	m.finishObservation(st, &obs)
}

// stepResident is the month of a resident on the benefit: life events, a
// contact if one is due and the professional has time for it (with the
// tegenprestatie and sanctions), group training, attitudes and word of
// mouth, then leaving the benefit, finding a job, or moving on the ladder.
func (m *Model) stepResident(i int, res *resident, st *MonthStats) {
	m.lifeEvents(i, res, st)
	// The appeal and attention of this month's contact, if any.
	appeal, attention := 0.0, 0.0
	placed := false
	if cs := &m.contact[i]; cs.contactMonth == int16(m.month) {
		rg := &m.regimes[res.phase]
		appeal, attention = rg.Appeal, rg.Attention
		placed = m.meet(i, res, st)
	} else {
		cs.sinceContact++
	}
	m.groupTraining(res)
	c := res.capacity()
	m.updateAttitudes(i, res, c)
	if m.leaveWithoutWork(i, res, st) {
		return
	}
	if m.findJob(i, res, c, st) {
		return
	}
	if placed {
		// A resident placed by the tegenprestatie this month neither
		// steps on nor drops out in the same month.
		m.closeMonth(res)
		return
	}
	m.climb(i, res, c, appeal, attention, st)
}

// endOfMonth makes the changes that close a month: benefits are paid and
// running sanctions count down (7.19), and kinds switch (7.14).
func (m *Model) endOfMonth(st *MonthStats) {
	for i := range m.arrived {
		m.endResidentMonth(&m.res[i], st)
	}
}

// endResidentMonth is endOfMonth for one resident.
func (m *Model) endResidentMonth(res *resident, st *MonthStats) {
	switch res.status {
	case OnBenefit:
		m.payBenefit(res, st)
		m.switchKind(res)
	case InWork:
		m.paySupportedWork(res, st)
	}
	if res.workExit >= 0 {
		m.after.follow(m.month-int(res.workExit), int(res.workExit), res.status)
	}
}

// AfterExit returns what happened after the exits from the benefit so far
// (ODD 7.13, 7.20). Its counts are the model's own (a later step updates
// them), but it does not keep the model alive: a finished run's residents
// can be freed while its results are kept.
func (m *Model) AfterExit() *AfterExit {
	a := m.after
	return &a
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
func (m *Model) StartMonthsOnBenefit(i int) int { return int(m.res[i].startOnBen) }

// StartKind returns the kind resident i started as.
func (m *Model) StartKind(i int) Kind { return m.res[i].startKind }
