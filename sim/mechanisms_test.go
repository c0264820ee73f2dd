package sim

// The nine mechanisms of MODEL.md, each shown acting in the stated direction
// with all else equal.
//
// Most tests use a lab: a model whose residents are all put in the same
// state, in a quiet world (no shocks, no exits, no word of mouth, no drops,
// places for everyone), advanced by exactly one month with stepResident.
// Two labs built from the same seed and replicate draw the same random
// numbers for the same resident (common random numbers), so a difference
// between them comes only from the one thing the test changes; where an
// outcome is random (a step up, an exit) the set of residents it happens to
// under the stronger condition must contain the set under the weaker one.
// Where a mechanism is best seen over time, two whole runs that differ only
// in the mechanism's strength parameter are compared replicate by replicate.

import (
	"math"
	"testing"
)

// resident is the state a lab gives a resident.
type labResident struct {
	rung         int8
	trust        float64
	resistance   float64
	efficacy     float64
	pressure     float64
	capacity     float64 // every barrier is set to 1 - capacity
	monthsOnRung int16
	sanctionLeft int8
}

// eager can and will step up from rung 2 to rung 3: barriers mostly gone,
// full self-efficacy, trust high and no resistance.
var eager = labResident{rung: 2, trust: 1, resistance: 0, efficacy: 1, capacity: 0.9}

// ordinary is a resident with some of everything.
var ordinary = labResident{rung: 2, trust: 0.5, resistance: 0.3, efficacy: 0.5, pressure: 0.2, capacity: 0.8}

// labResidents is large enough that a random outcome with a probability of a
// few percent happens to dozens of residents in one month.
const labResidents = 10000

// quiet switches off everything a lab test does not study. A test turns a
// part back on with a mod.
func quiet(p *Params) {
	p.Population.Residents = labResidents
	p.Population.InflowPerMonth = 0
	p.Population.ShareCeiling3, p.Population.ShareCeiling4 = 0, 0
	p.Places.Activity, p.Places.Volunteer = labResidents, labResidents
	p.Shocks.Rate, p.Shocks.BarrierRecovery = 0, 0
	p.Exit = ExitParams{}
	p.Trust.WordOfMouth = 0
	p.Ladder.DropRate = 0
	p.Work.JobFinding = 0
	p.Attitudes.Reversion = 0
	p.Tegenprestatie.AssignShare = 1 // every complying resident is assigned one
}

// refusing makes every resident met below the demanded rung whose
// resistance exceeds their trust refuse the tegenprestatie: willingness
// jumps from 0 to 1 at trust = resistance, and no sanction threat or
// moral appeal adds to it. Sanction labs use it with such residents, since
// only a refusal can be sanctioned.
func refusing(p *Params) {
	p.Ladder.WillingWidth = 0.01
	p.Sanction.Push = 0
	for _, name := range []string{"sanctie", "maatwerk", "morele-verplichting"} {
		tune(p, name, func(r *Regime) { r.Appeal = 0 })
	}
}

// with returns r changed by f, for building table entries.
func with(r labResident, f func(*labResident)) labResident {
	f(&r)
	return r
}

// put gives resident i the state r, keeping the places in use consistent.
func put(m *Model, i int, r labResident) {
	m.releasePlace(&m.res[i])
	m.setStatus(i, &m.res[i], OnBenefit)
	m.res[i].rung = r.rung
	h := m.res[i].neighbour
	switch r.rung {
	case 3:
		m.activityUsed[h]++
	case 4:
		m.volunteerUsed[h]++
	}
	m.res[i].demanded = false
	m.res[i].trust = r.trust
	m.res[i].resistance = r.resistance
	m.res[i].efficacy = r.efficacy
	m.res[i].pressure = r.pressure
	durable := [4]float64{m.p.Barriers.DurableDebts, m.p.Barriers.DurableHealth, m.p.Barriers.DurableCare, m.p.Barriers.DurableLanguage}
	for b := range m.res[i].barrier {
		m.res[i].barrier[b] = 1 - r.capacity
		m.res[i].durable[b] = durable[b] * m.res[i].barrier[b]
	}
	m.res[i].monthsOnRung = r.monthsOnRung
	m.res[i].sanctionLeft = r.sanctionLeft
}

// lab is one arm of a lab experiment.
type lab struct {
	policy Policy
	r      labResident
	met    bool // every resident is met by a professional this month
	mods   []func(*Params)
}

// build builds the lab's model and puts every resident in state l.r,
// without advancing it.
func (l lab) build(t *testing.T) *Model {
	t.Helper()
	p := Defaults()
	quiet(&p)
	for _, f := range l.mods {
		f(&p)
	}
	m, err := New(p, l.policy, 1, 0, Options{})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	for i := 0; i < m.arrived; i++ {
		put(m, i, l.r)
	}
	return m
}

// run builds the lab's model, puts every resident in state l.r and advances
// one month. It returns the model and the month's statistics.
func (l lab) run(t *testing.T) (*Model, MonthStats) {
	t.Helper()
	m := l.build(t)
	return m, labMonth(m, l.met)
}

// labMonth advances m by one month in which every resident on the benefit
// is (met) or is not met by a professional.
func labMonth(m *Model, met bool) MonthStats {
	m.month++
	st := MonthStats{Month: m.month}
	for i := 0; i < m.arrived; i++ {
		if met {
			m.contact[i].contactMonth = int16(m.month)
		}
		if m.res[i].status == OnBenefit {
			m.stepResident(i, &m.res[i], &st)
		}
	}
	return st
}

// field reads one state variable of resident i.
type field func(m *Model, i int) float64

func trustOf(m *Model, i int) float64      { return m.res[i].trust }
func resistanceOf(m *Model, i int) float64 { return m.res[i].resistance }
func efficacyOf(m *Model, i int) float64   { return m.res[i].efficacy }
func pressureOf(m *Model, i int) float64   { return m.res[i].pressure }

// meanOf is the mean of f over the residents of m.
func meanOf(m *Model, f field) float64 {
	s := 0.0
	for i := 0; i < m.arrived; i++ {
		s += f(m, i)
	}
	return s / float64(m.arrived)
}

// requireEveryHigher fails unless f is strictly higher in a than in b for
// every resident.
func requireEveryHigher(t *testing.T, what string, a, b *Model, f field) {
	t.Helper()
	for i := 0; i < a.arrived; i++ {
		if !(f(a, i) > f(b, i)) {
			t.Fatalf("%s: resident %d has %.6g, want more than %.6g (means %.6g vs %.6g)",
				what, i, f(a, i), f(b, i), meanOf(a, f), meanOf(b, f))
		}
	}
}

