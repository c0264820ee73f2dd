// Package analysis answers two questions on the results of a sweep: which
// parameters matter for an outcome (sensitivity analysis, Morris or Sobol),
// and where in parameter space a condition holds (scenario discovery with
// PRIM). The runs themselves go through experiment.Sweep, so they are
// concurrent, resumable, deterministic and carry the same manifest.
package analysis

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/wijksim/wijksim/experiment"
	"github.com/wijksim/wijksim/internal/names"
	"github.com/wijksim/wijksim/outcomes"
)

// PointMeans returns, for each design point of the plan, the mean over
// replicates of outcome under policy, read from the sweep's stored runs. A
// point with a failed run is NaN.
func PointMeans(runs *experiment.Runs, plan *experiment.Plan, outcome, policy string) ([]float64, error) {
	if err := CheckOutcome(plan.Spec.Registry, outcome); err != nil {
		return nil, err
	}
	if !slices.Contains(plan.Spec.Policies, policy) {
		return nil, fmt.Errorf("policy %q is not in the sweep; its policies are %s", policy, strings.Join(plan.Spec.Policies, ", "))
	}
	sums := make([]float64, len(plan.Points))
	counts := make([]int, len(plan.Points))
	for _, job := range plan.Jobs {
		if job.Policy != policy {
			continue
		}
		v, err := runs.EndValue(job.Index, outcome)
		if err != nil {
			return nil, err
		}
		sums[job.Point] += v
		counts[job.Point]++
	}
	for i := range sums {
		if counts[i] == 0 {
			sums[i] = math.NaN()
			continue
		}
		sums[i] /= float64(counts[i])
	}
	return sums, nil
}

// CheckOutcome reports an outcome name that no run has, with a "did you
// mean", and an outcome whose end sums up nothing of the run
// (experiment.CheckEndOutcome); analyses check their outcomes before any
// run starts. reg holds the outcomes of the sweep (nil: the built-in
// ones).
func CheckOutcome(reg *outcomes.Registry, outcome string) error {
	return experiment.CheckEndOutcome(reg, outcome)
}

// Target is what an analysis looks at: an outcome under one policy, or the
// paired difference between two policies (Policy minus Minus) on the same
// replicates.
type Target struct {
	Outcome string
	Policy  string
	Minus   string
}

// String names the target, for example "trust_mean[nabijheid-afstand]".
func (t Target) String() string {
	if t.Minus != "" {
		return t.Outcome + "[" + t.Policy + "-" + t.Minus + "]"
	}
	return t.Outcome + "[" + t.Policy + "]"
}

// Values returns the target's value at each design point.
func (t Target) Values(runs *experiment.Runs, plan *experiment.Plan) ([]float64, error) {
	a, err := PointMeans(runs, plan, t.Outcome, t.Policy)
	if err != nil {
		return nil, err
	}
	if t.Minus == "" {
		return a, nil
	}
	b, err := PointMeans(runs, plan, t.Outcome, t.Minus)
	if err != nil {
		return nil, err
	}
	for i := range a {
		a[i] -= b[i] // the mean of paired differences equals the difference of means
	}
	return a, nil
}

// ParseDiff reads "A-B" (a paired difference between policies A and B) or "".
func ParseDiff(s string, policies []string) (policy, minus string, err error) {
	if s == "" {
		return "", "", nil
	}
	for _, a := range policies {
		for _, b := range policies {
			if a != b && s == a+"-"+b {
				return a, b, nil
			}
		}
	}
	var pairs []string
	for _, a := range policies {
		for _, b := range policies {
			if a != b {
				pairs = append(pairs, a+"-"+b)
			}
		}
	}
	return "", "", fmt.Errorf("--diff %s%s: want POLICY-POLICY with two policies of the sweep (%s)", names.Quote(s), names.DidYouMean(s, pairs), strings.Join(policies, ", "))
}

// Condition is a comparison of two terms at a design point, such as
// "nabijheid > afstand" (the outcome under nabijheid exceeds that under
// afstand) or "sanctie - afstand >= 50".
type Condition struct {
	Left, Right term
	Op          string
	Text        string
}

