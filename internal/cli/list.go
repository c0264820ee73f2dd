package cli

import (
	"io"
	"slices"

	"github.com/spf13/cobra"

	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/scenarios"
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
	var f struct {
		scenario string
		set      []string
		lang     string
	}
	cmd := &cobra.Command{
		Use:   "policies [POLICY|FILE...]",
		Short: "List the activation policies, or show a policy's resolved settings",
		Long: `Without arguments, policies lists the built-in policies in Dutch and
English. Given built-in policies' names or policy files (docs/policies.md),
it checks each and shows its resolved settings: label, summary, source, the
levers it switches on, and each phase with its entry condition, sanction
rule and regime. A built-in policy's regime is shown as the scenario sets
it (--scenario, --set, WIJKSIM_ variables), beside its scenario keys.`,
		Example: "  wijksim policies\n  wijksim policies examples/policies/escalatie.yaml\n  wijksim policies nabijheid --set policies.nabijheid.hours_per_contact=2\n  wijksim run --policies maatwerk,examples/policies/maatwerk-rolscheiding.yaml",
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkLang(f.lang); err != nil {
				return err
			}
			opt := termtable.Options{Lang: f.lang}
			if len(args) == 0 {
				return policies.WriteList(e.stdout, opt)
			}
			pols := make([]*policies.Policy, len(args))
			for i, ref := range args {
				p, err := policies.Load(ref)
				if err != nil {
					return err
				}
				pols[i] = p
			}
			for i, p := range pols {
				// Each policy with the keys of the others of other names and
				// its own: two variants of one policy can be shown side by
				// side.
				keys := []*policies.Policy{p}
				for _, q := range pols {
					if !slices.ContainsFunc(keys, func(k *policies.Policy) bool { return k.Name == q.Name }) {
						keys = append(keys, q)
					}
				}
				sc, err := scenarios.Load(f.scenario, scenarios.Options{Set: f.set, Environ: e.environ, Policies: keys})
				if err != nil {
					return err
				}
				if i > 0 {
					if _, err := io.WriteString(e.stdout, "\n"); err != nil {
						return err
					}
				}
				if err := p.WriteSettings(e.stdout, &sc.Params, opt); err != nil {
					return err
				}
			}
			return nil
		},
	}
	fl := cmd.Flags()
	addScenarioFlag(fl, &f.scenario)
	addSetFlag(fl, &f.set)
	addLangFlag(fl, &f.lang)
	return cmd
}