// requireEveryEqual fails unless f is the same in a and b for every resident.
func requireEveryEqual(t *testing.T, what string, a, b *Model, f field) {
	t.Helper()
	for i := 0; i < a.arrived; i++ {
		if f(a, i) != f(b, i) {
			t.Fatalf("%s: resident %d has %.17g and %.17g, want equal", what, i, f(a, i), f(b, i))
		}
	}
}

// outcome reports whether something happened to resident i in a lab month.
type outcome func(m *Model, i int) bool

func steppedUpFrom(r int8) outcome {
	return func(m *Model, i int) bool {
		return (m.res[i].status == OnBenefit && m.res[i].rung > r) || m.res[i].status == InWork
	}
}
func wentToWork(m *Model, i int) bool { return m.res[i].status == InWork }
func leftNoWork(m *Model, i int) bool { return m.res[i].status == LeftNoWork }

func fell(r int8) outcome {
	return func(m *Model, i int) bool { return m.res[i].status == OnBenefit && m.res[i].rung < r }
}

// count is the number of residents o happened to.
func count(m *Model, o outcome) int {
	n := 0
	for i := 0; i < m.arrived; i++ {
		if o(m, i) {
			n++
		}
	}
	return n
}

// requireNested fails unless o happened to every resident in more that it
// happened to in fewer, and to strictly more residents in more. With common
// random numbers this is what "more likely" means for each resident.
func requireNested(t *testing.T, what string, more, fewer *Model, o outcome) (int, int) {
	t.Helper()
	for i := 0; i < fewer.arrived; i++ {
		if o(fewer, i) && !o(more, i) {
			t.Fatalf("%s: resident %d: happened under the weaker condition but not under the stronger one", what, i)
		}
	}
	a, b := count(more, o), count(fewer, o)
	if a <= b {
		t.Fatalf("%s: happened to %d residents under the stronger condition and %d under the weaker, want more", what, a, b)
	}
	return a, b
}

// requireSameOutcome fails unless o happened to exactly the same residents.
func requireSameOutcome(t *testing.T, what string, a, b *Model, o outcome) {
	t.Helper()
	for i := 0; i < a.arrived; i++ {
		if o(a, i) != o(b, i) {
			t.Fatalf("%s: resident %d: %v in one lab and %v in the other, want the same", what, i, o(a, i), o(b, i))
		}
	}
}

// runFor builds and runs a model for the given months under pol.
func runFor(t *testing.T, p Params, pol Policy, replicate uint64, opt Options) *Model {
	t.Helper()
	m, err := New(p, pol, 1, replicate, opt)
	if err != nil {
		t.Fatalf("New(%s, replicate %d): %v", pol.Name, replicate, err)
	}
	m.Run()
	return m
}

// ---------------------------------------------------------------------------
// Mechanism 1: trust is built slowly through attention and time, lost fast
// (sanctions, intrusion), and spreads between neighbours.

func TestMechanism1TrustBuiltByAttention(t *testing.T) {
	r := with(ordinary, func(r *labResident) { r.trust = 0.3 })
	metLab, _ := lab{policy: builtin("nabijheid"), r: r, met: true}.run(t)
	unmet, _ := lab{policy: builtin("nabijheid"), r: r}.run(t)
	requireEveryHigher(t, "trust after a contact vs none", metLab, unmet, trustOf)

	attentive := func(a float64) func(*Params) {
		return func(p *Params) { tune(p, "nabijheid", func(r *Regime) { r.Attention = a }) }
	}
	hi, _ := lab{policy: builtin("nabijheid"), r: r, met: true, mods: []func(*Params){attentive(0.8)}}.run(t)
	lo, _ := lab{policy: builtin("nabijheid"), r: r, met: true, mods: []func(*Params){attentive(0.2)}}.run(t)
	requireEveryHigher(t, "trust after an attentive vs a hurried contact", hi, lo, trustOf)

	off, _ := lab{policy: builtin("nabijheid"), r: r, met: true, mods: []func(*Params){func(p *Params) { p.Trust.GainPerContact = 0 }}}.run(t)
	requireEveryHigher(t, "trust with trust.gain_per_contact > 0 vs 0", metLab, off, trustOf)
}

// TestMechanism1TrustBuiltOverTime: month after month of contact keeps adding
// trust, so trust after a year is higher than after a quarter, which is higher
// than after one month.
func TestMechanism1TrustBuiltOverTime(t *testing.T) {
	r := with(ordinary, func(r *labResident) { r.trust = 0.2; r.capacity = 0.95 })
	noSteps := func(p *Params) { p.Ladder.SelfRate, p.Ladder.SupportRate = 0, 0 } // stay on the benefit
	m, _ := lab{policy: builtin("nabijheid"), r: r, met: true, mods: []func(*Params){noSteps}}.run(t)
	prev := m.res[0].trust
	for month := 2; month <= 12; month++ {
		labMonth(m, true)
		if !(m.res[0].trust > prev) {
			t.Fatalf("month %d of monthly contact: trust %.4f, want above last month's %.4f", month, m.res[0].trust, prev)
		}
		prev = m.res[0].trust
	}
	t.Logf("trust from 0.2 after 12 months of monthly nabijheid contact: %.3f", prev)
}

// TestMechanism1TrustLostFast: one sanction destroys more trust than many
// months of close contact build.
func TestMechanism1TrustLostFast(t *testing.T) {
	const minRatio = 5 // one sanction undoes more than five months of close contact
	r := with(ordinary, func(r *labResident) { r.rung = 1; r.trust = 0.6; r.resistance = 0.8 })
	certain := func(p *Params) { tune(p, "sanctie", func(r *Regime) { r.SanctionProbability = 1 }); refusing(p) }
	never := func(p *Params) { tune(p, "sanctie", func(r *Regime) { r.SanctionProbability = 0 }); refusing(p) }
	sanctioned, st := lab{policy: builtin("sanctie"), r: r, met: true, mods: []func(*Params){certain}}.run(t)
	spared, _ := lab{policy: builtin("sanctie"), r: r, met: true, mods: []func(*Params){never}}.run(t)
	if st.Sanctions != labResidents {
		t.Fatalf("sanctions: %d, want every one of %d residents who refused the tegenprestatie", st.Sanctions, labResidents)
	}
	requireEveryHigher(t, "trust spared vs sanctioned", spared, sanctioned, trustOf)

	metLab, _ := lab{policy: builtin("nabijheid"), r: r, met: true}.run(t)
	unmet, _ := lab{policy: builtin("nabijheid"), r: r}.run(t)
	loss := meanOf(spared, trustOf) - meanOf(sanctioned, trustOf)
	gain := meanOf(metLab, trustOf) - meanOf(unmet, trustOf)
	if !(gain > 0 && loss > minRatio*gain) {
		t.Fatalf("trust lost by one sanction %.4f, gained by one month of nabijheid contact %.4f: ratio %.1f, want > %d",
			loss, gain, loss/gain, minRatio)
	}
	t.Logf("one sanction costs %.4f trust, one close contact adds %.4f (ratio %.1f)", loss, gain, loss/gain)

	noLoss := func(p *Params) { p.Trust.LossSanction = 0 }
	shielded, _ := lab{policy: builtin("sanctie"), r: r, met: true, mods: []func(*Params){certain, noLoss}}.run(t)
	requireEveryEqual(t, "trust with trust.loss_sanction = 0, sanctioned vs spared", shielded, spared, trustOf)
}

