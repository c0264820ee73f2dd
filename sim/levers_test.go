package sim

// Direction tests of the levers (ODD 7.7, 7.15, 7.16, 7.18), of the
// tegenprestatie (7.5a), of durable barriers and of the return to baseline
// (7.2, 7.8), and of every setting of every policy's regime (7.17): each
// acting in its stated direction with all else equal, on common random
// numbers, and doing nothing at strength zero. The labs are those of
// mechanisms_test.go.

import (
	"fmt"
	"math"
	"testing"
)

func sanctioned(m *Model, i int) bool { return m.res[i].nSanctions > 0 }

// sumOwed is the hours of sanctions the professionals owe next month.
func sumOwed(m *Model) float64 {
	s := 0.0
	for _, h := range m.owed {
		s += h
	}
	return s
}

func TestLeverRoleSeparationShieldsTrustOnly(t *testing.T) {
	// Trust stays below resistance.trust_threshold, so that the trust the
	// shield keeps does not lower resistance in the same month.
	r := with(ordinary, func(r *labResident) { r.rung = 1; r.trust = 0.4; r.resistance = 0.8 })
	certain := func(p *Params) { tune(p, "sanctie", func(r *Regime) { r.SanctionProbability = 1 }); refusing(p) }
	separated := func(p *Params) { p.Levers.RoleSeparation = true }
	noShield := func(p *Params) { p.Sanction.RoleSeparationShield = 0 }
	team, stTeam := lab{policy: builtin("sanctie"), r: r, met: true, mods: []func(*Params){certain}}.run(t)
	naleving, stNaleving := lab{policy: builtin("sanctie"), r: r, met: true, mods: []func(*Params){certain, separated}}.run(t)
	if stTeam.Sanctions != labResidents || stNaleving.Sanctions != labResidents {
		t.Fatalf("sanctions %d and %d, want %d each", stTeam.Sanctions, stNaleving.Sanctions, labResidents)
	}
	requireEveryHigher(t, "trust after a sanction brought by Naleving vs by the team", naleving, team, trustOf)
	requireEveryEqual(t, "resistance, Naleving vs team", naleving, team, resistanceOf)
	requireEveryEqual(t, "self-efficacy, Naleving vs team", naleving, team, efficacyOf)
	requireEveryEqual(t, "pressure, Naleving vs team", naleving, team, pressureOf)
	unshielded, _ := lab{policy: builtin("sanctie"), r: r, met: true, mods: []func(*Params){certain, separated, noShield}}.run(t)
	requireEveryEqual(t, "trust with role separation but no shield, vs the team", unshielded, team, trustOf)

	// The hard conversation costs hours: the team's own, owed from next
	// month, or the enforcement department's.
	hours := Defaults().Sanction.Hours * labResidents
	if got := sumOwed(team); math.Abs(got-hours) > 1e-6 || stTeam.NalevingHours != 0 {
		t.Errorf("without role separation: the team owes %.1f hours and Naleving books %.1f; want %.1f and 0", got, stTeam.NalevingHours, hours)
	}
	if got := sumOwed(naleving); got != 0 || math.Abs(stNaleving.NalevingHours-hours) > 1e-6 {
		t.Errorf("with role separation: the team owes %.1f hours and Naleving books %.1f; want 0 and %.1f", got, stNaleving.NalevingHours, hours)
	}
}

func TestLeverGroupTrainingPeerSupport(t *testing.T) {
	on := func(p *Params) { p.Levers.GroupTraining = true }
	noSteps := func(p *Params) { p.Ladder.SelfRate, p.Ladder.SupportRate = 0, 0 }
	noPeers := func(p *Params) { p.Efficacy.PeerSupport = 0 }
	r := with(ordinary, func(r *labResident) { r.efficacy = 0.4 })
	trained, _ := lab{policy: builtin("afstand"), r: r, met: true, mods: []func(*Params){on, noSteps}}.run(t)
	plain, _ := lab{policy: builtin("afstand"), r: r, met: true, mods: []func(*Params){noSteps}}.run(t)
	seekers, resistant := 0, 0
	for i := 0; i < trained.arrived; i++ {
		switch trained.res[i].kind {
		case SupportSeeker:
			seekers++
			if !(trained.res[i].efficacy > plain.res[i].efficacy) {
				t.Fatalf("support-seeker %d after the intake: self-efficacy %.4f with group training, %.4f without; want more", i, trained.res[i].efficacy, plain.res[i].efficacy)
			}
		case Resistant:
			resistant++
			if trained.res[i].efficacy != plain.res[i].efficacy {
				t.Fatalf("resistant resident %d: self-efficacy %.4f with group training, %.4f without; want the same (no training with resistance)", i, trained.res[i].efficacy, plain.res[i].efficacy)
			}
		}
	}
	if seekers == 0 || resistant == 0 {
		t.Fatalf("%d support-seekers and %d resistant residents, want both", seekers, resistant)
	}
	for _, c := range []struct {
		name string
		a, b lab
	}{
		{"no individual intake, no group training", lab{policy: builtin("afstand"), r: r, mods: []func(*Params){on, noSteps}}, lab{policy: builtin("afstand"), r: r, mods: []func(*Params){noSteps}}},
		{"efficacy.peer_support = 0", lab{policy: builtin("afstand"), r: r, met: true, mods: []func(*Params){on, noSteps, noPeers}}, lab{policy: builtin("afstand"), r: r, met: true, mods: []func(*Params){noSteps}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, _ := c.a.run(t)
			b, _ := c.b.run(t)
			requireEveryEqual(t, "self-efficacy", a, b, efficacyOf)
		})
	}
	t.Run("the training ends after its months", func(t *testing.T) {
		m := lab{policy: builtin("afstand"), r: r, mods: []func(*Params){on, noSteps}}.build(t)
		ref := lab{policy: builtin("afstand"), r: r, mods: []func(*Params){noSteps}}.build(t)
		g := int16(m.p.Levers.GroupTrainingMonths)
		for _, x := range []*Model{m, ref} {
			for i := 0; i < x.arrived; i++ {
				x.res[i].everContact, x.res[i].firstContact = true, 1-g // intake G months before month 1
			}
		}
		labMonth(m, false)
		labMonth(ref, false)
		requireEveryEqual(t, "self-efficacy G months after the intake", m, ref, efficacyOf)
	})
}

func TestLeverJudgementNoiseShrinksWithHours(t *testing.T) {
	need3 := Defaults().Ladder.Need3
	// Residents who cannot carry the demanded rung and refuse it: under
	// maatwerk only an error of judgement sanctions them.
	r := with(ordinary, func(r *labResident) { r.rung = 1; r.capacity = need3 - 0.05; r.resistance = 0.7 })
	maatwerk := func(hours, noise float64) lab {
		return lab{policy: builtin("maatwerk"), r: r, met: true, mods: []func(*Params){refusing, func(p *Params) {
			tune(p, "maatwerk", func(r *Regime) { r.SanctionProbability = 1 })
			tune(p, "maatwerk", func(r *Regime) { r.HoursPerContact = hours })
			p.Professionals.JudgementNoise = noise
		}}}
	}
	short, _ := maatwerk(1, 0.25).run(t)
	long, _ := maatwerk(4, 0.25).run(t)
	a, b := requireNested(t, "misfit sanction after a 1-hour vs a 4-hour contact", short, long, sanctioned)
	t.Logf("misfit sanctions under maatwerk: %d after 1-hour contacts, %d after 4-hour contacts", a, b)
	exact, st := maatwerk(1, 0).run(t)
	if n := count(exact, sanctioned); n != 0 || st.SanctionsMisfit != 0 {
		t.Errorf("judgement without noise: %d residents sanctioned (%d misfit), want none: all are judged unable", n, st.SanctionsMisfit)
	}
}

