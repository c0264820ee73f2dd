package experiment

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/wijksim/wijksim/budget"
	"github.com/wijksim/wijksim/internal/names"
	"github.com/wijksim/wijksim/outcomes"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/results"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

// CompareSpec describes a policy comparison.
type CompareSpec struct {
	Scenario *scenarios.Scenario
	// Policies to compare, by name, the baseline among them: built-in
	// policies and those of PolicyFiles.
	Policies []string
	// PolicyFiles are the policies read from files among Policies.
	PolicyFiles []*policies.Policy
	// Baseline is the policy the others are compared with.
	Baseline string
	Seed     uint64
	// Replicates is the number of replicates, or the first batch when
	// Precision is set.
	Replicates int
	// Precision, when above zero, adds replicates until the 95% confidence
	// interval half-width of every outcome in Outcomes at the end of the run
	// is at most Precision, for every policy and every paired difference.
	Precision float64
	// Outcomes are the outcome names that Precision applies to.
	Outcomes []string
	// Registry holds the outcomes compared: nil for the built-in ones, or
	// a registry with those of outcome files (outcomes.Load).
	Registry *outcomes.Registry
	// MaxReplicates caps the replicates added for Precision.
	MaxReplicates int
	Workers       int
	// Progress, if set, is called after each run with the runs done and the
	// runs planned so far.
	Progress func(done, planned int)
	// Limits bound the memory and time the comparison may plan (for
	// MaxReplicates with Precision); the zero value sets no limit.
	Limits budget.Limits
}

// Comparison is the result of Compare: for every policy, month and outcome
// the mean over replicates with its 95% confidence interval, and the paired
// difference from the baseline on common random numbers.
type Comparison struct {
	Spec       CompareSpec
	Replicates int
	// PrecisionReached is true when Precision was met (or not asked for).
	PrecisionReached bool
	// WorstHalfWidth is the largest half-width among the precision outcomes.
	WorstHalfWidth float64
	Columns        []results.Column
	Months         int

	level           [][]Accumulator // [policy][month*len(Columns)+column]
	diff            [][]Accumulator
	kinds           [][][]Accumulator // [policy][kind][metric]
	kdiff           [][][]Accumulator
	kindMetricNames []string
	memory          int64 // for runs at once; 0: no limit
	// Runs holds each run's end-of-run outcomes, in replicate then policy order.
	Runs []RunEnd
}

// RunEnd is the end of one run.
type RunEnd struct {
	Policy    string
	Replicate uint64
	End       results.Metrics
}

// Accumulator accumulates a mean and variance in a fixed order (Welford's
// algorithm), skipping NaN, so that long series need not be held in
// memory. The zero value is empty.
type Accumulator struct {
	n        int
	mean, m2 float64
}

// Add adds x, unless it is NaN.
func (w *Accumulator) Add(x float64) {
	if math.IsNaN(x) {
		return
	}
	w.n++
	d := x - w.mean
	w.mean += d / float64(w.n)
	w.m2 += d * (x - w.mean)
}