func TestMechanism1TrustLostByIntrusion(t *testing.T) {
	r := with(ordinary, func(r *labResident) { r.trust = 0.6 })
	control := func(c float64) func(*Params) {
		return func(p *Params) { tune(p, "nabijheid", func(r *Regime) { r.Control = c }) }
	}
	noIntrusion := func(p *Params) { p.Trust.LossIntrusion = 0 }
	light, _ := lab{policy: builtin("nabijheid"), r: r, met: true, mods: []func(*Params){control(0)}}.run(t)
	heavy, _ := lab{policy: builtin("nabijheid"), r: r, met: true, mods: []func(*Params){control(0.9)}}.run(t)
	requireEveryHigher(t, "trust after a contact without vs with control", light, heavy, trustOf)

	lightOff, _ := lab{policy: builtin("nabijheid"), r: r, met: true, mods: []func(*Params){control(0), noIntrusion}}.run(t)
	heavyOff, _ := lab{policy: builtin("nabijheid"), r: r, met: true, mods: []func(*Params){control(0.9), noIntrusion}}.run(t)
	requireEveryEqual(t, "trust with trust.loss_intrusion = 0, control 0 vs 0.9", lightOff, heavyOff, trustOf)
}

// TestMechanism1WordOfMouth: a resident's trust moves toward the trust of the
// block, up or down, and only when trust.word_of_mouth > 0.
func TestMechanism1WordOfMouth(t *testing.T) {
	wom := func(w float64) func(*Params) { return func(p *Params) { p.Trust.WordOfMouth = w } }
	for _, c := range []struct {
		name        string
		own, block  float64
		wantRaising bool
	}{
		{"trusting block lifts a distrustful resident", 0.2, 0.9, true},
		{"distrustful block lowers a trusting resident", 0.6, 0.1, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := with(ordinary, func(r *labResident) { r.trust = c.own })
			build := func(w float64) *Model {
				p := Defaults()
				quiet(&p)
				wom(w)(&p)
				m, err := New(p, builtin("afstand"), 1, 0, Options{})
				if err != nil {
					t.Fatal(err)
				}
				for i := 0; i < m.arrived; i++ {
					put(m, i, r)
				}
				for b := range m.blockTrust {
					m.blockTrust[b] = c.block
				}
				labMonth(m, false)
				return m
			}
			on, off := build(Defaults().Trust.WordOfMouth), build(0)
			for i := 0; i < on.arrived; i++ {
				if off.res[i].trust != c.own {
					t.Fatalf("resident %d: trust %.6f without word of mouth and contact, want unchanged %.2f", i, off.res[i].trust, c.own)
				}
			}
			if c.wantRaising {
				requireEveryHigher(t, "trust with vs without word of mouth", on, off, trustOf)
			} else {
				requireEveryHigher(t, "trust without vs with word of mouth", off, on, trustOf)
			}
		})
	}
}