func TestMaatwerkSanctionsOnlyWhoIsJudgedAble(t *testing.T) {
	need3 := Defaults().Ladder.Need3
	refuser := with(ordinary, func(r *labResident) { r.rung = 1; r.resistance = 0.7 })
	able := with(refuser, func(r *labResident) { r.capacity = need3 + 0.1 })
	unable := with(refuser, func(r *labResident) { r.capacity = need3 - 0.1 })
	exact := func(p *Params) {
		p.Professionals.JudgementNoise = 0
		tune(p, "maatwerk", func(r *Regime) { r.SanctionProbability = 1 })
		tune(p, "sanctie", func(r *Regime) { r.SanctionProbability = 1 })
		refusing(p)
	}
	for _, c := range []struct {
		policy Policy
		r      labResident
		want   int
	}{
		{builtin("maatwerk"), able, labResidents},
		{builtin("maatwerk"), unable, 0},
		{builtin("sanctie"), able, labResidents},
		{builtin("sanctie"), unable, labResidents},
	} {
		m, _ := lab{policy: c.policy, r: c.r, met: true, mods: []func(*Params){exact}}.run(t)
		if n := count(m, sanctioned); n != c.want {
			t.Errorf("%s, capacity %.2f against a need of %.2f: %d sanctioned, want %d", c.policy.Name, c.r.capacity, need3, n, c.want)
		}
	}
}

func TestKindSwitching(t *testing.T) {
	pr := Defaults().Population
	for _, c := range []struct {
		name       string
		resistance float64
		mods       []func(*Params)
		want       func(start Kind) Kind
	}{
		{"resistance above kind_to_resistant: resistant", pr.KindToResistant + 0.05, nil, func(Kind) Kind { return Resistant }},
		{"resistance below kind_to_seeker: support-seeker", pr.KindToSeeker - 0.05, nil, func(Kind) Kind { return SupportSeeker }},
		{"between the thresholds: no switch", (pr.KindToSeeker + pr.KindToResistant) / 2, nil, func(k Kind) Kind { return k }},
		{"thresholds out of reach: no switch", pr.KindToResistant + 0.05, []func(*Params){func(p *Params) { p.Population.KindToResistant, p.Population.KindToSeeker = 1, 0 }}, func(k Kind) Kind { return k }},
	} {
		t.Run(c.name, func(t *testing.T) {
			m, _ := lab{policy: builtin("afstand"), r: with(ordinary, func(r *labResident) { r.resistance = c.resistance }), mods: c.mods}.run(t)
			st := MonthStats{}
			m.endOfMonth(&st)
			switched := 0
			for i := 0; i < m.arrived; i++ {
				if want := c.want(m.res[i].startKind); m.res[i].kind != want {
					t.Fatalf("resident %d (started %v, resistance %.3f): kind %v, want %v", i, m.res[i].startKind, m.res[i].resistance, m.res[i].kind, want)
				}
				if m.res[i].switched != (m.res[i].kind != m.res[i].startKind) {
					t.Fatalf("resident %d: switched %v, kind %v, start kind %v", i, m.res[i].switched, m.res[i].kind, m.res[i].startKind)
				}
				if m.res[i].switched {
					switched++
				}
			}
			t.Logf("%d of %d residents switched kind", switched, m.arrived)
		})
	}
}

// placesAt returns the places (activity plus volunteer) of every
// neighbourhood after growPlaces in month t.
func placesAt(t *testing.T, p Params, month int) int {
	t.Helper()
	m, err := New(p, builtin("afstand"), 1, 0, Options{})
	if err != nil {
		t.Fatal(err)
	}
	m.month = month
	m.growPlaces()
	n := 0
	for h := 0; h < m.hoods; h++ {
		n += int(m.activityCap[h] + m.volunteerCap[h])
	}
	return n
}

func TestLeverCollectiveWorkCreatesPlaces(t *testing.T) {
	base := Defaults()
	collective := func(share, hours float64, ramp int) Params {
		p := Defaults()
		p.Levers.CollectiveShare, p.Professionals.HoursPerMonth, p.Levers.CollectiveRampMonths = share, hours, ramp
		return p
	}
	none := placesAt(t, base, 24)
	if want := base.Population.Neighbourhoods * (base.Places.Activity + base.Places.Volunteer); none != want {
		t.Fatalf("no collective work: %d places, want the base %d", none, want)
	}
	// The ramp: places build up month by month until the ramp is over.
	p := collective(0.3, 60, 12)
	prev := none
	for month := 1; month <= 12; month++ {
		n := placesAt(t, p, month)
		if n < prev {
			t.Fatalf("month %d: %d places, fewer than the %d of the month before", month, n, prev)
		}
		prev = n
	}
	if first, full := placesAt(t, p, 1), placesAt(t, p, 12); !(first < full) || placesAt(t, p, 36) != full {
		t.Errorf("ramp of 12 months: %d places in month 1, %d in month 12, %d in month 36; want a rise, then none", first, full, placesAt(t, p, 36))
	}
	if at1, full := placesAt(t, collective(0.3, 60, 1), 1), placesAt(t, p, 12); at1 != full {
		t.Errorf("ramp of 1 month: %d places in month 1, want the full %d", at1, full)
	}
	// Places follow the hours spent: a larger share, or more hours each.
	for _, c := range []struct {
		name      string
		more, few Params
	}{
		{"collective share 0.3 vs 0.15", collective(0.3, 60, 1), collective(0.15, 60, 1)},
		{"60 vs 15 hours a month at the same share", collective(0.3, 60, 1), collective(0.3, 15, 1)},
		{"share 0.15 vs none", collective(0.15, 60, 1), collective(0, 60, 1)},
	} {
		if a, b := placesAt(t, c.more, 12), placesAt(t, c.few, 12); !(a > b) {
			t.Errorf("%s: %d vs %d places, want more", c.name, a, b)
		}
	}
}

func TestLeverCollectiveWorkTakesContactHours(t *testing.T) {
	month := func(share float64) MonthStats {
		p := Defaults()
		p.Months = 1
		p.Levers.CollectiveShare = share
		m := runFor(t, p, builtin("nabijheid"), 0, Options{})
		return m.Stats()[1]
	}
	none, some := month(0), month(0.3)
	if !(some.Reached < none.Reached && some.HoursUsed < none.HoursUsed && some.HoursCollective > none.HoursCollective) {
		t.Errorf("nabijheid with a third of the hours on collective work: reached %d (vs %d), contact hours %.0f (vs %.0f), collective hours %.0f (vs %.0f); want fewer, fewer, more",
			some.Reached, none.Reached, some.HoursUsed, none.HoursUsed, some.HoursCollective, none.HoursCollective)
	}
	if some.HoursTotal != none.HoursTotal {
		t.Errorf("paid hours %.0f with collective work, %.0f without; want the same", some.HoursTotal, none.HoursTotal)
	}
}

