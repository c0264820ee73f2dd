package cli

import (
	"context"
	"fmt"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/wijksim/wijksim/budget"
	"github.com/wijksim/wijksim/internal/names"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/results"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
	"github.com/wijksim/wijksim/termtable"
)

type runFlags struct {
	scenario     string
	policies     string
	outcomeFiles []string
	seed         uint64
	replicate    uint64
	out          string
	set          []string
	events       bool
	quiet        bool
	lang         string
	wide         bool
	limits       budget.Limits
}

func newRunCmd(e *env) *cobra.Command {
	var f runFlags
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Run one scenario under one or more policies and write the results",
		Long: `Run a scenario under one or more policies on the same seed and replicate,
so that every policy meets the same residents and the same life events.

For each policy the results folder holds monthly.csv (one row per month),
summary.json (the end of the run, also by kind of resident), events.csv (one
row per step up, step down, sanction, exit or re-entry of a resident) and
manifest.json (version, scenario and its SHA-256, seed, every parameter).
With one policy the files go straight into --out; with several, each policy
gets its own subfolder. A folder that holds runs of other policies is
refused, so that one folder never mixes two runs; the same policies are
rewritten. The folder changes only once every policy has run, all at once:
a run stopped (Ctrl-C) or failed leaves it as it was (see README.md).

Parameters are overridden with --set key=value or with environment variables
such as WIJKSIM_PROFESSIONALS_CASELOAD=60; see 'wijksim params'.`,
		Example: `  wijksim run --scenario default --policies nabijheid --seed 1 --out out/nabijheid
  wijksim run --policies all --out out/compare --lang nl
  wijksim run --scenario poelenburg --policies sanctie --set levers.role_separation=true
  wijksim run --scenario my-town.yaml --policies maatwerk,nabijheid`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runRun(cmd.Context(), e, f) },
	}
	fl := cmd.Flags()
	addScenarioFlag(fl, &f.scenario)
	addPoliciesFlag(fl, &f.policies)
	addOutcomeFileFlag(fl, &f.outcomeFiles)
	addSeedFlag(fl, &f.seed)
	fl.Uint64Var(&f.replicate, "replicate", 0, "replicate number; with the seed it selects the random streams")
	fl.StringVar(&f.out, "out", "", "results folder (default out/run-SCENARIO-seedN)")
	addSetFlag(fl, &f.set)
	fl.BoolVar(&f.events, "events", true, "write the per-resident event log")
	addQuietFlag(fl, &f.quiet)
	addLangFlag(fl, &f.lang)
	addWideFlag(fl, &f.wide)
	addLimitFlags(fl, &f.limits)
	return cmd
}

// parsePolicies resolves "all" or a comma-separated list of built-in
// policies' names and paths of policy files, given with flag. A policy
// named twice counts once.
func parsePolicies(flag, s string) ([]*policies.Policy, error) {
	var out []*policies.Policy
	for _, ref := range strings.Split(s, ",") {
		ps, err := policies.Resolve([]string{ref})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", flag, err)
		}
		for _, p := range ps {
			dup := false
			for _, q := range out {
				if q.Name == p.Name && q.SHA256 != p.SHA256 {
					return nil, fmt.Errorf("%s: two policies called %s (%s and %s); allowed: a name of its own for each", flag, names.Quote(p.Name), q.File, p.File)
				}
				dup = dup || q.Name == p.Name
			}
			if !dup {
				out = append(out, p)
			}
		}
	}
	return out, nil
}

// warnUnreachablePhases warns of the phases of pols that no resident can
// enter within a run of months (sim.Policy.EarliestEntries): a policy file
// written for longer runs, or a condition that cannot be met in time.
func warnUnreachablePhases(e *env, pols []*policies.Policy, months int) {
	for _, pol := range pols {
		for k, first := range pol.EarliestEntries() {
			if first > months {
				ph := pol.Phases[k]
				fmt.Fprintf(e.stderr, "wijksim: warning: policy %s: phase %s (%s) can start in month %d at the earliest, after the run's %d months: no resident enters it\n", pol.Name, ph.Name, ph.When, first, months)
			}
		}
	}
}

func runRun(ctx context.Context, e *env, f runFlags) error {
	if err := checkLang(f.lang); err != nil {
		return err
	}
	pols, err := parsePolicies("--policies", f.policies)
	if err != nil {
		return err
	}
	reg, err := loadOutcomes(f.outcomeFiles)
	if err != nil {
		return err
	}
	sc, err := scenarios.Load(f.scenario, scenarios.Options{Set: f.set, Environ: e.environ, Policies: pols})
	if err != nil {
		return err
	}
	if err := f.limits.Validate(); err != nil {
		return err
	}
	if err := f.limits.CheckRun("scenario "+sc.Source, &sc.Params, f.events); err != nil {
		return err
	}
	warnUnreachablePhases(e, pols, sc.Params.Months)
	out := f.out
	if out == "" {
		out = filepath.Join("out", fmt.Sprintf("run-%s-seed%d", sc.Name, f.seed))
	}
	polNames := make([]string, len(pols))
	for i, pol := range pols {
		polNames[i] = pol.Name
	}
	if err := results.CheckRunFolder(out, polNames); err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	// Every policy's results are staged, and put in place together once
	// all are: a run stopped before then changes nothing.
	w, err := results.NewRunWrite(out, polNames)
	if err != nil {
		return err
	}
	defer w.Abort()
	prog := newProgress(e.stderr, "run", f.quiet)
	interrupted := func() error {
		prog.finish()
		return fmt.Errorf("run interrupted (%v) before its results were written; %s is as it was", context.Cause(ctx), out)
	}
	runs := make([]results.Run, 0, len(pols))
	for i, pol := range pols {
		m, err := sim.New(sc.Params, pol.Policy, f.seed, f.replicate, sim.Options{RecordEvents: f.events})
		if err != nil {
			return fmt.Errorf("scenario %s, policy %s: %w", sc.Source, pol.Name, err)
		}
		for !m.Done() {
			if ctx.Err() != nil {
				return interrupted()
			}
			m.Step()
		}
		r := results.FromModel(sc, m, f.seed, f.replicate)
		r.Def = pol
		r.Outcomes = reg
		if _, err := w.Stage(ctx, r, e.args); err != nil {
			if ctx.Err() != nil {
				return interrupted()
			}
			return err
		}
		runs = append(runs, r)
		prog.update(i+1, len(pols))
	}
	prog.finish()
	if ctx.Err() != nil {
		return interrupted()
	}
	if err := w.Commit(); err != nil {
		return err
	}
	if err := results.WriteRunTable(e.stdout, sc, runs, termtable.Options{Lang: f.lang, Wide: f.wide}); err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "\n"+cliText("written", f.lang)+"\n", out)
	return err
}
