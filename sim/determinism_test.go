package sim

// A run is a plain function of (parameters, policy, seed, replicate): the
// same inputs give the same months and the same events, bit for bit; another
// replicate gives another run; and all policies on one replicate meet the
// same residents and draw the same life events (common random numbers).

import (
	"fmt"
	"math"
	"reflect"
	"testing"
)

// firstDifference returns the path of the first place where a and b differ,
// or "" if they are the same. Floating-point numbers are compared bit for
// bit, so NaN (NetCostPerMover before anyone moved up) equals NaN.
func firstDifference(a, b any) string {
	return diffValues(reflect.ValueOf(a), reflect.ValueOf(b), "")
}

// residentDifference is firstDifference of the named field of resident
// (say "trust") over the residents of a and b.
func residentDifference(a, b *Model, field string) string {
	if len(a.res) != len(b.res) {
		return fmt.Sprintf("length %d != %d", len(a.res), len(b.res))
	}
	for i := range a.res {
		va := reflect.ValueOf(&a.res[i]).Elem().FieldByName(field)
		vb := reflect.ValueOf(&b.res[i]).Elem().FieldByName(field)
		if !va.IsValid() {
			return "resident has no field " + field
		}
		if d := diffValues(va, vb, fmt.Sprintf("[%d]", i)); d != "" {
			return d
		}
	}
	return ""
}

func diffValues(a, b reflect.Value, path string) string {
	if a.Type() != b.Type() {
		return path + ": types differ"
	}
	switch a.Kind() {
	case reflect.Float32, reflect.Float64:
		if math.Float64bits(a.Float()) != math.Float64bits(b.Float()) {
			return fmt.Sprintf("%s: %v != %v", path, a.Float(), b.Float())
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if a.Int() != b.Int() {
			return fmt.Sprintf("%s: %d != %d", path, a.Int(), b.Int())
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if a.Uint() != b.Uint() {
			return fmt.Sprintf("%s: %d != %d", path, a.Uint(), b.Uint())
		}
	case reflect.Bool:
		if a.Bool() != b.Bool() {
			return fmt.Sprintf("%s: %v != %v", path, a.Bool(), b.Bool())
		}
	case reflect.String:
		if a.String() != b.String() {
			return fmt.Sprintf("%s: %q != %q", path, a.String(), b.String())
		}
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if d := diffValues(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name); d != "" {
				return d
			}
		}
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: length %d != %d", path, a.Len(), b.Len())
		}
		for i := 0; i < a.Len(); i++ {
			if d := diffValues(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i)); d != "" {
				return d
			}
		}
	default:
		return fmt.Sprintf("%s: cannot compare kind %v", path, a.Kind())
	}
	return ""
}

// withLevers is the default scenario with inflow and every lever on, so that
// determinism covers every part of the step.
func withLevers() Params {
	p := Defaults()
	p.Population.InflowPerMonth = 10
	p.Levers.RoleSeparation = true
	p.Levers.CollectiveShare = 0.2
	p.Levers.GroupTraining = true
	p.Levers.FieldWorkers = 1
	return p
}

func TestDeterminismSameInputsSameRun(t *testing.T) {
	for _, sc := range []struct {
		name string
		p    Params
	}{{"default", Defaults()}, {"inflow and levers", withLevers()}} {
		for _, pol := range builtins() {
			t.Run(sc.name+"/"+pol.Name, func(t *testing.T) {
				a := runFor(t, sc.p, pol, 7, Options{RecordEvents: true})
				b := runFor(t, sc.p, pol, 7, Options{RecordEvents: true})
				if d := firstDifference(a.Stats(), b.Stats()); d != "" {
					t.Errorf("two runs of the same inputs differ in their statistics at %s", d)
				}
				if len(a.Events()) == 0 {
					t.Errorf("no events recorded")
				}
				if !reflect.DeepEqual(a.Events(), b.Events()) {
					t.Errorf("two runs of the same inputs differ in their events (%d and %d events; first difference at %s)",
						len(a.Events()), len(b.Events()), firstDifference(a.Events(), b.Events()))
				}
				if d := firstDifference(a.KindSummaries(), b.KindSummaries()); d != "" {
					t.Errorf("two runs of the same inputs differ in their summaries by kind at %s", d)
				}
			})
		}
	}
}

