package plots

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/wijksim/wijksim/experiment"
)

// accum accumulates a mean and variance in one pass (Welford), skipping
// NaN, so that long monthly tables need not be held in memory.
type accum struct {
	n        int
	mean, m2 float64
}

func (a *accum) add(x float64) {
	if math.IsNaN(x) {
		return
	}
	a.n++
	d := x - a.mean
	a.mean += d / float64(a.n)
	a.m2 += d * (x - a.mean)
}

// estimate returns the mean with its 95% confidence interval (Student's t
// with n-1 degrees of freedom), as experiment.Estimate95 would.
func (a accum) estimate() experiment.Estimate {
	nan := math.NaN()
	e := experiment.Estimate{N: a.n, Mean: nan, SD: nan, Lo: nan, Hi: nan}
	if a.n == 0 {
		return e
	}
	e.Mean = a.mean
	if a.n < 2 {
		return e
	}
	e.SD = math.Sqrt(a.m2 / float64(a.n-1))
	h := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(a.n - 1)}.Quantile(0.975) * e.SD / math.Sqrt(float64(a.n))
	e.Lo, e.Hi = e.Mean-h, e.Mean+h
	return e
}
