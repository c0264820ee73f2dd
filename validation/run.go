package validation

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/wijksim/wijksim/experiment"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/results"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

// Config sets up a validation.
type Config struct {
	// Base holds the parameters of the scenario; each target's settings go
	// on top of them.
	Base    sim.Params
	Targets []Target
	// Seed and Replicates fix the random streams: every target runs
	// replicates 0..Replicates-1 of Seed for each of its policies (common
	// random numbers, so a difference is paired replicate by replicate).
	Seed       uint64
	Replicates int
	// Workers is the number of runs at once; 0 means the number of CPUs.
	// Results do not depend on it.
	Workers int
	// Progress, if set, is called after each run with the runs done and
	// the runs planned.
	Progress func(done, planned int)
	// Policies are policies read from files that targets may name, beside
	// the built-in policies.
	Policies []*policies.Policy
}

// MaxReplicates bounds Config.Replicates.
const MaxReplicates = 10_000

// Result is the outcome of one target: the simulated mean of its
// statistic over the replicates in which it is defined, with the 95%
// confidence interval of that mean, and whether the mean lies in the
// accepted range.
type Result struct {
	Target Target
	N      int
	Mean   float64
	Lo     float64
	Hi     float64
	Hit    bool
	// Values are the statistic of each replicate, NaN where undefined.
	Values []float64
}

// Miss is how far the mean lies outside the accepted range (0 for a hit).
func (r Result) Miss() float64 {
	switch {
	case r.Mean < r.Target.Low:
		return r.Mean - r.Target.Low
	case r.Mean > r.Target.High:
		return r.Mean - r.Target.High
	}
	return 0
}

// group is the runs that targets with the same settings share.
type group struct {
	set      []string
	params   sim.Params
	policies []string
	months   []int // the months the targets read, month 0 included
	// stats[policy][replicate][k] is the month months[k] of that run.
	stats [][][]sim.MonthStats
}

// Run runs every target's policies on the same replicates and computes
// each target's statistic.
func Run(ctx context.Context, cfg Config) ([]Result, error) {
	if len(cfg.Targets) == 0 {
		return nil, fmt.Errorf("validation: no targets")
	}
	if cfg.Replicates < 2 || cfg.Replicates > MaxReplicates {
		return nil, fmt.Errorf("validation: %d replicates; allowed: 2 to %d (an interval needs two)", cfg.Replicates, MaxReplicates)
	}
	var groups []*group
	of := make([]*group, len(cfg.Targets))
	for i, t := range cfg.Targets {
		key := strings.Join(t.Set, ";")
		var g *group
		for _, h := range groups {
			if strings.Join(h.set, ";") == key {
				g = h
			}
		}
		if g == nil {
			g = &group{set: t.Set, params: cfg.Base, months: []int{0}}
			for _, kv := range t.Set {
				k, v, _ := strings.Cut(kv, "=")
				if err := setParam(&g.params, k, v); err != nil {
					return nil, fmt.Errorf("validation: target %s: %w", t.Name, err)
				}
			}
			groups = append(groups, g)
		}
		of[i] = g
		for _, p := range t.Statistic.Policies() {
			if !slices.Contains(g.policies, p) {
				g.policies = append(g.policies, p)
			}
		}
		if !slices.Contains(g.months, t.Statistic.Month) {
			g.months = append(g.months, t.Statistic.Month)
		}
	}
	var jobs []experiment.Job
	for gi, g := range groups {
		slices.Sort(g.months)
		g.params.Months = max(1, g.months[len(g.months)-1])
		if err := sim.Validate(&g.params); err != nil {
			return nil, fmt.Errorf("validation: settings %v: %w", g.set, err)
		}
		g.stats = make([][][]sim.MonthStats, len(g.policies))
		for p, name := range g.policies {
			def, err := policies.Find(name, cfg.Policies)
			if err != nil {
				return nil, fmt.Errorf("validation: %w (or a policy file given with --policies)", err)
			}
			g.stats[p] = make([][]sim.MonthStats, cfg.Replicates)
			for r := 0; r < cfg.Replicates; r++ {
				jobs = append(jobs, experiment.Job{Index: len(jobs), Point: gi, Policy: name, Def: def, Seed: cfg.Seed, Replicate: uint64(r), Params: &g.params})
			}
		}
	}
	done := 0
	err := experiment.Execute(ctx, jobs, experiment.RunOptions{Workers: cfg.Workers}, func(out experiment.Outcome) error {
		if out.Err != nil {
			return fmt.Errorf("validation: policy %s, replicate %d: %w", out.Job.Policy, out.Job.Replicate, out.Err)
		}
		g := groups[out.Job.Point]
		p := slices.Index(g.policies, out.Job.Policy)
		keep := make([]sim.MonthStats, len(g.months))
		for k, t := range g.months {
			keep[k] = out.Stats[t]
		}
		g.stats[p][out.Job.Replicate] = keep
		done++
		if cfg.Progress != nil {
			cfg.Progress(done, len(jobs))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	cols := results.MonthColumns()
	column := func(name string) results.Column {
		for _, c := range cols {
			if c.Name == name {
				return c
			}
		}
		panic("validation: no column " + name) // checked when the targets were loaded
	}
	out := make([]Result, len(cfg.Targets))
	for i, t := range cfg.Targets {
		g := of[i]
		s := t.Statistic
		at := slices.Index(g.months, s.Month)
		pol := slices.Index(g.policies, s.Policy)
		base := slices.Index(g.policies, s.Baseline)
		value := func(name string, p, r, k int) float64 { return column(name).Value(&g.stats[p][r][k]) }
		res := Result{Target: t, Values: make([]float64, cfg.Replicates)}
		var acc experiment.Accumulator
		for r := 0; r < cfg.Replicates; r++ {
			var v float64
			switch s.Kind {
			case KindValue:
				v = value(s.Outcome, pol, r, at)
			case KindDifference:
				v = value(s.Outcome, pol, r, at) - value(s.Outcome, base, r, at)
			case KindStandardised:
				v = (value(s.Outcome, pol, r, at) - value(s.Outcome, base, r, at)) / value(s.SD, base, r, 0)
			case KindShare:
				d := value(s.Outcome, pol, r, at) - value(s.Outcome, base, r, at)
				e := value(s.Other, pol, r, at) - value(s.Other, base, r, at)
				v = math.NaN()
				if d+e > 0 {
					v = d / (d + e)
				}
			}
			if s.PerResident && s.Kind != KindShare && s.Kind != KindStandardised {
				v /= float64(g.stats[pol][r][0].OnBenefit)
			}
			if math.IsInf(v, 0) {
				v = math.NaN()
			}
			res.Values[r] = v
			acc.Add(v)
		}
		e := acc.Estimate()
		res.N, res.Mean, res.Lo, res.Hi = e.N, e.Mean, e.Lo, e.Hi
		res.Hit = res.Mean >= t.Low && res.Mean <= t.High
		out[i] = res
	}
	return out, nil
}

// setParam sets key to the YAML scalar v in p.
func setParam(p *sim.Params, key, v string) error {
	spec, ok := scenarios.Lookup(key)
	if !ok {
		return fmt.Errorf("unknown parameter %q", key)
	}
	val, err := parseScalar(v)
	if err != nil {
		return fmt.Errorf("%s: %w", key, err)
	}
	return spec.Set(p, val)
}

func nan() float64 { return math.NaN() }