// Estimate returns the mean with its 95% confidence interval (Student's t
// with n-1 degrees of freedom), as Estimate95 would.
func (w Accumulator) Estimate() Estimate {
	e := Estimate{N: w.n, Mean: math.NaN(), SD: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
	if w.n == 0 {
		return e
	}
	e.Mean = w.mean
	if w.n < 2 {
		return e
	}
	e.SD = math.Sqrt(w.m2 / float64(w.n-1))
	h := tQuantile975(w.n) * e.SD / math.Sqrt(float64(w.n))
	e.Lo, e.Hi = e.Mean-h, e.Mean+h
	return e
}

// validate checks the spec and fills in defaults.
func (s *CompareSpec) validate() error {
	if s.Scenario == nil {
		return fmt.Errorf("compare: no scenario")
	}
	if len(s.Policies) == 0 {
		return fmt.Errorf("compare: no policies")
	}
	for i, p := range s.Policies {
		if _, err := policies.Find(p, s.PolicyFiles); err != nil {
			return fmt.Errorf("compare: %w", err)
		}
		if slices.Contains(s.Policies[:i], p) {
			return fmt.Errorf("compare: policy %q given twice; allowed: distinct policies", p)
		}
	}
	if s.Baseline == "" {
		s.Baseline = s.Policies[0]
		if slices.Contains(s.Policies, policies.Baseline()) {
			s.Baseline = policies.Baseline()
		}
	}
	if !slices.Contains(s.Policies, s.Baseline) {
		return fmt.Errorf("compare: baseline %s is not among the policies%s; allowed: %s", names.Quote(s.Baseline), names.DidYouMean(s.Baseline, s.Policies), strings.Join(s.Policies, ", "))
	}
	// Every outcome is checked, with or without a precision: an unknown
	// name would otherwise print numbers that belong to no outcome.
	for _, o := range s.Outcomes {
		if err := CheckEndOutcome(s.Registry, o); err != nil {
			return fmt.Errorf("compare: %w", err)
		}
	}
	if s.Replicates < 2 {
		return fmt.Errorf("compare: replicates %d; allowed: at least 2, to estimate a confidence interval", s.Replicates)
	}
	if s.Precision < 0 || math.IsNaN(s.Precision) || math.IsInf(s.Precision, 0) {
		return fmt.Errorf("compare: precision %v; allowed: a finite positive number (0: a fixed number of replicates)", s.Precision)
	}
	if s.Precision > 0 {
		if len(s.Outcomes) == 0 {
			return fmt.Errorf("compare: precision needs one or more outcomes")
		}
		if s.MaxReplicates == 0 {
			s.MaxReplicates = 1000
		}
		if s.MaxReplicates < s.Replicates {
			return fmt.Errorf("compare: max replicates %d is below the first batch of %d", s.MaxReplicates, s.Replicates)
		}
	}
	return nil
}

// CheckEndOutcome refuses an unknown outcome, and one whose value at the
// end of the run is no summary of it (timing monthly: a count of the last
// month's events, a share of the final value), for the analyses and
// tables of the end.
func CheckEndOutcome(reg *outcomes.Registry, outcome string) error {
	if err := names.Check("outcome", outcome, SeriesNames(reg)); err != nil {
		return err
	}
	if o, ok := reg.Lookup(outcome); ok && o.Timing&outcomes.End == 0 {
		return fmt.Errorf("outcome %s is a monthly series whose last month sums up nothing of the run (timing %s); allowed: an outcome of the end of the run (`wijksim outcomes` lists each one's timing)", names.Quote(outcome), o.Timing)
	}
	return nil
}

// OutcomeNames lists the built-in outcomes of the monthly series (month
// excluded).
func OutcomeNames() []string { return SeriesNames(nil) }

// SeriesNames lists the outcomes of the monthly series of reg (nil: the
// built-in outcomes), month excluded.
func SeriesNames(reg *outcomes.Registry) []string {
	cols := results.Columns(reg)[1:]
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return names
}

func columnIndex(cols []results.Column, name string) int {
	for i, c := range cols {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// Compare runs every policy of spec on the same replicates and estimates the
// outcomes and the paired differences from the baseline.
func Compare(ctx context.Context, spec CompareSpec) (*Comparison, error) {
	if err := spec.validate(); err != nil {
		return nil, err
	}
	memory, err := spec.checkCompare()
	if err != nil {
		return nil, err
	}
	c := &Comparison{Spec: spec, Columns: results.Columns(spec.Registry), Months: spec.Scenario.Params.Months, PrecisionReached: true, memory: memory}
	np := len(spec.Policies)
	cells := (c.Months + 1) * len(c.Columns)
	c.level = make([][]Accumulator, np)
	c.diff = make([][]Accumulator, np)
	for p := range c.level {
		c.level[p] = make([]Accumulator, cells)
		c.diff[p] = make([]Accumulator, cells)
	}
	var zero sim.KindSummary
	for _, m := range results.KindMetrics(&zero) {
		c.kindMetricNames = append(c.kindMetricNames, m.Name)
	}
	c.kinds = make([][][]Accumulator, np)
	c.kdiff = make([][][]Accumulator, np)
	for p := range c.kinds {
		c.kinds[p] = make([][]Accumulator, sim.NumKinds)
		c.kdiff[p] = make([][]Accumulator, sim.NumKinds)
		for k := range c.kinds[p] {
			c.kinds[p][k] = make([]Accumulator, len(c.kindMetricNames))
			c.kdiff[p][k] = make([]Accumulator, len(c.kindMetricNames))
		}
	}

	target := spec.Replicates
	done := 0
	for {
		if err := c.runReplicates(ctx, c.Replicates, target, &done); err != nil {
			return nil, err
		}
		c.Replicates = target
		if spec.Precision == 0 {
			return c, nil
		}
		c.WorstHalfWidth = c.worstHalfWidth()
		c.PrecisionReached = c.WorstHalfWidth <= spec.Precision
		if c.PrecisionReached || target >= spec.MaxReplicates {
			return c, nil
		}
		target = min(spec.MaxReplicates, 2*target)
	}
}

// runReplicates runs replicates [from, to) of every policy and folds them in
// replicate order, so the sums do not depend on the order runs finish.
func (c *Comparison) runReplicates(ctx context.Context, from, to int, done *int) error {
	spec := &c.Spec
	np := len(spec.Policies)
	var jobs []Job
	params := &spec.Scenario.Params
	for r := from; r < to; r++ {
		for p, name := range spec.Policies {
			def, _ := policies.Find(name, spec.PolicyFiles) // checked by validate
			jobs = append(jobs, Job{Index: (r-from)*np + p, Policy: name, Def: def, Seed: spec.Seed, Replicate: uint64(r), Params: params})
		}
	}
	pending := make([][]*Outcome, to-from)
	for i := range pending {
		pending[i] = make([]*Outcome, np)
	}
	next, have := 0, make([]int, to-from)
	planned := to * np
	return Execute(ctx, jobs, RunOptions{Workers: spec.Workers, MaxMemory: c.memory}, func(out Outcome) error {
		if out.Err != nil {
			return fmt.Errorf("compare: policy %s, replicate %d: %w", out.Job.Policy, out.Job.Replicate, out.Err)
		}
		r := int(out.Job.Replicate) - from
		p := out.Job.Index % np
		pending[r][p] = &out
		have[r]++
		for next < len(pending) && have[next] == np {
			c.fold(pending[next])
			pending[next] = nil
			next++
		}
		*done++
		if spec.Progress != nil {
			spec.Progress(*done, planned)
		}
		return nil
	})
}

// fold adds one replicate (all policies) to the accumulators.
func (c *Comparison) fold(rep []*Outcome) {
	base := slices.Index(c.Spec.Policies, c.Spec.Baseline)
	ncol := len(c.Columns)
	b := rep[base]
	// Columns of outcome files are computed for the whole run at once: the
	// baseline's once a replicate, each policy's once a run.
	mineDerived, theirsDerived := make([][]float64, ncol), make([][]float64, ncol)
	for j, col := range c.Columns {
		if col.Derive != nil {
			theirsDerived[j] = col.Derive(b.Stats)
		}
	}
	for p, out := range rep {
		for j, col := range c.Columns {
			if col.Derive != nil {
				mineDerived[j] = col.Derive(out.Stats)
			}
		}
		// Month by month, so that the accumulators are visited in the
		// order they are stored; each gets one value a run, so the order
		// of the loops does not change the sums.
		for t := range out.Stats {
			level, diff := c.level[p][t*ncol:(t+1)*ncol], c.diff[p][t*ncol:(t+1)*ncol]
			for j, col := range c.Columns {
				var mine, theirs float64
				if col.Derive != nil {
					mine, theirs = mineDerived[j][t], theirsDerived[j][t]
				} else {
					mine, theirs = col.Value(&out.Stats[t]), col.Value(&b.Stats[t])
				}
				level[j].Add(mine)
				diff[j].Add(mine - theirs)
			}
		}
		for k := range out.Kinds {
			mine, theirs := results.KindMetrics(&out.Kinds[k]), results.KindMetrics(&b.Kinds[k])
			for j := range mine {
				c.kinds[p][k][j].Add(mine[j].Value)
				c.kdiff[p][k][j].Add(mine[j].Value - theirs[j].Value)
			}
		}
		c.Runs = append(c.Runs, RunEnd{Policy: out.Job.Policy, Replicate: out.Job.Replicate, End: results.Summarize(results.Run{
			Scenario: c.Spec.Scenario, Policy: out.Job.Policy, Seed: out.Job.Seed, Replicate: out.Job.Replicate, Stats: out.Stats, Kinds: out.Kinds, AfterExit: out.AfterExit, Outcomes: c.Spec.Registry,
		}).End})
	}
}

func (c *Comparison) worstHalfWidth() float64 {
	worst := 0.0
	for _, name := range c.Spec.Outcomes {
		for p, pol := range c.Spec.Policies {
			e := c.Level(p, c.Months, name)
			worst = max(worst, halfWidthOrInf(e))
			if pol != c.Spec.Baseline {
				worst = max(worst, halfWidthOrInf(c.Difference(p, c.Months, name)))
			}
		}
	}
	return worst
}

func halfWidthOrInf(e Estimate) float64 {
	if e.N < 2 {
		return math.Inf(1)
	}
	if h := e.HalfWidth(); !math.IsNaN(h) {
		return h
	}
	return 0 // no spread at all
}

// Level estimates outcome name of policy index p in month t; an unknown
// outcome has no estimate (N 0, NaN).
func (c *Comparison) Level(p, t int, name string) Estimate {
	j := columnIndex(c.Columns, name)
	if j < 0 {
		return Accumulator{}.Estimate()
	}
	return c.level[p][t*len(c.Columns)+j].Estimate()
}

// Difference estimates the paired difference policy p minus baseline of
// outcome name in month t; an unknown outcome has no estimate.
func (c *Comparison) Difference(p, t int, name string) Estimate {
	j := columnIndex(c.Columns, name)
	if j < 0 {
		return Accumulator{}.Estimate()
	}
	return c.diff[p][t*len(c.Columns)+j].Estimate()
}

// N is the number of values added.
func (w Accumulator) N() int { return w.n }
