package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/wijksim/wijksim/internal/names"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/results"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/validation"
)

type validateFlags struct {
	targets    string
	policies   string
	scenario   string
	set        []string
	seed       uint64
	replicates int
	workers    int
	out        string
	update     string
	quiet      bool
}

func newValidateCmd(e *env) *cobra.Command {
	var f validateFlags
	cmd := &cobra.Command{
		Use:   "validate",
		Short: "Check the model against field evidence it was not fitted to",
		Long: `Run the validation targets (by default the embedded
scenarios/targets/validation.yaml): effect sizes of activation policies found
by field experiments and evaluations, each an accepted range for a statistic
of paired runs (the same residents and life events under two policies). No
validation target is used in any fit; see docs/validation.md. The embedded
--targets trust holds the target that sets trust.gain_per_contact by hand,
--targets ladder those that set tegenprestatie.assign_share and
ladder.support_rate, and --targets sanctions those that set the sanction
probabilities of maatwerk and sanctie (docs/calibration.md): they check
those settings, they validate nothing.

For every target the table shows the accepted range, the observed value
where the sources give one, the simulated mean over --replicates replicates
with its 95% confidence interval, and hit (the mean lies in the range) or
miss (by how much). The results folder holds validation.csv,
validation.json and manifest.json. With --update FILE the table in FILE
(between the generated-table markers) is replaced. Results do not depend on
--workers.`,
		Example: `  wijksim validate
  wijksim validate --scenario poelenburg --replicates 40
  wijksim validate --targets trust
  wijksim validate --targets ladder
  wijksim validate --targets sanctions
  wijksim validate --update docs/validation.md`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runValidate(cmd.Context(), e, f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.targets, "targets", "validation", "validation target file: a path, or the name of an embedded one")
	addPolicyFilesFlag(fl, &f.policies, "the targets")
	addScenarioFlag(fl, &f.scenario)
	addSetFlag(fl, &f.set)
	addSeedFlag(fl, &f.seed)
	fl.IntVar(&f.replicates, "replicates", 20, "replicates per policy and target")
	addWorkersFlag(fl, &f.workers)
	fl.StringVar(&f.out, "out", "", "results folder (default out/validate-SCENARIO-seedN; out/validate-TARGETS-SCENARIO-seedN for a target file other than the validation targets)")
	fl.StringVar(&f.update, "update", "", "Markdown file whose generated validation table is replaced")
	addQuietFlag(fl, &f.quiet)
	return cmd
}

func runValidate(ctx context.Context, e *env, f validateFlags) error {
	pols, err := parsePolicies("--policies", f.policies)
	if err != nil {
		return err
	}
	var ts *validation.Targets
	if raw, embErr := scenarios.TargetFile(f.targets); embErr == nil && !fileExists(f.targets) {
		ts, err = validation.ParseTargets(raw, "embedded:"+f.targets, pols...)
	} else if ts, err = validation.LoadTargets(f.targets, pols...); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("--targets %s: no such file, nor an embedded target file; allowed: a path or %s", names.Quote(f.targets), strings.Join(scenarios.TargetNames(), ", "))
	}
	if err != nil {
		return err
	}
	sc, err := scenarios.Load(f.scenario, scenarios.Options{Set: f.set, Environ: e.environ, Policies: pols})
	if err != nil {
		return err
	}
	out := f.out
	if out == "" {
		out = filepath.Join("out", defaultValidateFolder(f.targets, sc.Name, f.seed))
	}
	if err := results.CheckFolder(out, "validate", validation.FileNames(), nil); err != nil {
		return err
	}
	if f.update != "" {
		if err := validation.CheckMarkdown(f.update); err != nil {
			return fmt.Errorf("--update: %w", err)
		}
	}
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	prog := newProgress(e.stderr, "validate", f.quiet)
	rs, err := validation.Run(ctx, validation.Config{Base: sc.Params, Targets: ts.Targets, Seed: f.seed, Replicates: f.replicates, Workers: f.workers, Progress: prog.update, Policies: policies.Custom(pols)})
	prog.finish()
	if err != nil {
		return err
	}
	man := results.NewManifest("validate", sc, e.args)
	man.AddPolicyFiles(pols)
	man.Seed = f.seed
	man.Replicates = f.replicates
	if err := results.WriteFolder(out, man, validation.Files(rs, ts)); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Validation of scenario %s against %s (%d replicates, seed %d)\n\n", sc.Name, ts.Source, f.replicates, f.seed)
	if err := validation.WriteTable(e.stdout, rs); err != nil {
		return err
	}
	if f.update != "" {
		header := fmt.Sprintf("Scenario `%s`, %d replicates per policy, seed %d (`%s`).", sc.Name, f.replicates, f.seed, validateCommand(f.targets, f.scenario, f.replicates, f.seed))
		if err := validation.UpdateMarkdown(f.update, rs, header); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Table in %s updated\n", f.update)
	}
	_, err = fmt.Fprintf(e.stdout, "\nResults written to %s\n", out)
	return err
}

func fileExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.IsDir()
}

// defaultValidateFolder is the results folder of a validation run without
// --out: validate-SCENARIO-seedN for the validation targets, and with any
// other target file (--targets: an embedded name or a path) its name
// before the scenario's, so that checking the trust target does not
// replace the validation results. The name is the file's base name without
// its extension, with any character but letters, digits, '-' and '_'
// replaced by '-', so that a target file cannot name a folder elsewhere.
func defaultValidateFolder(targets, scenario string, seed uint64) string {
	name := strings.TrimSuffix(filepath.Base(targets), filepath.Ext(targets))
	name = strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return '-'
	}, name)
	if name == "validation" {
		return fmt.Sprintf("validate-%s-seed%d", scenario, seed)
	}
	return fmt.Sprintf("validate-%s-%s-seed%d", name, scenario, seed)
}

// validateCommand is the command that makes a validation table, for the
// header --update writes above it: the flags that differ from the
// defaults, and always the replicates and the seed.
func validateCommand(targets, scenario string, replicates int, seed uint64) string {
	cmd := "wijksim validate"
	if targets != "validation" {
		cmd += " --targets " + targets
	}
	if scenario != "default" {
		cmd += " --scenario " + scenario
	}
	return fmt.Sprintf("%s --replicates %d --seed %d", cmd, replicates, seed)
}