func TestLeverFieldWorkerChoosesAbleAndWilling(t *testing.T) {
	d := Defaults()
	need := d.Ladder.Need5 - d.Levers.FieldWorkerRelief
	fieldWork := func(p *Params) { p.Levers.FieldWorkers, p.Levers.FieldWorkerJobs = 1, 5 }
	able := with(ordinary, func(r *labResident) { r.rung = 3; r.capacity = need + 0.05; r.trust, r.resistance = 0.6, 0.2 })
	jobs := func(r labResident, mods ...func(*Params)) int {
		m := lab{policy: builtin("afstand"), r: r, mods: append([]func(*Params){fieldWork}, mods...)}.build(t)
		st := MonthStats{}
		m.fieldWork(&st)
		if n := count(m, wentToWork); n != st.ExitsToWork {
			t.Fatalf("%d residents in work, %d exits to work counted", n, st.ExitsToWork)
		}
		return st.ExitsToWork
	}
	want := d.Population.Neighbourhoods * 5
	if n := jobs(able); n != want {
		t.Fatalf("able and willing residents on rung 3: %d jobs, want %d (5 per neighbourhood)", n, want)
	}
	capAt4 := func(p *Params) { p.Population.ShareCeiling4 = 1 }
	for _, c := range []struct {
		name string
		r    labResident
		mods []func(*Params)
	}{
		{"capacity below the need of a neighbourhood job", with(able, func(r *labResident) { r.capacity = need - 0.05 }), nil},
		{"unwilling: resistance above trust", with(able, func(r *labResident) { r.trust, r.resistance = 0.2, 0.6 }), nil},
		{"on rung 2", with(able, func(r *labResident) { r.rung = 2 }), nil},
		{"rung 4 the highest reachable", able, []func(*Params){capAt4}},
		{"no field workers", able, []func(*Params){func(p *Params) { p.Levers.FieldWorkers = 0 }}},
	} {
		if n := jobs(c.r, c.mods...); n != 0 {
			t.Errorf("%s: %d jobs, want none", c.name, n)
		}
	}
}

func TestDropOutFallsWithEfficacy(t *testing.T) {
	noSteps := func(p *Params) { p.Ladder.SelfRate, p.Ladder.SupportRate = 0, 0 }
	drops := func(p *Params) { p.Ladder.DropRate = 0.2 }
	on3 := with(ordinary, func(r *labResident) { r.rung = 3; r.capacity = 0.9 })
	low, _ := lab{policy: builtin("afstand"), r: with(on3, func(r *labResident) { r.efficacy = 0.2 }), mods: []func(*Params){noSteps, drops}}.run(t)
	high, _ := lab{policy: builtin("afstand"), r: with(on3, func(r *labResident) { r.efficacy = 0.8 }), mods: []func(*Params){noSteps, drops}}.run(t)
	a, b := requireNested(t, "drop-out from rung 3 with self-efficacy 0.2 vs 0.8", low, high, fell(3))
	t.Logf("drop-outs from rung 3: %d at self-efficacy 0.2, %d at 0.8", a, b)
	off, _ := lab{policy: builtin("afstand"), r: with(on3, func(r *labResident) { r.efficacy = 0.2 }), mods: []func(*Params){noSteps, func(p *Params) { p.Ladder.DropRate = 0 }}}.run(t)
	if n := count(off, fell(3)); n != 0 {
		t.Errorf("drop-outs with ladder.drop_rate 0: %d, want none", n)
	}
}

func TestOverloadDropOut(t *testing.T) {
	need3 := Defaults().Ladder.Need3
	noSteps := func(p *Params) { p.Ladder.SelfRate, p.Ladder.SupportRate, p.Ladder.DropRate = 0, 0, 0 }
	on3 := with(ordinary, func(r *labResident) { r.rung = 3 })
	over, _ := lab{policy: builtin("afstand"), r: with(on3, func(r *labResident) { r.capacity = need3 - 0.05 }), mods: []func(*Params){noSteps}}.run(t)
	fits, _ := lab{policy: builtin("afstand"), r: with(on3, func(r *labResident) { r.capacity = need3 + 0.05 }), mods: []func(*Params){noSteps}}.run(t)
	a, b := requireNested(t, "drop-out from rung 3 with capacity below vs above its need", over, fits, fell(3))
	if b != 0 {
		t.Errorf("%d residents who can carry rung 3 dropped out without a drop rate", b)
	}
	t.Logf("overloaded residents on rung 3: %d of %d dropped out in a month", a, labResidents)
	off, _ := lab{policy: builtin("afstand"), r: with(on3, func(r *labResident) { r.capacity = need3 - 0.05 }), mods: []func(*Params){noSteps, func(p *Params) { p.Ladder.OverloadDrop = 0 }}}.run(t)
	if n := count(off, fell(3)); n != 0 {
		t.Errorf("ladder.overload_drop 0: %d overloaded residents dropped out, want none", n)
	}
}

func TestBarrierWorkStopsAtTheDurablePart(t *testing.T) {
	full := func(p *Params) { tune(p, "nabijheid", func(r *Regime) { r.BarrierWork = 1 }) }
	r := with(ordinary, func(r *labResident) { r.capacity = 0.3 })
	m, _ := lab{policy: builtin("nabijheid"), r: r, met: true, mods: []func(*Params){full}}.run(t)
	for i := 0; i < m.arrived; i++ {
		for b := range m.res[i].barrier {
			if math.Abs(m.res[i].barrier[b]-m.res[i].durable[b]) > 1e-12 {
				t.Fatalf("resident %d, barrier %d: %.4f after complete barrier work, want its durable part %.4f", i, b, m.res[i].barrier[b], m.res[i].durable[b])
			}
		}
	}
	d := Defaults().Barriers
	want := 1 - (1-r.capacity)*(d.DurableDebts+d.DurableHealth+d.DurableCare+d.DurableLanguage)/4
	if got := m.res[0].capacity(); math.Abs(got-want) > 1e-12 || !(got < 1) {
		t.Errorf("capacity after complete barrier work %.4f, want %.4f: the durable parts stay", got, want)
	}
	// Without durable parts every barrier can go.
	none := func(p *Params) { p.Barriers = BarrierParams{} }
	clean, _ := lab{policy: builtin("nabijheid"), r: r, met: true, mods: []func(*Params){full, none}}.run(t)
	if c := clean.res[0].capacity(); c != 1 {
		t.Errorf("capacity after complete barrier work without durable parts: %.4f, want 1", c)
	}
	// More durable, less removed: the same work leaves more.
	partial := func(p *Params) { tune(p, "nabijheid", func(r *Regime) { r.BarrierWork = 0.3 }) }
	lasting := func(p *Params) { p.Barriers.DurableHealth = 0.9 }
	a, _ := lab{policy: builtin("nabijheid"), r: r, met: true, mods: []func(*Params){partial}}.run(t)
	b, _ := lab{policy: builtin("nabijheid"), r: r, met: true, mods: []func(*Params){partial, lasting}}.run(t)
	capacityOf := func(m *Model, i int) float64 { return m.res[i].capacity() }
	requireEveryHigher(t, "capacity after barrier work, health durable 0.6 vs 0.9", a, b, capacityOf)
}

