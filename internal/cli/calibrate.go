package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/wijksim/wijksim/budget"
	"github.com/wijksim/wijksim/calibrate"
	"github.com/wijksim/wijksim/internal/buildinfo"
	"github.com/wijksim/wijksim/results"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

type calibrateFlags struct {
	targets         string
	params          []string
	reportOnly      []string
	scenario        string
	set             []string
	seed            uint64
	replicates      int
	checkReplicates int
	starts          int
	maxEvals        int
	workers         int
	out             string
	quiet           bool
	limits          budget.Limits
}

func newCalibrateCmd(e *env) *cobra.Command {
	var f calibrateFlags
	cmd := &cobra.Command{
		Use:   "calibrate",
		Short: "Fit parameters to empirical targets (benefit statistics, sanction studies)",
		Long: `Fit chosen parameters, each within bounds, to the targets of a target file
(see scenarios/targets/ and docs/calibration.md): figures such as the share of
new recipients leaving within a year or the hazard ratio of an exit to work
after a sanction, each with the statistic that computes its simulated
counterpart from a run's event log, its policy and the settings its runs need.

The objective is the sum over targets of ((simulated - observed) / se)^2,
the simulated value being the mean over --replicates replicates with fixed
seeds (common random numbers, so the objective is a deterministic function of
the parameters). It is minimised by Nelder-Mead in a logit-transformed space
that keeps every parameter within its bounds, from --starts seeded starting
points. Targets named in --report-only are computed and shown but not fitted
(for example targets the model cannot reach).

The table shows, per target, the observed value, the simulated mean ± its
standard error over replicates and the standardised deviation z, on the
calibration replicates and on as many fresh ones (--check-replicates); then
the estimate of each parameter (the best start's, rounded to three
significant digits) with the standard error the targets' se imply (delta
method, ignoring simulation noise), and the mean and standard deviation of
the estimates over the starts that reach the best objective (within 1).

The results folder holds fit.csv (per target), estimates.csv (per start and
parameter), fit.json (everything, with the command, the scenario and the
SHA-256 of the target file) and calibrated.yaml: the base scenario with the
fitted values written in, under a header that says how it was made. Results
do not depend on --workers.

Without --params nothing is fitted: the command shows how well the scenario
as it is fits the targets, and writes fit.csv and fit.json.`,
		Example: `  wijksim calibrate --targets scenarios/targets/nl-benefit.yaml \
      --params exit.base_rate=0.0005:0.02,exit.early_excess=0:40,exit.after_sanction=0:0.5 \
      --report-only work_share_of_exits,sanction_exit_to_work_hr,sanction_wear_off_hr
  wijksim calibrate --targets scenarios/targets/nl-benefit.yaml --scenario default   # the fit as it is
  wijksim calibrate --targets my-targets.yaml --params exit.base_rate=0.001:0.01 --replicates 10 --starts 2
  wijksim calibrate --targets my-targets.yaml --params sanction.push=0:2 --scenario poelenburg --out out/cal`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runCalibrate(cmd.Context(), e, f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.targets, "targets", "", "target file (YAML), e.g. scenarios/targets/nl-benefit.yaml")
	fl.StringSliceVar(&f.params, "params", nil, "parameters to fit with their bounds, key=min:max (comma-separated or repeated); none: only show the scenario's fit")
	fl.StringSliceVar(&f.reportOnly, "report-only", nil, "targets to compute and show but leave out of the objective")
	fl.StringVar(&f.scenario, "scenario", "default", "base scenario: embedded name or path of a YAML file")
	fl.StringArrayVar(&f.set, "set", nil, "override a parameter of the base scenario, key=value (repeatable)")
	fl.Uint64Var(&f.seed, "seed", 1, "seed of the replicates' random streams and of the starting points")
	fl.IntVar(&f.replicates, "replicates", 20, "replicates per target and evaluation (common random numbers)")
	fl.IntVar(&f.checkReplicates, "check-replicates", 0, "fresh replicates to check the fit at the estimate (0: as many as --replicates, -1: none)")
	fl.IntVar(&f.starts, "starts", calibrate.DefaultFitOptions().Starts, "fits from different seeded starting points")
	fl.IntVar(&f.maxEvals, "max-evals", calibrate.DefaultFitOptions().MaxEvaluations, "evaluations per start at most")
	fl.IntVar(&f.workers, "workers", 0, "runs at once (default the number of CPUs)")
	fl.StringVar(&f.out, "out", "", "results folder (default out/calibrate-TARGETS-SCENARIO)")
	fl.BoolVar(&f.quiet, "quiet", false, "no progress output")
	addLimitFlags(fl, &f.limits)
	_ = cmd.MarkFlagRequired("targets")
	return cmd
}

func runCalibrate(ctx context.Context, e *env, f calibrateFlags) error {
	ts, err := calibrate.LoadTargets(f.targets)
	if err != nil {
		return err
	}
	var params []calibrate.Parameter
	for _, s := range f.params {
		p, err := calibrate.ParseParameter(s)
		if err != nil {
			return fmt.Errorf("--params: %w", err)
		}
		params = append(params, p)
	}
	if f.replicates < 1 {
		return fmt.Errorf("--replicates %d: allowed: at least 1", f.replicates)
	}
	if f.starts < 1 {
		return fmt.Errorf("--starts %d: allowed: at least 1", f.starts)
	}
	if f.checkReplicates < -1 {
		return fmt.Errorf("--check-replicates %d: allowed: -1 (none), 0 (as many as --replicates) or more", f.checkReplicates)
	}
	if err := f.limits.Validate(); err != nil {
		return err
	}
	sc, err := scenarios.Load(f.scenario, scenarios.Options{Set: f.set, Environ: e.environ})
	if err != nil {
		return err
	}
	base, err := baseScenarioBytes(sc)
	if err != nil {
		return err
	}
	prob, err := calibrate.NewProblem(calibrate.Config{
		Base: sc.Params, Targets: ts.Targets, Params: params, ReportOnly: f.reportOnly,
		Seed: f.seed, Replicates: f.replicates, Workers: f.workers,
	})
	if err != nil {
		return fmt.Errorf("targets %s: %w", ts.Source, err)
	}
	if err := checkCalibration(prob, f, len(params)); err != nil {
		return err
	}
	out := f.out
	if out == "" {
		out = filepath.Join("out", fmt.Sprintf("calibrate-%s-%s", ts.Name, sc.Name))
	}
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	started := time.Now()
	progress := func(start, evals int, best float64) {}
	if !f.quiet {
		last := time.Now()
		progress = func(start, evals int, best float64) {
			if evals == 1 || time.Since(last) >= 10*time.Second {
				last = time.Now()
				fmt.Fprintf(e.stderr, "calibrate: start %d/%d, %d evaluations (%d runs each), best objective %.4g, %s elapsed\n",
					start+1, f.starts, evals, prob.RunsPerEvaluation(), best, time.Since(started).Round(time.Second))
			}
		}
	}
	var res *calibrate.Result
	if len(params) == 0 {
		check := f.checkReplicates
		if check == 0 {
			check = f.replicates
		}
		res, err = calibrate.Assess(ctx, prob, check)
	} else {
		res, err = calibrate.Fit(ctx, prob, calibrate.FitOptions{
			Starts: f.starts, Seed: f.seed, MaxEvaluations: f.maxEvals, CheckReplicates: f.checkReplicates, Progress: progress,
		})
	}
	if err != nil {
		return err
	}
	if !f.quiet {
		fmt.Fprintf(e.stderr, "calibrate: done in %s\n", time.Since(started).Round(time.Second))
	}

	var yamlBytes []byte
	if len(params) > 0 {
		calibrated, err := prob.Apply(sc.Params, res.Estimate)
		if err != nil {
			return err
		}
		if yamlBytes, err = calibratedScenario(sc, base, calibrated, prob, ts, res, f, e.args); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("results folder: %w", err)
	}
	files := []struct {
		name  string
		write func(io.Writer) error
	}{
		{"fit.csv", func(w io.Writer) error { return writeFitCSV(w, res) }},
		{"estimates.csv", func(w io.Writer) error { return writeEstimatesCSV(w, res, sc.Params) }},
		{"fit.json", func(w io.Writer) error { return writeFitJSON(w, res, sc, ts, f, e.args, prob) }},
	}
	if yamlBytes != nil {
		files = append(files, struct {
			name  string
			write func(io.Writer) error
		}{"calibrated.yaml", func(w io.Writer) error { _, err := w.Write(yamlBytes); return err }})
	}
	for _, file := range files {
		if err := results.WriteFileAtomic(filepath.Join(out, file.name), file.write); err != nil {
			return err
		}
	}
	if err := printCalibration(e.stdout, res, prob, sc, ts, f); err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "\nResults written to %s\n", out)
	return err
}

