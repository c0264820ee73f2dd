package plots

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/wijksim/wijksim/experiment"
	"github.com/wijksim/wijksim/outcomes"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/results"
	"github.com/wijksim/wijksim/scenarios"
)

// The kinds of results folder, as named in their manifest.
const (
	KindRun     = "run"
	KindCompare = "compare"
	KindSweep   = experiment.KindSweep
)

// Estimates holds estimates by name (an outcome or a metric).
type Estimates map[string]experiment.Estimate

// get returns the estimate called name; absent, a NaN estimate.
func (es Estimates) get(name string) experiment.Estimate {
	if e, ok := es[name]; ok {
		return e
	}
	return single(math.NaN())
}

// Results is a results folder, read into the form charts are built from.
// Every map is keyed by policy name; a policy absent from a map has no such
// data in the folder.
type Results struct {
	// Kind is KindRun, KindCompare or KindSweep.
	Kind string
	// Dir is the folder that was read.
	Dir string
	// Manifest is the folder's manifest; for a parent of run folders, the
	// manifest of its first run.
	Manifest *results.Manifest
	// Outcomes are the folder's outcomes: the built-in ones and those of
	// the outcome files its manifest records.
	Outcomes *outcomes.Registry
	// Policies are the policies in the folder, in display order.
	Policies []string
	// Baseline is the policy the others are compared with.
	Baseline string
	// Months is the length of the runs.
	Months int
	// Residents is the number of residents at month 0 (for a sweep, of the
	// base scenario).
	Residents int
	// Replicates is the number of runs behind each estimate per policy: 1
	// for run folders, the replicates of a comparison, the runs of each
	// policy in a sweep.
	Replicates int
	// Monthly holds, per policy and outcome, one estimate per month (index
	// is the month). Nil when the folder has no monthly series.
	Monthly map[string]map[string][]experiment.Estimate
	// End holds the estimates at the end of the run.
	End map[string]Estimates
	// Diff holds the paired differences from the baseline at the end.
	Diff map[string]Estimates
	// ByKind holds the end-of-run estimates by kind of resident at the
	// start, and KindDiff their paired differences from the baseline.
	ByKind   map[string]map[string]Estimates
	KindDiff map[string]map[string]Estimates
	// Cohorts are what the event log says about each run; nil without an
	// event log.
	Cohorts []Cohort
	// Sweep holds a sweep's design and per-run outcomes; nil for other
	// folders.
	Sweep *SweepData
	// Points are the design points of a sweep whose design chooses its
	// points (factorial, one at a time, scenarios), each with its own
	// estimates over its replicates; nil for other folders and for sampled
	// designs. With two or more points (PerPoint), the estimates pooled
	// over the whole design (End, Diff, ByKind, KindDiff, Monthly) keep
	// their means but carry no interval: the points differ on purpose, so
	// their spread is no sampling error. Charts then show each point.
	Points []DesignPoint
	// Failed are the runs of a sweep that failed, left out of every
	// estimate; Incomplete the subfolders of a folder of runs that were left
	// out for want of a manifest (a run that was interrupted or failed to
	// write). Plot and report warn about both.
	Failed     []FailedRun
	Incomplete []string
	// Ignored are the subfolders with results of their own inside a folder
	// that has its own manifest (a run of one policy written into a folder
	// of runs of every policy, say): they are not drawn, and plot and report
	// say so.
	Ignored []string
	// Unpaired says, one line per setting, how the runs of a folder of run
	// folders differ other than in their policy (scenario, seed, replicate,
	// parameters): such runs were not made together, and their differences
	// are not the policies' effects alone.
	Unpaired []string
}

// FailedRun is a run of a sweep that failed, with its error.
type FailedRun struct {
	Run, Point int
	Policy     string
	Replicate  uint64
	Error      string
}

