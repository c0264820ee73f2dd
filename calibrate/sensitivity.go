package calibrate

import (
	"context"
	"math"

	"gonum.org/v1/gonum/mat"
)

// DefaultJacobianStep is the step of the finite differences of TargetSE, as
// a share of each parameter's bounds.
const DefaultJacobianStep = 0.02

// TargetSE returns, for the parameters at values, the standard errors that
// the fitted targets' se imply: the square roots of the diagonal of
// (J' W J)^-1, where J is the derivative of the simulated targets with
// respect to the parameters (central differences with a step of step times
// each parameter's bounds, one-sided at a bound, on the calibration
// replicates) and W = diag(1/se^2). This is the delta method of the method
// of simulated moments, treating every se as a standard error and ignoring
// the simulation noise (which the spread over seeds measures). It also
// returns J. The errors are NaN when the targets do not pin the parameters
// down (J' W J singular), or when a fitted target is undefined.
func TargetSE(ctx context.Context, p *Problem, values []float64, step float64) ([]float64, *mat.Dense, error) {
	np := len(values)
	var rows []int
	for t, f := range p.fitted {
		if f {
			rows = append(rows, t)
		}
	}
	se := make([]float64, np)
	for j := range se {
		se[j] = math.NaN()
	}
	if np == 0 || len(rows) == 0 {
		return se, nil, nil
	}
	if step <= 0 {
		step = DefaultJacobianStep
	}
	J := mat.NewDense(len(rows), np, nil)
	for j, par := range p.cfg.Params {
		h := step * (par.Max - par.Min)
		lo, hi := math.Max(values[j]-h, par.Min), math.Min(values[j]+h, par.Max)
		at := func(v float64) (*Evaluation, error) {
			x := append([]float64(nil), values...)
			x[j] = v
			return p.Evaluate(ctx, x)
		}
		up, err := at(hi)
		if err != nil {
			return nil, nil, err
		}
		dn, err := at(lo)
		if err != nil {
			return nil, nil, err
		}
		for i, t := range rows {
			J.Set(i, j, (up.Targets[t].Simulated-dn.Targets[t].Simulated)/(hi-lo))
		}
	}
	a := mat.NewDense(len(rows), np, nil)
	for i, t := range rows {
		for j := 0; j < np; j++ {
			a.Set(i, j, J.At(i, j)/p.cfg.Targets[t].SE)
		}
	}
	var info, cov mat.Dense
	info.Mul(a.T(), a)
	if err := cov.Inverse(&info); err != nil {
		return se, J, nil // singular or ill-conditioned: not pinned down
	}
	for j := range se {
		if v := cov.At(j, j); v >= 0 && !math.IsNaN(v) {
			se[j] = math.Sqrt(v)
		}
	}
	return se, J, nil
}