// checkCalibration refuses a calibration whose evaluations would take more
// memory or time than --max-memory and --max-core-hours allow.
func checkCalibration(prob *calibrate.Problem, f calibrateFlags, fitted int) error {
	check := f.checkReplicates
	if check == 0 {
		check = f.replicates
	}
	evals := 0.0
	if fitted > 0 {
		evals = float64(f.starts) * float64(f.maxEvals+1)
	}
	one := prob.Cost(f.replicates, f.workers)
	cost := budget.Cost{Bytes: one.Bytes, CoreSeconds: evals * one.CoreSeconds}
	if check > 0 {
		c := prob.Cost(check, f.workers)
		cost.Bytes = max(cost.Bytes, c.Bytes)
		cost.CoreSeconds += c.CoreSeconds
	}
	what := fmt.Sprintf("calibrate: %d replicates, %d starts of at most %d evaluations would", f.replicates, f.starts, f.maxEvals)
	return f.limits.Check(what, cost)
}

// baseScenarioBytes returns the bytes of the base scenario's file.
func baseScenarioBytes(sc *scenarios.Scenario) ([]byte, error) {
	if name, ok := strings.CutPrefix(sc.Source, "embedded:"); ok {
		return scenarios.Raw(name)
	}
	b, err := os.ReadFile(sc.Source)
	if err != nil {
		return nil, fmt.Errorf("base scenario: %w", err)
	}
	return b, nil
}

