package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/wijksim/wijksim/budget"
	"github.com/wijksim/wijksim/internal/names"
	"github.com/wijksim/wijksim/results"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

type runFlags struct {
	scenario  string
	policies  string
	seed      uint64
	replicate uint64
	out       string
	set       []string
	events    bool
	limits    budget.Limits
}

func newRunCmd(e *env) *cobra.Command {
	var f runFlags
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Run one scenario under one or more policies and write the results",
		Long: `Run a scenario under one or more policies on the same seed and replicate,
so that every policy meets the same residents and the same life events.

For each policy the results folder holds monthly.csv (one row per month),
summary.json (the end of the run, also by kind of resident), events.csv (one
row per step up, step down, sanction, exit or re-entry of a resident) and
manifest.json (version, scenario and its SHA-256, seed, every parameter).
With one policy the files go straight into --out; with several, each policy
gets its own subfolder. A folder that holds runs of other policies is
refused, so that one folder never mixes two runs; the same policies are
rewritten.

Parameters are overridden with --set key=value or with environment variables
such as WIJKSIM_PROFESSIONALS_CASELOAD=60; see 'wijksim params'.`,
		Example: `  wijksim run --scenario default --policy nabijheid --seed 1 --out out/nabijheid
  wijksim run --policy all --out out/compare
  wijksim run --scenario poelenburg --policy sanctie --set levers.role_separation=true
  wijksim run --scenario my-town.yaml --policy maatwerk,nabijheid`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runRun(e, f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.scenario, "scenario", "default", "embedded scenario name (see 'wijksim scenarios') or path of a YAML file")
	fl.StringVar(&f.policies, "policy", "all", "policy, comma-separated policies, or all (see 'wijksim policies')")
	fl.Uint64Var(&f.seed, "seed", 1, "seed of the random streams")
	fl.Uint64Var(&f.replicate, "replicate", 0, "replicate number; with the seed it selects the random streams")
	fl.StringVar(&f.out, "out", "", "results folder (default out/run-SCENARIO-seedN)")
	fl.StringArrayVar(&f.set, "set", nil, "override a parameter, key=value (repeatable)")
	fl.BoolVar(&f.events, "events", true, "write the per-resident event log")
	addLimitFlags(fl, &f.limits)
	return cmd
}

// parsePolicies resolves "all" or a comma-separated list of policy names
// given with flag.
func parsePolicies(flag, s string) ([]sim.Policy, error) {
	if s == "all" {
		return sim.Policies(), nil
	}
	var out []sim.Policy
	seen := map[string]bool{}
	for _, name := range strings.Split(s, ",") {
		name = strings.TrimSpace(name)
		if err := names.Check("policy", name, sim.PolicyNames()); err != nil {
			return nil, fmt.Errorf("%s: %w (or all)", flag, err)
		}
		p, err := sim.PolicyByName(name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", flag, err)
		}
		if !seen[name] {
			out = append(out, p)
			seen[name] = true
		}
	}
	return out, nil
}

func runRun(e *env, f runFlags) error {
	pols, err := parsePolicies("--policy", f.policies)
	if err != nil {
		return err
	}
	sc, err := scenarios.Load(f.scenario, scenarios.Options{Set: f.set, Environ: e.environ})
	if err != nil {
		return err
	}
	if err := f.limits.Validate(); err != nil {
		return err
	}
	if err := f.limits.CheckRun("scenario "+sc.Source, &sc.Params, f.events); err != nil {
		return err
	}
	out := f.out
	if out == "" {
		out = filepath.Join("out", fmt.Sprintf("run-%s-seed%d", sc.Name, f.seed))
	}
	polNames := make([]string, len(pols))
	for i, pol := range pols {
		polNames[i] = pol.Name()
	}
	if err := results.CheckRunFolder(out, polNames); err != nil {
		return err
	}
	runs := make([]results.Run, 0, len(pols))
	for _, pol := range pols {
		m, err := sim.New(sc.Params, pol, f.seed, f.replicate, sim.Options{RecordEvents: f.events})
		if err != nil {
			return fmt.Errorf("scenario %s, policy %s: %w", sc.Source, pol.Name(), err)
		}
		m.Run()
		r := results.FromModel(sc, m, f.seed, f.replicate)
		dir := out
		if len(pols) > 1 {
			dir = filepath.Join(out, pol.Name())
		}
		if _, err := results.WriteRun(dir, r, e.args); err != nil {
			return err
		}
		runs = append(runs, r)
	}
	if err := printRunTable(e.stdout, sc, runs); err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "\nResults written to %s\n", out)
	return err
}

