package cli

import (
	"github.com/spf13/cobra"

	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
	"github.com/wijksim/wijksim/termtable"
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
			t := termtable.Table{Head: []string{"scenario", "", "description"}, Text: true}
			for _, s := range list {
				t.AddRow(s.Name, "nl", s.Description["nl"])
				t.AddRow("", "en", s.Description["en"])
			}
			return t.Write(e.stdout, termtable.Options{})
		},
	}
}

func newPoliciesCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:     "policies",
		Short:   "List the activation policies, in Dutch and English",
		Example: "  wijksim policies\n  wijksim run --policies maatwerk",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			t := termtable.Table{Head: []string{"policy", "", "what it does"}, Text: true}
			for _, p := range sim.Policies() {
				t.AddRow(p.Name(), "nl", p.Summary("nl"))
				t.AddRow("", "en", p.Summary("en"))
			}
			return t.Write(e.stdout, termtable.Options{})
		},
	}
}