// calibratedScenario writes the base scenario with every parameter that
// differs from the file (the fitted ones, and any --set or environment
// override) and checks that it loads back to exactly the calibrated
// parameters.
func calibratedScenario(sc *scenarios.Scenario, base []byte, calibrated sim.Params, prob *calibrate.Problem, ts *calibrate.Targets, res *calibrate.Result, f calibrateFlags, args []string) ([]byte, error) {
	fileOnly, err := scenarios.Parse(base, sc.Source, scenarios.Options{})
	if err != nil {
		return nil, err
	}
	fitted := map[string]bool{}
	for _, p := range prob.Params() {
		fitted[p.Key] = true
	}
	var settings []calibrate.Setting
	for _, s := range sim.Specs() {
		v := s.Value(&calibrated)
		if v == s.Value(&fileOnly.Params) {
			continue
		}
		comment := "override of the base scenario"
		if fitted[s.Key] {
			comment = fmt.Sprintf("calibrated (was %v)", s.Value(&fileOnly.Params))
		}
		settings = append(settings, calibrate.Setting{Key: s.Key, Value: v, Comment: comment})
	}
	for _, lang := range []string{"nl", "en"} {
		if d := sc.Description[lang]; d != "" {
			suffix := map[string]string{"nl": " (gekalibreerd)", "en": " (calibrated)"}[lang]
			settings = append(settings, calibrate.Setting{Key: "scenario." + lang, Value: d + suffix})
		}
	}
	check := "no fresh replicates"
	if res.Check != nil {
		check = fmt.Sprintf("%.4g on %d fresh replicates", res.Check.Objective, res.Check.Replicates)
	}
	keys := make([]string, 0, len(fitted))
	for _, p := range prob.Params() {
		keys = append(keys, fmt.Sprintf("%s in [%g, %g]", p.Key, p.Min, p.Max))
	}
	header := fmt.Sprintf(`Calibrated scenario, written by wijksim calibrate (version %s).
Base: scenario %s (%s, sha256 %s).
Targets: %s (sha256 %s), %d targets, %d fitted.
Fitted: %s.
Method: Nelder-Mead on logit-transformed bounds, %d starts seeded by %d, at most %d evaluations each;
every evaluation runs replicates 0-%d of seed %d (common random numbers).
Objective (sum of squared standardised deviations of the fitted targets): %.4g on the
calibration replicates, %s.
Command: %s
The fit per target is in fit.csv; see docs/calibration.md.`,
		buildinfo.Version(), sc.Name, sc.Source, sc.SHA256, ts.Source, ts.SHA256, len(ts.Targets), countTrue(prob.Fitted()),
		strings.Join(keys, ", "), res.Opts.Starts, res.Opts.Seed, res.Opts.MaxEvaluations,
		prob.Replicates()-1, f.seed, res.Fit.Objective, check, strings.Join(args, " "))
	b, err := calibrate.ScenarioYAML(base, header, settings)
	if err != nil {
		return nil, err
	}
	back, err := scenarios.Parse(b, "calibrated.yaml", scenarios.Options{})
	if err != nil {
		return nil, fmt.Errorf("the calibrated scenario does not load: %w", err)
	}
	if back.Params != calibrated {
		return nil, fmt.Errorf("the calibrated scenario does not load back to the calibrated parameters")
	}
	return b, nil
}

