package calibrate

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"reflect"
	"strconv"
	"strings"

	"github.com/wijksim/wijksim/budget"
	"github.com/wijksim/wijksim/internal/buildinfo"
	"github.com/wijksim/wijksim/results"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/termtable"
)

// The files of a calibration's results folder.
const (
	FitCSVFile       = "fit.csv"
	EstimatesCSVFile = "estimates.csv"
	FitJSONFile      = "fit.json"
	CalibratedFile   = "calibrated.yaml"
)

// Calibration is a finished calibration or assessment with what its output
// describes: the result, the problem, the base scenario, the targets, and
// how it was run.
type Calibration struct {
	Result   *Result
	Problem  *Problem
	Scenario *scenarios.Scenario
	Targets  *Targets
	// Seed seeded the replicates and the starting points.
	Seed uint64
	// ReportOnly names the targets shown but left out of the objective.
	ReportOnly []string
	// Command is the command line, recorded in fit.json and calibrated.yaml.
	Command []string
}

// Fitted reports whether parameters were fitted (not only assessed).
func (c *Calibration) Fitted() bool { return len(c.Result.Starts) > 0 }

// CheckLimits refuses a calibration whose evaluations would take more
// memory or time than lim allows: starts of at most maxEvals evaluations
// each (none when nothing is fitted), on replicates replicates, and a check
// on check fresh replicates (0: none).
func (p *Problem) CheckLimits(lim budget.Limits, replicates, check, starts, maxEvals, workers int, fitted bool) error {
	evals := 0.0
	if fitted {
		evals = float64(starts) * float64(maxEvals+1)
	}
	one := p.Cost(replicates, workers)
	cost := budget.Cost{Bytes: one.Bytes, CoreSeconds: evals * one.CoreSeconds}
	if check > 0 {
		c := p.Cost(check, workers)
		cost.Bytes = max(cost.Bytes, c.Bytes)
		cost.CoreSeconds += c.CoreSeconds
	}
	what := fmt.Sprintf("calibrate: %d replicates, %d starts of at most %d evaluations would", replicates, starts, maxEvals)
	return lim.Check(what, cost)
}

// WriteFolder writes the results folder dir: fit.csv, estimates.csv,
// fit.json and, when parameters were fitted, calibrated.yaml, each
// atomically.
func (c *Calibration) WriteFolder(dir string) error {
	var scenario []byte
	if c.Fitted() {
		var err error
		if scenario, err = c.CalibratedScenario(); err != nil {
			return err
		}
	}
	files := []results.File{
		{Name: FitCSVFile, Write: c.WriteFitCSV},
		{Name: EstimatesCSVFile, Write: c.WriteEstimatesCSV},
		{Name: FitJSONFile, Write: c.WriteJSON},
	}
	var stale []string
	if scenario != nil {
		files = append(files, results.File{Name: CalibratedFile, Write: func(w io.Writer) error { _, err := w.Write(scenario); return err }})
	} else {
		// The calibrated scenario of an earlier fit is not this one's.
		stale = append(stale, CalibratedFile)
	}
	// Written together: a failure leaves the folder as it was, and the
	// files of two calibrations never lie side by side.
	return results.WriteFiles(dir, files, stale...)
}

// CheckFolder refuses a results folder dir that holds another command's
// results (results.CheckFolder); a calibration's own folder is rewritten.
func CheckFolder(dir string) error {
	return results.CheckFolder(dir, "calibrate", []string{FitCSVFile, EstimatesCSVFile, FitJSONFile}, []string{CheckpointDir})
}

// CheckpointDir is the folder, inside a calibration's results folder, of
// the starts finished so far (FitOptions.Checkpoint).
const CheckpointDir = ".starts"

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