func TestAttitudesReturnToBaseline(t *testing.T) {
	back := func(p *Params) { p.Attitudes.Reversion = 0.1 }
	noSteps := func(p *Params) { p.Ladder.SelfRate, p.Ladder.SupportRate = 0, 0 }
	for _, c := range []struct {
		name  string
		set   func(m *Model, i int) // moves the state away from the baseline
		field field
		up    bool // whether the state lies below the baseline, so it must rise
	}{
		{"trust above its baseline falls", func(m *Model, i int) { m.res[i].trust = m.res[i].baseTrust + 0.3 }, trustOf, false},
		{"trust below its baseline rises", func(m *Model, i int) { m.res[i].trust = m.res[i].baseTrust / 2 }, trustOf, true},
		// Trust at 0.3, below resistance.trust_threshold, does not lower
		// resistance by itself.
		{"resistance below its baseline rises", func(m *Model, i int) { m.res[i].resistance = m.res[i].baseResist / 2; m.res[i].trust = 0.3 }, resistanceOf, true},
		{"self-efficacy above its baseline falls", func(m *Model, i int) { m.res[i].efficacy = m.res[i].baseEfficacy + 0.3 }, efficacyOf, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, on := range []bool{true, false} {
				mods := []func(*Params){noSteps}
				if on {
					mods = append(mods, back)
				}
				m := lab{policy: builtin("afstand"), r: ordinary, mods: mods}.build(t)
				before := make([]float64, m.arrived)
				for i := 0; i < m.arrived; i++ {
					c.set(m, i)
					before[i] = c.field(m, i)
				}
				labMonth(m, false)
				for i := 0; i < m.arrived; i++ {
					after := c.field(m, i)
					switch {
					case !on && after != before[i]:
						t.Fatalf("attitudes.reversion 0: resident %d moved from %.4f to %.4f", i, before[i], after)
					case on && c.up && !(after > before[i]):
						t.Fatalf("resident %d: %.4f after a month, %.4f before; want a rise towards the baseline", i, after, before[i])
					case on && !c.up && !(after < before[i]):
						t.Fatalf("resident %d: %.4f after a month, %.4f before; want a fall towards the baseline", i, after, before[i])
					}
				}
			}
		})
	}
}

// TestRegimeSettings changes one setting of each policy's regime at a
// time and checks its direction under that policy.
func TestRegimeSettings(t *testing.T) {
	setting := func(pol Policy, f func(*Regime)) func(*Params) {
		return func(p *Params) { tune(p, pol.Name, f) }
	}
	for _, pol := range builtins() {
		t.Run(pol.Name, func(t *testing.T) {
			set := func(f func(*Regime)) func(*Params) { return setting(pol, f) }
			on3 := with(ordinary, func(r *labResident) { r.rung = 3; r.capacity = 0.9; r.trust = 0.3 })

			t.Run("attention builds trust", func(t *testing.T) {
				hi, _ := lab{policy: pol, r: on3, met: true, mods: []func(*Params){set(func(r *Regime) { r.Attention = 0.8 })}}.run(t)
				lo, _ := lab{policy: pol, r: on3, met: true, mods: []func(*Params){set(func(r *Regime) { r.Attention = 0.1 })}}.run(t)
				requireEveryHigher(t, "trust, attention 0.8 vs 0.1", hi, lo, trustOf)
			})
			t.Run("control adds pressure", func(t *testing.T) {
				hi, _ := lab{policy: pol, r: on3, met: true, mods: []func(*Params){set(func(r *Regime) { r.Control = 0.8 })}}.run(t)
				lo, _ := lab{policy: pol, r: on3, met: true, mods: []func(*Params){set(func(r *Regime) { r.Control = 0.1 })}}.run(t)
				requireEveryHigher(t, "pressure, control 0.8 vs 0.1", hi, lo, pressureOf)
			})
			t.Run("barrier work lifts capacity", func(t *testing.T) {
				low := with(on3, func(r *labResident) { r.capacity = 0.5 })
				hi, _ := lab{policy: pol, r: low, met: true, mods: []func(*Params){set(func(r *Regime) { r.BarrierWork = 0.2 })}}.run(t)
				lo, _ := lab{policy: pol, r: low, met: true, mods: []func(*Params){set(func(r *Regime) { r.BarrierWork = 0 })}}.run(t)
				requireEveryHigher(t, "capacity, barrier work 0.2 vs 0", hi, lo, func(m *Model, i int) float64 { return m.res[i].capacity() })
			})
			t.Run("appeal makes steps likelier", func(t *testing.T) {
				willing := with(on3, func(r *labResident) { r.trust, r.resistance, r.efficacy = 0.4, 0.5, 0.8 })
				hi, _ := lab{policy: pol, r: willing, met: true, mods: []func(*Params){set(func(r *Regime) { r.Appeal = 0.5 })}}.run(t)
				lo, _ := lab{policy: pol, r: willing, met: true, mods: []func(*Params){set(func(r *Regime) { r.Appeal = 0 })}}.run(t)
				requireNested(t, "step up from rung 3, appeal 0.5 vs 0", hi, lo, steppedUpFrom(3))
			})
			t.Run("more frequent contact reaches more", func(t *testing.T) {
				reached := func(interval int) int {
					p := Defaults()
					p.Months = 12
					p.Professionals.Caseload = 10 // time for every contact due
					tune(&p, pol.Name, func(r *Regime) { r.ContactInterval, r.HoursPerContact = interval, 1 })
					m := runFor(t, p, pol, 0, Options{})
					n := 0
					for _, s := range m.Stats()[1:] {
						n += s.Reached
					}
					return n
				}
				if a, b := reached(2), reached(6); !(a > b) {
					t.Errorf("contacts in a year: %d every 2 months, %d every 6 months; want more", a, b)
				}
			})
			t.Run("longer contacts reach fewer with the same hours", func(t *testing.T) {
				reached := func(hours float64) int {
					p := Defaults()
					p.Months = 3
					tune(&p, pol.Name, func(r *Regime) { r.ContactInterval, r.HoursPerContact = 1, hours })
					m := runFor(t, p, pol, 0, Options{})
					return m.Stats()[1].Reached
				}
				if a, b := reached(1), reached(3); !(a > b) {
					t.Errorf("residents met in month 1: %d with 1-hour contacts, %d with 3-hour contacts; want more", a, b)
				}
			})
			t.Run("a demanded rung asks the tegenprestatie", func(t *testing.T) {
				below := with(ordinary, func(r *labResident) { r.rung = 1; r.capacity = 0.9 })
				on := set(func(r *Regime) { r.DemandRung = 3 })
				off := set(func(r *Regime) { r.DemandRung = 0 })
				asked, stAsked := lab{policy: pol, r: below, met: true, mods: []func(*Params){on}}.run(t)
				free, stFree := lab{policy: pol, r: below, met: true, mods: []func(*Params){off}}.run(t)
				if stAsked.Demands != labResidents || stAsked.Placements == 0 || stFree.Demands != 0 || stFree.Placements != 0 {
					t.Fatalf("demanded rung 3: %d asked, %d placed; none: %d asked, %d placed; want all asked and some placed, then none",
						stAsked.Demands, stAsked.Placements, stFree.Demands, stFree.Placements)
				}
				if a, b := count(asked, onRung(3)), count(free, onRung(3)); !(a > b) {
					t.Errorf("on rung 3 after the month: %d with a demanded rung, %d without; want more", a, b)
				}
			})
			t.Run("a higher sanction probability sanctions more refusals", func(t *testing.T) {
				refuser := with(ordinary, func(r *labResident) { r.rung = 1; r.capacity = 0.9; r.resistance = 0.7 })
				prob := func(pi float64) func(*Params) {
					return set(func(r *Regime) { r.DemandRung, r.SanctionProbability = 3, pi })
				}
				hi, _ := lab{policy: pol, r: refuser, met: true, mods: []func(*Params){refusing, prob(0.6)}}.run(t)
				lo, _ := lab{policy: pol, r: refuser, met: true, mods: []func(*Params){refusing, prob(0.3)}}.run(t)
				requireNested(t, "sanctioned, probability 0.6 vs 0.3", hi, lo, sanctioned)
				none, _ := lab{policy: pol, r: refuser, met: true, mods: []func(*Params){refusing, prob(0)}}.run(t)
				if n := count(none, sanctioned); n != 0 {
					t.Errorf("sanction probability 0: %d sanctioned", n)
				}
			})
		})
	}
}

