package cli

import (
	"github.com/spf13/cobra"

	"github.com/wijksim/wijksim/termtable"
)

func newOutcomesCmd(e *env) *cobra.Command {
	var lang string
	var wide bool
	var files []string
	cmd := &cobra.Command{
		Use:   "outcomes",
		Short: "List every outcome with its label, unit and which direction is better",
		Long: `List every outcome wijksim reports, from its outcome registry: the key (a
column of monthly.csv and summaries.csv, and a name for --outcomes), the
unit, which direction is better (higher, lower, or neither), whether it is a
monthly series, a figure of the end of the run or both, where it is shown by
default (the terminal tables, the charts, the trade-off view, the split by
kind of resident, the classroom) and its label.

Residents are counted in persons, events (sanctions, moves, exits, job
losses, demands, placements, refusals) in counts.

With --outcome-file, the outcomes of outcome files (docs/policies.md) are
checked and listed after the built-in ones, each with its expression.`,
		Example: `  wijksim outcomes
  wijksim outcomes --lang nl
  wijksim outcomes --outcome-file examples/outcomes/efficiency.yaml
  wijksim compare --outcomes cum_exits_to_work,trust_mean`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkLang(lang); err != nil {
				return err
			}
			reg, err := loadOutcomes(files)
			if err != nil {
				return err
			}
			return reg.WriteList(e.stdout, termtable.Options{Lang: lang, Wide: wide})
		},
	}
	addLangFlag(cmd.Flags(), &lang)
	addWideFlag(cmd.Flags(), &wide)
	addOutcomeFileFlag(cmd.Flags(), &files)
	return cmd
}