// printRunTable prints the end of each run side by side, then the split by
// kind of resident.
func printRunTable(w io.Writer, sc *scenarios.Scenario, runs []results.Run) error {
	if len(runs) == 0 {
		return nil
	}
	first := runs[0]
	fmt.Fprintf(w, "Scenario %s, seed %d, replicate %d, %d months, %d residents at the start\n\n",
		sc.Title("en"), first.Seed, first.Replicate, sc.Params.Months, sc.Params.Population.Residents)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	header := "outcome at the end\t"
	for _, r := range runs {
		header += r.Policy + "\t"
	}
	fmt.Fprintln(tw, header)
	rows := []struct {
		label string
		value func(r results.Run) string
	}{
		{"share on rung 3+ (start)", func(r results.Run) string { return pct(r.Stats[0].ShareRung3Plus()) }},
		{"share on rung 3+ (end)", func(r results.Run) string { return pct(end(r).ShareRung3Plus()) }},
		{"rungs 1/2/3/4 on benefit", func(r results.Run) string {
			s := end(r)
			return fmt.Sprintf("%d/%d/%d/%d", s.Rung[0], s.Rung[1], s.Rung[2], s.Rung[3])
		}},
		{"in work (rung 5/6)", func(r results.Run) string { s := end(r); return fmt.Sprintf("%d/%d", s.Rung[4], s.Rung[5]) }},
		{"residents who moved up", func(r results.Run) string { return fmt.Sprint(end(r).CumMovedUp) }},
		{"exits to work", func(r results.Run) string { return fmt.Sprint(end(r).CumExitsToWork) }},
		{"exits without work", func(r results.Run) string { return fmt.Sprint(end(r).CumExitsNoWork) }},
		{"exits in first year", func(r results.Run) string {
			y := r.Stats[min(12, len(r.Stats)-1)]
			return fmt.Sprint(y.CumExitsToWork + y.CumExitsNoWork)
		}},
		{"re-entries (after work)", func(r results.Run) string {
			n := 0
			for _, s := range r.Stats {
				n += s.ReentriesAfterWork
			}
			return fmt.Sprint(n)
		}},
		{"sanctions", func(r results.Run) string { return fmt.Sprint(end(r).CumSanctions) }},
		{"trust (mean)", func(r results.Run) string { return num(end(r).Trust.Mean) }},
		{"resistance (mean)", func(r results.Run) string { return num(end(r).Resistance.Mean) }},
		{"self-efficacy (mean)", func(r results.Run) string { return num(end(r).Efficacy.Mean) }},
		{"perceived pressure (mean)", func(r results.Run) string { return num(end(r).Pressure.Mean) }},
		{"residents reached last month", func(r results.Run) string { return fmt.Sprint(end(r).Reached) }},
		{"hours used / available", func(r results.Run) string {
			s := end(r)
			return fmt.Sprintf("%.0f/%.0f", s.HoursUsed, s.HoursTotal)
		}},
		{"activation cost (k euro)", func(r results.Run) string { return fmt.Sprintf("%.0f", end(r).CumActivationCost/1000) }},
		{"activation cost per mover (euro)", func(r results.Run) string { return euro(end(r).ActivationCostPerMover) }},
		{"cost to the municipality (k euro)", func(r results.Run) string { return fmt.Sprintf("%.0f", end(r).CumCostMunicipality/1000) }},
		{"cost to society (k euro)", func(r results.Run) string { return fmt.Sprintf("%.0f", end(r).CumCostSociety/1000) }},
	}
	for _, row := range rows {
		line := row.label + "\t"
		for _, r := range runs {
			line += row.value(r) + "\t"
		}
		fmt.Fprintln(tw, line)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nBy kind of resident at the start (who gains, who pays)")
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "policy\tkind\tresidents\tmoved up\tin work\tleft w/o work\tsanctions/res.\ttrust\tresistance\tbenefit paid/res. (euro)\t")
	for _, r := range runs {
		for _, k := range r.Kinds {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%d\t%d\t%.2f\t%s\t%s\t%s\t\n", r.Policy, k.Kind, k.Residents,
				pct(k.ShareMovedUp), k.InWork, k.LeftNoWork, k.Sanctions, num(k.Trust), num(k.Resistance), euro(k.BenefitPaid))
		}
	}
	return tw.Flush()
}

func end(r results.Run) *sim.MonthStats { return &r.Stats[len(r.Stats)-1] }

func pct(x float64) string {
	if x != x {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*x)
}

func num(x float64) string {
	if x != x {
		return "-"
	}
	return fmt.Sprintf("%.2f", x)
}

func euro(x float64) string {
	if x != x {
		return "-"
	}
	return fmt.Sprintf("%.0f", x)
}
