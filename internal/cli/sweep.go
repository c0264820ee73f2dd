package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/wijksim/wijksim/budget"
	"github.com/wijksim/wijksim/experiment"
	"github.com/wijksim/wijksim/internal/names"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/scenarios"
)

type sweepFlags struct {
	spec         string
	policies     string
	outcomeFiles []string
	out          string
	workers      int
	gzip         bool
	parquet      bool
	quiet        bool
	shard        string
	limits       budget.Limits
}

func newSweepCmd(e *env) *cobra.Command {
	var f sweepFlags
	cmd := &cobra.Command{
		Use:   "sweep",
		Short: "Run a parameter sweep from an experiment spec, concurrently and resumably",
		Long: `Run every point of an experimental design, crossed with policies and
replicates, as described by a YAML spec (see docs/experiments.md and the
examples in examples/sweeps/). Designs: scenarios (a list of scenarios),
factorial (every combination of levels), oat (one factor at a time around the
scenario's values), lhs (Latin hypercube), sobol and halton (quasi-random).

Runs are spread over --workers; results do not depend on the number of
workers. Each finished run is stored at once, so an interrupted sweep (Ctrl-C,
SIGTERM, a crash) resumes when the same command is run again, skipping the
runs already done. A run that fails is recorded with its error and the sweep
goes on. At the end the runs are merged into points.csv, summaries.csv (one
row a run), and if asked monthly.csv and events.csv, plus manifest.json.

The scenario, the settings fixed for every run and the seed come from the
spec (scenario, set and seed): a sweep takes no --scenario, --set or --seed,
and WIJKSIM_ variables do not apply to it (a warning names any that is set).
A folder's runs are all made by one version of wijksim: resuming with
another is refused.`,
		Example: `  wijksim sweep --spec examples/sweeps/factorial.yaml --out out/factorial
  wijksim sweep --spec my-sweep.yaml --workers 2 --gzip --parquet
  wijksim sweep --spec my-sweep.yaml --out /scratch/sweep --shard 3/10`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runSweep(cmd.Context(), e, f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.spec, "spec", "", "experiment spec (YAML)")
	addOutcomeFileFlag(fl, &f.outcomeFiles)
	fl.StringVar(&f.policies, "policies", "", "comma-separated policies (built-in names or policy files) to run instead of the spec's policies list")
	fl.StringVar(&f.out, "out", "", "results folder (default out/sweep-SPECNAME)")
	addWorkersFlag(fl, &f.workers)
	fl.BoolVar(&f.gzip, "gzip", false, "gzip the merged CSV files")
	fl.BoolVar(&f.parquet, "parquet", false, "also write the tables as Parquet: summaries, and monthly and events when the spec asks for them")
	addQuietFlag(fl, &f.quiet)
	fl.StringVar(&f.shard, "shard", "", "run only shard i/n of the runs (default from SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT in a Slurm array job); merge the shards with 'wijksim merge'")
	addLimitFlags(fl, &f.limits)
	_ = cmd.MarkFlagRequired("spec")
	return cmd
}

func runSweep(ctx context.Context, e *env, f sweepFlags) error {
	if err := f.limits.Validate(); err != nil {
		return err
	}
	spec, err := experiment.LoadSpec(f.spec)
	if err != nil {
		return err
	}
	for _, key := range spec.Overridden() {
		fmt.Fprintf(e.stderr, "wijksim: warning: spec %s: set fixes %s, which the design varies: the design's values replace set's\n", f.spec, key)
	}
	if f.policies != "" {
		refs := strings.Split(f.policies, ",")
		if f.policies == "all" {
			refs = policies.Names()
		}
		if err := spec.SetPolicies(refs); err != nil {
			return fmt.Errorf("--policies: %w", err)
		}
	}
	if len(f.outcomeFiles) > 0 {
		reg, err := loadOutcomes(f.outcomeFiles)
		if err != nil {
			return err
		}
		if err := spec.AddOutcomes(reg); err != nil {
			return fmt.Errorf("--outcome-file: %w", err)
		}
	}
	warnIgnoredEnvironment(e, "sweep takes", f.spec, spec)
	out := f.out
	if out == "" {
		out = filepath.Join("out", "sweep-"+spec.Name)
	}
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	shard, shards := 0, 0
	if f.shard != "" {
		if shard, shards, err = experiment.ParseShard(f.shard); err != nil {
			return err
		}
	} else {
		var ok bool
		if shard, shards, ok, err = experiment.ShardFromEnv(e.environ); err != nil {
			return err
		} else if !ok {
			shard, shards = 0, 0
		}
	}
	prog := newProgress(e.stderr, "sweep", f.quiet)
	rep, err := experiment.Sweep(ctx, spec, experiment.SweepOptions{
		Out: out, Workers: f.workers, Gzip: f.gzip, Parquet: f.parquet, Progress: prog.update, Command: e.args,
		Shard: shard, Shards: shards, Limits: f.limits,
	})
	prog.finish()
	if err != nil {
		return err
	}
	if shards > 1 {
		_, err = fmt.Fprintf(e.stdout, "Sweep %s, shard %d of %d: %d runs (%d resumed from an earlier attempt, %d failed) in %s\nMerge the shards when all are done: wijksim merge %s\n",
			spec.Name, shard, shards, rep.Runs, rep.Skipped, rep.Failed, out, out)
		return err
	}
	fmt.Fprintf(e.stdout, "Sweep %s: %d runs (%d resumed from an earlier attempt, %d failed)\n", spec.Name, rep.Runs, rep.Skipped, rep.Failed)
	if rep.Failed > 0 {
		fmt.Fprintf(e.stdout, "Failed runs are listed with their error in the status and error columns of the summaries.\n")
	}
	if mb, ok := peakMemoryMB(); ok {
		fmt.Fprintf(e.stdout, "Peak memory (resident): %.1f MB\n", mb)
	}
	_, err = fmt.Fprintf(e.stdout, "Results written to %s: %s\n", out, strings.Join(rep.Files, ", "))
	return err
}

// peakMemoryMB returns the process's peak resident memory in MB, read from
// /proc/self/status (VmHWM) where the system has it, to help size cluster jobs.
func peakMemoryMB() (float64, bool) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(rest)
			if len(f) == 2 && f[1] == "kB" {
				if kb, err := strconv.ParseFloat(f[0], 64); err == nil {
					return kb / 1000, true
				}
			}
		}
	}
	return 0, false
}

// warnIgnoredEnvironment writes on stderr a warning for each WIJKSIM_
// variable of the environment, which overrides a parameter for the
// commands that load a scenario themselves (run, compare, calibrate,
// validate) but not for those whose runs take their parameters from the
// spec at path (who, "sweep takes"), and says where the value goes
// instead: the spec's set section.
func warnIgnoredEnvironment(e *env, who, path string, spec *experiment.Spec) {
	for _, v := range scenarios.EnvironmentVariables(e.environ, spec.Keys()) {
		where := fmt.Sprintf("to fix %s in every run, add \"%s: %s\" to the spec's set section", v.Key, v.Key, names.Clip(v.Value))
		if v.Key == "" {
			where = fmt.Sprintf("%s names no parameter either (`wijksim params` lists them; the variable of key a.b is %sA_B)", v.Name, scenarios.EnvPrefix)
		}
		fmt.Fprintf(e.stderr, "wijksim: warning: %s=%s is ignored: %s its parameters from the spec %s, not from %s variables; %s\n",
			v.Name, names.Clip(v.Value), who, path, scenarios.EnvPrefix, where)
	}
}