// Warnings says, one line each, what the results leave out: the failed
// runs (up to max of them, then how many more) and the incomplete folders.
func (r *Results) Warnings(max int) []string {
	var out []string
	for _, dir := range r.Incomplete {
		out = append(out, fmt.Sprintf("folder %s has results but no manifest.json (a run that was interrupted or could not finish writing): left out", dir))
	}
	for _, dir := range r.Ignored {
		out = append(out, fmt.Sprintf("folder %s holds results of its own, which are not drawn with those of %s (whose manifest.json says what it holds): plot that folder on its own", dir, r.Dir))
	}
	for _, u := range r.Unpaired {
		out = append(out, fmt.Sprintf("the runs in %s were not made together, so their differences are not the policies' effects alone: %s", r.Dir, u))
	}
	if n := len(r.Failed); n > 0 {
		out = append(out, fmt.Sprintf("%d run(s) failed and are left out of every estimate; their errors are in the status and error columns of summaries.csv", n))
		for i, f := range r.Failed {
			if i == max {
				out = append(out, fmt.Sprintf("... and %d more failed run(s)", n-max))
				break
			}
			out = append(out, fmt.Sprintf("run %d (point %d, policy %s, replicate %d) failed: %s", f.Run, f.Point, f.Policy, f.Replicate, firstLine(f.Error)))
		}
	}
	return out
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// Keys returns the scenario keys of the results: the built-in ones and
// those of the policy files the manifest keeps (scenarios.KeysFor), for
// the units of the parameters shown. Files that do not parse, or clash,
// give the built-in keys.
func (r *Results) Keys() *scenarios.Registry {
	var defs []*policies.Policy
	if r.Manifest != nil {
		defs, _ = r.Manifest.PolicyDefs()
	}
	keys, err := scenarios.KeysFor(defs)
	if err != nil {
		keys, _ = scenarios.KeysFor(nil)
	}
	return keys
}

// HasCI reports whether the estimates have confidence intervals: false for
// a single run, and for the pooled estimates of a sweep over chosen design
// points (see Points).
func (r *Results) HasCI() bool { return r.Replicates >= 2 && !r.PerPoint() }

// PerPoint reports whether the results are a sweep over two or more chosen
// design points, whose charts show each point rather than the design
// pooled.
func (r *Results) PerPoint() bool { return len(r.Points) >= 2 }

// DesignPoint is one point of a sweep's design, with the estimates of its
// own runs: per policy, over the replicates at the point.
type DesignPoint struct {
	// Point is the point's number in points.csv, Scenario its scenario and
	// Values its factor values, in the order of SweepData.Factors.
	Point    int
	Scenario string
	Values   []float64
	// End holds per policy the end-of-run estimates over the point's
	// replicates, Diff the paired differences from the baseline.
	End, Diff map[string]Estimates
}

// Cohort is what one run's event log says about the residents who were on
// the benefit at month 0 (residents 0 to Residents-1); later inflow is left
// out, because the log does not record when a resident arrived.
type Cohort struct {
	Policy    string
	Residents int
	// Horizon is the last month of the run: residents without the event are
	// censored there.
	Horizon int
	// FirstStepUp and FirstExitToWork map a resident to the month of their
	// first move up (a step up or a placement on the rung the
	// tegenprestatie demands, as cum_moved_up counts them) and of their
	// first exit to work.
	FirstStepUp     map[int]int
	FirstExitToWork map[int]int
}

// SweepData is a sweep's design and the end of each of its runs.
type SweepData struct {
	// Design is the kind of design (factorial, oat, lhs, ...), from the
	// manifest's spec; empty if the manifest does not say.
	Design string
	// Factors are the parameters the design varies, in points.csv order.
	Factors []string
	// Rows are the runs that finished, in run order.
	Rows []SweepRow
}

// SweepRow is one finished run of a sweep.
type SweepRow struct {
	Point     int
	Policy    string
	Replicate uint64
	// Values are the run's factor values, in the order of Factors.
	Values []float64
	// End holds the end-of-run outcomes, and Kinds the by-kind metrics
	// keyed by kind then metric.
	End   map[string]float64
	Kinds map[string]map[string]float64
}

// policyOrder sorts names in the order of the built-in policies, other
// names last in the order given.
func policyOrder(names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range policies.Names() {
		if slices.Contains(names, n) {
			out = append(out, n)
		}
	}
	for _, n := range names {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// chooseBaseline returns want if it is among the policies, else afstand if
// present, else the first policy.
func chooseBaseline(want string, policies []string) string {
	switch {
	case want != "" && slices.Contains(policies, want):
		return want
	case slices.Contains(policies, "afstand"):
		return "afstand"
	case len(policies) > 0:
		return policies[0]
	}
	return ""
}

// single is the estimate of one observation: a mean without interval.
func single(x float64) experiment.Estimate {
	nan := math.NaN()
	e := experiment.Estimate{Mean: x, SD: nan, Lo: nan, Hi: nan}
	if !math.IsNaN(x) {
		e.N = 1
	}
	return e
}

// paramInt returns an integer parameter of the manifest, or def.
func paramInt(m *results.Manifest, key string, def int) int {
	for _, p := range m.Params {
		if p.Key != key {
			continue
		}
		if f, ok := p.Value.(float64); ok {
			return int(f)
		}
	}
	return def
}