func onRung(r int8) outcome {
	return func(m *Model, i int) bool { return m.res[i].status == OnBenefit && m.res[i].rung == r }
}

// TestBuiltInRegimesDemand checks what the built-in policies ask of
// residents below rung 3 over a year on the default scenario: afstand and
// nabijheid demand nothing and never sanction; the three others demand the
// tegenprestatie; only sanctie and maatwerk sanction.
func TestBuiltInRegimesDemand(t *testing.T) {
	for _, c := range []struct {
		policy              Policy
		demands, sanctioned bool
	}{
		{builtin("afstand"), false, false},
		{builtin("morele-verplichting"), true, false},
		{builtin("sanctie"), true, true},
		{builtin("maatwerk"), true, true},
		{builtin("nabijheid"), false, false},
	} {
		p := Defaults()
		p.Months = 12
		m := runFor(t, p, c.policy, 0, Options{})
		var demands, placements, sanctions int
		for _, s := range m.Stats()[1:] {
			demands += s.Demands
			placements += s.Placements
			sanctions += s.Sanctions
		}
		if (demands > 0) != c.demands || (placements > 0) != c.demands || (sanctions > 0) != c.sanctioned {
			t.Errorf("%s: %d demands, %d placements, %d sanctions in a year; want demands %v, sanctions %v",
				c.policy.Name, demands, placements, sanctions, c.demands, c.sanctioned)
		}
	}
}

// TestTegenprestatie checks the consequences of the demand (ODD 7.5a):
// progress for who can carry the place, humiliation and no progress for
// who cannot, a place needed, and the hold of a place entered as a
// tegenprestatie.
func TestTegenprestatie(t *testing.T) {
	need3 := Defaults().Ladder.Need3
	willing := with(ordinary, func(r *labResident) { r.rung = 1; r.trust, r.resistance = 0.8, 0.1 })
	carries := with(willing, func(r *labResident) { r.capacity = need3 + 0.1 })
	cannot := with(willing, func(r *labResident) { r.capacity = need3 - 0.1 })
	noSteps := func(p *Params) { p.Ladder.SelfRate, p.Ladder.SupportRate = 0, 0 }
	demand := func(d int) func(*Params) {
		return func(p *Params) { tune(p, "morele-verplichting", func(r *Regime) { r.DemandRung = d }) }
	}

	t.Run("progress for who can carry it", func(t *testing.T) {
		m, st := lab{policy: builtin("morele-verplichting"), r: carries, met: true, mods: []func(*Params){noSteps, demand(3)}}.run(t)
		ref, _ := lab{policy: builtin("morele-verplichting"), r: carries, met: true, mods: []func(*Params){noSteps, demand(0)}}.run(t)
		if st.Placements == 0 {
			t.Fatal("no one placed")
		}
		for i := 0; i < m.arrived; i++ {
			if m.res[i].rung == 3 {
				if !m.res[i].demanded || !(m.res[i].efficacy > ref.res[i].efficacy) {
					t.Fatalf("resident %d placed: demanded %v, self-efficacy %.4f vs %.4f without the demand; want a gain", i, m.res[i].demanded, m.res[i].efficacy, ref.res[i].efficacy)
				}
			}
		}
	})
	t.Run("humiliation and no gain for who cannot", func(t *testing.T) {
		m, st := lab{policy: builtin("morele-verplichting"), r: cannot, met: true, mods: []func(*Params){noSteps, demand(3)}}.run(t)
		ref, _ := lab{policy: builtin("morele-verplichting"), r: cannot, met: true, mods: []func(*Params){noSteps, demand(0)}}.run(t)
		if st.Placements == 0 {
			t.Fatal("no one placed")
		}
		requireEveryHigher(t, "self-efficacy without vs with a demand beyond capacity", ref, m, efficacyOf)
	})
	t.Run("no second step in the month of the placement", func(t *testing.T) {
		eagerBelow := with(eager, func(r *labResident) { r.rung = 1 })
		m, st := lab{policy: builtin("morele-verplichting"), r: eagerBelow, met: true, mods: []func(*Params){demand(3), func(p *Params) { p.Ladder.SupportRate = 1 }}}.run(t)
		if st.Placements == 0 {
			t.Fatal("no one placed")
		}
		for i := 0; i < m.arrived; i++ {
			if m.res[i].status != OnBenefit || m.res[i].rung > 3 {
				t.Fatalf("resident %d, on rung 1 at the start of the month: %v on rung %d after it, want rung 3 at most", i, m.res[i].status, m.res[i].rung)
			}
			if m.res[i].demanded && m.res[i].monthsOnRung != 1 {
				t.Fatalf("resident %d placed on rung 3: %d months on it after the month, want 1", i, m.res[i].monthsOnRung)
			}
		}
	})
	t.Run("assigned at a share of the contacts where the resident complies", func(t *testing.T) {
		assign := func(s float64) func(*Params) {
			return func(p *Params) { p.Tegenprestatie.AssignShare = s }
		}
		run := func(r labResident, s float64) (*Model, MonthStats) {
			return lab{policy: builtin("morele-verplichting"), r: r, met: true, mods: []func(*Params){noSteps, demand(3), assign(s)}}.run(t)
		}
		all, stAll := run(carries, 1)
		some, stSome := run(carries, 0.3)
		none, stNone := run(carries, 0)
		for _, c := range []struct {
			share  float64
			st     MonthStats
			placed bool
		}{{1, stAll, true}, {0.3, stSome, true}, {0, stNone, false}} {
			if c.st.Demands != stAll.Demands || c.st.Refusals != stAll.Refusals {
				t.Errorf("assign share %v: %d demands and %d refusals; want %d and %d, as with every complier assigned (the obligations hold whatever is assigned)", c.share, c.st.Demands, c.st.Refusals, stAll.Demands, stAll.Refusals)
			}
			if (c.st.Placements > 0) != c.placed {
				t.Errorf("assign share %v: %d placed", c.share, c.st.Placements)
			}
		}
		if !(stSome.Placements < stAll.Placements) {
			t.Errorf("placed with assign share 0.3: %d, with 1: %d; want fewer", stSome.Placements, stAll.Placements)
		}
		onTegenprestatie := func(m *Model, i int) bool { return m.res[i].status == OnBenefit && m.res[i].demanded }
		requireNested(t, "placed for the tegenprestatie, assign share 1 vs 0.3", all, some, onTegenprestatie)
		// Of the residents who comply, the share assigned is the assign
		// share, however willing they are (here about 6 in 10 comply).
		lukewarm := with(carries, func(r *labResident) { r.trust, r.resistance = 0.4, 0.4 })
		_, lAll := run(lukewarm, 1)
		_, lSome := run(lukewarm, 0.3)
		if lAll.Refusals == 0 || lAll.Placements == 0 {
			t.Fatalf("lukewarm residents: %d refused and %d placed; want some of each", lAll.Refusals, lAll.Placements)
		}
		// 0.3 within 5 standard errors of a binomial share.
		if got, se := float64(lSome.Placements)/float64(lAll.Placements), math.Sqrt(0.3*0.7/float64(lAll.Placements)); math.Abs(got-0.3) > 5*se {
			t.Errorf("lukewarm residents: %.3f of the compliers assigned with assign share 0.3; want 0.3 ± %.3f", got, 5*se)
		}
		// The outcome counts them, in a whole run too.
		p := Defaults()
		p.Months = 24
		m := runFor(t, p, builtin("maatwerk"), 0, Options{})
		if got, n := m.Stats()[p.Months].OnTegenprestatie, count(m, onTegenprestatie); got != n || n == 0 {
			t.Errorf("maatwerk, month 24: MonthStats.OnTegenprestatie %d; %d residents on a place taken as the tegenprestatie (want equal, and some)", got, n)
		}
		if n := count(none, onRung(3)); n != 0 {
			t.Errorf("assign share 0: %d on rung 3; want none", n)
		}
	})
	t.Run("no place, no placement", func(t *testing.T) {
		noPlaces := func(p *Params) { p.Places.Activity = 0 }
		m, st := lab{policy: builtin("morele-verplichting"), r: carries, met: true, mods: []func(*Params){noSteps, demand(3), noPlaces}}.run(t)
		if st.Placements != 0 || count(m, onRung(3)) != 0 || st.DemandsNoPlace == 0 {
			t.Errorf("without activity places: %d placed, %d on rung 3, %d willing without a place; want 0, 0 and some", st.Placements, count(m, onRung(3)), st.DemandsNoPlace)
		}
	})
	t.Run("a place entered as a tegenprestatie holds", func(t *testing.T) {
		on3 := with(ordinary, func(r *labResident) {
			r.rung = 3
			r.capacity = 0.9
			r.trust, r.resistance, r.efficacy = 0.8, 0.1, 0.9
			r.monthsOnRung = 24
		})
		step := func(demanded bool, mods ...func(*Params)) *Model {
			m := lab{policy: builtin("nabijheid"), r: on3, mods: mods}.build(t)
			for i := 0; i < m.arrived; i++ {
				m.res[i].demanded = demanded
			}
			labMonth(m, true)
			return m
		}
		requireNested(t, "step up from rung 3, entered freely vs as a tegenprestatie", step(false), step(true), steppedUpFrom(3))
		noHold := func(p *Params) { p.Work.LockInDemand = 0 }
		requireSameOutcome(t, "step up with work.lock_in_demanded 0", step(false, noHold), step(true, noHold), steppedUpFrom(3))
	})
}

