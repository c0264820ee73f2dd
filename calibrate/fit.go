package calibrate

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"

	"gonum.org/v1/gonum/optimize"
)

// DefaultFitOptions returns the fit settings used where FitOptions leaves a
// field zero; a caller may copy and change them.
func DefaultFitOptions() FitOptions {
	return FitOptions{
		Starts:            4,
		MaxEvaluations:    300,
		SimplexStep:       0.15,
		StallIterations:   25,
		SignificantDigits: 3,
		AgreeTolerance:    1,
	}
}

// FitOptions set how Fit searches. The zero value of a field means its
// value in DefaultFitOptions.
type FitOptions struct {
	// Starts is the number of fits from different starting points.
	Starts int
	// Seed seeds the starting points: start k is drawn uniformly from the
	// middle 80% of every parameter's bounds with a PCG keyed by (Seed, k).
	Seed uint64
	// MaxEvaluations caps the objective evaluations of one start.
	MaxEvaluations int
	// SimplexStep is the size of the initial simplex (and of every
	// restart's) as a share of each parameter's bounds: a vertex moves one
	// parameter by this share of its width, towards the middle.
	SimplexStep float64
	// StallIterations stops a start after this many simplex iterations
	// without an improvement of the best objective by more than 1e-6.
	StallIterations int
	// SignificantDigits rounds the estimate before the fit is checked, so
	// that the reported fit is that of the values written out.
	SignificantDigits int
	// AgreeTolerance: the starts whose objective is within this of the
	// best start's agree with it, and give the mean and spread of the
	// estimates. 1 is a change of one standard error in one target.
	AgreeTolerance float64
	// CheckReplicates is the number of fresh replicates (numbered after the
	// calibration replicates) on which the fit at the estimate is checked;
	// 0 means as many as the calibration replicates, -1 none.
	CheckReplicates int
	// Progress, if not nil, is called after every evaluation with the
	// start (from 0), the evaluations of that start so far and the best
	// objective of that start so far.
	Progress func(start, evaluations int, best float64)
	// Checkpoint, if not empty, is a folder where each finished start is
	// kept (start-K.json), so that a fit stopped before its end resumes
	// from the starts it finished: a start found there under the same
	// CheckpointKey is taken as it is, not fitted again. The key must
	// identify everything a start's result depends on (the problem, the
	// seed, the evaluations allowed, the version); each start is
	// determined by it, so a resumed fit equals one run without a stop.
	Checkpoint    string
	CheckpointKey string
	// Resumed, if not nil, is called for each start taken from the
	// checkpoint folder.
	Resumed func(start int)
}

func (o FitOptions) withDefaults() FitOptions {
	d := DefaultFitOptions()
	if o.Starts == 0 {
		o.Starts = d.Starts
	}
	if o.MaxEvaluations == 0 {
		o.MaxEvaluations = d.MaxEvaluations
	}
	if o.SimplexStep == 0 {
		o.SimplexStep = d.SimplexStep
	}
	if o.StallIterations == 0 {
		o.StallIterations = d.StallIterations
	}
	if o.AgreeTolerance == 0 {
		o.AgreeTolerance = d.AgreeTolerance
	}
	if o.SignificantDigits == 0 {
		o.SignificantDigits = d.SignificantDigits
	}
	return o
}

// StartResult is the outcome of the fit from one starting point.
type StartResult struct {
	Start       []float64 `json:"start"`
	Estimate    []float64 `json:"estimate"`
	Objective   float64   `json:"objective"`
	Evaluations int       `json:"evaluations"`
	// Restarts counts the fresh simplices after the first.
	Restarts int `json:"restarts"`
	// Agrees reports whether the objective is within the agreement
	// tolerance of the best start's.
	Agrees bool `json:"agrees"`
	// Status is why the search stopped (gonum/optimize's status).
	Status string `json:"status"`
}

// Result is the outcome of Fit.
type Result struct {
	Params []Parameter   `json:"params"`
	Starts []StartResult `json:"starts"`
	Best   int           `json:"best"`
	// Mean and SD are the mean and standard deviation of the estimates
	// over the Agree starts whose objective is within AgreeTolerance of
	// the best; SD is NaN with fewer than two.
	Mean           []float64      `json:"mean"`
	SD             []float64      `json:"sd"`
	Agree          int            `json:"agree"`
	AgreeTolerance float64        `json:"agree_tolerance"`
	Opts           FitOptionsJSON `json:"options"`
	// Estimate is the best start's estimate rounded to the significant
	// digits of the options (and kept within the bounds).
	Estimate []float64 `json:"estimate"`
	// TargetSE are the standard errors of Estimate that the fitted
	// targets' se imply (see TargetSE); NaN where the targets do not pin a
	// parameter down.
	TargetSE []float64 `json:"target_se"`
	// Fit is the fit at Estimate on the calibration replicates; Check on
	// fresh replicates, nil if none were asked for.
	Fit   *Evaluation `json:"fit"`
	Check *Evaluation `json:"check,omitempty"`
}