// TestDeterminismEventsDoNotChangeTheRun: recording the event log does not
// change what happens.
func TestDeterminismEventsDoNotChangeTheRun(t *testing.T) {
	for _, pol := range builtins() {
		a := runFor(t, withLevers(), pol, 3, Options{RecordEvents: true})
		b := runFor(t, withLevers(), pol, 3, Options{})
		if d := firstDifference(a.Stats(), b.Stats()); d != "" {
			t.Errorf("%s: runs with and without an event log differ at %s", pol.Name, d)
		}
		if len(b.Events()) != 0 {
			t.Errorf("%s: %d events recorded without Options.RecordEvents, want none", pol.Name, len(b.Events()))
		}
	}
}

func TestDeterminismOtherReplicateOtherRun(t *testing.T) {
	p := Defaults()
	p.Months = 24
	for _, c := range []struct {
		name                     string
		seedA, repA, seedB, repB uint64
	}{
		{"another replicate", 1, 0, 1, 1},
		{"another seed", 1, 0, 2, 0},
		{"seed and replicate not interchangeable", 1, 2, 2, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, err := New(p, builtin("nabijheid"), c.seedA, c.repA, Options{RecordEvents: true})
			if err != nil {
				t.Fatal(err)
			}
			b, err := New(p, builtin("nabijheid"), c.seedB, c.repB, Options{RecordEvents: true})
			if err != nil {
				t.Fatal(err)
			}
			if residentDifference(a, b, "trust") == "" {
				t.Errorf("(seed %d, replicate %d) and (seed %d, replicate %d) start with the same residents", c.seedA, c.repA, c.seedB, c.repB)
			}
			a.Run()
			b.Run()
			for _, month := range []int{0, p.Months} {
				if firstDifference(a.Stats()[month], b.Stats()[month]) == "" {
					t.Errorf("month %d: (seed %d, replicate %d) and (seed %d, replicate %d) give the same statistics", month, c.seedA, c.repA, c.seedB, c.repB)
				}
			}
			if reflect.DeepEqual(a.Events(), b.Events()) {
				t.Errorf("(seed %d, replicate %d) and (seed %d, replicate %d) give the same events", c.seedA, c.repA, c.seedB, c.repB)
			}
		})
	}
}

// TestCommonRandomNumbers: on one replicate, every policy starts from the
// same residents in the same state, and after a whole run every resident has
// drawn exactly as many life events, step, exit and work numbers under every
// policy, so the policies met the same shocks.
func TestCommonRandomNumbers(t *testing.T) {
	for _, sc := range []struct {
		name string
		p    Params
	}{{"default", Defaults()}, {"inflow and levers", withLevers()}} {
		t.Run(sc.name, func(t *testing.T) {
			var base *Model
			for _, pol := range builtins() {
				m, err := New(sc.p, pol, 1, 5, Options{})
				if err != nil {
					t.Fatal(err)
				}
				if base == nil {
					base = m
					continue
				}
				if d := firstDifference(base.Stats()[0], m.Stats()[0]); d != "" {
					t.Errorf("month 0 statistics: %s and %s differ at %s", builtins()[0].Name, pol.Name, d)
				}
				if d := firstDifference(base.activityCap, m.activityCap); d != "" {
					t.Errorf("month 0 places: %s and %s differ at %s", builtins()[0].Name, pol.Name, d)
				}
				for _, field := range []string{"status", "rung", "ceiling", "kind", "trust", "resistance", "efficacy",
					"pressure", "barrier", "monthsOnBen", "neighbour", "block"} {
					if d := residentDifference(base, m, field); d != "" {
						t.Errorf("month 0, %s: %s and %s differ at %s", field, builtins()[0].Name, pol.Name, d)
					}
				}
			}
			runs := make([]*Model, 0, len(builtins()))
			for _, pol := range builtins() {
				runs = append(runs, runFor(t, sc.p, pol, 5, Options{}))
			}
			// The monthly draws are counter-based: a resident's draw in a
			// month depends on its key and the month only. The keys must
			// be the same under every policy, and a draw must not depend
			// on anything that happened before.
			for k, m := range runs[1:] {
				if d := residentDifference(m, runs[0], "keys"); d != "" {
					t.Fatalf("after %d months, the keys of the monthly draws differ under %s and %s at %s",
						sc.p.Months, builtins()[k+1].Name, builtins()[0].Name, d)
				}
			}
		})
	}
}

// TestMonthlyDrawIsPinned checks the counter-based monthly draw against
// values computed outside Go from the definition (SplitMix64 of key +
// month x 0x9e3779b97f4a7c15, its top 53 bits as a fraction), so that a
// change of the draw, which would change every run, fails here.
func TestMonthlyDrawIsPinned(t *testing.T) {
	for _, c := range []struct {
		key   uint64
		month int
		want  float64
	}{
		{0, 0, 0.8833108082136426},
		{1, 7, 0.5230671798509814},
		{0x9e3779b97f4a7c15, 120, 0.6922787273703483},
	} {
		if got := drawAt(c.key, drawOffset(c.month)); got != c.want {
			t.Errorf("drawAt(%#x, drawOffset(%d)) = %.17g, want %.17g", c.key, c.month, got, c.want)
		}
	}
}

