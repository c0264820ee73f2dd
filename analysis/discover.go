package analysis

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"text/tabwriter"

	"github.com/wijksim/wijksim/design"
	"github.com/wijksim/wijksim/experiment"
	"github.com/wijksim/wijksim/outcomes"
	"github.com/wijksim/wijksim/prim"
	"github.com/wijksim/wijksim/results"
)

// Discovery is the result of scenario discovery on a sweep.
type Discovery struct {
	Condition *Condition
	Outcome   string
	Factors   []design.Factor
	// Holds says, per design point with a value, whether the condition
	// holds; Undefined counts the design points left out because the
	// outcome has no value there (a failed run, or an outcome without
	// value), where the condition neither holds nor fails.
	Holds     []bool
	Undefined int
	Result    *prim.Result
	// Registry holds the outcomes of the sweep, for the outcome's label.
	Registry *outcomes.Registry
}

// TrajectoryFile is the table of PRIM's peeling trajectory.
const TrajectoryFile = "prim_trajectory.csv"

// Discover runs the sweep of spec into opt.Out (resuming it if needed),
// evaluates the condition on outcome at each design point and peels the
// parameter space with PRIM. The selected box is the densest with coverage
// at least minCoverage. The trajectory is written into the folder with
// the sweep's tables (Discovery.Files: the table and its chart in lang),
// under a manifest of kind discover that lists every file with its
// SHA-256; when the discovery fails (the condition holds at no point, or
// no point has a value), the folder's results and manifest stay as they
// were. It returns the discovery and the names of the files it wrote
// besides the sweep's.
func Discover(ctx context.Context, spec *experiment.Spec, opt experiment.SweepOptions, outcome, where string, minCoverage float64, lang string) (*Discovery, []string, error) {
	switch spec.Design.Kind {
	case experiment.DesignLHS, experiment.DesignSobol, experiment.DesignHalton, experiment.DesignFactorial:
	default:
		return nil, nil, fmt.Errorf("spec %s: key \"design.kind\": %q; scenario discovery needs a design over parameters: lhs, sobol, halton or factorial", spec.Source, spec.Design.Kind)
	}
	cond, err := ParseCondition(where, spec.Policies)
	if err != nil {
		return nil, nil, err
	}
	if err := CheckOutcome(spec.Registry, outcome); err != nil {
		return nil, nil, fmt.Errorf("--outcomes: %w", err)
	}
	if !(minCoverage > 0 && minCoverage <= 1) {
		return nil, nil, fmt.Errorf("--min-coverage %v; allowed: a share in (0, 1]", minCoverage)
	}
	var d *Discovery
	var names []string
	opt.Kind = experiment.KindDiscover
	opt.Analyse = func(runs *experiment.Runs, plan *experiment.Plan) (*experiment.Analysis, error) {
		var err error
		if d, err = discover(runs, plan, cond, outcome, minCoverage, opt.Out); err != nil {
			return nil, err
		}
		files := d.Files(minCoverage, lang)
		for _, f := range files {
			names = append(names, f.Name)
		}
		return &experiment.Analysis{Files: files}, nil
	}
	if _, err := experiment.Sweep(ctx, spec, opt); err != nil {
		return nil, nil, err
	}
	return d, names, nil
}

// discover evaluates cond on outcome at each design point of plan and
// peels the parameter space; out is the folder, for messages.
func discover(runs *experiment.Runs, plan *experiment.Plan, cond *Condition, outcome string, minCoverage float64, out string) (*Discovery, error) {
	all, defined, err := cond.holdsWhereDefined(runs, plan, outcome)
	if err != nil {
		return nil, err
	}
	var x [][]float64
	var holds []bool
	for i, pt := range plan.Points {
		if defined[i] {
			x = append(x, pt.Values)
			holds = append(holds, all[i])
		}
	}
	if len(x) == 0 {
		return nil, fmt.Errorf("discover %q on %s: no design point has a value (failed runs, listed in %s, or an outcome without value there)", cond.Text, outcome, filepath.Join(out, experiment.SummariesFile))
	}
	res, err := prim.Peel(x, holds, prim.Options{})
	if err != nil {
		return nil, fmt.Errorf("discover %q on %s: %w", cond.Text, outcome, err)
	}
	res.Select(minCoverage)
	return &Discovery{Condition: cond, Outcome: outcome, Factors: plan.Factors, Holds: holds, Undefined: len(plan.Points) - len(x), Result: res, Registry: plan.Spec.Registry}, nil
}