// FitOptionsJSON records the options a fit used.
type FitOptionsJSON struct {
	Starts            int     `json:"starts"`
	Seed              uint64  `json:"seed"`
	MaxEvaluations    int     `json:"max_evaluations"`
	SimplexStep       float64 `json:"simplex_step"`
	StallIterations   int     `json:"stall_iterations"`
	SignificantDigits int     `json:"significant_digits"`
	CheckReplicates   int     `json:"check_replicates"`
}

// Fit minimises the problem's objective with Nelder-Mead from
// opt.Starts starting points, one after the other, each on the same
// replicates, and checks the fit at the best estimate.
func Fit(ctx context.Context, p *Problem, opt FitOptions) (*Result, error) {
	o := opt.withDefaults()
	np := len(p.cfg.Params)
	if np == 0 {
		return nil, fmt.Errorf("calibrate: no parameters to fit")
	}
	if o.Starts < 1 || o.MaxEvaluations < np+2 {
		return nil, fmt.Errorf("calibrate: %d starts, %d evaluations per start; allowed: at least 1 start and %d evaluations", o.Starts, o.MaxEvaluations, np+2)
	}
	if o.SimplexStep <= 0 || o.SimplexStep >= 0.5 {
		return nil, fmt.Errorf("calibrate: simplex step %v; allowed: between 0 and 0.5 (a share of the bounds)", o.SimplexStep)
	}
	check := o.CheckReplicates
	if check == 0 {
		check = p.cfg.Replicates
	}
	res := &Result{Params: p.Params(), Opts: FitOptionsJSON{
		Starts: o.Starts, Seed: o.Seed, MaxEvaluations: o.MaxEvaluations, SimplexStep: o.SimplexStep,
		StallIterations: o.StallIterations, SignificantDigits: o.SignificantDigits, CheckReplicates: max(check, 0),
	}}
	o.clearTemporaries()
	for k := 0; k < o.Starts; k++ {
		sr, ok := o.loadStart(k)
		if ok {
			if o.Resumed != nil {
				o.Resumed(k)
			}
		} else {
			var err error
			if sr, err = fitFrom(ctx, p, o, k); err != nil {
				return nil, fmt.Errorf("start %d: %w", k+1, err)
			}
			if err := o.saveStart(k, sr); err != nil {
				return nil, err
			}
		}
		res.Starts = append(res.Starts, sr)
		if sr.Objective < res.Starts[res.Best].Objective {
			res.Best = k
		}
	}
	// The spread is over the starts that agree with the best one: those
	// whose objective is within AgreeTolerance of the best. A start stuck
	// elsewhere is a local optimum, listed but not averaged in.
	bestF := res.Starts[res.Best].Objective
	res.AgreeTolerance = o.AgreeTolerance
	var agree []StartResult
	for k := range res.Starts {
		res.Starts[k].Agrees = res.Starts[k].Objective <= bestF+o.AgreeTolerance
		if res.Starts[k].Agrees {
			agree = append(agree, res.Starts[k])
		}
	}
	res.Agree = len(agree)
	res.Mean, res.SD = make([]float64, np), make([]float64, np)
	for j := 0; j < np; j++ {
		var sum, ss float64
		for _, s := range agree {
			sum += s.Estimate[j]
		}
		mean := sum / float64(len(agree))
		for _, s := range agree {
			ss += (s.Estimate[j] - mean) * (s.Estimate[j] - mean)
		}
		res.Mean[j], res.SD[j] = mean, math.NaN()
		if len(agree) > 1 {
			res.SD[j] = math.Sqrt(ss / float64(len(agree)-1))
		}
	}
	res.Estimate = make([]float64, np)
	for j, par := range p.cfg.Params {
		res.Estimate[j] = roundWithin(res.Starts[res.Best].Estimate[j], o.SignificantDigits, par.Min, par.Max)
	}
	var err error
	if res.Fit, err = p.Evaluate(ctx, res.Estimate); err != nil {
		return nil, fmt.Errorf("fit at the estimate: %w", err)
	}
	if res.TargetSE, _, err = TargetSE(ctx, p, res.Estimate, DefaultJacobianStep); err != nil {
		return nil, fmt.Errorf("standard errors at the estimate: %w", err)
	}
	if check > 0 {
		if res.Check, err = p.EvaluateOn(ctx, res.Estimate, p.cfg.Replicates, check); err != nil {
			return nil, fmt.Errorf("check at the estimate: %w", err)
		}
	}
	return res, nil
}

