package scenarios

import (
	"math"
	"testing"

	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/sim"
)

// endOf runs policy on the embedded scenario name for its full horizon and
// returns the last month's statistics.
func endOf(t *testing.T, name string, pol *policies.Policy, replicate uint64) (first, last sim.MonthStats) {
	t.Helper()
	sc, err := Load(name, Options{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := sim.New(sc.Params, pol.Policy, 1, replicate, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m.Run()
	st := m.Stats()
	return st[0], st[len(st)-1]
}

// TestStateMeansAwayFromBounds: after ten years, under every built-in
// policy on every embedded scenario, the mean of every state variable of
// the residents on the benefit lies at least 0.05 from the bounds of its
// 0-1 scale, and the share of them on rungs 3-4 stays below 0.9: people far
// from work do not all end up trusting, willing, able and active.
func TestStateMeansAwayFromBounds(t *testing.T) {
	const margin, maxShare34 = 0.05, 0.9
	for _, name := range Names() {
		for _, pol := range policies.Builtins() {
			_, end := endOf(t, name, pol, 0)
			for _, v := range []struct {
				what string
				mean float64
			}{
				{"trust", end.Trust.Mean}, {"resistance", end.Resistance.Mean}, {"self-efficacy", end.Efficacy.Mean},
				{"pressure", end.Pressure.Mean}, {"load capacity", end.Capacity.Mean},
			} {
				if !(v.mean >= margin && v.mean <= 1-margin) {
					t.Errorf("%s, %s, month %d: mean %s %.3f, want within [%.2f, %.2f]", name, pol.Name, end.Month, v.what, v.mean, margin, 1-margin)
				}
			}
			if s := end.ShareRung3PlusOnBenefit(); !(s < maxShare34) {
				t.Errorf("%s, %s, month %d: %.3f of the residents on the benefit on rungs 3-4, want below %.2f", name, pol.Name, end.Month, s, maxShare34)
			}
		}
	}
}

// TestPoelenburgAndAssendelftDiffer checks the differences the Zaanstad
// report describes, in the direction it gives: Poelenburg has «een
// relatief groot aantal mensen met een uitkering en problemen met de
// Nederlandse taal», so its residents start with less load capacity and,
// under close coaching, fewer of them reach work than in Assendelft. Means
// over replicates, differences beyond 4 standard errors (Assendelft has a
// hundred residents, hence the many replicates).
func TestPoelenburgAndAssendelftDiffer(t *testing.T) {
	const reps = 400
	type run struct{ capacity0, toWork float64 }
	collect := func(name string, pol *policies.Policy) []run {
		var out []run
		for r := uint64(0); r < reps; r++ {
			first, last := endOf(t, name, pol, r)
			out = append(out, run{first.Capacity.Mean, float64(last.CumExitsToWork) / float64(first.OnBenefit)})
		}
		return out
	}
	meanSE := func(rs []run, f func(run) float64) (float64, float64) {
		s, ss := 0.0, 0.0
		for _, r := range rs {
			s += f(r)
		}
		m := s / float64(len(rs))
		for _, r := range rs {
			ss += (f(r) - m) * (f(r) - m)
		}
		return m, math.Sqrt(ss / float64(len(rs)-1) / float64(len(rs)))
	}
	below := func(what string, a, b []run, f func(run) float64) {
		t.Helper()
		ma, sa := meanSE(a, f)
		mb, sb := meanSE(b, f)
		if !(mb-ma > 4*math.Hypot(sa, sb)) {
			t.Errorf("%s: Poelenburg %.4f ± %.4f, Assendelft %.4f ± %.4f; want Poelenburg lower by more than 4 standard errors", what, ma, sa, mb, sb)
		}
		t.Logf("%s: Poelenburg %.4f, Assendelft %.4f", what, ma, mb)
	}
	pn, an := collect("poelenburg", policies.MustBuiltin("nabijheid")), collect("assendelft", policies.MustBuiltin("nabijheid"))
	below("load capacity at the start", pn, an, func(r run) float64 { return r.capacity0 })
	below("exits to work per resident in ten years under nabijheid", pn, an, func(r run) float64 { return r.toWork })
}