// TestTeamHoursBindEveryContactPolicy runs each policy with contacts at
// caseloads of 20 and 120 and checks that the larger caseload reaches
// fewer residents per resident on the benefit, changes an outcome, and
// changes the cost, since every paid hour is costed.
func TestTeamHoursBindEveryContactPolicy(t *testing.T) {
	for _, pol := range builtins() {
		t.Run(pol.Name, func(t *testing.T) {
			run := func(caseload int) (reached float64, trust float64, cost float64) {
				p := Defaults()
				p.Months = 24
				p.Professionals.Caseload = caseload
				m := runFor(t, p, pol, 0, Options{})
				for _, s := range m.Stats()[1:] {
					reached += float64(s.Reached) / float64(max(1, s.OnBenefit))
				}
				end := m.Stats()[p.Months]
				return reached, end.Trust.Mean, end.CumActivationCost
			}
			r20, t20, c20 := run(20)
			r120, t120, c120 := run(120)
			if !(r120 < r20) {
				t.Errorf("contacts per resident over two years: %.3f at caseload 120, %.3f at 20; want fewer", r120, r20)
			}
			if t120 == t20 {
				t.Errorf("mean trust after two years %.6f at both caseloads; want a difference", t20)
			}
			if !(c120 < c20) {
				t.Errorf("activation cost %.0f at caseload 120, %.0f at 20; want less (fewer professionals paid)", c120, c20)
			}
			t.Logf("caseload 20 vs 120: contacts per resident %.2f vs %.2f, trust %.4f vs %.4f, activation cost %s vs %s", r20, r120, t20, t120, euro(c20), euro(c120))
		})
	}
}

func euro(x float64) string { return fmt.Sprintf("€%.2fM", x/1e6) }

// TestSanctionThreatRaisesCompliance: under a sanctioning policy the threat
// of a sanction (the push times the weight of its probability) makes
// residents likelier to take the place the tegenprestatie offers: with a
// higher probability (0.1 against none, a contrast near the Dutch counts
// of docs/calibration.md, section 5.6), and, at the default probability,
// with a curvature that weighs small probabilities more.
func TestSanctionThreatRaisesCompliance(t *testing.T) {
	torn := with(ordinary, func(r *labResident) { r.rung = 1; r.capacity = 0.9; r.trust, r.resistance = 0.4, 0.5 })
	probability := func(pi float64) func(*Params) {
		return func(p *Params) { tune(p, "sanctie", func(r *Regime) { r.SanctionProbability = pi }) }
	}
	curvature := func(c float64) func(*Params) { return func(p *Params) { p.Sanction.ThreatCurvature = c } }
	placed := func(m *Model, i int) bool { return m.res[i].demanded }
	for _, c := range []struct {
		name   string
		hi, lo func(*Params)
	}{
		{"sanction probability 0.1 vs 0", probability(0.1), probability(0)},
		{"curvature 0.69 vs 1 at the default probability", curvature(0.69), curvature(1)},
		{"curvature 0.5 vs 0.69 at the default probability", curvature(0.5), curvature(0.69)},
	} {
		t.Run(c.name, func(t *testing.T) {
			hi, _ := lab{policy: builtin("sanctie"), r: torn, met: true, mods: []func(*Params){c.hi}}.run(t)
			lo, _ := lab{policy: builtin("sanctie"), r: torn, met: true, mods: []func(*Params){c.lo}}.run(t)
			a, b := requireNested(t, "took the place, "+c.name, hi, lo, placed)
			t.Logf("placed: %d with the stronger threat, %d with the weaker", a, b)
		})
	}
}

