package calibrate

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/wijksim/wijksim/budget"
	"github.com/wijksim/wijksim/internal/names"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

// Parameter is a parameter to fit, with the bounds of its search range.
type Parameter struct {
	Key string  `json:"key"`
	Min float64 `json:"min"`
	Max float64 `json:"max"`
}

// ParseParameter reads "key=min:max", for example "exit.base_rate=0.0005:0.02".
func ParseParameter(s string) (Parameter, error) {
	key, rng, ok := strings.Cut(strings.TrimSpace(s), "=")
	lo, hi, ok2 := strings.Cut(rng, ":")
	if !ok || !ok2 || key == "" {
		return Parameter{}, fmt.Errorf("parameter %q: want key=min:max, for example exit.base_rate=0.0005:0.02", s)
	}
	p := Parameter{Key: strings.TrimSpace(key)}
	var err error
	if p.Min, err = strconv.ParseFloat(strings.TrimSpace(lo), 64); err != nil {
		return Parameter{}, fmt.Errorf("parameter %q: min %q is not a number", s, lo)
	}
	if p.Max, err = strconv.ParseFloat(strings.TrimSpace(hi), 64); err != nil {
		return Parameter{}, fmt.Errorf("parameter %q: max %q is not a number", s, hi)
	}
	return p, p.check()
}

// check reports whether the parameter can be fitted: a number parameter
// with bounds inside its allowed range.
func (p Parameter) check() error {
	spec, ok := scenarios.Lookup(p.Key)
	if !ok {
		keys := make([]string, 0, len(scenarios.Specs()))
		for _, s := range scenarios.Specs() {
			keys = append(keys, s.Key)
		}
		return fmt.Errorf("parameter %s: unknown key%s; `wijksim params` lists every key", names.Quote(p.Key), names.DidYouMean(p.Key, keys))
	}
	if spec.Kind != sim.Float {
		return fmt.Errorf("parameter %q: a %s parameter cannot be fitted; allowed: number parameters", p.Key, spec.Kind)
	}
	if !(p.Min < p.Max) || math.IsInf(p.Min, 0) || math.IsInf(p.Max, 0) {
		return fmt.Errorf("parameter %q: bounds %v:%v; allowed: finite min < max", p.Key, p.Min, p.Max)
	}
	if p.Min < spec.Min || p.Max > spec.Max {
		return fmt.Errorf("parameter %q: bounds %v:%v lie outside its range; allowed: within %s", p.Key, p.Min, p.Max, spec.Range())
	}
	return nil
}

// DefaultUndefinedPenalty is what a fitted target whose statistic is
// undefined in every replicate adds to the objective: as much as a miss by
// ten standard errors.
const DefaultUndefinedPenalty = 100

// Config sets up a calibration problem.
type Config struct {
	// Base holds the parameters of the base scenario; the targets' own
	// settings and the fitted parameters go on top of it.
	Base sim.Params
	// Targets are the targets, and Params the parameters to fit.
	Targets []Target
	Params  []Parameter
	// ReportOnly names targets that are computed and reported but left out
	// of the objective (for example targets the model cannot reach).
	ReportOnly []string
	// Seed and Replicates fix the random streams: every evaluation runs
	// replicates 0..Replicates-1 of Seed (common random numbers).
	Seed       uint64
	Replicates int
	// Workers is the number of runs at once; 0 means the number of CPUs.
	// Results do not depend on it.
	Workers int
	// UndefinedPenalty replaces the squared deviation of a fitted target
	// whose statistic is undefined in every replicate; 0 means
	// DefaultUndefinedPenalty.
	UndefinedPenalty float64
	// Policies are policies read from files that targets may name, beside
	// the built-in policies.
	Policies []*policies.Policy
}

// Problem is a calibration problem ready to evaluate: the targets grouped by
// the runs they need, each group being one policy and one set of settings.
type Problem struct {
	cfg    Config
	fitted []bool
	groups []group
	specs  []sim.ParamSpec // of cfg.Params
}

// group is the runs that one or more targets share.
type group struct {
	policy  *policies.Policy
	params  sim.Params
	targets []int // indices into cfg.Targets
}

