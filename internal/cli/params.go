package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/wijksim/wijksim/results"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/termtable"
)

func newParamsCmd(e *env) *cobra.Command {
	var markdown, wide bool
	var scenario, update string
	cmd := &cobra.Command{
		Use:   "params",
		Short: "List every parameter with its value, unit, range and source",
		Long: `List every parameter a scenario can set, with its value in the chosen
scenario, its unit, allowed range, meaning and source. Keys are written as in
a scenario file or a --set flag; the environment variable for a key is
WIJKSIM_ followed by the key in upper case with _ for dots.`,
		Example: `  wijksim params
  wijksim params --scenario poelenburg
  wijksim params --markdown > table.md
  wijksim params --update docs/ODD.md`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			sc, err := scenarios.Load(scenario, scenarios.Options{})
			if err != nil {
				return err
			}
			if update != "" {
				return updateParamTable(update)
			}
			if markdown {
				return scenarios.WriteParamMarkdown(e.stdout)
			}
			t := termtable.Table{Head: []string{"key", "value", "unit", "range", "meaning"}, Text: true}
			for _, s := range scenarios.Specs() {
				t.AddRow(s.Key, scenarios.FormatParam(s, &sc.Params), s.Unit, s.Range(), s.Doc)
			}
			return t.Write(e.stdout, termtable.Options{Wide: wide})
		},
	}
	cmd.Flags().BoolVar(&markdown, "markdown", false, "write the table of docs/ODD.md (defaults, not a scenario's values) as Markdown")
	cmd.Flags().StringVar(&update, "update", "", "rewrite the parameter table between the markers in this Markdown file (docs/ODD.md)")
	addScenarioFlag(cmd.Flags(), &scenario)
	addWideFlag(cmd.Flags(), &wide)
	return cmd
}

// updateParamTable rewrites the parameter table between the markers of the
// Markdown file at path, atomically.
func updateParamTable(path string) error {
	doc, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("update parameter table: %w", err)
	}
	out, err := scenarios.SpliceParamTable(doc, path)
	if err != nil {
		return err
	}
	return results.WriteFileAtomic(path, func(w io.Writer) error {
		_, err := w.Write(out)
		return err
	})
}
