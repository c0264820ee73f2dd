package cli

import (
	"context"
	"fmt"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/wijksim/wijksim/analysis"
	"github.com/wijksim/wijksim/budget"
	"github.com/wijksim/wijksim/experiment"
)

type analyseFlags struct {
	spec         string
	method       string
	outcomes     []string
	outcomeFiles []string
	diff         string
	where        string
	minCoverage  float64
	out          string
	workers      int
	quiet        bool
	lang         string
	limits       budget.Limits
}

func newSensitivityCmd(e *env) *cobra.Command {
	var f analyseFlags
	cmd := &cobra.Command{
		Use:   "sensitivity",
		Short: "Which parameters matter: Morris screening or Sobol indices over a sweep",
		Long: `Run the parameters of a sweep spec (each with min and max) through a
sensitivity design and estimate, for each chosen outcome, how much each
parameter matters.

  --method morris   Morris elementary effects on design.trajectories
                    trajectories (default 10) over design.levels grid levels
                    (default 4): mu* (importance), mu (direction) and sigma
                    (interactions, non-linearity), mu* with a bootstrap 95% CI.
  --method sobol    Sobol first-order (S1) and total-order (ST) indices from
                    Saltelli's scheme with N = design.samples base points
                    (N(d+2) runs per policy and replicate), Jansen's
                    estimators, bootstrap 95% CIs.

The outcome of a design point is its mean over replicates, for every policy
of the spec, or with --diff A-B the paired difference between two policies.
The runs use the sweep machinery: concurrent, resumable, with a manifest.
The folder gets sensitivity.csv and a chart per target (SVG and PNG), one
row per parameter, in the style of 'wijksim plot' and in the language of
--lang, beside the sweep's tables; the manifest (kind sensitivity) lists
them all with their SHA-256. Run again for other outcomes, the command
reuses the runs and removes the charts it no longer writes; a command that
fails leaves the folder as it was.`,
		Example: `  wijksim sensitivity --spec examples/analysis/morris.yaml --outcomes share_rung_3_plus,trust_mean
  wijksim sensitivity --spec examples/analysis/sobol.yaml --outcomes cum_exits_without_work --diff nabijheid-afstand
  wijksim sensitivity --spec examples/sweeps/lhs.yaml --method morris`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runSensitivity(cmd.Context(), e, f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.spec, "spec", "", "sweep spec whose design parameters have min and max")
	fl.StringVar(&f.method, "method", "", "morris or sobol (default: the spec's design, morris or saltelli)")
	addOutcomesFlag(fl, &f.outcomes, []string{"share_rung_3_plus"}, "outcomes at the end of the run", false)
	addOutcomeFileFlag(fl, &f.outcomeFiles)
	fl.StringVar(&f.diff, "diff", "", "analyse the paired difference A-B between two policies of the spec")
	fl.StringVar(&f.out, "out", "", "results folder (default out/sensitivity-SPECNAME-METHOD, without METHOD when SPECNAME ends with it)")
	addLangFlag(fl, &f.lang)
	addWorkersFlag(fl, &f.workers)
	addQuietFlag(fl, &f.quiet)
	addLimitFlags(fl, &f.limits)
	_ = cmd.MarkFlagRequired("spec")
	return cmd
}

func newDiscoverCmd(e *env) *cobra.Command {
	var f analyseFlags
	cmd := &cobra.Command{
		Use:   "discover",
		Short: "Where a condition holds: PRIM scenario discovery over a sweep",
		Long: `Run a sweep spec with a design over parameters (lhs, sobol, halton or
factorial) and find, with PRIM (Friedman and Fisher 1999), the box of
parameter space where a condition on an outcome holds. The condition compares
the outcome at a design point (mean over replicates) between policies, or
with a number:

  --outcomes cum_exits_without_work --where "nabijheid > afstand"
  --outcomes share_rung_3_plus --where "nabijheid - afstand >= 0.3"

The peeling trajectory (coverage, density and support of each box) is
written to prim_trajectory.csv and drawn in prim_trajectory.svg/.png; the
selected box is the densest whose coverage is at least --min-coverage. The
manifest (kind discover) lists them with the sweep's tables and their
SHA-256; a discovery that fails (a condition that holds at no point)
leaves the folder as it was, and its runs for the next condition.`,
		Example: `  wijksim discover --spec examples/analysis/discover.yaml --outcomes cum_exits_without_work --where "nabijheid > afstand"`,
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, _ []string) error { return runDiscover(cmd.Context(), e, f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.spec, "spec", "", "sweep spec with a design over parameters")
	addOutcomesFlag(fl, &f.outcomes, nil, "the outcome at the end of the run (one)", true)
	addOutcomeFileFlag(fl, &f.outcomeFiles)
	fl.StringVar(&f.where, "where", "", `condition, for example "nabijheid > afstand"`)
	fl.Float64Var(&f.minCoverage, "min-coverage", 0.5, "smallest coverage of the selected box")
	fl.StringVar(&f.out, "out", "", "results folder (default out/discover-SPECNAME)")
	addLangFlag(fl, &f.lang)
	addWorkersFlag(fl, &f.workers)
	addQuietFlag(fl, &f.quiet)
	addLimitFlags(fl, &f.limits)
	_ = cmd.MarkFlagRequired("spec")
	_ = cmd.MarkFlagRequired("where")
	return cmd
}

func signalContext(ctx context.Context) (context.Context, context.CancelFunc) {
	if ctx == nil {
		ctx = context.Background()
	}
	return signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
}

func runSensitivity(ctx context.Context, e *env, f analyseFlags) error {
	if err := checkLang(f.lang); err != nil {
		return err
	}
	if err := f.limits.Validate(); err != nil {
		return err
	}
	spec, err := loadSpec(f.spec, f.outcomeFiles)
	if err != nil {
		return err
	}
	warnIgnoredEnvironment(e, "sensitivity takes", f.spec, spec)
	if err := analysis.PrepareSpec(spec, f.method); err != nil {
		return err
	}
	wanted, err := cleanOutcomes(f.outcomes)
	if err != nil {
		return err
	}
	if len(wanted) == 0 {
		return fmt.Errorf("--outcomes: none given; allowed: one or more outcomes (`wijksim outcomes` lists them)")
	}
	var targets []analysis.Target
	policy, minus, err := analysis.ParseDiff(f.diff, spec.Policies)
	if err != nil {
		return err
	}
	for _, o := range wanted {
		if policy != "" {
			targets = append(targets, analysis.Target{Outcome: o, Policy: policy, Minus: minus})
			continue
		}
		for _, p := range spec.Policies {
			targets = append(targets, analysis.Target{Outcome: o, Policy: p})
		}
	}
	out := f.out
	if out == "" {
		out = analysis.DefaultFolder(spec)
	}
	ctx, stop := signalContext(ctx)
	defer stop()
	prog := newProgress(e.stderr, "sensitivity", f.quiet)
	res, files, err := analysis.Sensitivity(ctx, spec, experiment.SweepOptions{Out: out, Workers: f.workers, Progress: prog.update, Command: e.args, Limits: f.limits}, targets, f.lang)
	prog.finish()
	if err != nil {
		return err
	}
	for _, tr := range res {
		if tr.Undefined > 0 {
			fmt.Fprintf(e.stderr, "wijksim: warning: %s: no value at %d of %d design points (failed runs, listed in %s, or an outcome without a value there); the indices rest on the other points (fewer trajectories or samples), and are NaN where none is left\n", tr.Target, tr.Undefined, tr.Points, filepath.Join(out, "summaries.csv"))
		}
	}
	fmt.Fprintf(e.stdout, "Sensitivity (%s design) of %d target(s) to %d parameter(s)\n", spec.Design.Kind, len(res), len(spec.Design.Parameters))
	if err := analysis.WriteSensitivityTable(e.stdout, res); err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "\nResults written to %s: %s\n", out, strings.Join(files, ", "))
	return err
}

func runDiscover(ctx context.Context, e *env, f analyseFlags) error {
	if len(f.outcomes) != 1 {
		return fmt.Errorf("--outcomes: %d outcomes given; allowed: exactly one, the outcome the condition compares", len(f.outcomes))
	}
	outcome := strings.TrimSpace(f.outcomes[0])
	if err := checkLang(f.lang); err != nil {
		return err
	}
	if err := f.limits.Validate(); err != nil {
		return err
	}
	spec, err := loadSpec(f.spec, f.outcomeFiles)
	if err != nil {
		return err
	}
	warnIgnoredEnvironment(e, "discover takes", f.spec, spec)
	out := f.out
	if out == "" {
		out = filepath.Join("out", "discover-"+spec.Name)
	}
	ctx, stop := signalContext(ctx)
	defer stop()
	prog := newProgress(e.stderr, "discover", f.quiet)
	d, files, err := analysis.Discover(ctx, spec, experiment.SweepOptions{Out: out, Workers: f.workers, Progress: prog.update, Command: e.args, Limits: f.limits}, outcome, f.where, f.minCoverage, f.lang)
	prog.finish()
	if err != nil {
		return err
	}
	if err := d.WriteTable(e.stdout); err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "\nResults written to %s: %s\n", out, strings.Join(files, ", "))
	return err
}

// loadSpec loads a sweep spec and adds the outcomes of outcomeFiles (the
// --outcome-file flag) to its own.
func loadSpec(path string, outcomeFiles []string) (*experiment.Spec, error) {
	spec, err := experiment.LoadSpec(path)
	if err != nil {
		return nil, err
	}
	if len(outcomeFiles) > 0 {
		reg, err := loadOutcomes(outcomeFiles)
		if err != nil {
			return nil, err
		}
		if err := spec.AddOutcomes(reg); err != nil {
			return nil, fmt.Errorf("--outcome-file: %w", err)
		}
	}
	return spec, nil
}