// NewProblem checks the configuration and groups the targets by the runs
// they need.
func NewProblem(c Config) (*Problem, error) {
	if len(c.Targets) == 0 {
		return nil, fmt.Errorf("calibrate: no targets")
	}
	if c.Replicates < 1 {
		return nil, fmt.Errorf("calibrate: replicates %d; allowed: at least 1", c.Replicates)
	}
	if c.UndefinedPenalty == 0 {
		c.UndefinedPenalty = DefaultUndefinedPenalty
	}
	p := &Problem{cfg: c, fitted: make([]bool, len(c.Targets))}
	seen := map[string]bool{}
	for _, par := range c.Params {
		if err := par.check(); err != nil {
			return nil, err
		}
		if seen[par.Key] {
			return nil, fmt.Errorf("parameter %q given twice", par.Key)
		}
		seen[par.Key] = true
		spec, _ := scenarios.Lookup(par.Key)
		p.specs = append(p.specs, spec)
	}
	byName := map[string]int{}
	for i, t := range c.Targets {
		byName[t.Name] = i
		p.fitted[i] = true
	}
	for _, name := range c.ReportOnly {
		i, ok := byName[name]
		if !ok {
			return nil, fmt.Errorf("report-only target %s: no such target%s; targets: %s", names.Quote(name), names.DidYouMean(name, targetNames(c.Targets)), strings.Join(targetNames(c.Targets), ", "))
		}
		p.fitted[i] = false
	}
	byKey := map[string]int{}
	for i, t := range c.Targets {
		for _, kv := range t.Set {
			k, _, _ := strings.Cut(kv, "=")
			if seen[k] {
				return nil, fmt.Errorf("target %s sets %s, which is being fitted; fit it or set it, not both", t.Name, k)
			}
		}
		pol, err := policies.Find(t.Policy, c.Policies)
		if err != nil {
			return nil, fmt.Errorf("target %s: %w (or a policy file given with --policies)", t.Name, err)
		}
		key := t.Policy + "\x00" + strings.Join(t.Set, "\x00")
		g, ok := byKey[key]
		if !ok {
			params := c.Base
			for _, kv := range t.Set {
				if err := setParam(&params, kv); err != nil {
					return nil, fmt.Errorf("target %s: set %s: %w", t.Name, kv, err)
				}
			}
			if err := sim.Validate(&params); err != nil {
				return nil, fmt.Errorf("target %s: the base scenario with its settings is invalid: %w", t.Name, err)
			}
			g = len(p.groups)
			byKey[key] = g
			p.groups = append(p.groups, group{policy: pol, params: params})
		}
		gr := &p.groups[g]
		if need := t.Statistic.MinMonths(); gr.params.Months < need {
			return nil, fmt.Errorf("target %s: runs of %d months are too short; the statistic needs at least %d (set months in the target)", t.Name, gr.params.Months, need)
		}
		gr.targets = append(gr.targets, i)
	}
	return p, nil
}

func targetNames(ts []Target) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Name
	}
	return out
}

// Params returns the parameters being fitted.
func (p *Problem) Params() []Parameter { return slices.Clone(p.cfg.Params) }

// Targets returns the targets.
func (p *Problem) Targets() []Target { return slices.Clone(p.cfg.Targets) }

// Fitted reports, per target, whether it counts in the objective.
func (p *Problem) Fitted() []bool { return slices.Clone(p.fitted) }

// Replicates returns the number of replicates of an evaluation.
func (p *Problem) Replicates() int { return p.cfg.Replicates }

// Cost estimates one evaluation on n replicates: the processor time of
// its runs, and the memory of workers runs at once (each keeps its event
// log) with the values they produce.
func (p *Problem) Cost(n, workers int) budget.Cost {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var c budget.Cost
	var largest float64
	for _, g := range p.groups {
		one := budget.Run(&g.params, true)
		c.CoreSeconds += float64(n) * one.CoreSeconds
		largest = max(largest, one.Bytes)
	}
	c.Bytes = float64(min(workers, max(1, n*len(p.groups))))*largest + float64(n)*float64(len(p.cfg.Targets)+len(p.groups))*16
	return c
}

// RunsPerEvaluation is the number of runs one evaluation takes.
func (p *Problem) RunsPerEvaluation() int { return len(p.groups) * p.cfg.Replicates }

// Apply returns base with the fitted parameters set to values.
func (p *Problem) Apply(base sim.Params, values []float64) (sim.Params, error) {
	if len(values) != len(p.specs) {
		return base, fmt.Errorf("calibrate: %d values for %d parameters", len(values), len(p.specs))
	}
	for k, s := range p.specs {
		if err := s.Set(&base, values[k]); err != nil {
			return base, err
		}
	}
	return base, nil
}

// TargetFit is the fit of one target at one parameter vector.
type TargetFit struct {
	Name     string  `json:"name"`
	Kind     string  `json:"kind"`
	Policy   string  `json:"policy"`
	Fitted   bool    `json:"fitted"`
	Observed float64 `json:"observed"`
	SE       float64 `json:"se"`
	// Simulated is the mean over the replicates in which the statistic is
	// defined, SimSE its standard error (standard deviation over those
	// replicates divided by the square root of their number); both NaN if
	// the statistic is undefined in every replicate.
	Simulated float64 `json:"simulated"`
	SimSE     float64 `json:"sim_se"`
	// Defined is the number of replicates in which the statistic is
	// defined, out of Replicates.
	Defined    int `json:"defined"`
	Replicates int `json:"replicates"`
	// Z is the standardised deviation (Simulated - Observed) / SE.
	Z float64 `json:"z"`
	// Values are the statistic of each replicate, NaN where undefined.
	Values []float64 `json:"-"`
}

