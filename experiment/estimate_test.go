package experiment

import (
	"math"
	"sync"
	"testing"
)

// TestTQuantileTable checks that the remembered quantiles are the computed
// ones, at the ends of the table and beyond it, when first asked for and
// when asked again, and from goroutines that ask at once.
func TestTQuantileTable(t *testing.T) {
	ns := []int{2, 3, 30, tTableSize - 1, tTableSize, 5000}
	for _, n := range ns {
		want := studentsT975(n)
		for _, ask := range []string{"first", "again"} {
			if got := tQuantile975(n); got != want {
				t.Errorf("n = %d, asked %s: %v, want %v", n, ask, got, want)
			}
		}
	}
	if q := tQuantile975(2); math.Abs(q-12.7062) > 1e-3 {
		t.Errorf("t quantile for 1 degree of freedom %v, want 12.706", q)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for n := 40; n < 60; n++ {
				if got, want := tQuantile975(n), studentsT975(n); got != want {
					t.Errorf("n = %d, asked at once: %v, want %v", n, got, want)
				}
			}
		})
	}
	wg.Wait()
}