// TestJobFindingFallsWithDuration: a regular job straight from the
// benefit is likelier early in a spell (the factor of exit.early_excess).
func TestJobFindingFallsWithDuration(t *testing.T) {
	jobs := func(p *Params) { p.Work.JobFinding, p.Exit.EarlyExcess = 0.05, Defaults().Exit.EarlyExcess }
	r := with(ordinary, func(r *labResident) { r.capacity = 0.9 })
	spell := func(months int16) *Model {
		m := lab{policy: builtin("afstand"), r: r, mods: []func(*Params){jobs}}.build(t)
		for i := 0; i < m.arrived; i++ {
			m.res[i].monthsOnBen = months
		}
		labMonth(m, false)
		return m
	}
	a, b := requireNested(t, "job found straight from the benefit, 2 vs 60 months into the spell", spell(2), spell(60), wentToWork)
	t.Logf("jobs found: %d early in the spell, %d after five years", a, b)
}

// TestReentry: residents who left return to the benefit at the re-entry
// hazard of their route out, and never when it is 0; those pushed out
// return more often; returns are likelier soon after the exit.
func TestReentry(t *testing.T) {
	// back returns the residents who are on the benefit after a month in
	// status s, route r, months after the exit, with the parameters set.
	back := func(s Status, r Route, months int16, set func(*Params)) *Model {
		m := lab{policy: builtin("afstand"), r: ordinary, mods: []func(*Params){set}}.build(t)
		m.month++
		st := MonthStats{}
		for i := 0; i < m.arrived; i++ {
			m.releasePlace(&m.res[i])
			m.res[i].status, m.res[i].route, m.res[i].sinceExit = s, r, months
			m.stepOffBenefit(i, &m.res[i], &st)
		}
		return m
	}
	onBenefit := func(m *Model, i int) bool { return m.res[i].status == OnBenefit }
	for _, c := range []struct {
		name  string
		s     Status
		r     Route
		set   func(p *Params, h float64)
		early func(p *Params, e float64)
	}{
		{"after leaving without work", LeftNoWork, RouteOther, func(p *Params, h float64) { p.Reentry.NoWork = h }, func(p *Params, e float64) { p.Reentry.EarlyExcess = e }},
		{"after losing the job found", OutOfWork, RouteWork, func(p *Params, h float64) { p.Reentry.AfterJobLoss = h }, func(p *Params, e float64) { p.Reentry.EarlyExcess = e }},
	} {
		t.Run(c.name, func(t *testing.T) {
			flat := func(h float64) func(*Params) { return func(p *Params) { c.set(p, h); c.early(p, 0) } }
			if n := count(back(c.s, c.r, 0, flat(0)), onBenefit); n != 0 {
				t.Errorf("re-entry hazard 0: %d residents returned", n)
			}
			if n := count(back(c.s, c.r, 0, flat(0.2)), onBenefit); n < labResidents/10 || n > labResidents*3/10 {
				t.Errorf("re-entry hazard 0.2: %d of %d returned in a month, want about a fifth", n, labResidents)
			}
			early := func(p *Params) { c.set(p, 0.05); c.early(p, 3) }
			a, b := requireNested(t, "returned 1 vs 24 months after the exit", back(c.s, c.r, 1, early), back(c.s, c.r, 24, early), onBenefit)
			t.Logf("returned in a month: %d one month after the exit, %d two years after", a, b)
		})
	}
	t.Run("pushed out returns more often", func(t *testing.T) {
		set := func(p *Params) { p.Reentry.NoWork, p.Reentry.PushedFactor = 0.05, 3 }
		for _, r := range []Route{RoutePressure, RouteEnforcement} {
			requireNested(t, "returned after an exit by "+r.String()+" vs for other reasons", back(LeftNoWork, r, 3, set), back(LeftNoWork, RouteOther, 3, set), onBenefit)
		}
	})
}

// TestJobLoss: a job found after the benefit is lost at the job-loss
// hazard, likelier early in the job; the resident is then out of work,
// not back on the benefit, and the loss is logged.
func TestJobLoss(t *testing.T) {
	lose := func(months int16, set func(*Params)) (*Model, MonthStats) {
		m := lab{policy: builtin("afstand"), r: with(ordinary, func(r *labResident) { r.rung = 4 }), mods: []func(*Params){set}}.build(t)
		m.record = true
		m.month++
		st := MonthStats{}
		for i := 0; i < m.arrived; i++ {
			m.releasePlace(&m.res[i])
			m.res[i].status, m.res[i].rung, m.res[i].route, m.res[i].sinceExit = InWork, 6, RouteWork, months
			m.stepOffBenefit(i, &m.res[i], &st)
		}
		return m, st
	}
	lost := func(m *Model, i int) bool { return m.res[i].status == OutOfWork }
	none, _ := lose(0, func(p *Params) { p.Work.JobLoss = 0 })
	if n := count(none, lost); n != 0 {
		t.Errorf("job loss hazard 0: %d jobs lost", n)
	}
	set := func(p *Params) { p.Work.JobLoss, p.Work.JobLossEarlyExcess = 0.05, 3 }
	early, st := lose(1, set)
	late, _ := lose(24, set)
	a, b := requireNested(t, "job lost 1 vs 24 months into the job", early, late, lost)
	if st.JobLosses != a {
		t.Errorf("%d jobs lost, %d counted", a, st.JobLosses)
	}
	logged := 0
	for _, e := range early.Events() {
		if e.Type == JobLoss {
			logged++
		}
	}
	if logged != a {
		t.Errorf("%d jobs lost, %d job-loss events logged", a, logged)
	}
	t.Logf("jobs lost in a month: %d one month into the job, %d after two years", a, b)
}

// TestSanctionCutsTheBenefit: while a sanction runs the benefit paid is
// cut by sanction.benefit_cut, and the sanction counts down.
func TestSanctionCutsTheBenefit(t *testing.T) {
	m := lab{policy: builtin("sanctie"), r: with(ordinary, func(r *labResident) { r.sanctionLeft = 2 })}.build(t)
	m.month = 1
	st := MonthStats{}
	for i := 0; i < m.arrived; i++ {
		m.payBenefit(&m.res[i], &st)
	}
	p := m.p
	want := float64(m.arrived) * p.Costs.BenefitPerMonth * (1 - p.Sanction.BenefitCut)
	if math.Abs(st.CostBenefits-want) > 1e-6 {
		t.Errorf("benefits paid while a sanction runs: %.0f, want %.0f", st.CostBenefits, want)
	}
	if m.res[0].sanctionLeft != 1 {
		t.Errorf("sanction months left after paying: %d, want 1", m.res[0].sanctionLeft)
	}
}

