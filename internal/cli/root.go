// Package cli implements the wijksim command line: one cobra command per
// subcommand, all writing to injected streams so that tests can run them.
package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/wijksim/wijksim/internal/buildinfo"
)

// env is what every command may use from the outside world.
type env struct {
	stdout  io.Writer
	stderr  io.Writer
	environ []string
	args    []string
}

// Main runs the command line args and returns the exit status.
func Main(args []string, stdout, stderr io.Writer, environ []string) int {
	root := NewRoot(stdout, stderr, environ, args)
	root.SetArgs(args)
	if err := root.Execute(); err != nil {
		fmt.Fprintln(stderr, "wijksim:", err)
		return 1
	}
	return 0
}

// NewRoot builds the wijksim command tree. args are recorded in manifests.
func NewRoot(stdout, stderr io.Writer, environ, args []string) *cobra.Command {
	e := &env{stdout: stdout, stderr: stderr, environ: environ, args: append([]string{"wijksim"}, args...)}
	root := &cobra.Command{
		Use:   "wijksim",
		Short: "Compare ways of activating people on social assistance",
		Long: `wijksim is an agent-based model of residents on social assistance, the
professionals of neighbourhood teams and their neighbourhoods. It runs
activation policies (afstand, morele-verplichting, sanctie, maatwerk,
nabijheid) side by side on the same people and reports how many move up the
participation ladder, at what cost and with which side effects.

The model is documented in docs/ODD.md.`,
		Example: `  wijksim run --scenario default --policies nabijheid --seed 1 --out out/nabijheid
  wijksim scenarios
  wijksim params`,
		Version:       buildinfo.Version(),
		SilenceUsage:  true,
		SilenceErrors: true,
		// Old spellings of flags are noted on stderr, before the command
		// runs (and before any error it returns).
		PersistentPreRun: func(cmd *cobra.Command, _ []string) { noteDeprecated(cmd, e.stderr) },
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(newRunCmd(e), newCompareCmd(e), newSweepCmd(e), newSensitivityCmd(e), newDiscoverCmd(e), newSlurmCmd(e), newMergeCmd(e), newCalibrateCmd(e), newValidateCmd(e), newScenariosCmd(e), newPoliciesCmd(e), newParamsCmd(e), newOutcomesCmd(e), newServeCmd(e), newPlotCmd(e), newReportCmd(e), newVersionCmd(e))
	addCompletionExamples(root)
	return root
}

// completionExamples are the examples of `wijksim help`, `wijksim
// completion` and of completion's subcommand for each shell. Each starts
// with a line that runs wijksim, as every command's examples do.
var completionExamples = map[string]string{
	"help": `  wijksim help compare
  wijksim compare --help`,
	"completion": `  wijksim completion bash > ~/.local/share/bash-completion/completions/wijksim
  wijksim completion zsh > "${fpath[1]}/_wijksim"
  wijksim completion fish > ~/.config/fish/completions/wijksim.fish
  source <(wijksim completion bash)      # this bash session`,
	"bash": `  wijksim completion bash > ~/.local/share/bash-completion/completions/wijksim
  source <(wijksim completion bash)      # this session`,
	"zsh": `  wijksim completion zsh > "${fpath[1]}/_wijksim"
  source <(wijksim completion zsh)       # this session`,
	"fish": `  wijksim completion fish | source
  wijksim completion fish > ~/.config/fish/completions/wijksim.fish`,
	"powershell": `  wijksim completion powershell | Out-String | Invoke-Expression`,
}

// addCompletionExamples adds cobra's help and completion commands now,
// rather than when the root runs, so that they and completion's
// subcommands get examples like every other command.
func addCompletionExamples(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		switch c.Name() {
		case "help":
			c.Example = completionExamples["help"]
		case "completion":
			c.Example = completionExamples["completion"]
			for _, sub := range c.Commands() {
				sub.Example = completionExamples[sub.Name()]
			}
		}
	}
}

func newVersionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print the version of wijksim",
		Example: "  wijksim version",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintf(e.stdout, "wijksim %s (%s)\n", buildinfo.Version(), buildinfo.GoVersion())
			return err
		},
	}
}
