package experiment

import (
	"fmt"
	"math"
	"unsafe"

	"github.com/wijksim/wijksim/budget"
	"github.com/wijksim/wijksim/design"
	"github.com/wijksim/wijksim/sim"
)

// Bookkeeping memory of many runs, besides the runs themselves (measured,
// with a margin): a sweep keeps a job and an index entry per run and a
// copy of the parameters per design point; a comparison keeps the end of
// every run.
const (
	sweepBytesPerRun   = 256
	sweepBytesPerPoint = int(unsafe.Sizeof(sim.Params{})) + 256
	compareBytesPerRun = 4 << 10
)

// Size returns the number of design points and of runs (points x policies
// x replicates) of the spec, without generating the design, and an error
// when they exceed design.MaxPoints. For a one-at-a-time design it is an
// upper bound: levels equal to the scenario's value are skipped.
func (s *Spec) Size() (points, runs int, err error) {
	d := len(s.Design.Parameters)
	switch s.Design.Kind {
	case DesignScenarios:
		points = len(s.Design.Scenarios)
	case DesignFactorial:
		var ok bool
		if points, ok = design.FactorialSize(s.Design.Parameters); !ok {
			return 0, 0, fmt.Errorf("spec %s: key \"design.parameters\": a full factorial of %d parameters has more than %d points; allowed: fewer parameters or levels", s.Source, d, design.MaxPoints)
		}
	case DesignOneAtATime:
		points = 1
		for _, f := range s.Design.Parameters {
			points += len(f.Levels)
		}
	case DesignMorris:
		points = s.Design.Trajectories * (d + 1)
	case DesignSaltelli:
		points = s.Design.Samples * (d + 2)
	default:
		points = s.Design.Samples
	}
	n := float64(points) * float64(len(s.Policies)) * float64(s.Replicates)
	if n > design.MaxPoints {
		return 0, 0, fmt.Errorf("spec %s: %d points x %d policies x %d replicates is more than %d runs", s.Source, points, len(s.Policies), s.Replicates, design.MaxPoints)
	}
	return points, int(n), nil
}

// planBytes estimates the memory of a sweep's plan and run index.
func planBytes(points, runs, factors int) float64 {
	return float64(runs)*sweepBytesPerRun + float64(points)*float64(sweepBytesPerPoint+8*factors)
}

// checkSweep sizes the spec against lim before it is expanded and returns
// the memory its plan will take.
func checkSweep(spec *Spec, lim budget.Limits) (float64, error) {
	points, runs, err := spec.Size()
	if err != nil {
		return 0, err
	}
	book := planBytes(points, runs, len(spec.Design.Parameters))
	what := fmt.Sprintf("sweep %s: the plan of %d points and %d runs would", spec.Name, points, runs)
	if err := lim.Check(what, budget.Cost{Bytes: book}); err != nil {
		return 0, err
	}
	return book, nil
}

// budgetPlan marks the points of plan whose single run does not fit in the
// memory left beside the plan as invalid (their runs are recorded as
// failed), then checks the processor time of jobs. It returns the memory
// left for runs at once.
func budgetPlan(plan *Plan, jobs []Job, lim budget.Limits, book float64, events bool) (int64, error) {
	left := memoryLeft(lim, book)
	inner := budget.Limits{MaxMemory: left}
	tooLarge := map[*sim.Params]error{}
	for _, job := range plan.Jobs {
		if _, bad := plan.Invalid[job.Index]; bad || job.Params == nil {
			continue
		}
		err, seen := tooLarge[job.Params]
		if !seen {
			err = inner.CheckRun(fmt.Sprintf("design point %d", job.Point), job.Params, events)
			tooLarge[job.Params] = err
		}
		if err != nil {
			plan.Invalid[job.Index] = err
		}
	}
	var cost budget.Cost
	for _, job := range jobs {
		if _, bad := plan.Invalid[job.Index]; bad {
			continue
		}
		cost.CoreSeconds += budget.Run(job.Params, events).CoreSeconds
	}
	what := fmt.Sprintf("sweep %s: %d runs would", plan.Spec.Name, len(jobs))
	if err := lim.Check(what, cost); err != nil {
		return 0, err
	}
	return left, nil
}

// checkCompare sizes a comparison against the spec's limits: the ends of
// every run it keeps, and one run at a time at the least.
func (s *CompareSpec) checkCompare() (int64, error) {
	reps := s.Replicates
	if s.Precision > 0 {
		reps = max(reps, s.MaxReplicates)
	}
	runs := float64(reps) * float64(len(s.Policies))
	p := &s.Scenario.Params
	if err := s.Limits.CheckRun(fmt.Sprintf("compare: scenario %s", s.Scenario.Name), p, false); err != nil {
		return 0, err
	}
	one := budget.Run(p, false)
	cells := float64(p.Months+1) * float64(len(OutcomeNames())+1) * float64(len(s.Policies)) * 2 * float64(unsafe.Sizeof(Accumulator{}))
	cost := budget.Cost{
		Bytes:       runs*compareBytesPerRun + cells + one.Bytes,
		CoreSeconds: runs * one.CoreSeconds,
	}
	if err := s.Limits.Check(fmt.Sprintf("compare: %d replicates of %d policies would", reps, len(s.Policies)), cost); err != nil {
		return 0, err
	}
	return memoryLeft(s.Limits, cost.Bytes-one.Bytes), nil
}

// memoryLeft is the memory for runs at once beside bookkeeping bytes, or 0
// (no limit) when lim has none.
func memoryLeft(lim budget.Limits, bookkeeping float64) int64 {
	if lim.MaxMemory == 0 {
		return 0
	}
	return max(1, lim.MaxMemory-int64(math.Min(bookkeeping, float64(lim.MaxMemory))))
}