func countTrue(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// num formats a number for tables; NaN is "-".
func calNum(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "-"
	}
	return strconv.FormatFloat(x, 'g', 4, 64)
}

// csvNum formats a number for CSV; NaN is NA.
func csvNum(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "NA"
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// simCell is "mean ± se", or "undefined (k/R)" when no replicate defines it.
func simCell(t calibrate.TargetFit) (string, string) {
	if t.Defined == 0 {
		return fmt.Sprintf("undefined (0/%d)", t.Replicates), "-"
	}
	s := fmt.Sprintf("%s ± %s", calNum(t.Simulated), calNum(t.SimSE))
	if t.Defined < t.Replicates {
		s += fmt.Sprintf(" (%d/%d)", t.Defined, t.Replicates)
	}
	return s, fmt.Sprintf("%.1f", t.Z)
}

func printCalibration(w io.Writer, res *calibrate.Result, prob *calibrate.Problem, sc *scenarios.Scenario, ts *calibrate.Targets, f calibrateFlags) error {
	check := "no check on fresh replicates"
	if res.Check != nil {
		check = fmt.Sprintf("checked on %d fresh replicates", res.Check.Replicates)
	}
	if len(res.Starts) == 0 {
		fmt.Fprintf(w, "Fit of scenario %s as it is to %s (sha256 %.12s); nothing fitted (no --params)\n", sc.Name, ts.Source, ts.SHA256)
		fmt.Fprintf(w, "%d targets, seed %d, %d replicates (%s)\n\n", len(ts.Targets), f.seed, prob.Replicates(), check)
	} else {
		fmt.Fprintf(w, "Calibration of scenario %s against %s (sha256 %.12s)\n", sc.Name, ts.Source, ts.SHA256)
		fmt.Fprintf(w, "%d parameters, %d targets (%d fitted), seed %d, %d replicates (%s), %d starts of at most %d evaluations\n\n",
			len(res.Params), len(ts.Targets), countTrue(prob.Fitted()), f.seed, prob.Replicates(), check, res.Opts.Starts, res.Opts.MaxEvaluations)
	}

	at := "Fit at the estimate"
	if len(res.Starts) == 0 {
		at = "Fit"
	}
	fmt.Fprintln(w, at+": simulated mean ± its standard error over replicates; z = (simulated - observed) / se")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	head := "target\tpolicy\tobserved\tse\tsimulated\tz"
	if res.Check != nil {
		head += "\tfresh replicates\tz"
	}
	fmt.Fprintln(tw, head)
	for i, t := range res.Fit.Targets {
		name := t.Name
		if !t.Fitted {
			name += " *"
		}
		s, z := simCell(t)
		row := fmt.Sprintf("%s\t%s\t%s\t%s\t%s\t%s", name, t.Policy, calNum(t.Observed), calNum(t.SE), s, z)
		if res.Check != nil {
			cs, cz := simCell(res.Check.Targets[i])
			row += "\t" + cs + "\t" + cz
		}
		fmt.Fprintln(tw, row)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if countTrue(prob.Fitted()) < len(ts.Targets) {
		fmt.Fprintln(w, "* not fitted (--report-only): computed and shown, not in the objective")
	}
	fmt.Fprintf(w, "objective (fitted targets): %s on the calibration replicates", calNum(res.Fit.Objective))
	if res.Check != nil {
		fmt.Fprintf(w, ", %s on fresh replicates", calNum(res.Check.Objective))
	}
	fmt.Fprintln(w)
	if len(res.Starts) == 0 {
		return nil
	}

	fmt.Fprintf(w, "\nEstimates: the best start's, rounded; mean and sd over the %d of %d starts within %s of the best objective\n",
		res.Agree, len(res.Starts), calNum(res.AgreeTolerance))
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "parameter\tmin\tmax\tbase\testimate\tse (targets)\tmean\tsd")
	for j, p := range res.Params {
		spec, _ := sim.Lookup(p.Key)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", p.Key, calNum(p.Min), calNum(p.Max), calNum(spec.Get(&sc.Params)),
			calNum(res.Estimate[j]), calNum(res.TargetSE[j]), calNum(res.Mean[j]), calNum(res.SD[j]))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "se (targets): the standard error the fitted targets' se imply (delta method); sd: spread over the starts")

	fmt.Fprintln(w, "\nStarts")
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	head = "start\tobjective\tevaluations\trestarts\tstatus"
	for _, p := range res.Params {
		head += "\t" + p.Key
	}
	fmt.Fprintln(tw, head)
	for k, s := range res.Starts {
		mark := ""
		switch {
		case k == res.Best:
			mark = " (best)"
		case !s.Agrees:
			mark = " (apart)"
		}
		row := fmt.Sprintf("%d%s\t%s\t%d\t%d\t%s", k+1, mark, calNum(s.Objective), s.Evaluations, s.Restarts, s.Status)
		for j := range res.Params {
			row += fmt.Sprintf("\t%s from %s", calNum(s.Estimate[j]), calNum(s.Start[j]))
		}
		fmt.Fprintln(tw, row)
	}
	return tw.Flush()
}

