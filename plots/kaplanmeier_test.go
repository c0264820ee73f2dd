package plots

import (
	"math"
	"testing"
)

func TestKaplanMeierByHand(t *testing.T) {
	tests := []struct {
		name   string
		times  []float64
		events []bool
		// want: the distinct event times, S just after each, at risk and events.
		times2 []float64
		s      []float64
		atRisk []int
		nev    []int
	}{
		{
			// Sorted: 2 event, 3 event, 3 censored, 5 event, 6 censored,
			// 8 event. S(2) = 5/6; S(3) = 5/6 * 4/5 = 2/3 (the censored
			// subject at 3 was still at risk); S(5) = 2/3 * 2/3 = 4/9;
			// S(8) = 4/9 * 0 = 0.
			name:   "censoring between events",
			times:  []float64{8, 3, 2, 6, 3, 5},
			events: []bool{true, false, true, false, true, true},
			times2: []float64{2, 3, 5, 8},
			s:      []float64{5.0 / 6, 2.0 / 3, 4.0 / 9, 0},
			atRisk: []int{6, 5, 3, 1},
			nev:    []int{1, 1, 1, 1},
		},
		{
			// Ten residents followed for 12 months: events at 1, 1, 4 and
			// 12; the other six are censored at the horizon, 12. At 12 the
			// event comes before the censorings: 7 at risk.
			name:   "censoring at the horizon",
			times:  []float64{1, 12, 1, 12, 4, 12, 12, 12, 12, 12},
			events: []bool{true, false, true, false, true, false, false, false, true, false},
			times2: []float64{1, 4, 12},
			s:      []float64{0.8, 0.8 * 7 / 8, 0.8 * 7 / 8 * 6 / 7},
			atRisk: []int{10, 8, 7},
			nev:    []int{2, 1, 1},
		},
		{
			name:   "no event",
			times:  []float64{12, 12, 12},
			events: []bool{false, false, false},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			km := KaplanMeier(tc.times, tc.events)
			if km.Subjects != len(tc.times) {
				t.Errorf("subjects %d, want %d", km.Subjects, len(tc.times))
			}
			if len(km.Times) != len(tc.times2) {
				t.Fatalf("event times %v, want %v", km.Times, tc.times2)
			}
			for i := range tc.times2 {
				if km.Times[i] != tc.times2[i] || math.Abs(km.S[i]-tc.s[i]) > 1e-12 || km.AtRisk[i] != tc.atRisk[i] || km.Events[i] != tc.nev[i] {
					t.Errorf("step %d: t=%v S=%v at risk %d events %d; want t=%v S=%v at risk %d events %d",
						i, km.Times[i], km.S[i], km.AtRisk[i], km.Events[i], tc.times2[i], tc.s[i], tc.atRisk[i], tc.nev[i])
				}
				if !(km.Lo[i] <= km.S[i] && km.S[i] <= km.Hi[i]) || km.Lo[i] < 0 || km.Hi[i] > 1 {
					t.Errorf("step %d: interval [%v, %v] does not hold S=%v within [0, 1]", i, km.Lo[i], km.Hi[i], km.S[i])
				}
			}
			if got := km.At(0); got != 1 {
				t.Errorf("S(0) = %v, want 1", got)
			}
		})
	}
}

func TestKaplanMeierGreenwoodInterval(t *testing.T) {
	// 100 subjects, 20 events at time 1: S = 0.8, Greenwood sum
	// 20/(100*80) = 0.0025. On the log(-log) scale the standard error is
	// sqrt(0.0025)/|ln 0.8| and the interval is S^exp(±1.96 se).
	times := make([]float64, 100)
	events := make([]bool, 100)
	for i := range times {
		times[i] = 2
		if i < 20 {
			times[i], events[i] = 1, true
		}
	}
	km := KaplanMeier(times, events)
	se := math.Sqrt(0.0025) / math.Abs(math.Log(0.8))
	z := 1.959963984540054
	lo, hi := math.Pow(0.8, math.Exp(z*se)), math.Pow(0.8, math.Exp(-z*se))
	if math.Abs(km.Lo[0]-lo) > 1e-12 || math.Abs(km.Hi[0]-hi) > 1e-12 {
		t.Errorf("interval [%v, %v], want [%v, %v]", km.Lo[0], km.Hi[0], lo, hi)
	}
	// Close to the plain Greenwood interval 0.8 ± 1.96*0.04 for this n.
	if math.Abs(lo-(0.8-z*0.04)) > 0.02 || math.Abs(hi-(0.8+z*0.04)) > 0.02 {
		t.Errorf("log-log interval [%v, %v] far from the plain one", lo, hi)
	}
	if got := km.At(1.5); got != 0.8 {
		t.Errorf("S(1.5) = %v, want 0.8", got)
	}
}
