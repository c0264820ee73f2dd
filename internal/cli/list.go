package cli

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

func newScenariosCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:     "scenarios",
		Short:   "List the embedded scenarios, in Dutch and English",
		Example: "  wijksim scenarios\n  wijksim run --scenario poelenburg",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			list, err := scenarios.List()
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			for _, s := range list {
				fmt.Fprintf(tw, "%s\tnl\t%s\n", s.Name, s.Description["nl"])
				fmt.Fprintf(tw, "\ten\t%s\n", s.Description["en"])
			}
			return tw.Flush()
		},
	}
}

func newPoliciesCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:     "policies",
		Short:   "List the activation policies, in Dutch and English",
		Example: "  wijksim policies\n  wijksim run --policy maatwerk",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			for _, p := range sim.Policies() {
				fmt.Fprintf(tw, "%s\tnl\t%s\n", p.Name(), p.Summary("nl"))
				fmt.Fprintf(tw, "\ten\t%s\n", p.Summary("en"))
			}
			return tw.Flush()
		},
	}
}