// TestStepAfterDone: stepping a finished run changes nothing.
func TestStepAfterDone(t *testing.T) {
	p := Defaults()
	p.Months = 3
	m := runFor(t, p, builtin("afstand"), 0, Options{})
	before := append([]MonthStats(nil), m.Stats()...)
	m.Step()
	if m.Month() != p.Months || !m.Done() {
		t.Errorf("after an extra Step: month %d, done %v; want month %d, done", m.Month(), m.Done(), p.Months)
	}
	if d := firstDifference(before, m.Stats()); d != "" {
		t.Errorf("an extra Step changed the statistics at %s", d)
	}
}

// TestDeterminismReuseGivesTheSameRun runs every policy on memory reused
// from the run before (Options.Reuse), another policy's on other
// parameters, and compares it with a run on fresh memory: the same months,
// events, summaries by kind and paths after the benefit, bit for bit. The
// populations shrink a little (memory reused), then a lot and grow (new
// memory), so that both ways are taken.
func TestDeterminismReuseGivesTheSameRun(t *testing.T) {
	sized := func(p Params, residents int) Params {
		p.Population.Residents = residents
		return p
	}
	lever := withLevers()
	steps := []struct {
		name  string
		p     Params
		reuse bool // whether the memory of the run before is large enough and not too large
	}{
		{"levers", lever, false},
		{"levers, 3% fewer residents", sized(lever, lever.Population.Residents*97/100), true},
		{"default", Defaults(), false},
		{"half", sized(Defaults(), Defaults().Population.Residents/2), false},
		{"half again", sized(Defaults(), Defaults().Population.Residents/2), true},
		{"levers again", lever, false},
		{"levers a third time", lever, true},
		{"default again", Defaults(), false},
		{"default a third time", Defaults(), true},
		{"1,125 residents", sized(Defaults(), 1125), false},
		{"1,000 residents, exactly an eighth fewer slots", sized(Defaults(), 1000), true},
		{"levers, 3% fewer, again", sized(lever, lever.Population.Residents*97/100), false},
	}
	var prev *Model
	pols := builtins()
	for k, step := range steps {
		pol := pols[k%len(pols)]
		t.Run(fmt.Sprintf("%s/%s", step.name, pol.Name), func(t *testing.T) {
			fresh := runFor(t, step.p, pol, 5, Options{RecordEvents: true})
			var before *resident
			if prev != nil {
				before = &prev.res[:1][0]
			}
			got := runFor(t, step.p, pol, 5, Options{RecordEvents: true, Reuse: prev})
			if prev != nil {
				if reused := &got.res[:1][0] == before; reused != step.reuse {
					t.Errorf("memory of the run before reused: %v, want %v (%d slots, the run before %d)", reused, step.reuse, got.n, prev.n)
				}
				if prev.res != nil || prev.contact != nil || prev.cases != nil {
					t.Errorf("the reused model keeps its memory, want it given up")
				}
			}
			for _, c := range []struct {
				what string
				a, b any
			}{
				{"statistics", fresh.Stats(), got.Stats()},
				{"events", fresh.Events(), got.Events()},
				{"summaries by kind", fresh.KindSummaries(), got.KindSummaries()},
				{"paths after the benefit", *fresh.AfterExit(), *got.AfterExit()},
			} {
				if d := firstDifference(c.a, c.b); d != "" {
					t.Errorf("%s differ from a run on fresh memory at %s", c.what, d)
				}
			}
			prev = got
		})
	}
}

// TestReusedModelCannotStep: a model whose memory another took panics
// when stepped before its last month or asked about a resident, rather than
// stepping on or reading the other model's residents.
func TestReusedModelCannotStep(t *testing.T) {
	for _, use := range []struct {
		name string
		do   func(m *Model)
	}{
		{"step", func(m *Model) { m.Step() }},
		{"phase", func(m *Model) { m.Phase(0) }},
		{"start kind", func(m *Model) { m.StartKind(0) }},
	} {
		t.Run(use.name, func(t *testing.T) {
			old, err := New(Defaults(), builtin("afstand"), 1, 0, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := New(Defaults(), builtin("afstand"), 1, 1, Options{Reuse: old}); err != nil {
				t.Fatal(err)
			}
			defer func() {
				if recover() == nil {
					t.Errorf("%s on a reused model did not panic", use.name)
				}
			}()
			use.do(old)
		})
	}
}