// TestExitRoutes: an exit without work is booked by its cause: while a
// sanction runs, enforcement; from the pressure term of the hazard, under
// pressure; from the base term, other reasons.
func TestExitRoutes(t *testing.T) {
	pressed := with(ordinary, func(r *labResident) { r.pressure, r.resistance = 1, 1 })
	for _, c := range []struct {
		name string
		r    labResident
		base float64 // exit.base_rate
		want Route
		ev   EventType
	}{
		{"pressure only", pressed, 0, RoutePressure, ExitUnderPressure},
		{"base rate only", with(pressed, func(r *labResident) { r.pressure = 0 }), 0.5, RouteOther, ExitWithoutWork},
		{"while a sanction runs", with(pressed, func(r *labResident) { r.sanctionLeft = 2 }), 0, RouteEnforcement, ExitAfterSanction},
	} {
		t.Run(c.name, func(t *testing.T) {
			set := func(p *Params) { p.Exit.BaseRate, p.Exit.PressureResistance = c.base, 0.5 }
			m := lab{policy: builtin("afstand"), r: c.r, mods: []func(*Params){set}}.build(t)
			m.record = true
			st := labMonth(m, false)
			left := count(m, leftNoWork)
			if left < labResidents/5 {
				t.Fatalf("%d residents left without work, want many", left)
			}
			for i := 0; i < m.arrived; i++ {
				if m.res[i].status == LeftNoWork && m.res[i].route != c.want {
					t.Fatalf("resident %d left by %v, want %v", i, m.res[i].route, c.want)
				}
			}
			n := 0
			for _, e := range m.Events() {
				if e.Type.LeftWithoutWork() {
					if e.Type != c.ev {
						t.Fatalf("event %v, want %v", e.Type, c.ev)
					}
					n++
				}
			}
			if n != left || st.ExitsWithoutWork != left {
				t.Errorf("%d left, %d events, %d counted", left, n, st.ExitsWithoutWork)
			}
		})
	}
}

// TestCostAccounts: a resident who left the benefit without work saves the
// municipality the benefit, but costs society more than one on the
// benefit: the benefit is shifted, not saved, and costs arise elsewhere.
func TestCostAccounts(t *testing.T) {
	month := func(s Status, mods ...func(*Params)) MonthStats {
		m := lab{policy: builtin("afstand"), r: ordinary, mods: mods}.build(t)
		m.month = 1
		m.stats = m.stats[:2]
		for i := 0; i < m.arrived; i++ {
			m.releasePlace(&m.res[i])
			m.setStatus(i, &m.res[i], s)
		}
		st := MonthStats{Month: 1}
		m.allocateContacts(&st)
		m.endOfMonth(&st)
		m.observe(&st)
		return st
	}
	on, gone := month(OnBenefit), month(LeftNoWork)
	if !(gone.CostMunicipality < on.CostMunicipality) {
		t.Errorf("municipality: %.0f with everyone gone without work, %.0f with everyone on the benefit; want less", gone.CostMunicipality, on.CostMunicipality)
	}
	if !(gone.CostSociety > on.CostSociety) {
		t.Errorf("society: %.0f with everyone gone without work, %.0f with everyone on the benefit; want more", gone.CostSociety, on.CostSociety)
	}
	p := Defaults().Costs
	if want := float64(labResidents) * (p.ElsewherePerMonth + p.ShiftedShare*p.BenefitPerMonth); math.Abs(gone.CostElsewhere+gone.CostShifted-want) > 1e-6 {
		t.Errorf("costs elsewhere and shifted: %.0f, want %.0f", gone.CostElsewhere+gone.CostShifted, want)
	}
	if on.CostElsewhere != 0 || on.CostShifted != 0 {
		t.Errorf("on the benefit: costs elsewhere %.0f, shifted %.0f; want none", on.CostElsewhere, on.CostShifted)
	}
	saved := month(LeftNoWork, func(p *Params) { p.Costs.ElsewherePerMonth, p.Costs.ShiftedShare = 0, 0 })
	if !(saved.CostSociety < on.CostSociety) {
		t.Errorf("with nothing shifted and no costs elsewhere the exit saves society the benefit: %.0f vs %.0f", saved.CostSociety, on.CostSociety)
	}
}

// TestSanctionCutIsNoSavingToSociety: the benefit a running sanction
// withholds saves the municipality that amount, but society nothing: it is
// income the household lost (7.19).
func TestSanctionCutIsNoSavingToSociety(t *testing.T) {
	month := func(sanctioned bool) MonthStats {
		m := lab{policy: builtin("afstand"), r: ordinary}.build(t)
		m.month = 1
		m.stats = m.stats[:2]
		for i := 0; i < m.arrived; i++ {
			if sanctioned {
				m.res[i].sanctionLeft = 2
			}
		}
		st := MonthStats{Month: 1}
		m.allocateContacts(&st)
		m.endOfMonth(&st)
		m.observe(&st)
		return st
	}
	full, cut := month(false), month(true)
	p := Defaults()
	withheld := float64(labResidents) * p.Costs.BenefitPerMonth * p.Sanction.BenefitCut
	if d := full.CostMunicipality - cut.CostMunicipality; math.Abs(d-withheld) > 1e-6 {
		t.Errorf("municipality: the sanctions save %.2f, want the benefit withheld, %.2f", d, withheld)
	}
	if math.Abs(cut.CostShifted-full.CostShifted-withheld) > 1e-6 {
		t.Errorf("shifted: %.2f with sanctions running, %.2f without; want the benefit withheld (%.2f) more", cut.CostShifted, full.CostShifted, withheld)
	}
	if math.Abs(cut.CostSociety-full.CostSociety) > 1e-6 {
		t.Errorf("society: %.2f with sanctions running, %.2f without; want the same", cut.CostSociety, full.CostSociety)
	}
}

// TestDemandedRungChangesOutcomes: over two years under morele-verplichting
// and sanctie, demanding rung 3 rather than nothing puts more residents on
// rungs 3-4 and changes self-efficacy (progress for some, humiliation for
// others), on paired replicates. The two sides of self-efficacy nearly
// cancel under sanctie, whose sanctions are rare, so the difference is read
// over 30 replicates.
func TestDemandedRungChangesOutcomes(t *testing.T) {
	const reps = 30
	for _, pol := range []Policy{builtin("morele-verplichting"), builtin("sanctie")} {
		t.Run(pol.Name, func(t *testing.T) {
			var dShare, dEff []float64
			for r := uint64(0); r < reps; r++ {
				end := func(d int) MonthStats {
					p := Defaults()
					p.Months = 24
					tune(&p, pol.Name, func(r *Regime) { r.DemandRung = d })
					m := runFor(t, p, pol, r, Options{})
					return m.Stats()[p.Months]
				}
				on, off := end(3), end(0)
				dShare = append(dShare, on.ShareRung3PlusOnBenefit()-off.ShareRung3PlusOnBenefit())
				dEff = append(dEff, on.Efficacy.Mean-off.Efficacy.Mean)
			}
			requireMeanAbove(t, "share on rungs 3-4 after two years, demanded rung 3 minus none", dShare, 0, patternSE)
			m, se := meanSE(dEff)
			if !(math.Abs(m) > patternSE*se) {
				t.Errorf("mean self-efficacy after two years, demanded rung 3 minus none: %.4f ± %.4f, want a clear difference", m, se)
			}
			t.Logf("demanded rung 3 vs none: share on rungs 3-4 %+.3f, self-efficacy %+.4f", mean(dShare), m)
		})
	}
}

func mean(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}
