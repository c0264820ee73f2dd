package cli

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

func newParamsCmd(e *env) *cobra.Command {
	var markdown bool
	var scenario string
	cmd := &cobra.Command{
		Use:   "params",
		Short: "List every parameter with its value, unit, range and source",
		Long: `List every parameter a scenario can set, with its value in the chosen
scenario, its unit, allowed range, meaning and source. Keys are written as in
a scenario file or a --set flag; the environment variable for a key is
WIJKSIM_ followed by the key in upper case with _ for dots.`,
		Example: `  wijksim params
  wijksim params --scenario poelenburg
  wijksim params --markdown > table.md`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			sc, err := scenarios.Load(scenario, scenarios.Options{})
			if err != nil {
				return err
			}
			if markdown {
				return WriteParamTable(e.stdout)
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "KEY\tVALUE\tUNIT\tRANGE\tMEANING")
			for _, s := range sim.Specs() {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", s.Key, formatParam(s, &sc.Params), s.Unit, s.Range(), s.Doc)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&markdown, "markdown", false, "write the table of docs/ODD.md (defaults, not a scenario's values) as Markdown")
	cmd.Flags().StringVar(&scenario, "scenario", "default", "scenario whose values to show: an embedded name or a YAML file")
	return cmd
}

func formatParam(s sim.ParamSpec, p *sim.Params) string {
	switch v := s.Value(p).(type) {
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	default:
		return fmt.Sprint(v)
	}
}

// WriteParamTable writes the parameter table of docs/ODD.md: every
// parameter with its meaning, unit, default (sim.Defaults), range and source.
func WriteParamTable(w io.Writer) error {
	def := sim.Defaults()
	var b strings.Builder
	b.WriteString("| key | meaning | unit | default | range | source |\n")
	b.WriteString("|---|---|---|---|---|---|\n")
	for _, s := range sim.Specs() {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s |\n",
			s.Key, mdEscape(s.Doc), mdEscape(s.Unit), formatParam(s, &def), s.Range(), mdEscape(s.Source))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