// TestMechanism1TrustSpreadsBetweenNeighbours: in a whole run, raising the
// trust of one resident per block raises the trust of their neighbours a
// year later, and does so only through word of mouth.
func TestMechanism1TrustSpreadsBetweenNeighbours(t *testing.T) {
	const months = 12
	run := func(wom float64, seeded bool) *Model {
		p := Defaults()
		p.Months = months
		p.Trust.WordOfMouth = wom
		p.Places.Activity, p.Places.Volunteer = p.Population.Residents, p.Population.Residents
		m, err := New(p, builtin("afstand"), 1, 0, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if seeded {
			for i := range seeds(m) {
				m.res[i].trust = 1
			}
			var scratch MonthStats
			m.observe(&scratch) // refresh the block means for word of mouth
		}
		m.Run()
		return m
	}
	neighbourTrust := func(m *Model) float64 {
		s, n := 0.0, 0
		seed := seeds(m)
		for i := 0; i < m.arrived; i++ {
			if !seed[i] && m.res[i].status == OnBenefit {
				s += m.res[i].trust
				n++
			}
		}
		return s / float64(n)
	}
	seeded, unseeded := run(Defaults().Trust.WordOfMouth, true), run(Defaults().Trust.WordOfMouth, false)
	a, b := neighbourTrust(seeded), neighbourTrust(unseeded)
	if !(a > b+0.01) {
		t.Errorf("mean trust of the neighbours of trusting residents after %d months: %.4f, without them %.4f; want at least 0.01 higher", months, a, b)
	}
	t.Logf("neighbours' trust after %d months: %.4f with a trusting resident in the block, %.4f without", months, a, b)

	with0, without0 := run(0, true), run(0, false)
	seed := seeds(with0)
	for i := 0; i < with0.arrived; i++ {
		if !seed[i] && with0.res[i].trust != without0.res[i].trust {
			t.Fatalf("word_of_mouth = 0: resident %d has trust %.17g with trusting neighbours and %.17g without, want equal",
				i, with0.res[i].trust, without0.res[i].trust)
		}
	}
}

// seeds marks the first resident of every block.
func seeds(m *Model) map[int]bool {
	first := make(map[int32]bool)
	out := make(map[int]bool)
	for i := 0; i < m.arrived; i++ {
		if b := m.res[i].block; !first[b] {
			first[b] = true
			out[i] = true
		}
	}
	return out
}

// ---------------------------------------------------------------------------
// Mechanism 2: resistance rises with pressure beyond load capacity, with
// sanctions and with their threat; it falls as trust grows and as people
// feel heard.

func TestMechanism2Resistance(t *testing.T) {
	certain := func(p *Params) { tune(p, "sanctie", func(r *Regime) { r.SanctionProbability = 1 }); refusing(p) }
	never := func(p *Params) { tune(p, "sanctie", func(r *Regime) { r.SanctionProbability = 0 }); refusing(p) }
	noOverload := func(p *Params) { p.Resistance.GainOverload = 0 }
	noSanctionGain := func(p *Params) { p.Resistance.GainSanction = 0 }
	noThreatGain := func(p *Params) { p.Resistance.GainThreat = 0 }
	noFallTrust := func(p *Params) { p.Resistance.FallTrust = 0 }
	noFallHeard := func(p *Params) { p.Resistance.FallHeard = 0 }
	overloaded := with(ordinary, func(r *labResident) { r.capacity = 0.4; r.pressure = 0.9 })
	within := with(ordinary, func(r *labResident) { r.capacity = 0.4; r.pressure = 0.3 })
	below := with(ordinary, func(r *labResident) { r.rung = 1; r.resistance = 0.6 }) // refuses: resistance above trust
	trusting := with(ordinary, func(r *labResident) { r.trust = 0.9 })
	// willing complies whatever the threat, so no one is sanctioned.
	willing := with(ordinary, func(r *labResident) { r.rung = 1; r.trust, r.resistance = 0.9, 0.1 })
	threat := func(p *Params) { tune(p, "sanctie", func(r *Regime) { r.SanctionProbability = 0.3 }) }
	// roomy has room for the pressure a contact adds and trust low enough
	// that the contact's trust gain does not lower resistance by itself.
	roomy := with(ordinary, func(r *labResident) { r.capacity = 0.95; r.trust = 0.3 })
	for _, c := range []struct {
		name string
		high lab // the arm with more resistance after the month
		low  lab
		off  [2]lab // the same comparison with the mechanism's strength at 0: no difference
	}{
		{
			name: "pressure beyond load capacity raises it",
			high: lab{policy: builtin("afstand"), r: overloaded},
			low:  lab{policy: builtin("afstand"), r: within},
			off:  [2]lab{{policy: builtin("afstand"), r: overloaded, mods: []func(*Params){noOverload}}, {policy: builtin("afstand"), r: within, mods: []func(*Params){noOverload}}},
		},
		{
			// Without the threat's reactance, so that the arms differ by
			// the sanction alone.
			name: "a sanction raises it",
			high: lab{policy: builtin("sanctie"), r: below, met: true, mods: []func(*Params){certain, noThreatGain}},
			low:  lab{policy: builtin("sanctie"), r: below, met: true, mods: []func(*Params){never, noThreatGain}},
			// Without resistance.gain_sanction a sanction still adds pressure,
			// which is below capacity here, so resistance is unchanged.
			off: [2]lab{{policy: builtin("sanctie"), r: below, met: true, mods: []func(*Params){certain, noThreatGain, noSanctionGain}}, {policy: builtin("sanctie"), r: below, met: true, mods: []func(*Params){never, noThreatGain, noSanctionGain}}},
		},
		{
			// Reactance to the threat (ODD 7.5a): held to the obligations
			// under a regime that may sanction, a resident who complies
			// and is not sanctioned still resists more.
			name: "the threat of a sanction raises it",
			high: lab{policy: builtin("sanctie"), r: willing, met: true, mods: []func(*Params){threat}},
			low:  lab{policy: builtin("sanctie"), r: willing, met: true, mods: []func(*Params){never}},
			off:  [2]lab{{policy: builtin("sanctie"), r: willing, met: true, mods: []func(*Params){threat, noThreatGain}}, {policy: builtin("sanctie"), r: willing, met: true, mods: []func(*Params){never, noThreatGain}}},
		},
		{
			name: "trust lowers it",
			high: lab{policy: builtin("afstand"), r: ordinary},
			low:  lab{policy: builtin("afstand"), r: trusting},
			off:  [2]lab{{policy: builtin("afstand"), r: ordinary, mods: []func(*Params){noFallTrust}}, {policy: builtin("afstand"), r: trusting, mods: []func(*Params){noFallTrust}}},
		},
		{
			name: "feeling heard lowers it",
			high: lab{policy: builtin("nabijheid"), r: roomy},
			low:  lab{policy: builtin("nabijheid"), r: roomy, met: true},
			off:  [2]lab{{policy: builtin("nabijheid"), r: roomy, mods: []func(*Params){noFallHeard}}, {policy: builtin("nabijheid"), r: roomy, met: true, mods: []func(*Params){noFallHeard}}},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			hi, _ := c.high.run(t)
			lo, _ := c.low.run(t)
			requireEveryHigher(t, "resistance", hi, lo, resistanceOf)
			a, _ := c.off[0].run(t)
			b, _ := c.off[1].run(t)
			requireEveryEqual(t, "resistance with the mechanism's strength at 0", a, b, resistanceOf)
		})
	}
}

// ---------------------------------------------------------------------------
// Mechanism 3: moving up needs capacity, self-efficacy, willingness and a
// free place on the next rung. No place, no step.

func TestMechanism3StepUpNeedsAll(t *testing.T) {
	need3 := Defaults().Ladder.Need3
	noPlaces := func(p *Params) { p.Places.Activity = 0 }
	noBarrierWork := func(p *Params) { tune(p, "nabijheid", func(r *Regime) { r.BarrierWork = 0 }) } // the contact must not lift capacity
	base, _ := lab{policy: builtin("nabijheid"), r: eager, met: true}.run(t)
	n := count(base, steppedUpFrom(2))
	// Eager residents are ready, fully self-efficient and fully willing, so
	// each steps up with probability s₀ + s₁ · attention (ODD 7.11).
	p := Defaults()
	prob := p.Ladder.SelfRate + p.Ladder.SupportRate*builtin("nabijheid").Phases[0].Regime.Attention
	if want, se := prob*labResidents, math.Sqrt(prob*(1-prob)*labResidents); n == 0 || math.Abs(float64(n)-want) > 5*se {
		t.Fatalf("eager residents met by nabijheid: %d of %d stepped up, want %.0f ± %.0f", n, labResidents, want, 5*se)
	}
	for _, c := range []struct {
		name string
		r    labResident
		mods []func(*Params)
	}{
		{"capacity just below what rung 3 needs", with(eager, func(r *labResident) { r.capacity = need3 - 0.01 }), []func(*Params){noBarrierWork}},
		{"no self-efficacy", with(eager, func(r *labResident) { r.efficacy = 0 }), nil},
		{"unwilling: no trust, full resistance", with(eager, func(r *labResident) { r.trust, r.resistance = 0, 1 }), nil},
		{"no free place on rung 3", eager, []func(*Params){noPlaces}},
	} {
		t.Run(c.name, func(t *testing.T) {
			m, st := lab{policy: builtin("nabijheid"), r: c.r, met: true, mods: c.mods}.run(t)
			if k := count(m, steppedUpFrom(2)); k != 0 || st.MovesUp != 0 {
				t.Errorf("%d residents stepped up (MovesUp %d), want 0; with everything in place %d did", k, st.MovesUp, n)
			}
		})
	}
}

