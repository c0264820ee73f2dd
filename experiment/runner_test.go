package experiment

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/wijksim/wijksim/budget"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/sim"
	"golang.org/x/sync/semaphore"
)

// smallParams are default parameters on a small population and horizon,
// so that a run takes a few milliseconds even under the race detector.
func smallParams() sim.Params {
	p := sim.Defaults()
	p.Months = 24
	p.Population.Residents = 60
	return p
}

// testJobs are every policy on three replicates, then one run with invalid
// parameters and one with an unknown policy.
func testJobs() []Job {
	var jobs []Job
	for r := uint64(0); r < 3; r++ {
		for _, pol := range policies.Names() {
			jobs = append(jobs, Job{Index: len(jobs), Policy: pol, Seed: 11, Replicate: r, Params: ptr(smallParams())})
		}
	}
	bad := smallParams()
	bad.Initial.Rung1 = 0.9
	jobs = append(jobs, Job{Index: len(jobs), Policy: "afstand", Seed: 11, Params: &bad})
	jobs = append(jobs, Job{Index: len(jobs), Policy: "streng", Seed: 11, Params: ptr(smallParams())})
	return jobs
}

// executeAll runs jobs on workers and returns the outcomes by job index.
func executeAll(t *testing.T, jobs []Job, workers int) []Outcome {
	t.Helper()
	outs := make([]Outcome, len(jobs))
	seen := make([]bool, len(jobs))
	err := Execute(context.Background(), jobs, RunOptions{Workers: workers, RecordEvents: true}, func(o Outcome) error {
		if seen[o.Job.Index] {
			t.Errorf("%d workers: run %d collected twice", workers, o.Job.Index)
		}
		seen[o.Job.Index] = true
		outs[o.Job.Index] = o
		return nil
	})
	if err != nil {
		t.Fatalf("%d workers: %v", workers, err)
	}
	for i, ok := range seen {
		if !ok {
			t.Errorf("%d workers: run %d never collected", workers, i)
		}
	}
	return outs
}

func TestExecuteIsIndependentOfWorkers(t *testing.T) {
	jobs := testJobs()
	want := executeAll(t, jobs, 1)
	// The outcomes are not trivially equal: replicates and policies differ.
	if sameNaN(want[0].Stats, want[len(policies.Names())].Stats) {
		t.Fatalf("replicates 0 and 1 gave the same monthly statistics")
	}
	if sameNaN(want[0].Stats, want[1].Stats) {
		t.Fatalf("policies %s and %s gave the same monthly statistics", jobs[0].Policy, jobs[1].Policy)
	}
	for _, workers := range []int{2, 8, 0} {
		got := executeAll(t, jobs, workers)
		for i := range jobs {
			w, g := want[i], got[i]
			if (w.Err == nil) != (g.Err == nil) || (w.Err != nil && w.Err.Error() != g.Err.Error()) {
				t.Errorf("%d workers, run %d: error %v, with 1 worker %v", workers, i, g.Err, w.Err)
			}
			if !sameNaN(w.Job, g.Job) {
				t.Errorf("%d workers, run %d: job %+v, with 1 worker %+v", workers, i, g.Job, w.Job)
			}
			if !sameNaN(w.Stats, g.Stats) {
				t.Errorf("%d workers, run %d (%s, replicate %d): monthly statistics differ from 1 worker", workers, i, jobs[i].Policy, jobs[i].Replicate)
			}
			if !sameNaN(w.Kinds, g.Kinds) {
				t.Errorf("%d workers, run %d: summaries by kind differ from 1 worker", workers, i)
			}
			if !sameNaN(w.Events, g.Events) {
				t.Errorf("%d workers, run %d: event logs differ from 1 worker (%d and %d events)", workers, i, len(g.Events), len(w.Events))
			}
		}
	}
}