// Files are the files of a discovery: the trajectory (TrajectoryFile) and
// its chart in lang, in each of ChartFormats.
func (d *Discovery) Files(minCoverage float64, lang string) []results.File {
	return append([]results.File{{Name: TrajectoryFile, Write: d.WriteTrajectoryCSV}}, ChartFiles(d.TrajectoryChart(minCoverage, lang))...)
}

// WriteTrajectoryCSV writes the peeling trajectory: one row per box, with
// its coverage, density, support and limits, typed as the project's other
// tables (results.NewCSVWriter): shares and limits as doubles, a missing
// value as NA.
func (d *Discovery) WriteTrajectoryCSV(w io.Writer) error {
	cols := []results.TableColumn{
		{Name: "step", Type: results.IntColumn}, {Name: "selected", Type: results.StringColumn},
		{Name: "coverage", Type: results.FloatColumn}, {Name: "density", Type: results.FloatColumn},
		{Name: "support", Type: results.FloatColumn}, {Name: "points", Type: results.IntColumn},
	}
	for _, f := range d.Factors {
		cols = append(cols, results.TableColumn{Name: f.Key + "_min", Type: results.FloatColumn}, results.TableColumn{Name: f.Key + "_max", Type: results.FloatColumn})
	}
	rw, err := results.NewCSVWriter(w, cols, false)
	if err != nil {
		return err
	}
	row := make([]any, 0, len(cols))
	for i, s := range d.Result.Trajectory {
		row = append(row[:0], int64(i), strconv.FormatBool(i == d.Result.Selected), s.Coverage, s.Density, s.Support, int64(s.Points))
		for j := range d.Factors {
			row = append(row, s.Box.Lo[j], s.Box.Hi[j])
		}
		if err := rw.WriteRow(row); err != nil {
			return err
		}
	}
	return rw.Close()
}

// WriteTable prints the condition, how often it holds, and the selected box.
func (d *Discovery) WriteTable(w io.Writer) error {
	n := 0
	for _, h := range d.Holds {
		if h {
			n++
		}
	}
	r := d.Result
	s := r.Trajectory[r.Selected]
	first := r.Trajectory[0]
	fmt.Fprintf(w, "Condition %q on %s holds at %d of %d design points (density %.3f).\n", d.Condition.Text, d.Outcome, n, len(d.Holds), first.Density)
	if d.Undefined > 0 {
		fmt.Fprintf(w, "Left out: %d design points where %s has no value (failed runs, or an outcome without value there).\n", d.Undefined, d.Outcome)
	}
	fmt.Fprintf(w, "Selected box: step %d of %d, coverage %.3f, density %.3f, support %.3f (%d points)\n\n",
		r.Selected, len(r.Trajectory)-1, s.Coverage, s.Density, s.Support, s.Points)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "parameter\tsampled range\tbox\trestricted\t")
	for j, f := range d.Factors {
		lo, hi := first.Box.Lo[j], first.Box.Hi[j]
		restricted := ""
		if s.Box.Lo[j] > lo || s.Box.Hi[j] < hi {
			restricted = "yes"
		}
		fmt.Fprintf(tw, "%s\t[%.4g, %.4g]\t[%.4g, %.4g]\t%s\t\n", f.Key, lo, hi, s.Box.Lo[j], s.Box.Hi[j], restricted)
	}
	return tw.Flush()
}
