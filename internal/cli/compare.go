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
	"github.com/wijksim/wijksim/experiment"
	"github.com/wijksim/wijksim/outcomes"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/termtable"
)

type compareFlags struct {
	scenario      string
	policies      string
	baseline      string
	seed          uint64
	replicates    int
	precision     float64
	outcomes      []string
	outcomeFiles  []string
	maxReplicates int
	workers       int
	out           string
	set           []string
	quiet         bool
	lang          string
	wide          bool
	limits        budget.Limits
}

func newCompareCmd(e *env) *cobra.Command {
	var f compareFlags
	cmd := &cobra.Command{
		Use:   "compare",
		Short: "Compare policies over many replicates, with paired differences and confidence intervals",
		Long: `Run every chosen policy on the same replicates (common random numbers: the
same residents and the same life events) and estimate, for every outcome, the
mean, standard deviation and 95% confidence interval per month and at the
end, and for every policy the paired difference from the baseline with its
95% confidence interval. A difference whose interval excludes zero is marked
with * in the table.

With --precision, replicates are added (doubling each time, up to
--max-replicates) until the half-width of the 95% interval of every
--outcomes outcome at the end is at most the precision, for every policy and
every difference; whether it was reached is reported.

The results folder holds compare_monthly.csv (policy x month x outcome),
compare_by_kind.csv (the end by kind of resident), runs.csv (the end of
every run), compare.json and manifest.json.`,
		Example: `  wijksim compare --scenario default --policies all --replicates 30
  wijksim compare --policies afstand,nabijheid --baseline afstand --replicates 50 --out out/cmp
  wijksim compare --precision 0.01 --outcomes share_rung_3_plus,trust_mean --max-replicates 400
  wijksim compare --scenario poelenburg --replicates 10 --lang nl --wide`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runCompare(cmd.Context(), e, f) },
	}
	fl := cmd.Flags()
	addScenarioFlag(fl, &f.scenario)
	addPoliciesFlag(fl, &f.policies)
	addOutcomeFileFlag(fl, &f.outcomeFiles)
	fl.StringVar(&f.baseline, "baseline", "", "policy to compare the others with (default afstand when compared)")
	addSeedFlag(fl, &f.seed)
	fl.IntVar(&f.replicates, "replicates", 20, "replicates per policy (first batch with --precision)")
	fl.Float64Var(&f.precision, "precision", 0, "target half-width of the 95% CI of --outcomes at the end; 0 means a fixed number of replicates")
	addOutcomesFlag(fl, &f.outcomes, nil, "outcomes for --precision and the table", false)
	fl.IntVar(&f.maxReplicates, "max-replicates", 1000, "cap on replicates with --precision")
	addWorkersFlag(fl, &f.workers)
	fl.StringVar(&f.out, "out", "", "results folder (default out/compare-SCENARIO-seedN)")
	addSetFlag(fl, &f.set)
	addQuietFlag(fl, &f.quiet)
	addLangFlag(fl, &f.lang)
	addWideFlag(fl, &f.wide)
	addLimitFlags(fl, &f.limits)
	return cmd
}

func runCompare(ctx context.Context, e *env, f compareFlags) error {
	if err := checkLang(f.lang); err != nil {
		return err
	}
	if err := f.limits.Validate(); err != nil {
		return err
	}
	if f.precision > 0 && f.maxReplicates < f.replicates {
		return fmt.Errorf("--max-replicates %d: below --replicates %d; allowed: at least the first batch", f.maxReplicates, f.replicates)
	}
	pols, err := parsePolicies("--policies", f.policies)
	if err != nil {
		return err
	}
	names := policies.NamesOf(pols)
	sc, err := scenarios.Load(f.scenario, scenarios.Options{Set: f.set, Environ: e.environ, Policies: pols})
	if err != nil {
		return err
	}
	warnUnreachablePhases(e, pols, sc.Params.Months)
	out := f.out
	if out == "" {
		out = filepath.Join("out", fmt.Sprintf("compare-%s-seed%d", sc.Name, f.seed))
	}
	if err := experiment.CheckCompareFolder(out); err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	prog := newProgress(e.stderr, "compare", f.quiet)
	if f.outcomes, err = cleanOutcomes(f.outcomes); err != nil {
		return err
	}
	reg, err := loadOutcomes(f.outcomeFiles)
	if err != nil {
		return err
	}
	spec := experiment.CompareSpec{
		Scenario: sc, Policies: names, PolicyFiles: policies.Custom(pols), Registry: reg, Baseline: f.baseline, Seed: f.seed,
		Replicates: f.replicates, Precision: f.precision, Outcomes: f.outcomes,
		MaxReplicates: f.maxReplicates, Workers: f.workers, Progress: prog.update, Limits: f.limits,
	}
	cmp, err := experiment.Compare(ctx, spec)
	prog.finish()
	if err != nil {
		return err
	}
	if err := cmp.WriteFolder(out, e.args); err != nil {
		return err
	}
	table := f.outcomes
	if len(table) > 0 && f.precision > 0 {
		table = append(append([]string{}, f.outcomes...), reg.ShownKeys(outcomes.Table)...)
		table = dedupe(table)
	}
	if err := cmp.WriteTable(e.stdout, table, termtable.Options{Lang: f.lang, Wide: f.wide}); err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "\n"+cliText("written", f.lang)+"\n", out)
	return err
}

func dedupe(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		x = strings.TrimSpace(x)
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
