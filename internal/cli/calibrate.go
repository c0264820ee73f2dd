package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/wijksim/wijksim/budget"
	"github.com/wijksim/wijksim/calibrate"
	"github.com/wijksim/wijksim/internal/buildinfo"
	"github.com/wijksim/wijksim/internal/names"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/termtable"
)

type calibrateFlags struct {
	targets         string
	policies        string
	outcomeFiles    []string
	params          []string
	reportOnly      []string
	scenario        string
	set             []string
	seed            uint64
	replicates      int
	checkReplicates int
	starts          int
	maxEvals        int
	workers         int
	out             string
	quiet           bool
	wide            bool
	limits          budget.Limits
}

func newCalibrateCmd(e *env) *cobra.Command {
	var f calibrateFlags
	cmd := &cobra.Command{
		Use:   "calibrate",
		Short: "Fit parameters to empirical targets (benefit statistics, sanction studies)",
		Long: `Fit chosen parameters, each within bounds, to the targets of a target file
(see scenarios/targets/ and docs/calibration.md): figures such as the share of
new recipients leaving within a year or the hazard ratio of an exit to work
after a sanction, each with the statistic that computes its simulated
counterpart from a run's event log, its policy and the settings its runs need.

The objective is the sum over targets of ((simulated - observed) / se)^2,
the simulated value being the mean over --replicates replicates with fixed
seeds (common random numbers, so the objective is a deterministic function of
the parameters). It is minimised by Nelder-Mead in a logit-transformed space
that keeps every parameter within its bounds, from --starts seeded starting
points. Targets named in --report-only are computed and shown but not fitted
(for example targets the model cannot reach).

The table shows, per target, the observed value, the simulated mean ± its
standard error over replicates and the standardised deviation z, on the
calibration replicates and on as many fresh ones (--check-replicates); then
the estimate of each parameter (the best start's, rounded to three
significant digits) with the standard error the targets' se imply (delta
method, ignoring simulation noise), and the mean and standard deviation of
the estimates over the starts that reach the best objective (within 1).

The results folder holds fit.csv (per target), estimates.csv (per start and
parameter), fit.json (everything, with the command, the scenario and the
SHA-256 of the target file) and calibrated.yaml: the base scenario with the
fitted values written in, under a header that says how it was made. Results
do not depend on --workers.

Without --params nothing is fitted: the command shows how well the scenario
as it is fits the targets, and writes fit.csv and fit.json.

A fit stopped before its end resumes when the same command is run again:
the starts it finished are kept in the folder's .starts and taken as they
are.`,
		Example: `  wijksim calibrate --targets scenarios/targets/nl-benefit.yaml \
      --params exit.base_rate=0.0002:0.02,exit.early_excess=0:40,work.job_finding=0:0.1,sanction.job_push=0:20 \
      --report-only sanction_exit_without_work_hr
  wijksim calibrate --targets scenarios/targets/nl-benefit.yaml --scenario default   # the fit as it is
  wijksim calibrate --targets my-targets.yaml --params exit.base_rate=0.001:0.01 --replicates 10 --starts 2
  wijksim calibrate --targets my-targets.yaml --params sanction.push=0:2 --scenario poelenburg --out out/cal`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runCalibrate(cmd.Context(), e, f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.targets, "targets", "", "target file (YAML), e.g. scenarios/targets/nl-benefit.yaml")
	fl.StringSliceVar(&f.params, "params", nil, "parameters to fit with their bounds, key=min:max (comma-separated or repeated); none: only show the scenario's fit")
	addPolicyFilesFlag(fl, &f.policies, "the targets")
	addOutcomeFileFlag(fl, &f.outcomeFiles)
	fl.StringSliceVar(&f.reportOnly, "report-only", nil, "targets to compute and show but leave out of the objective")
	addScenarioFlag(fl, &f.scenario)
	addSetFlag(fl, &f.set)
	addSeedFlag(fl, &f.seed)
	fl.IntVar(&f.replicates, "replicates", 20, "replicates per target and evaluation (common random numbers)")
	fl.IntVar(&f.checkReplicates, "check-replicates", 0, "fresh replicates to check the fit at the estimate (0: as many as --replicates, -1: none)")
	fl.IntVar(&f.starts, "starts", calibrate.DefaultFitOptions().Starts, "fits from different seeded starting points")
	fl.IntVar(&f.maxEvals, "max-evals", calibrate.DefaultFitOptions().MaxEvaluations, "evaluations per start at most")
	addWorkersFlag(fl, &f.workers)
	fl.StringVar(&f.out, "out", "", "results folder (default out/calibrate-TARGETS-SCENARIO)")
	addQuietFlag(fl, &f.quiet)
	addWideFlag(fl, &f.wide)
	addLimitFlags(fl, &f.limits)
	_ = cmd.MarkFlagRequired("targets")
	return cmd
}

// checkpointKey identifies what each start of a fit depends on: the
// version, the targets, the scenario with its overrides, the parameters
// and their bounds, the targets left out, the seed, the replicates, the
// evaluations allowed, and the policy and outcome files. A start kept
// under another key is fitted again.
func checkpointKey(f calibrateFlags, ts *calibrate.Targets, sc *scenarios.Scenario, pols []*policies.Policy) (string, error) {
	h := sha256.New()
	// A build from changed or unversioned sources says too little in its
	// version: the binary itself identifies the model then, with the
	// architecture it was built for.
	model, err := buildinfo.CurrentModel()
	if err != nil {
		return "", fmt.Errorf("the checkpoint of the starts: %w", err)
	}
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%q\x00%q\x00%q\x00%d\x00%d\x00%d\x00", model.Version, ts.SHA256, sc.SHA256, sc.Overrides, f.params, f.reportOnly, f.seed, f.replicates, f.maxEvals)
	if model.BinarySHA256 != "" {
		fmt.Fprintf(h, "%s\x00", model.BinarySHA256)
	}
	// Builds for other architectures may round differently.
	fmt.Fprintf(h, "arch=%s\x00", model.Arch)
	for _, p := range pols {
		fmt.Fprintf(h, "%s=%s\x00", p.Name, p.SHA256)
	}
	for _, path := range f.outcomeFiles {
		b, err := os.ReadFile(path)
		if err != nil {
			return "", fmt.Errorf("--outcome-file: %w", err)
		}
		fmt.Fprintf(h, "%x\x00", sha256.Sum256(b))
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func runCalibrate(ctx context.Context, e *env, f calibrateFlags) error {
	pols, err := parsePolicies("--policies", f.policies)
	if err != nil {
		return err
	}
	reg, err := loadOutcomes(f.outcomeFiles)
	if err != nil {
		return err
	}
	ts, err := calibrate.LoadTargetsWith(f.targets, calibrate.TargetOptions{Policies: pols, Outcomes: reg})
	if err != nil {
		return err
	}
	var params []calibrate.Parameter
	for _, s := range f.params {
		p, err := calibrate.ParseParameter(s)
		if err != nil {
			return fmt.Errorf("--params: %w", err)
		}
		for _, q := range params {
			if q.Key == p.Key {
				return fmt.Errorf("--params: parameter %q given twice; allowed: one range for each", p.Key)
			}
		}
		for _, kv := range f.set {
			if key, _, _ := strings.Cut(kv, "="); strings.TrimSpace(key) == p.Key {
				return fmt.Errorf("--set %s: %s is fitted (--params %s); allowed: fix it with --set or fit it, not both", names.Clip(kv), p.Key, names.Clip(s))
			}
		}
		params = append(params, p)
	}
	if len(params) > 0 && f.maxEvals < 1 {
		return fmt.Errorf("--max-evals %d: allowed: a positive number of evaluations per start", f.maxEvals)
	}
	if len(params) > 0 && len(f.reportOnly) > 0 && len(f.reportOnly) >= len(ts.Targets) {
		reported := map[string]bool{}
		for _, r := range f.reportOnly {
			reported[r] = true
		}
		fitted := 0
		for _, t := range ts.Targets {
			if !reported[t.Name] {
				fitted++
			}
		}
		if fitted == 0 {
			return fmt.Errorf("--report-only: every target of %s is left out of the objective; allowed: at least one target to fit --params to", ts.Source)
		}
	}
	if f.replicates < 1 {
		return fmt.Errorf("--replicates %d: allowed: at least 1", f.replicates)
	}
	if f.starts < 1 {
		return fmt.Errorf("--starts %d: allowed: at least 1", f.starts)
	}
	if f.checkReplicates < -1 {
		return fmt.Errorf("--check-replicates %d: allowed: -1 (none), 0 (as many as --replicates) or more", f.checkReplicates)
	}
	if err := f.limits.Validate(); err != nil {
		return err
	}
	// The calibrated scenario is written for every policy, so it sets the
	// built-in keys only, not those of the policy files given.
	sc, err := scenarios.Load(f.scenario, scenarios.Options{Set: f.set, Environ: e.environ})
	if err != nil {
		return err
	}
	prob, err := calibrate.NewProblem(calibrate.Config{
		Base: sc.Params, Targets: ts.Targets, Params: params, ReportOnly: f.reportOnly,
		Seed: f.seed, Replicates: f.replicates, Workers: f.workers, Policies: policies.Custom(pols),
	})
	if err != nil {
		return fmt.Errorf("targets %s: %w", ts.Source, err)
	}
	check := f.checkReplicates
	if check == 0 {
		check = f.replicates
	}
	if err := prob.CheckLimits(f.limits, f.replicates, check, f.starts, f.maxEvals, f.workers, len(params) > 0); err != nil {
		return err
	}
	out := f.out
	if out == "" {
		out = filepath.Join("out", fmt.Sprintf("calibrate-%s-%s", ts.Name, sc.Name))
	}
	if err := calibrate.CheckFolder(out); err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	started := time.Now()
	progress := func(start, evals int, best float64) {}
	if !f.quiet {
		last := time.Now()
		progress = func(start, evals int, best float64) {
			if evals == 1 || time.Since(last) >= 10*time.Second {
				last = time.Now()
				fmt.Fprintf(e.stderr, "calibrate: start %d/%d, %d evaluations (%d runs each), best objective %.4g, %s elapsed\n",
					start+1, f.starts, evals, prob.RunsPerEvaluation(), best, time.Since(started).Round(time.Second))
			}
		}
	}
	var res *calibrate.Result
	if len(params) == 0 {
		res, err = calibrate.Assess(ctx, prob, check)
	} else {
		key, kerr := checkpointKey(f, ts, sc, pols)
		if kerr != nil {
			return kerr
		}
		res, err = calibrate.Fit(ctx, prob, calibrate.FitOptions{
			Starts: f.starts, Seed: f.seed, MaxEvaluations: f.maxEvals, CheckReplicates: f.checkReplicates, Progress: progress,
			Checkpoint: filepath.Join(out, calibrate.CheckpointDir), CheckpointKey: key,
			Resumed: func(start int) {
				if !f.quiet {
					fmt.Fprintf(e.stderr, "calibrate: start %d/%d taken from %s, finished before\n", start+1, f.starts, filepath.Join(out, calibrate.CheckpointDir))
				}
			},
		})
	}
	if err != nil {
		return err
	}
	if !f.quiet {
		fmt.Fprintf(e.stderr, "calibrate: done in %s\n", time.Since(started).Round(time.Second))
	}
	cal := &calibrate.Calibration{Result: res, Problem: prob, Scenario: sc, Targets: ts, Seed: f.seed, ReportOnly: f.reportOnly, Command: e.args}
	if err := cal.WriteFolder(out); err != nil {
		return err
	}
	if err := cal.WriteTable(e.stdout, termtable.Options{Wide: f.wide}); err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "\nResults written to %s\n", out)
	return err
}
