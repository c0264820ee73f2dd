package experiment

import (
	"math"
	"testing"
)

// TestTQuantileTable checks that the looked-up quantiles are the computed
// ones, at the ends of the table and beyond it.
func TestTQuantileTable(t *testing.T) {
	for _, n := range []int{2, 3, 30, tTableSize - 1, tTableSize, 5000} {
		if got, want := tQuantile975(n), studentsT975(n); got != want {
			t.Errorf("n = %d: %v, want %v", n, got, want)
		}
	}
	if q := tQuantile975(2); math.Abs(q-12.7062) > 1e-3 {
		t.Errorf("t quantile for 1 degree of freedom %v, want 12.706", q)
	}
}
