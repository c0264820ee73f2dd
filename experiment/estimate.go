package experiment

import (
	"math"
	"sync/atomic"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Estimate is a mean over replicates with its spread and 95% confidence
// interval (Student's t). Values that are NaN (undefined in a run, such as
// the cost per mover before anyone moved) are left out and not counted in N.
type Estimate struct {
	N    int     `json:"n"`
	Mean float64 `json:"mean"`
	SD   float64 `json:"sd"`
	Lo   float64 `json:"ci_low"`
	Hi   float64 `json:"ci_high"`
}

// HalfWidth is half the width of the confidence interval.
func (e Estimate) HalfWidth() float64 { return (e.Hi - e.Lo) / 2 }

// Clear reports whether the interval excludes zero: for a paired difference,
// the difference is statistically clear at the 5% level.
func (e Estimate) Clear() bool { return e.Lo > 0 || e.Hi < 0 }

// tQuantile975 returns the 97.5% quantile of Student's t with n-1 degrees
// of freedom. The quantiles for up to tTableSize replicates are remembered
// once computed: a comparison asks for the same few thousands of times.
func tQuantile975(n int) float64 {
	if n < 2 || n >= tTableSize {
		return studentsT975(n)
	}
	if bits := tTable[n].Load(); bits != 0 {
		return math.Float64frombits(bits)
	}
	q := studentsT975(n)
	tTable[n].Store(math.Float64bits(q))
	return q
}

const tTableSize = 1025

// tTable remembers studentsT975(n) for n in [2, tTableSize), as its bits;
// 0 (no quantile of t is 0) until it is first asked for. Only the degrees
// of freedom a program uses are computed, each on first use: the whole
// table took about 10 ms, which every comparison waited for at its end.
// Goroutines that ask at once may each compute the value, which is always
// the same, so what is read never depends on who stored it.
var tTable [tTableSize]atomic.Uint64

func studentsT975(n int) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(0.975)
}

// Estimate95 estimates the mean of xs with a 95% confidence interval.
func Estimate95(xs []float64) Estimate {
	vals := make([]float64, 0, len(xs))
	for _, x := range xs {
		if !math.IsNaN(x) {
			vals = append(vals, x)
		}
	}
	e := Estimate{N: len(vals), Mean: math.NaN(), SD: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
	switch len(vals) {
	case 0:
		return e
	case 1:
		e.Mean = vals[0]
		return e
	}
	e.Mean, e.SD = stat.MeanStdDev(vals, nil)
	h := tQuantile975(len(vals)) * e.SD / math.Sqrt(float64(len(vals)))
	e.Lo, e.Hi = e.Mean-h, e.Mean+h
	return e
}

// PairedDifference estimates the mean of ys[i] - xs[i] over the pairs where
// both are defined: the effect of the ys condition against the xs baseline on
// common random numbers.
func PairedDifference(xs, ys []float64) Estimate {
	d := make([]float64, len(xs))
	for i := range xs {
		d[i] = ys[i] - xs[i] // NaN if either is NaN
	}
	return Estimate95(d)
}
