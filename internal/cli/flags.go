package cli

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/wijksim/wijksim/internal/names"
	"github.com/wijksim/wijksim/labels"
	"github.com/wijksim/wijksim/outcomes"
)

// The flags several commands share are defined here, once each, so that
// every command spells and explains them alike. An old spelling is kept for
// one release as a hidden, deprecated flag that sets the same value and
// says what to use instead.

func addScenarioFlag(fl *pflag.FlagSet, p *string) {
	fl.StringVar(p, "scenario", "default", "embedded scenario name (see 'wijksim scenarios') or path of a YAML file")
}

func addSetFlag(fl *pflag.FlagSet, p *[]string) {
	fl.StringArrayVar(p, "set", nil, "override a parameter of the scenario, key=value (repeatable; see 'wijksim params')")
}

func addSeedFlag(fl *pflag.FlagSet, p *uint64) {
	fl.Uint64Var(p, "seed", 1, "seed of the random streams")
}

func addWorkersFlag(fl *pflag.FlagSet, p *int) {
	fl.Var((*workersValue)(p), "workers", "runs at once (default the number of CPUs); results do not depend on it")
}

// workersValue is the value of --workers: 0 (the number of CPUs) or more.
type workersValue int

func (w *workersValue) String() string { return strconv.Itoa(int(*w)) }
func (w *workersValue) Type() string   { return "int" }
func (w *workersValue) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return fmt.Errorf("allowed: 0 (as many as the CPUs) or a positive number of runs at once")
	}
	*w = workersValue(n)
	return nil
}

func addQuietFlag(fl *pflag.FlagSet, p *bool) {
	fl.BoolVar(p, "quiet", false, "no progress output")
}

func addLangFlag(fl *pflag.FlagSet, p *string) {
	fl.StringVar(p, "lang", "en", "language of labels and text: nl or en")
}

func addWideFlag(fl *pflag.FlagSet, p *bool) {
	fl.BoolVar(p, "wide", false, "print tables whole, however wide, instead of fitting 100 columns")
}

// addPoliciesFlag defines --policies and the deprecated --policy.
func addPoliciesFlag(fl *pflag.FlagSet, p *string) {
	const usage = "comma-separated policies, or all (see 'wijksim policies')"
	fl.StringVar(p, "policies", "all", usage)
	deprecated(fl, "policy", "policies", func(name string) { fl.StringVar(p, name, "all", usage) })
}

// addPolicyFilesFlag defines --policies for a command whose inputs (targets)
// name their policies: policy files (or built-in names) that they may name
// besides the built-in policies.
func addPolicyFilesFlag(fl *pflag.FlagSet, p *string, what string) {
	fl.StringVar(p, "policies", "all", "comma-separated policy files (or built-in policies) that "+what+" may name, besides the built-in policies (see 'wijksim policies')")
}

// addOutcomeFileFlag defines --outcome-file.
func addOutcomeFileFlag(fl *pflag.FlagSet, p *[]string) {
	fl.StringSliceVar(p, "outcome-file", nil, "outcome files (YAML) whose outcomes join the built-in ones, comma-separated or repeated (see docs/policies.md)")
}

// loadOutcomes returns the outcome registry with the outcomes of files
// (the built-in registry for none).
func loadOutcomes(files []string) (*outcomes.Registry, error) {
	for i, f := range files {
		if slices.Contains(files[:i], f) {
			return nil, fmt.Errorf("--outcome-file: %s given twice; allowed: each file once", names.Quote(f))
		}
	}
	reg, err := outcomes.Load(files...)
	if err != nil {
		return nil, fmt.Errorf("--outcome-file: %w", err)
	}
	return reg, nil
}

// addOutcomesFlag defines --outcomes and, for a command that took one
// outcome as --outcome, that spelling deprecated.
func addOutcomesFlag(fl *pflag.FlagSet, p *[]string, def []string, usage string, old bool) {
	usage += " ('wijksim outcomes' lists them)"
	fl.StringSliceVar(p, "outcomes", def, usage)
	if old {
		deprecated(fl, "outcome", "outcomes", func(name string) { fl.StringSliceVar(p, name, def, usage) })
	}
}

// cleanOutcomes trims the names of --outcomes and refuses an empty name
// and a name given twice.
func cleanOutcomes(list []string) ([]string, error) {
	out := make([]string, 0, len(list))
	for _, o := range list {
		o = strings.TrimSpace(o)
		if o == "" {
			return nil, fmt.Errorf("--outcomes: an empty name; allowed: outcome names, comma-separated (`wijksim outcomes` lists them)")
		}
		if slices.Contains(out, o) {
			return nil, fmt.Errorf("--outcomes: %s given twice; allowed: each outcome once", names.Quote(o))
		}
		out = append(out, o)
	}
	return out, nil
}

// deprecatedNote is the annotation that marks the old spelling of a flag;
// its value is the note written on stderr when the flag is used.
const deprecatedNote = "wijksim-deprecated"

// deprecated defines the old spelling of a flag with define, hidden from
// help: using it still works, with a note on stderr (noteDeprecated) to use
// the new one. pflag's own MarkDeprecated is not used because cobra prints
// its note on the command's output, which is stdout, where it would mix
// with the tables and files a command writes there.
func deprecated(fl *pflag.FlagSet, old, current string, define func(name string)) {
	define(old)
	fl.Lookup(old).Hidden = true
	_ = fl.SetAnnotation(old, deprecatedNote, []string{
		"Flag --" + old + " has been deprecated, use --" + current + " instead; --" + old + " goes in the next release"})
}

// noteDeprecated writes on w a note for each old spelling of a flag that
// the command line of cmd used.
func noteDeprecated(cmd *cobra.Command, w io.Writer) {
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if note := f.Annotations[deprecatedNote]; len(note) > 0 {
			fmt.Fprintln(w, note[0])
		}
	})
}

// checkLang refuses a language the labels do not come in.
func checkLang(lang string) error {
	if err := names.Check("language", lang, labels.Languages); err != nil {
		return fmt.Errorf("--lang: %w", err)
	}
	return nil
}

// cliTexts are the command line's own messages in Dutch and English.
var cliTexts = map[string]labels.Text{
	"written":   {NL: "Resultaten geschreven naar %s", EN: "Results written to %s"},
	"report":    {NL: "Rapport geschreven naar %s", EN: "Report written to %s"},
	"charts":    {NL: "%d grafieken (%d bestanden: %s) geschreven naar %s", EN: "%d charts (%d files: %s) written to %s"},
	"not.drawn": {NL: "niet getekend:", EN: "not drawn:"},
}

func cliText(key, lang string) string { return cliTexts[key].In(lang) }