func writeFitCSV(w io.Writer, res *calibrate.Result) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"target", "kind", "policy", "fitted", "observed", "se", "replicates", "simulated", "sim_se", "defined", "z",
		"check_replicates", "check_simulated", "check_sim_se", "check_defined", "check_z"})
	for i, t := range res.Fit.Targets {
		row := []string{t.Name, t.Kind, t.Policy, strconv.FormatBool(t.Fitted), csvNum(t.Observed), csvNum(t.SE),
			strconv.Itoa(t.Replicates), csvNum(t.Simulated), csvNum(t.SimSE), strconv.Itoa(t.Defined), csvNum(t.Z)}
		if res.Check != nil {
			c := res.Check.Targets[i]
			row = append(row, strconv.Itoa(c.Replicates), csvNum(c.Simulated), csvNum(c.SimSE), strconv.Itoa(c.Defined), csvNum(c.Z))
		} else {
			row = append(row, "0", "NA", "NA", "0", "NA")
		}
		_ = cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

func writeEstimatesCSV(w io.Writer, res *calibrate.Result, base sim.Params) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"start", "best", "agrees", "parameter", "min", "max", "base", "start_value", "estimate", "objective", "evaluations", "restarts", "status", "target_se"})
	for k, s := range res.Starts {
		for j, p := range res.Params {
			spec, _ := sim.Lookup(p.Key)
			_ = cw.Write([]string{strconv.Itoa(k + 1), strconv.FormatBool(k == res.Best), strconv.FormatBool(s.Agrees), p.Key, csvNum(p.Min), csvNum(p.Max),
				csvNum(spec.Get(&base)), csvNum(s.Start[j]), csvNum(s.Estimate[j]), csvNum(s.Objective), strconv.Itoa(s.Evaluations), strconv.Itoa(s.Restarts), s.Status,
				csvNum(res.TargetSE[j])})
		}
	}
	cw.Flush()
	return cw.Error()
}

func writeFitJSON(w io.Writer, res *calibrate.Result, sc *scenarios.Scenario, ts *calibrate.Targets, f calibrateFlags, args []string, prob *calibrate.Problem) error {
	type targetInfo struct {
		Name      string           `json:"name"`
		Kind      string           `json:"kind"`
		Statistic string           `json:"statistic"`
		Policy    string           `json:"policy"`
		Set       []string         `json:"set"`
		Observed  float64          `json:"observed"`
		SE        float64          `json:"se"`
		Source    calibrate.Source `json:"source"`
	}
	var targets []targetInfo
	for _, t := range ts.Targets {
		targets = append(targets, targetInfo{t.Name, t.Kind, t.Statistic.String(), t.Policy, t.Set, t.Observed, t.SE, t.Source})
	}
	doc := struct {
		Version        string            `json:"version"`
		GoVersion      string            `json:"go_version"`
		Command        []string          `json:"command"`
		Scenario       string            `json:"scenario"`
		ScenarioSource string            `json:"scenario_source"`
		ScenarioSHA256 string            `json:"scenario_sha256"`
		Overrides      []string          `json:"overrides"`
		TargetsFile    string            `json:"targets_file"`
		TargetsSHA256  string            `json:"targets_sha256"`
		Targets        []targetInfo      `json:"targets"`
		ReportOnly     []string          `json:"report_only"`
		Seed           uint64            `json:"seed"`
		Replicates     int               `json:"replicates"`
		Result         *calibrate.Result `json:"result"`
	}{buildinfo.Version(), buildinfo.GoVersion(), args, sc.Name, sc.Source, sc.SHA256, sc.Overrides, ts.Source, ts.SHA256,
		targets, f.reportOnly, f.seed, prob.Replicates(), res}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