// Assess returns the fit of the problem's base parameters, without fitting
// anything: the Result has no starts and no estimate, only Fit (on the
// calibration replicates) and Check (on checkReplicates fresh ones, none if
// 0 or less). The problem's parameters, if any, are left at their base values.
func Assess(ctx context.Context, p *Problem, checkReplicates int) (*Result, error) {
	values := make([]float64, len(p.specs))
	for j, s := range p.specs {
		values[j] = s.Get(&p.cfg.Base)
	}
	res := &Result{Params: p.Params(), Estimate: values, Opts: FitOptionsJSON{CheckReplicates: max(checkReplicates, 0)}}
	var err error
	if res.Fit, err = p.Evaluate(ctx, values); err != nil {
		return nil, err
	}
	if checkReplicates > 0 {
		if res.Check, err = p.EvaluateOn(ctx, values, p.cfg.Replicates, checkReplicates); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// StartingPoint returns the starting values of start k: uniform in the
// middle 80% of every parameter's bounds, from a PCG keyed by (seed, k).
func StartingPoint(params []Parameter, seed uint64, k int) []float64 {
	rng := rand.New(rand.NewPCG(seed, uint64(k)))
	out := make([]float64, len(params))
	for j, par := range params {
		out[j] = par.Min + (par.Max-par.Min)*(0.1+0.8*rng.Float64())
	}
	return out
}

// toUnbounded maps a value within [lo, hi] to the real line (logit).
func toUnbounded(v, lo, hi float64) float64 {
	u := (v - lo) / (hi - lo)
	u = math.Min(math.Max(u, 1e-9), 1-1e-9)
	return math.Log(u / (1 - u))
}

// toBounded maps the real line onto [lo, hi] (logistic).
func toBounded(x, lo, hi float64) float64 {
	return lo + (hi-lo)/(1+math.Exp(-x))
}

// errStopped is the recorder's way of stopping Minimize after a failed
// evaluation.
var errStopped = errors.New("evaluation failed")

// stopper is an optimize.Recorder that stops the search once err is set.
type stopper struct{ err *error }

func (stopper) Init() error { return nil }

func (s stopper) Record(*optimize.Location, optimize.Operation, *optimize.Stats) error {
	if *s.err != nil {
		return errStopped
	}
	return nil
}

func fitFrom(ctx context.Context, p *Problem, o FitOptions, k int) (StartResult, error) {
	params := p.cfg.Params
	np := len(params)
	start := StartingPoint(params, o.Seed, k)
	bounded := func(x []float64) []float64 {
		v := make([]float64, np)
		for j, par := range params {
			v[j] = toBounded(x[j], par.Min, par.Max)
		}
		return v
	}
	var (
		evalErr error
		evals   int
		best    = math.Inf(1)
	)
	objective := func(x []float64) float64 {
		if evalErr != nil {
			return math.MaxFloat64
		}
		ev, err := p.Evaluate(ctx, bounded(x))
		if err != nil {
			evalErr = err
			return math.MaxFloat64
		}
		evals++
		best = math.Min(best, ev.Objective)
		if o.Progress != nil {
			o.Progress(k, evals, best)
		}
		return ev.Objective
	}
	x := make([]float64, np)
	for j, par := range params {
		x[j] = toUnbounded(start[j], par.Min, par.Max)
	}
	f := objective(x)
	// Nelder-Mead can stall on a rough objective; a fresh simplex around
	// the best point often moves on. Restart while that improves and
	// evaluations remain.
	status, restarts := optimize.NotTerminated.String(), -1
	for evalErr == nil && evals+np+2 <= o.MaxEvaluations {
		verts, vals := simplex(x, f, o.SimplexStep, objective)
		if evalErr != nil {
			break
		}
		settings := &optimize.Settings{
			InitValues:      &optimize.Location{F: f},
			FuncEvaluations: o.MaxEvaluations - evals,
			Converger:       &optimize.FunctionConverge{Absolute: 1e-6, Iterations: o.StallIterations},
			Recorder:        stopper{&evalErr},
		}
		r, err := optimize.Minimize(optimize.Problem{Func: objective}, x, settings,
			&optimize.NelderMead{InitialVertices: verts, InitialValues: vals})
		if evalErr != nil {
			break
		}
		if err != nil {
			return StartResult{}, err
		}
		restarts++
		status = r.Status.String()
		improved := r.F < f-1e-6
		if r.F < f {
			x, f = slices.Clone(r.X), r.F
		}
		if !improved || r.Status != optimize.FunctionConvergence {
			break
		}
	}
	if evalErr != nil {
		return StartResult{}, evalErr
	}
	return StartResult{
		Start:       start,
		Estimate:    bounded(x),
		Objective:   f,
		Evaluations: evals,
		Restarts:    max(restarts, 0),
		Status:      status,
	}, nil
}

// simplex builds a starting simplex around x (in the unbounded space) with
// value f: one vertex per parameter, moved by step times the width of its
// bounds towards their middle, so that a parameter near a bound, where the
// logistic map is flat, still moves by a useful amount.
func simplex(x []float64, f, step float64, objective func([]float64) float64) ([][]float64, []float64) {
	verts := [][]float64{slices.Clone(x)}
	vals := []float64{f}
	for j := range x {
		y := slices.Clone(x)
		u := 1 / (1 + math.Exp(-x[j]))
		if u > 0.5 {
			u -= step
		} else {
			u += step
		}
		y[j] = toUnbounded(u, 0, 1)
		verts = append(verts, y)
		vals = append(vals, objective(y))
	}
	return verts, vals
}

// roundWithin rounds v to the given significant digits and keeps it within
// [lo, hi].
func roundWithin(v float64, digits int, lo, hi float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', digits, 64), 64)
	if err != nil {
		r = v
	}
	return math.Min(math.Max(r, lo), hi)
}