// TestMechanism3MoreOfEachMoreSteps: with common random numbers, every
// resident who steps up with less capacity, self-efficacy or willingness
// also steps up with more. Capacity counts as a threshold: a contact that
// removes barriers lifts a resident just short of rung 3 over it.
func TestMechanism3MoreOfEachMoreSteps(t *testing.T) {
	need3 := Defaults().Ladder.Need3
	short := with(eager, func(r *labResident) { r.capacity = need3 - 0.02 })
	noBarrierWork := func(p *Params) { tune(p, "nabijheid", func(r *Regime) { r.BarrierWork = 0 }) }
	for _, c := range []struct {
		name       string
		more, less lab
	}{
		{"capacity: barriers removed by the contact",
			lab{policy: builtin("nabijheid"), r: short, met: true},
			lab{policy: builtin("nabijheid"), r: short, met: true, mods: []func(*Params){noBarrierWork}}},
		{"self-efficacy",
			lab{policy: builtin("nabijheid"), r: with(eager, func(r *labResident) { r.efficacy = 0.8 }), met: true},
			lab{policy: builtin("nabijheid"), r: with(eager, func(r *labResident) { r.efficacy = 0.3 }), met: true}},
		{"willingness",
			lab{policy: builtin("nabijheid"), r: with(eager, func(r *labResident) { r.trust, r.resistance = 0.6, 0.3 }), met: true},
			lab{policy: builtin("nabijheid"), r: with(eager, func(r *labResident) { r.trust, r.resistance = 0.3, 0.5 }), met: true}},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, _ := c.more.run(t)
			b, _ := c.less.run(t)
			x, y := requireNested(t, "step up", a, b, steppedUpFrom(2))
			t.Logf("%d stepped up with more, %d with less", x, y)
		})
	}
}

// TestMechanism3PlacesCapSteps: with 3 places per neighbourhood, no more
// than 3 residents per neighbourhood reach rung 3, however many are ready.
func TestMechanism3PlacesCapSteps(t *testing.T) {
	const places = 3
	m, st := lab{policy: builtin("nabijheid"), r: eager, met: true, mods: []func(*Params){func(p *Params) { p.Places.Activity = places }}}.run(t)
	want := places * m.hoods
	if got := count(m, steppedUpFrom(2)); got != want || st.MovesUp != want {
		t.Errorf("stepped up to rung 3: %d (MovesUp %d), want exactly the %d places", got, st.MovesUp, want)
	}
}

// TestMechanism3NoPlaceNoStep: a whole run without any places on rungs 3 and
// 4 never has anyone on them and never sends anyone on to work along the
// ladder (jobs found straight from the benefit, a separate route, are off).
func TestMechanism3NoPlaceNoStep(t *testing.T) {
	for _, pol := range builtins() {
		t.Run(pol.Name, func(t *testing.T) {
			p := Defaults()
			p.Places.Activity, p.Places.Volunteer = 0, 0
			p.Work.JobFinding = 0
			m := runFor(t, p, pol, 0, Options{RecordEvents: true})
			for _, s := range m.Stats() {
				if s.Rung[2] != 0 || s.Rung[3] != 0 || s.Rung[4] != 0 || s.Rung[5] != 0 {
					t.Fatalf("month %d: rungs %v with no places, want nobody above rung 2", s.Month, s.Rung)
				}
			}
			for _, e := range m.Events() {
				if e.Type == StepUp && e.Rung > 2 || e.Type == ExitToWork {
					t.Fatalf("event %+v with no places, want no step above rung 2", e)
				}
			}
		})
	}
}

// ---------------------------------------------------------------------------
// Mechanism 4: succeeding raises self-efficacy; failing, humiliating
// expectations and sanctions lower it.

func TestMechanism4EfficacyRisesWithSuccess(t *testing.T) {
	r := with(eager, func(r *labResident) { r.efficacy = 0.5 })
	m, _ := lab{policy: builtin("nabijheid"), r: r, met: true}.run(t)
	up, stayed := 0, 0
	for i := 0; i < m.arrived; i++ {
		switch {
		case m.res[i].rung == 3:
			up++
			if !(m.res[i].efficacy > r.efficacy) {
				t.Fatalf("resident %d stepped up: self-efficacy %.4f, want above %.2f", i, m.res[i].efficacy, r.efficacy)
			}
		default:
			stayed++
			if m.res[i].efficacy != r.efficacy {
				t.Fatalf("resident %d did not step up: self-efficacy %.4f, want unchanged %.2f", i, m.res[i].efficacy, r.efficacy)
			}
		}
	}
	if up == 0 || stayed == 0 {
		t.Fatalf("%d stepped up and %d stayed, want both", up, stayed)
	}
	off, _ := lab{policy: builtin("nabijheid"), r: r, met: true, mods: []func(*Params){func(p *Params) { p.Efficacy.GainSuccess = 0 }}}.run(t)
	for i := 0; i < off.arrived; i++ {
		if off.res[i].efficacy != r.efficacy {
			t.Fatalf("efficacy.gain_success = 0: resident %d has self-efficacy %.4f, want unchanged %.2f", i, off.res[i].efficacy, r.efficacy)
		}
	}
}

