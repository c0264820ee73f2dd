package experiment

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"

	"golang.org/x/sync/semaphore"

	"github.com/wijksim/wijksim/budget"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/sim"
)

// Job is one simulation run.
type Job struct {
	// Index is the run's position in the experiment; it fixes output order.
	Index int
	// Point is the design point the run belongs to.
	Point int
	// Policy is the policy's name; Def the policy, nil for a built-in
	// policy, which RunJob finds by its name.
	Policy    string
	Def       *policies.Policy
	Seed      uint64
	Replicate uint64
	// Params are shared by the jobs of a design point; a job never changes them.
	Params *sim.Params
}

// Outcome is what one run produced. Err is set, and the other fields are
// empty, when the run failed (invalid parameters or a panic).
type Outcome struct {
	Job    Job
	Stats  []sim.MonthStats
	Kinds  [sim.NumKinds]sim.KindSummary
	Events []sim.Event
	// AfterExit is what happened after the exits from the benefit.
	AfterExit *sim.AfterExit
	Err       error

	storeErr error
}

// RunOptions set how runs are executed.
type RunOptions struct {
	// Workers is the number of runs at once; 0 means the number of CPUs.
	Workers int
	// RecordEvents keeps each run's event log.
	RecordEvents bool
	// Store, if set, is called by the worker with each outcome before it is
	// collected, so that writing results proceeds in parallel. An error is
	// returned by Execute as a collect error would be.
	Store func(Outcome) error
	// MaxMemory bounds the memory of the runs at once, by budget.Run's
	// estimate of each: a worker waits before a run until the memory is
	// free. A run larger than MaxMemory alone fails with an error saying
	// so. Zero means no bound.
	MaxMemory int64
}

// Execute runs every job on a pool of workers and hands each outcome to
// collect, from one goroutine, in the order the runs finish. A failed run is
// an outcome with Err set, not an error of Execute. Execute stops handing
// out jobs when ctx is cancelled or collect returns an error; runs already
// started finish and are collected. It returns ctx's error or collect's.
func Execute(ctx context.Context, jobs []Job, opt RunOptions, collect func(Outcome) error) error {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, max(len(jobs), 1))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	todo := make(chan Job)
	done := make(chan Outcome, workers)
	var memory memoryBound // nil: no bound
	if opt.MaxMemory > 0 {
		memory = semaphore.NewWeighted(opt.MaxMemory)
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			w := worker{memory: memory, opt: opt}
			defer w.letGo()
			for job := range todo {
				out := w.run(job)
				if opt.Store != nil {
					if err := opt.Store(out); err != nil {
						out.storeErr = err
					}
					// The stored outcome's series are not needed again.
					out.Stats, out.Events = nil, nil
				}
				done <- out
			}
		})
	}
	go func() {
		defer close(todo)
		for _, job := range jobs {
			if ctx.Err() != nil {
				return
			}
			select {
			case todo <- job:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(done)
	}()

	var collectErr error
	for out := range done {
		if collectErr != nil {
			continue // drain the runs still going
		}
		if out.storeErr != nil {
			collectErr = out.storeErr
			cancel()
			continue
		}
		if err := collect(out); err != nil {
			collectErr = err
			cancel()
		}
	}
	if collectErr != nil {
		return collectErr
	}
	return context.Cause(ctx)
}

// worker runs jobs one after another, each on the memory of the model
// before (sim.Options.Reuse). With a memory bound, the last model keeps its
// reservation in memory until the next run takes it over, so that what the
// worker holds between runs is counted too.
type worker struct {
	memory memoryBound // nil: no bound
	opt    RunOptions
	spare  *sim.Model // the last run's model, or nil
	held   int64      // bytes of memory reserved, for spare or the run at work
}

// memoryBound is the memory the runs at once may reserve: a
// *semaphore.Weighted of RunOptions.MaxMemory bytes.
type memoryBound interface {
	TryAcquire(n int64) bool
	Acquire(ctx context.Context, n int64) error
	Release(n int64)
}

// run performs one run once its estimated memory is reserved. It waits even
// when the sweep is cancelled: the run was handed out already, and runs
// handed out finish.
func (w *worker) run(job Job) Outcome {
	if w.memory != nil && job.Params != nil {
		lim := budget.Limits{MaxMemory: w.opt.MaxMemory}
		if err := lim.CheckRun(fmt.Sprintf("run %d", job.Index), job.Params, w.opt.RecordEvents); err != nil {
			return Outcome{Job: job, Err: err}
		}
		if err := w.reserve(int64(budget.Run(job.Params, w.opt.RecordEvents).Bytes)); err != nil {
			return Outcome{Job: job, Err: err}
		}
	}
	out, m := runJob(job, w.opt.RecordEvents, w.spare)
	if w.spare = m; m == nil {
		w.letGo()
	}
	return out
}

// reserve makes the worker's reservation need bytes. It keeps the spare
// model when that takes no waiting; otherwise it lets the spare and its
// reservation go before it waits, so that a waiting worker holds nothing.
func (w *worker) reserve(need int64) error {
	switch {
	case need <= w.held:
		w.memory.Release(w.held - need)
	case w.memory.TryAcquire(need - w.held):
	default:
		w.letGo()
		if err := w.memory.Acquire(context.Background(), need); err != nil {
			return err
		}
	}
	w.held = need
	return nil
}

// letGo drops the spare model and releases the worker's reservation.
func (w *worker) letGo() {
	w.spare = nil
	if w.held > 0 {
		w.memory.Release(w.held)
		w.held = 0
	}
}

// RunJob performs one run. A panic inside the model becomes the outcome's error.
func RunJob(job Job, recordEvents bool) Outcome {
	out, _ := runJob(job, recordEvents, nil)
	return out
}

// runJob is RunJob reusing the memory of spare, a model whose run is over
// (nil: none). It returns the run's model, for the next run to reuse, or nil
// when the run failed.
func runJob(job Job, recordEvents bool, spare *sim.Model) (out Outcome, done *sim.Model) {
	out.Job = job
	defer func() {
		if r := recover(); r != nil {
			out, done = Outcome{Job: job, Err: fmt.Errorf("run %d panicked: %v\n%s", job.Index, r, debug.Stack())}, nil
		}
	}()
	pol := job.Def
	if pol == nil {
		var err error
		if pol, err = policies.Builtin(job.Policy); err != nil {
			out.Err = err
			return out, nil
		}
	}
	if job.Params == nil {
		out.Err = fmt.Errorf("run %d: no parameters", job.Index)
		return out, nil
	}
	m, err := sim.New(*job.Params, pol.Policy, job.Seed, job.Replicate, sim.Options{RecordEvents: recordEvents, Reuse: spare})
	if err != nil {
		out.Err = err
		return out, nil
	}
	m.Run()
	out.Stats = m.Stats()
	out.Kinds = m.KindSummaries()
	out.Events = m.Events()
	out.AfterExit = m.AfterExit()
	return out, m
}
