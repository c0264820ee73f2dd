package sim

import (
	"math"
	"testing"
)

// TestMonthsFitRecord checks that the longest horizon the parameters allow,
// plus the longest spell on the benefit at arrival, fits the int16 months
// of the record (maxMonth), and that a run at that horizon counts its
// months without wrapping.
func TestMonthsFitRecord(t *testing.T) {
	spec, ok := Lookup("months")
	if !ok {
		t.Fatal("no parameter months")
	}
	if spec.Max+180 != maxMonth || maxMonth > math.MaxInt16 {
		t.Fatalf("months up to %g plus 180 at arrival: maxMonth %d, int16 holds %d", spec.Max, maxMonth, math.MaxInt16)
	}
	p := Defaults()
	p.Months = int(spec.Max)
	p.Population.Residents, p.Population.InflowPerMonth = 200, 0
	p.Exit.BaseRate, p.Exit.PressureResistance, p.Work.JobFinding = 0, 0, 0 // long spells
	m, err := New(p, builtin("afstand"), 1, 0, Options{})
	if err != nil {
		t.Fatal(err)
	}
	m.Run()
	stayed := 0
	for i := range m.arrived {
		res := &m.res[i]
		if res.monthsOnBen < 0 || res.monthsOnRung < 0 || res.sinceExit < 0 || m.contact[i].sinceContact < 0 {
			t.Fatalf("slot %d after %d months: months on the benefit %d, on the rung %d, since the exit %d, since contact %d",
				i, p.Months, res.monthsOnBen, res.monthsOnRung, res.sinceExit, m.contact[i].sinceContact)
		}
		if res.status == OnBenefit && res.startOnBen > 0 && res.exitMonth < 0 && int(res.monthsOnBen) != int(res.startOnBen)+p.Months {
			t.Fatalf("slot %d, on the benefit from the start: %d months, want %d", i, res.monthsOnBen, int(res.startOnBen)+p.Months)
		}
		if res.status == OnBenefit && res.exitMonth < 0 {
			stayed++
		}
	}
	if stayed == 0 {
		t.Fatalf("no resident stayed on the benefit for %d months: the test checks nothing", p.Months)
	}
	t.Logf("%d of %d residents on the benefit all %d months", stayed, m.arrived, p.Months)
}

// TestClampMixed01 checks that clampMixed01 returns clamp01's bits for
// every kind of float64: the branch-free form must not change results.
func TestClampMixed01(t *testing.T) {
	for _, x := range []float64{math.Inf(-1), -1, -math.SmallestNonzeroFloat64, math.Copysign(0, -1), 0,
		math.SmallestNonzeroFloat64, 0.5, math.Nextafter(1, 0), 1, math.Nextafter(1, 2), 1.5, math.Inf(1), math.NaN()} {
		if got, want := clampMixed01(x), clamp01(x); math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("clampMixed01(%v) = %v (%#x), clamp01 %v (%#x)", x, got, math.Float64bits(got), want, math.Float64bits(want))
		}
	}
}