func TestMechanism4EfficacyFalls(t *testing.T) {
	need2, need3 := Defaults().Ladder.Need2, Defaults().Ladder.Need3
	shocked := func(p *Params) { p.Shocks.Rate = 1 }
	humbled := with(ordinary, func(r *labResident) { r.rung = 1; r.capacity = need2 - 0.05 }) // cannot step up at all
	noDemand := func(p *Params) { tune(p, "morele-verplichting", func(r *Regime) { r.DemandRung = 0 }) }
	noSteps := func(p *Params) { p.Ladder.SelfRate, p.Ladder.SupportRate = 0, 0 }
	certain := func(p *Params) { tune(p, "sanctie", func(r *Regime) { r.SanctionProbability = 1 }); refusing(p) }
	never := func(p *Params) { tune(p, "sanctie", func(r *Regime) { r.SanctionProbability = 0 }); refusing(p) }
	refuser := with(ordinary, func(r *labResident) { r.resistance = 0.6 })
	for _, c := range []struct {
		name        string
		kept, hurt  lab
		hurtOutcome outcome // must have happened to every resident in hurt, if set
	}{
		{
			name:        "failing: a fall from rung 3",
			kept:        lab{policy: builtin("afstand"), r: with(ordinary, func(r *labResident) { r.rung = 3; r.capacity = need3 + 0.05 })},
			hurt:        lab{policy: builtin("afstand"), r: with(ordinary, func(r *labResident) { r.rung = 3; r.capacity = need3 + 0.05 }), mods: []func(*Params){shocked}},
			hurtOutcome: fell(3),
		},
		{
			name: "humiliating expectations: a demanded rung far above capacity",
			kept: lab{policy: builtin("morele-verplichting"), r: humbled, met: true, mods: []func(*Params){noDemand}},
			hurt: lab{policy: builtin("morele-verplichting"), r: humbled, met: true},
		},
		{
			name: "humiliation grows with the gap between demand and capacity",
			kept: lab{policy: builtin("morele-verplichting"), r: humbled, met: true},
			hurt: lab{policy: builtin("morele-verplichting"), r: with(humbled, func(r *labResident) { r.capacity = 0.1 }), met: true},
		},
		{
			name: "a sanction",
			kept: lab{policy: builtin("sanctie"), r: refuser, met: true, mods: []func(*Params){never, noSteps}},
			hurt: lab{policy: builtin("sanctie"), r: refuser, met: true, mods: []func(*Params){certain, noSteps}},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			kept, _ := c.kept.run(t)
			hurt, _ := c.hurt.run(t)
			if c.hurtOutcome != nil {
				if n := count(hurt, c.hurtOutcome); n != hurt.arrived {
					t.Fatalf("%d of %d residents fell, want all", n, hurt.arrived)
				}
			}
			requireEveryHigher(t, "self-efficacy", kept, hurt, efficacyOf)
		})
	}
}

// ---------------------------------------------------------------------------
// Mechanism 5: perceived pressure grows with contact frequency and control,
// also under a soft approach; high pressure with high resistance makes people
// leave the benefit without work.

func TestMechanism5PressureFromContactAndControl(t *testing.T) {
	control := func(c float64) func(*Params) {
		return func(p *Params) { tune(p, "nabijheid", func(r *Regime) { r.Control = c }) }
	}
	metLab, _ := lab{policy: builtin("nabijheid"), r: ordinary, met: true}.run(t)
	unmet, _ := lab{policy: builtin("nabijheid"), r: ordinary}.run(t)
	requireEveryHigher(t, "pressure after a soft (nabijheid) contact vs none", metLab, unmet, pressureOf)
	hi, _ := lab{policy: builtin("nabijheid"), r: ordinary, met: true, mods: []func(*Params){control(0.7)}}.run(t)
	lo, _ := lab{policy: builtin("nabijheid"), r: ordinary, met: true, mods: []func(*Params){control(0.2)}}.run(t)
	requireEveryHigher(t, "pressure after a contact with control 0.7 vs 0.2", hi, lo, pressureOf)
}

// TestMechanism5PressureGrowsWithFrequency: monthly contact gives more
// perceived pressure than contact every three months. Contacts cost one hour
// here so that every professional can keep up with either interval.
func TestMechanism5PressureGrowsWithFrequency(t *testing.T) {
	const reps, months = 4, 24
	interval := func(k int) Params {
		p := Defaults()
		p.Months = months
		tune(&p, "nabijheid", func(r *Regime) { r.HoursPerContact = 1 })
		tune(&p, "nabijheid", func(r *Regime) { r.ContactInterval = k })
		return p
	}
	d := paired(t, builtin("nabijheid"), reps, interval(1), interval(3), meanPressure)
	requireMeanAbove(t, "mean pressure, monthly minus quarterly contact", d, 0.05, 4)
}

func meanPressure(m *Model) float64 {
	s := m.Stats()
	sum := 0.0
	for _, x := range s[1:] {
		sum += x.Pressure.Mean
	}
	return sum / float64(len(s)-1)
}

func TestMechanism5PressureAndResistanceDriveExits(t *testing.T) {
	exits := func(p *Params) { p.Exit = Defaults().Exit; p.Exit.BaseRate = 0 }
	noExitHazard := func(p *Params) { p.Exit.PressureResistance = 0 }
	state := func(pressure, resistance float64) labResident {
		return with(ordinary, func(r *labResident) { r.pressure, r.resistance = pressure, resistance })
	}
	both, _ := lab{policy: builtin("afstand"), r: state(0.9, 0.9), mods: []func(*Params){exits}}.run(t)
	onlyPressure, _ := lab{policy: builtin("afstand"), r: state(0.9, 0.1), mods: []func(*Params){exits}}.run(t)
	onlyResistance, _ := lab{policy: builtin("afstand"), r: state(0.1, 0.9), mods: []func(*Params){exits}}.run(t)
	a, b := requireNested(t, "leave without work: high pressure and resistance vs high pressure only", both, onlyPressure, leftNoWork)
	_, c := requireNested(t, "leave without work: high pressure and resistance vs high resistance only", both, onlyResistance, leftNoWork)
	t.Logf("left without work in one month: %d with both high, %d with only pressure high, %d with only resistance high (of %d)", a, b, c, labResidents)
	off, _ := lab{policy: builtin("afstand"), r: state(0.9, 0.9), mods: []func(*Params){exits, noExitHazard}}.run(t)
	if n := count(off, leftNoWork); n != 0 {
		t.Errorf("exit.pressure_resistance = 0 and no other exit hazard: %d left, want 0", n)
	}
}

// ---------------------------------------------------------------------------
// Mechanism 6: sanctions push some people up the ladder and some off the
// benefit; a sanction that does not fit capacity costs more trust.

func TestMechanism6SanctionPushesUp(t *testing.T) {
	hesitant := with(eager, func(r *labResident) { r.trust, r.resistance, r.efficacy = 0.3, 0.5, 0.5 })
	running := with(hesitant, func(r *labResident) { r.sanctionLeft = 2 })
	a, _ := lab{policy: builtin("nabijheid"), r: running, met: true}.run(t)
	b, _ := lab{policy: builtin("nabijheid"), r: hesitant, met: true}.run(t)
	x, y := requireNested(t, "step up during vs without a running sanction", a, b, steppedUpFrom(2))
	t.Logf("stepped up: %d during a sanction, %d without", x, y)
	noPush := func(p *Params) { p.Sanction.Push = 0 }
	a0, _ := lab{policy: builtin("nabijheid"), r: running, met: true, mods: []func(*Params){noPush}}.run(t)
	b0, _ := lab{policy: builtin("nabijheid"), r: hesitant, met: true, mods: []func(*Params){noPush}}.run(t)
	requireSameOutcome(t, "sanction.push = 0: step up during vs without a sanction", a0, b0, steppedUpFrom(2))
}