// TestExecuteReusingMemoryMatchesFreshRuns: the workers of Execute run
// model after model on the memory of the one before (sim.Options.Reuse),
// also when a memory limit lets one run at a time and the other worker
// waits; every outcome is that of a run on fresh memory (RunJob).
func TestExecuteReusingMemoryMatchesFreshRuns(t *testing.T) {
	jobs := testJobs()
	one := int64(budget.Run(ptr(smallParams()), true).Bytes)
	for _, opt := range []RunOptions{
		{Workers: 2, RecordEvents: true},
		{Workers: 2, RecordEvents: true, MaxMemory: one + one/2},
	} {
		got := make([]Outcome, len(jobs))
		if err := Execute(context.Background(), jobs, opt, func(o Outcome) error {
			got[o.Job.Index] = o
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		for i, job := range jobs {
			want, g := RunJob(job, true), got[i]
			if (want.Err == nil) != (g.Err == nil) {
				t.Errorf("memory limit %d, run %d: error %v, on fresh memory %v", opt.MaxMemory, i, g.Err, want.Err)
				continue
			}
			if !sameNaN(want.Stats, g.Stats) || !sameNaN(want.Kinds, g.Kinds) || !sameNaN(want.Events, g.Events) || !sameNaN(want.AfterExit, g.AfterExit) {
				t.Errorf("memory limit %d, run %d (%s, replicate %d): outcome differs from a run on fresh memory", opt.MaxMemory, i, job.Policy, job.Replicate)
			}
		}
	}
}

// TestWorkerReservation follows a worker's memory reservation: a run
// keeps its model as the spare together with its reservation, a smaller run
// gives back the difference, a larger one that fits takes more and keeps the
// spare, and one that must wait lets the spare and its reservation go first.
func TestWorkerReservation(t *testing.T) {
	const kib = 1 << 10
	const total = 1000 * kib
	memory := &waitWatch{Weighted: semaphore.NewWeighted(total)}
	w := worker{memory: memory, opt: RunOptions{MaxMemory: total}}
	memory.w = &w
	out := w.run(Job{Policy: "afstand", Seed: 1, Params: ptr(smallParams())})
	if out.Err != nil {
		t.Fatal(out.Err)
	}
	if w.spare == nil || w.held == 0 || !memory.free(total-w.held) {
		t.Fatalf("after a run: spare %v, %d bytes held; want the run's model and its reservation", w.spare != nil, w.held)
	}
	spare := w.spare
	for _, need := range []int64{400 * kib, 300 * kib, 550 * kib} {
		if err := w.reserve(need); err != nil {
			t.Fatal(err)
		}
		if w.held != need || !memory.free(total-need) || w.spare != spare || memory.waits != 0 {
			t.Errorf("reserve %d: %d held, spare kept %v, %d waits; want %d held and %d free, spare kept, no wait", need, w.held, w.spare == spare, memory.waits, need, total-need)
		}
	}
	// Another run holds the rest (TryAcquire fails): reserving 600 KiB must
	// wait, and lets the spare and its 550 KiB go before it does.
	memory.taken = true
	if err := w.reserve(600 * kib); err != nil {
		t.Fatal(err)
	}
	if memory.waits != 1 || memory.heldWaiting != 0 || memory.spareWaiting || w.held != 600*kib || w.spare != nil || !memory.free(400*kib) {
		t.Errorf("after waiting: %d waits, %d held and spare %v while waiting, %d held, spare %v; want 1 wait, nothing held while waiting, %d held, no spare, %d free",
			memory.waits, memory.heldWaiting, memory.spareWaiting, w.held, w.spare != nil, 600*kib, 400*kib)
	}
	w.letGo()
	if !memory.free(total) {
		t.Errorf("after letGo not all %d bytes free", total)
	}
}

// waitWatch is a semaphore that notes what its worker holds when it
// waits, and that can be told the rest of the memory is taken (TryAcquire
// fails) without blocking Acquire.
type waitWatch struct {
	*semaphore.Weighted
	w            *worker
	taken        bool
	waits        int
	heldWaiting  int64
	spareWaiting bool
}

func (m *waitWatch) TryAcquire(n int64) bool {
	return !m.taken && m.Weighted.TryAcquire(n)
}

func (m *waitWatch) Acquire(ctx context.Context, n int64) error {
	m.waits++
	m.heldWaiting, m.spareWaiting = m.w.held, m.w.spare != nil
	m.taken = false
	return m.Weighted.Acquire(ctx, n)
}

// free reports whether exactly n bytes are free: n can be taken, n+1 not.
func (m *waitWatch) free(n int64) bool {
	if m.Weighted.TryAcquire(n + 1) {
		m.Weighted.Release(n + 1)
		return false
	}
	if !m.Weighted.TryAcquire(n) {
		return false
	}
	m.Weighted.Release(n)
	return true
}

func TestRunJobRecordsFailures(t *testing.T) {
	outs := executeAll(t, testJobs(), 2)
	n := len(outs)
	for i, o := range outs[:n-2] {
		if o.Err != nil {
			t.Errorf("run %d: %v", i, o.Err)
		}
		if len(o.Stats) != smallParams().Months+1 {
			t.Errorf("run %d: %d months of statistics, want %d", i, len(o.Stats), smallParams().Months+1)
		}
		if len(o.Events) == 0 {
			t.Errorf("run %d: no events recorded", i)
		}
	}
	for _, tc := range []struct {
		o    Outcome
		want string
	}{
		{outs[n-2], "initial.rung_1 .. initial.rung_4"},
		{outs[n-1], "streng"},
	} {
		if tc.o.Err == nil || !strings.Contains(tc.o.Err.Error(), tc.want) {
			t.Errorf("run %d: error %v, want one naming %q", tc.o.Job.Index, tc.o.Err, tc.want)
		}
		if tc.o.Stats != nil || tc.o.Events != nil {
			t.Errorf("run %d failed but has results", tc.o.Job.Index)
		}
	}
}

func TestRunJobMatchesADirectRun(t *testing.T) {
	job := Job{Policy: "nabijheid", Seed: 3, Replicate: 2, Params: ptr(smallParams())}
	m, err := sim.New(*job.Params, policies.MustBuiltin("nabijheid").Policy, job.Seed, job.Replicate, sim.Options{RecordEvents: true})
	if err != nil {
		t.Fatal(err)
	}
	m.Run()
	out := RunJob(job, true)
	if out.Err != nil {
		t.Fatal(out.Err)
	}
	if !sameNaN(out.Stats, m.Stats()) || !sameNaN(out.Kinds, m.KindSummaries()) || !sameNaN(out.Events, m.Events()) {
		t.Errorf("RunJob differs from running the model directly")
	}
	if out := RunJob(job, false); out.Events != nil {
		t.Errorf("events kept although not asked for: %d", len(out.Events))
	}
}

func TestExecuteStopsWhenCollectFails(t *testing.T) {
	jobs := testJobs()
	stop := errors.New("disk full")
	calls := 0
	err := Execute(context.Background(), jobs, RunOptions{Workers: 2}, func(o Outcome) error {
		calls++
		if calls == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Errorf("Execute returned %v, want the collect error", err)
	}
	if calls != 3 {
		t.Errorf("collect called %d times, want 3: not again after it failed", calls)
	}
}

func TestExecuteStopsWhenCancelled(t *testing.T) {
	var jobs []Job
	for r := 0; r < 60; r++ {
		jobs = append(jobs, Job{Index: r, Policy: "afstand", Seed: 1, Replicate: uint64(r), Params: ptr(smallParams())})
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var calls atomic.Int32
	err := Execute(ctx, jobs, RunOptions{Workers: 2}, func(o Outcome) error {
		if o.Err != nil {
			t.Errorf("run %d: %v", o.Job.Index, o.Err)
		}
		if calls.Add(1) == 2 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Execute returned %v, want context.Canceled", err)
	}
	// The runs in progress finish and few new ones start: with both ready,
	// select picks a new job or the cancellation at random, so allow some.
	if n := int(calls.Load()); n < 2 || n > len(jobs)/2 {
		t.Errorf("%d runs collected after cancelling at the second of %d", n, len(jobs))
	}
}

func TestExecuteWithoutJobs(t *testing.T) {
	err := Execute(context.Background(), nil, RunOptions{Workers: 4}, func(Outcome) error {
		t.Error("collect called without jobs")
		return nil
	})
	if err != nil {
		t.Error(err)
	}
}

func ptr(p sim.Params) *sim.Params { return &p }