// Evaluation is the fit of every target at one parameter vector.
type Evaluation struct {
	Values  []float64   `json:"values"`
	Targets []TargetFit `json:"targets"`
	// Objective is the sum of Z squared over the fitted targets, with the
	// undefined penalty for a fitted target that is undefined in every
	// replicate.
	Objective float64 `json:"objective"`
	// FirstReplicate and Replicates say which replicates were run.
	FirstReplicate int `json:"first_replicate"`
	Replicates     int `json:"replicates"`
}

// Evaluate runs replicates 0..Replicates-1 at the parameter values (in the
// order of Config.Params) and returns the fit of every target.
func (p *Problem) Evaluate(ctx context.Context, values []float64) (*Evaluation, error) {
	return p.EvaluateOn(ctx, values, 0, p.cfg.Replicates)
}

// EvaluateOn runs replicates first..first+n-1 at the parameter values; with
// replicates other than the calibration ones it checks a fit on fresh
// random numbers.
func (p *Problem) EvaluateOn(ctx context.Context, values []float64, first, n int) (*Evaluation, error) {
	if n < 1 || first < 0 {
		return nil, fmt.Errorf("calibrate: replicates %d..%d", first, first+n-1)
	}
	params := make([]sim.Params, len(p.groups))
	for g := range p.groups {
		var err error
		if params[g], err = p.Apply(p.groups[g].params, values); err != nil {
			return nil, err
		}
	}
	nt := len(p.cfg.Targets)
	vals := make([][]float64, nt)
	for t := range vals {
		vals[t] = make([]float64, n)
	}
	jobs := len(p.groups) * n
	err := forEach(ctx, jobs, p.cfg.Workers, func(j int) error {
		g, r := j/n, j%n
		gr := &p.groups[g]
		m, err := sim.New(params[g], gr.policy.Policy, p.cfg.Seed, uint64(first+r), sim.Options{RecordEvents: true})
		if err != nil {
			return fmt.Errorf("policy %s, values %v: %w", gr.policy.Name, values, err)
		}
		m.Run()
		l := LogOf(m)
		for _, t := range gr.targets {
			vals[t][r] = p.cfg.Targets[t].Statistic.Compute(l)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	ev := &Evaluation{Values: slices.Clone(values), FirstReplicate: first, Replicates: n}
	for t, tg := range p.cfg.Targets {
		f := summarise(tg, vals[t])
		f.Fitted = p.fitted[t]
		if f.Fitted {
			if f.Defined == 0 {
				ev.Objective += p.cfg.UndefinedPenalty
			} else {
				ev.Objective += f.Z * f.Z
			}
		}
		ev.Targets = append(ev.Targets, f)
	}
	return ev, nil
}

// summarise computes the mean, its standard error and the standardised
// deviation of a target's per-replicate values.
func summarise(t Target, values []float64) TargetFit {
	f := TargetFit{Name: t.Name, Kind: t.Kind, Policy: t.Policy, Observed: t.Observed, SE: t.SE, Replicates: len(values), Values: values}
	var sum float64
	for _, v := range values {
		if !math.IsNaN(v) {
			sum += v
			f.Defined++
		}
	}
	f.Simulated, f.SimSE, f.Z = math.NaN(), math.NaN(), math.NaN()
	if f.Defined == 0 {
		return f
	}
	mean := sum / float64(f.Defined)
	var ss float64
	for _, v := range values {
		if !math.IsNaN(v) {
			ss += (v - mean) * (v - mean)
		}
	}
	f.Simulated = mean
	f.SimSE = 0
	if f.Defined > 1 {
		f.SimSE = math.Sqrt(ss/float64(f.Defined-1)) / math.Sqrt(float64(f.Defined))
	}
	f.Z = (mean - t.Observed) / t.SE
	return f
}

// safely calls do(j), turning a panic into an error.
func safely(j int, do func(int) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("run %d panicked: %v", j, r)
		}
	}()
	return do(j)
}

// forEach calls do(0..n-1) on a pool of workers and returns the error of
// the lowest-numbered call that failed. Every call writes only its own
// results, so the outcome does not depend on the number of workers.
func forEach(ctx context.Context, n, workers int, do func(int) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, n))
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Go(func() {
			for j := range next {
				errs[j] = safely(j, do)
			}
		})
	}
	for j := 0; j < n; j++ {
		if ctx.Err() != nil {
			break
		}
		next <- j
	}
	close(next)
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return err
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