func TestMechanism6SanctionPushesOff(t *testing.T) {
	exits := func(p *Params) { p.Exit = Defaults().Exit; p.Exit.BaseRate = 0 }
	certain := func(p *Params) { tune(p, "sanctie", func(r *Regime) { r.SanctionProbability = 1 }) }
	never := func(p *Params) { tune(p, "sanctie", func(r *Regime) { r.SanctionProbability = 0 }) }
	r := with(ordinary, func(r *labResident) { r.resistance = 0.8 })
	a, _ := lab{policy: builtin("sanctie"), r: r, met: true, mods: []func(*Params){exits, certain}}.run(t)
	b, _ := lab{policy: builtin("sanctie"), r: r, met: true, mods: []func(*Params){exits, never}}.run(t)
	x, y := requireNested(t, "leave without work, sanctioned vs not", a, b, leftNoWork)
	t.Logf("left without work in the month: %d sanctioned, %d not (of %d)", x, y, labResidents)
}

// TestMechanism6SomeUpSomeOff: under sanctie both happen: some residents
// step up while their sanction runs, others leave the benefit without work
// (for any reason: under pressure, during the sanction or otherwise). A
// run gives some 100 sanctions in two years, so the count is over four
// replicates.
func TestMechanism6SomeUpSomeOff(t *testing.T) {
	p := Defaults()
	p.Months = 24
	up, off := 0, 0
	for r := uint64(0); r < 4; r++ {
		m := runFor(t, p, builtin("sanctie"), r, Options{RecordEvents: true})
		last := make(map[int32]int32) // month of each resident's last sanction
		for _, e := range m.Events() {
			switch e.Type {
			case Sanctioned:
				last[e.Resident] = e.Month
			case StepUp, ExitToWork, ExitWithoutWork, ExitUnderPressure, ExitAfterSanction:
				if e.Type == StepUp && e.Rung > 4 {
					continue // from supported to regular work, off the benefit
				}
				s, ok := last[e.Resident]
				if !ok || e.Month-s > int32(p.Sanction.Months) {
					continue
				}
				if e.Type.LeftWithoutWork() {
					off++
				} else {
					up++
				}
			}
		}
	}
	if up == 0 || off == 0 {
		t.Errorf("within %d months of a sanction: %d steps up and %d exits without work, want some of both", p.Sanction.Months, up, off)
	}
	t.Logf("within %d months of a sanction: %d steps up, %d exits without work", p.Sanction.Months, up, off)
}

func TestMechanism6MisfitCostsMoreTrust(t *testing.T) {
	need3 := Defaults().Ladder.Need3
	certain := func(p *Params) { tune(p, "sanctie", func(r *Regime) { r.SanctionProbability = 1 }); refusing(p) }
	never := func(p *Params) { tune(p, "sanctie", func(r *Regime) { r.SanctionProbability = 0 }); refusing(p) }
	single := func(p *Params) { p.Sanction.MisfitMultiplier = 1 }
	fit := with(ordinary, func(r *labResident) { r.rung = 1; r.trust = 0.6; r.resistance = 0.8; r.capacity = need3 + 0.2 })
	misfit := with(fit, func(r *labResident) { r.capacity = need3 - 0.2 })

	loss := func(r labResident, mods ...func(*Params)) (float64, MonthStats) {
		a, st := lab{policy: builtin("sanctie"), r: r, met: true, mods: append([]func(*Params){certain}, mods...)}.run(t)
		b, _ := lab{policy: builtin("sanctie"), r: r, met: true, mods: append([]func(*Params){never}, mods...)}.run(t)
		return meanOf(b, trustOf) - meanOf(a, trustOf), st
	}
	lossFit, stFit := loss(fit)
	lossMisfit, stMisfit := loss(misfit)
	if stFit.SanctionsMisfit != 0 || stMisfit.SanctionsMisfit != stMisfit.Sanctions || stMisfit.Sanctions == 0 {
		t.Fatalf("misfit sanctions: %d of %d for fitting capacity, %d of %d for misfitting; want none and all",
			stFit.SanctionsMisfit, stFit.Sanctions, stMisfit.SanctionsMisfit, stMisfit.Sanctions)
	}
	if !(lossMisfit > lossFit) {
		t.Errorf("trust lost by a sanction: %.4f when it does not fit capacity, %.4f when it does; want more", lossMisfit, lossFit)
	}
	lossMisfit1, _ := loss(misfit, single)
	if !(lossMisfit > lossMisfit1) {
		t.Errorf("trust lost by a misfitting sanction: %.4f with misfit_multiplier %v, %.4f with 1; want more",
			lossMisfit, Defaults().Sanction.MisfitMultiplier, lossMisfit1)
	}
	lossFit1, _ := loss(fit, single)
	if lossFit1 != lossFit {
		t.Errorf("trust lost by a fitting sanction: %.6f with misfit_multiplier %v, %.6f with 1; want equal",
			lossFit, Defaults().Sanction.MisfitMultiplier, lossFit1)
	}
	t.Logf("trust lost by one sanction: fitting %.4f, misfitting %.4f (%.4f with multiplier 1)", lossFit, lossMisfit, lossMisfit1)
}

// ---------------------------------------------------------------------------
// Mechanism 7: the longer on rung 4, the smaller the step to paid work.

func TestMechanism7LockIn(t *testing.T) {
	ready := with(eager, func(r *labResident) { r.rung = 4; r.efficacy, r.trust, r.resistance = 0.8, 0.8, 0.1 })
	onRung := func(months int16, mods ...func(*Params)) *Model {
		m, _ := lab{policy: builtin("nabijheid"), r: with(ready, func(r *labResident) { r.monthsOnRung = months }), met: true, mods: mods}.run(t)
		return m
	}
	durations := []int16{0, 12, 36, 72}
	models := make([]*Model, len(durations))
	for k, d := range durations {
		models[k] = onRung(d)
	}
	counts := []int{count(models[0], wentToWork)}
	for k := 1; k < len(durations); k++ {
		_, n := requireNested(t, "move to work after a shorter vs longer time on rung 4", models[k-1], models[k], wentToWork)
		counts = append(counts, n)
	}
	t.Logf("moved to work in one month after %v months on rung 4: %v (of %d)", durations, counts, labResidents)

	noLock := func(p *Params) { p.Work.LockIn = 0 }
	requireSameOutcome(t, "work.lock_in = 0: move to work after 0 vs 72 months on rung 4", onRung(0, noLock), onRung(72, noLock), wentToWork)
}