// CalibratedScenario writes the base scenario with every parameter that
// differs from the file (the fitted ones, and any --set or environment
// override) and checks that it loads back to exactly the calibrated
// parameters.
func (c *Calibration) CalibratedScenario() ([]byte, error) {
	sc, prob, res, ts := c.Scenario, c.Problem, c.Result, c.Targets
	base, err := baseScenarioBytes(sc)
	if err != nil {
		return nil, err
	}
	calibrated, err := prob.Apply(sc.Params, res.Estimate)
	if err != nil {
		return nil, err
	}
	fileOnly, err := scenarios.Parse(base, sc.Source, scenarios.Options{})
	if err != nil {
		return nil, err
	}
	fitted := map[string]bool{}
	for _, p := range prob.Params() {
		fitted[p.Key] = true
	}
	var settings []Setting
	for _, s := range scenarios.Specs() {
		v := s.Value(&calibrated)
		if v == s.Value(&fileOnly.Params) {
			continue
		}
		comment := "override of the base scenario"
		if fitted[s.Key] {
			comment = fmt.Sprintf("calibrated (was %v)", s.Value(&fileOnly.Params))
		}
		settings = append(settings, Setting{Key: s.Key, Value: v, Comment: comment})
	}
	for _, lang := range []string{"nl", "en"} {
		if d := sc.Description[lang]; d != "" {
			suffix := map[string]string{"nl": " (gekalibreerd)", "en": " (calibrated)"}[lang]
			settings = append(settings, Setting{Key: "scenario." + lang, Value: d + suffix})
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
		prob.Replicates()-1, c.Seed, res.Fit.Objective, check, strings.Join(c.Command, " "))
	b, err := ScenarioYAML(base, header, settings)
	if err != nil {
		return nil, err
	}
	back, err := scenarios.Parse(b, CalibratedFile, scenarios.Options{})
	if err != nil {
		return nil, fmt.Errorf("the calibrated scenario does not load: %w", err)
	}
	if !reflect.DeepEqual(back.Params, calibrated) {
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

// tableNum formats a number for tables; NaN is "-".
func tableNum(x float64) string {
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

// simCell is "mean ± se", or "undefined (k/R)" when no replicate defines it,
// and z.
func simCell(t TargetFit) (string, string) {
	if t.Defined == 0 {
		return fmt.Sprintf("undefined (0/%d)", t.Replicates), "-"
	}
	s := fmt.Sprintf("%s ± %s", tableNum(t.Simulated), tableNum(t.SimSE))
	if t.Defined < t.Replicates {
		s += fmt.Sprintf(" (%d/%d)", t.Defined, t.Replicates)
	}
	return s, fmt.Sprintf("%.1f", t.Z)
}

// WriteTable prints the fit per target, and for a fit the estimates and
// the starts, fitted to the width of opt.
func (c *Calibration) WriteTable(w io.Writer, opt termtable.Options) error {
	res, prob, sc, ts := c.Result, c.Problem, c.Scenario, c.Targets
	var b strings.Builder
	check := "no check on fresh replicates"
	if res.Check != nil {
		check = fmt.Sprintf("checked on %d fresh replicates", res.Check.Replicates)
	}
	if !c.Fitted() {
		fmt.Fprintf(&b, "Fit of scenario %s as it is to %s (sha256 %.12s); nothing fitted (no --params)\n", sc.Name, ts.Source, ts.SHA256)
		fmt.Fprintf(&b, "%d targets, seed %d, %d replicates (%s)\n\n", len(ts.Targets), c.Seed, prob.Replicates(), check)
	} else {
		fmt.Fprintf(&b, "Calibration of scenario %s against %s (sha256 %.12s)\n", sc.Name, ts.Source, ts.SHA256)
		fmt.Fprintf(&b, "%d parameters, %d targets (%d fitted), seed %d, %d replicates (%s), %d starts of at most %d evaluations\n\n",
			len(res.Params), len(ts.Targets), countTrue(prob.Fitted()), c.Seed, prob.Replicates(), check, res.Opts.Starts, res.Opts.MaxEvaluations)
	}
	at := "Fit at the estimate"
	if !c.Fitted() {
		at = "Fit"
	}
	b.WriteString(at + ": simulated mean ± its standard error over replicates; z = (simulated - observed) / se\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	fit := termtable.Table{Head: []string{"target", "policy", "observed", "se", "simulated", "z"}}
	if res.Check != nil {
		fit.Head = append(fit.Head, "fresh replicates", "z")
	}
	for i, t := range res.Fit.Targets {
		name := t.Name
		if !t.Fitted {
			name += " *"
		}
		s, z := simCell(t)
		row := []string{t.Policy, tableNum(t.Observed), tableNum(t.SE), s, z}
		if res.Check != nil {
			cs, cz := simCell(res.Check.Targets[i])
			row = append(row, cs, cz)
		}
		fit.AddRow(name, row...)
	}
	if err := fit.Write(w, opt); err != nil {
		return err
	}
	b.Reset()
	if countTrue(prob.Fitted()) < len(ts.Targets) {
		b.WriteString("* not fitted (--report-only): computed and shown, not in the objective\n")
	}
	fmt.Fprintf(&b, "objective (fitted targets): %s on the calibration replicates", tableNum(res.Fit.Objective))
	if res.Check != nil {
		fmt.Fprintf(&b, ", %s on fresh replicates", tableNum(res.Check.Objective))
	}
	b.WriteString("\n")
	if !c.Fitted() {
		_, err := io.WriteString(w, b.String())
		return err
	}
	fmt.Fprintf(&b, "\nEstimates: the best start's, rounded; mean and sd over the %d of %d starts within %s of the best objective\n",
		res.Agree, len(res.Starts), tableNum(res.AgreeTolerance))
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	est := termtable.Table{Head: []string{"parameter", "min", "max", "base", "estimate", "se (targets)", "mean", "sd"}}
	for j, p := range res.Params {
		spec, _ := scenarios.Lookup(p.Key)
		est.AddRow(p.Key, tableNum(p.Min), tableNum(p.Max), tableNum(spec.Get(&sc.Params)),
			tableNum(res.Estimate[j]), tableNum(res.TargetSE[j]), tableNum(res.Mean[j]), tableNum(res.SD[j]))
	}
	if err := est.Write(w, opt); err != nil {
		return err
	}
	if _, err := io.WriteString(w, "se (targets): the standard error the fitted targets' se imply (delta method); sd: spread over the starts\n\nStarts\n"); err != nil {
		return err
	}
	starts := termtable.Table{Head: []string{"start", "objective", "evaluations", "restarts", "status"}}
	for _, p := range res.Params {
		starts.Head = append(starts.Head, p.Key)
	}
	for k, s := range res.Starts {
		mark := ""
		switch {
		case k == res.Best:
			mark = " (best)"
		case !s.Agrees:
			mark = " (apart)"
		}
		row := []string{tableNum(s.Objective), strconv.Itoa(s.Evaluations), strconv.Itoa(s.Restarts), s.Status}
		for j := range res.Params {
			row = append(row, fmt.Sprintf("%s from %s", tableNum(s.Estimate[j]), tableNum(s.Start[j])))
		}
		starts.AddRow(strconv.Itoa(k+1)+mark, row...)
	}
	return starts.Write(w, opt)
}

// WriteFitCSV writes the fit per target: one row a target, with its check
// on fresh replicates (0 and NA without one).
func (c *Calibration) WriteFitCSV(w io.Writer) error {
	res := c.Result
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"target", "kind", "policy", "fitted", "observed", "se", "replicates", "simulated", "sim_se", "defined", "z",
		"check_replicates", "check_simulated", "check_sim_se", "check_defined", "check_z"})
	for i, t := range res.Fit.Targets {
		row := []string{t.Name, t.Kind, t.Policy, strconv.FormatBool(t.Fitted), csvNum(t.Observed), csvNum(t.SE),
			strconv.Itoa(t.Replicates), csvNum(t.Simulated), csvNum(t.SimSE), strconv.Itoa(t.Defined), csvNum(t.Z)}
		if res.Check != nil {
			ch := res.Check.Targets[i]
			row = append(row, strconv.Itoa(ch.Replicates), csvNum(ch.Simulated), csvNum(ch.SimSE), strconv.Itoa(ch.Defined), csvNum(ch.Z))
		} else {
			row = append(row, "0", "NA", "NA", "0", "NA")
		}
		_ = cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// WriteEstimatesCSV writes the estimate of every start and parameter.
func (c *Calibration) WriteEstimatesCSV(w io.Writer) error {
	res := c.Result
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"start", "best", "agrees", "parameter", "min", "max", "base", "start_value", "estimate", "objective", "evaluations", "restarts", "status", "target_se"})
	for k, s := range res.Starts {
		for j, p := range res.Params {
			spec, _ := scenarios.Lookup(p.Key)
			_ = cw.Write([]string{strconv.Itoa(k + 1), strconv.FormatBool(k == res.Best), strconv.FormatBool(s.Agrees), p.Key, csvNum(p.Min), csvNum(p.Max),
				csvNum(spec.Get(&c.Scenario.Params)), csvNum(s.Start[j]), csvNum(s.Estimate[j]), csvNum(s.Objective), strconv.Itoa(s.Evaluations), strconv.Itoa(s.Restarts), s.Status,
				csvNum(res.TargetSE[j])})
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteJSON writes everything as JSON: the version, the command, the
// scenario and the target file with their hashes, the targets, and the
// result.
func (c *Calibration) WriteJSON(w io.Writer) error {
	type targetInfo struct {
		Name      string   `json:"name"`
		Kind      string   `json:"kind"`
		Statistic string   `json:"statistic"`
		Policy    string   `json:"policy"`
		Set       []string `json:"set"`
		Observed  float64  `json:"observed"`
		SE        float64  `json:"se"`
		Source    Source   `json:"source"`
	}
	sc, ts := c.Scenario, c.Targets
	var targets []targetInfo
	for _, t := range ts.Targets {
		targets = append(targets, targetInfo{t.Name, t.Kind, t.Statistic.String(), t.Policy, t.Set, t.Observed, t.SE, t.Source})
	}
	doc := struct {
		Version        string       `json:"version"`
		GoVersion      string       `json:"go_version"`
		Command        []string     `json:"command"`
		Scenario       string       `json:"scenario"`
		ScenarioSource string       `json:"scenario_source"`
		ScenarioSHA256 string       `json:"scenario_sha256"`
		Overrides      []string     `json:"overrides"`
		TargetsFile    string       `json:"targets_file"`
		TargetsSHA256  string       `json:"targets_sha256"`
		Targets        []targetInfo `json:"targets"`
		ReportOnly     []string     `json:"report_only"`
		Seed           uint64       `json:"seed"`
		Replicates     int          `json:"replicates"`
		Result         *Result      `json:"result"`
	}{buildinfo.Version(), buildinfo.GoVersion(), c.Command, sc.Name, sc.Source, sc.SHA256, sc.Overrides, ts.Source, ts.SHA256,
		targets, c.ReportOnly, c.Seed, c.Problem.Replicates(), c.Result}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