// term is a policy's mean outcome, a difference of two, or a number.
type term struct {
	policy, minus string
	number        float64
	isNumber      bool
}

// ParseCondition reads a condition over the policies of a sweep: TERM OP
// TERM, where OP is <, <=, > or >= and a TERM is a policy name, POLICY -
// POLICY, or a number.
func ParseCondition(s string, policies []string) (*Condition, error) {
	fields := strings.Fields(s)
	at := -1
	for i, f := range fields {
		if f == "<" || f == "<=" || f == ">" || f == ">=" {
			if at >= 0 {
				return nil, fmt.Errorf("--where %q: more than one comparison", s)
			}
			at = i
		}
	}
	if at <= 0 || at == len(fields)-1 {
		return nil, fmt.Errorf("--where %q: want TERM OP TERM with OP one of < <= > >= and a term a policy (%s), POLICY - POLICY or a number, separated by spaces", s, strings.Join(policies, ", "))
	}
	left, err := parseTerm(fields[:at], policies, s)
	if err != nil {
		return nil, err
	}
	right, err := parseTerm(fields[at+1:], policies, s)
	if err != nil {
		return nil, err
	}
	if left.isNumber && right.isNumber {
		return nil, fmt.Errorf("--where %q: compares two numbers; name a policy", s)
	}
	return &Condition{Left: left, Right: right, Op: fields[at], Text: s}, nil
}

func parseTerm(f []string, policies []string, s string) (term, error) {
	isPolicy := func(x string) bool { return slices.Contains(policies, x) }
	switch {
	case len(f) == 1 && isPolicy(f[0]):
		return term{policy: f[0]}, nil
	case len(f) == 1:
		v, err := strconv.ParseFloat(f[0], 64)
		if err != nil {
			return term{}, fmt.Errorf("--where %q: %q is neither a policy of the sweep (%s) nor a number%s", s, f[0], strings.Join(policies, ", "), names.DidYouMean(f[0], policies))
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return term{}, fmt.Errorf("--where %q: %q; allowed: a finite number (a condition on NaN or an infinity holds at every point or at none)", s, f[0])
		}
		return term{number: v, isNumber: true}, nil
	case len(f) == 3 && f[1] == "-" && isPolicy(f[0]) && isPolicy(f[2]):
		return term{policy: f[0], minus: f[2]}, nil
	}
	return term{}, fmt.Errorf("--where %q: cannot read %q; a term is a policy (%s), POLICY - POLICY or a number", s, strings.Join(f, " "), strings.Join(policies, ", "))
}

func (t term) values(runs *experiment.Runs, plan *experiment.Plan, outcome string) ([]float64, error) {
	if t.isNumber {
		v := make([]float64, len(plan.Points))
		for i := range v {
			v[i] = t.number
		}
		return v, nil
	}
	return Target{Outcome: outcome, Policy: t.policy, Minus: t.minus}.Values(runs, plan)
}

// Holds evaluates the condition on outcome at every design point. A point
// where a side is undefined does not satisfy it.
func (c *Condition) Holds(runs *experiment.Runs, plan *experiment.Plan, outcome string) ([]bool, error) {
	holds, _, err := c.holdsWhereDefined(runs, plan, outcome)
	return holds, err
}

// holdsWhereDefined is Holds, and whether both sides have a value at each
// point (a failed run or an outcome without value leaves a side NaN, where
// the condition neither holds nor fails).
func (c *Condition) holdsWhereDefined(runs *experiment.Runs, plan *experiment.Plan, outcome string) (holds, defined []bool, err error) {
	l, err := c.Left.values(runs, plan, outcome)
	if err != nil {
		return nil, nil, err
	}
	r, err := c.Right.values(runs, plan, outcome)
	if err != nil {
		return nil, nil, err
	}
	out := make([]bool, len(l))
	defined = make([]bool, len(l))
	for i := range l {
		defined[i] = !math.IsNaN(l[i]) && !math.IsNaN(r[i])
		switch c.Op {
		case "<":
			out[i] = l[i] < r[i]
		case "<=":
			out[i] = l[i] <= r[i]
		case ">":
			out[i] = l[i] > r[i]
		case ">=":
			out[i] = l[i] >= r[i]
		}
	}
	return out, defined, nil
}