// TestMechanism7LockInLowersFlowToWork: over whole runs, work.lock_in > 0
// sends fewer residents on to work than no lock-in.
func TestMechanism7LockInLowersFlowToWork(t *testing.T) {
	const reps, months = 60, 60
	free, locked := Defaults(), Defaults()
	free.Months, locked.Months = months, months
	free.Work.LockIn = 0
	for _, pol := range []Policy{builtin("nabijheid"), builtin("morele-verplichting")} {
		t.Run(pol.Name, func(t *testing.T) {
			d := paired(t, pol, reps, free, locked, func(m *Model) float64 { return float64(m.Stats()[months].CumExitsToWork) })
			requireMeanAbove(t, "exits to work in 5 years, lock_in 0 minus default", d, 0, 4)
		})
	}
}

// ---------------------------------------------------------------------------
// Mechanism 8: professional time is finite; intensive policies reach fewer
// residents per month when the caseload is high.

func TestMechanism8FiniteTime(t *testing.T) {
	const months = 12
	reachedShare := func(p Params, pol Policy) ([]int, float64) {
		m := runFor(t, p, pol, 0, Options{})
		var reached []int
		share := 0.0
		for _, s := range m.Stats()[1:] {
			if s.HoursUsed > s.HoursTotal+1e-9 {
				t.Fatalf("%s month %d: %.1f hours used of %.1f", pol.Name, s.Month, s.HoursUsed, s.HoursTotal)
			}
			reached = append(reached, s.Reached)
			share += float64(s.Reached) / float64(s.OnBenefit) / months
		}
		return reached, share
	}
	caseload := func(n int) Params {
		p := Defaults()
		p.Months = months
		p.Professionals.Caseload = n
		return p
	}
	t.Run("intensive policy reaches fewer", func(t *testing.T) {
		_, low := reachedShare(caseload(40), builtin("nabijheid"))
		_, high := reachedShare(caseload(120), builtin("nabijheid"))
		if !(high < low-0.1) {
			t.Errorf("nabijheid: share of residents reached per month %.3f at caseload 120, %.3f at 40; want at least 0.1 lower", high, low)
		}
		t.Logf("nabijheid reaches %.3f of residents a month at caseload 40, %.3f at 120", low, high)
	})
	t.Run("light policy reaches everyone due unless administration fills the hours", func(t *testing.T) {
		noAdmin := func(n int) Params {
			p := caseload(n)
			p.Professionals.CaseAdminHours = 0
			return p
		}
		low, _ := reachedShare(noAdmin(40), builtin("afstand"))
		high, _ := reachedShare(noAdmin(120), builtin("afstand"))
		for k := range low {
			if low[k] != high[k] {
				t.Fatalf("afstand without case administration, month %d: reached %d at caseload 40 and %d at 120, want the same (a yearly call-up fits in any caseload)", k+1, low[k], high[k])
			}
		}
		// With half an hour of administration per case a month, 100 cases
		// leave 10 of 60 hours: some months' call-ups no longer fit.
		withAdmin, _ := reachedShare(caseload(120), builtin("afstand"))
		missed := 0
		for k := range low {
			missed += low[k] - withAdmin[k]
		}
		if missed <= 0 {
			t.Errorf("afstand at caseload 120: %d call-ups a year fewer with case administration, want some", missed)
		}
		t.Logf("afstand at caseload 120: %d call-ups in a year do not fit beside the administration", missed)
	})
	t.Run("no professional meets more than their hours allow", func(t *testing.T) {
		p := caseload(120)
		m := runFor(t, p, builtin("nabijheid"), 0, Options{})
		perProf := int(p.Professionals.HoursPerMonth / regimeOf(&p, builtin("nabijheid")).HoursPerContact)
		for _, s := range m.Stats()[1:] {
			if s.Reached > perProf*m.profs {
				t.Fatalf("month %d: reached %d, want at most %d professionals x %d contacts", s.Month, s.Reached, m.profs, perProf)
			}
		}
	})
}

// ---------------------------------------------------------------------------
// Mechanism 9: shocks knock people down the ladder.

func TestMechanism9ShocksKnockDown(t *testing.T) {
	need3 := Defaults().Ladder.Need3
	r := with(ordinary, func(r *labResident) { r.rung = 3; r.capacity = need3 + 0.05 })
	hit, st := lab{policy: builtin("afstand"), r: r, mods: []func(*Params){func(p *Params) { p.Shocks.Rate = 1 }}}.run(t)
	calm, stCalm := lab{policy: builtin("afstand"), r: r}.run(t)
	if n := count(hit, fell(3)); n != labResidents || st.MovesDown != labResidents {
		t.Errorf("a life event for everyone on rung 3 with little spare capacity: %d fell (MovesDown %d), want all %d", n, st.MovesDown, labResidents)
	}
	if n := count(calm, fell(3)); n != 0 || stCalm.MovesDown != 0 {
		t.Errorf("no life events: %d fell (MovesDown %d), want 0", n, stCalm.MovesDown)
	}
	for i := 0; i < hit.arrived; i++ {
		if !(hit.res[i].capacity() < calm.res[i].capacity()) {
			t.Fatalf("resident %d: capacity %.4f after a life event, %.4f without; want lower", i, hit.res[i].capacity(), calm.res[i].capacity())
		}
	}
}

// TestMechanism9ShocksMoreMovesDown: over whole runs, the default shock rate
// gives more moves down than no shocks.
func TestMechanism9ShocksMoreMovesDown(t *testing.T) {
	const reps, months = 12, 60
	shocks, none := Defaults(), Defaults()
	shocks.Months, none.Months = months, months
	none.Shocks.Rate = 0
	movesDown := func(m *Model) float64 {
		n := 0
		for _, s := range m.Stats()[1:] {
			n += s.MovesDown
		}
		return float64(n)
	}
	for _, pol := range []Policy{builtin("afstand"), builtin("morele-verplichting")} {
		t.Run(pol.Name, func(t *testing.T) {
			d := paired(t, pol, reps, shocks, none, movesDown)
			requireMeanAbove(t, "moves down in 5 years, shocks minus none", d, 0, 4)
		})
	}
}
