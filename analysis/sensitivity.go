package analysis

import (
	"context"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/wijksim/wijksim/experiment"
	"github.com/wijksim/wijksim/outcomes"
	"github.com/wijksim/wijksim/results"
	"github.com/wijksim/wijksim/sensitivity"
)

// The sensitivity methods.
const (
	Morris = experiment.MethodMorris
	Sobol  = experiment.MethodSobol
)

// BootstrapSamples is the number of bootstrap resamples behind each interval.
const BootstrapSamples = 1000

// PrepareSpec readies a sweep spec for the method (morris or sobol); see
// experiment.Spec.UseSensitivityDesign.
func PrepareSpec(spec *experiment.Spec, method string) error {
	return spec.UseSensitivityDesign(method)
}

// FactorResult is the sensitivity of one target to one factor.
type FactorResult struct {
	Factor string
	Morris *sensitivity.MorrisIndex
	Sobol  *sensitivity.SobolIndex
}

// TargetResult is the sensitivity of one target to every factor.
type TargetResult struct {
	Target  Target
	Factors []FactorResult
	// Points is the number of design points, and Undefined the number at
	// which the target has no value (a failed run, or an outcome without
	// a value there): the indices rest on the other points, and are NaN
	// where none is left.
	Points, Undefined int
	// Registry holds the outcomes of the sweep, for the target's label.
	Registry *outcomes.Registry
}

// SensitivityFile is the table of a sensitivity analysis's indices.
const SensitivityFile = "sensitivity.csv"

// Sensitivity runs the sweep of a prepared spec into opt.Out (resuming it
// if interrupted before), estimates the indices of each target and writes
// them into the folder with the sweep's tables (SensitivityFiles: the
// table and a chart per target in lang), under a manifest of kind
// sensitivity that lists every file with its SHA-256. Files of an earlier
// analysis in the folder that this one does not write (the charts of
// other targets), which its manifest lists, are removed when the new files
// take their places; files it does not list, such as a reader's own, stay. When
// the estimation or a file fails, the folder's results and manifest stay
// as they were. It returns the indices and the names of the files it
// wrote besides the sweep's.
func Sensitivity(ctx context.Context, spec *experiment.Spec, opt experiment.SweepOptions, targets []Target, lang string) ([]TargetResult, []string, error) {
	for _, t := range targets {
		if err := CheckOutcome(spec.Registry, t.Outcome); err != nil {
			return nil, nil, fmt.Errorf("--outcomes: %w", err)
		}
		for _, p := range []string{t.Policy, t.Minus} {
			if p != "" && !slices.Contains(spec.Policies, p) {
				return nil, nil, fmt.Errorf("target %s: policy %q is not in the sweep; its policies are %s", t, p, strings.Join(spec.Policies, ", "))
			}
		}
	}
	var out []TargetResult
	var names []string
	opt.Kind = experiment.KindSensitivity
	opt.Analyse = func(runs *experiment.Runs, plan *experiment.Plan) (*experiment.Analysis, error) {
		res, err := estimate(runs, plan, targets)
		if err != nil {
			return nil, err
		}
		files := SensitivityFiles(res, lang)
		for _, f := range files {
			names = append(names, f.Name)
		}
		out = res
		return &experiment.Analysis{Files: files}, nil
	}
	if _, err := experiment.Sweep(ctx, spec, opt); err != nil {
		return nil, nil, err
	}
	return out, names, nil
}

// estimate works out the indices of each target from the runs of plan.
func estimate(runs *experiment.Runs, plan *experiment.Plan, targets []Target) ([]TargetResult, error) {
	spec := plan.Spec
	var out []TargetResult
	for _, t := range targets {
		y, err := t.Values(runs, plan)
		if err != nil {
			return nil, err
		}
		tr := TargetResult{Target: t, Registry: spec.Registry, Points: len(y)}
		for _, v := range y {
			if math.IsNaN(v) {
				tr.Undefined++
			}
		}
		switch {
		case plan.Morris != nil:
			idx, err := plan.Morris.Morris(y, BootstrapSamples, spec.Seed)
			if err != nil {
				return nil, err
			}
			for i, f := range plan.Factors {
				tr.Factors = append(tr.Factors, FactorResult{Factor: f.Key, Morris: &idx[i]})
			}
		case plan.Saltelli != nil:
			idx, err := plan.Saltelli.Sobol(y, BootstrapSamples, spec.Seed)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", t, err)
			}
			for i, f := range plan.Factors {
				tr.Factors = append(tr.Factors, FactorResult{Factor: f.Key, Sobol: &idx[i]})
			}
		default:
			return nil, fmt.Errorf("spec %s: design %q is not a sensitivity design", spec.Source, spec.Design.Kind)
		}
		out = append(out, tr)
	}
	return out, nil
}

// SensitivityFiles are the files of a sensitivity analysis: the table of
// indices (SensitivityFile) and the chart of each target in lang, in each
// of ChartFormats.
func SensitivityFiles(res []TargetResult, lang string) []results.File {
	files := []results.File{{Name: SensitivityFile, Write: func(w io.Writer) error { return WriteSensitivityCSV(w, res) }}}
	for _, tr := range res {
		files = append(files, ChartFiles(SensitivityChart(tr, lang))...)
	}
	return files
}

// sensitivityColumns are the columns of sensitivity.csv.
var sensitivityColumns = func() []results.TableColumn {
	cols := []results.TableColumn{
		{Name: "outcome", Type: results.StringColumn}, {Name: "policy", Type: results.StringColumn},
		{Name: "minus", Type: results.StringColumn}, {Name: "factor", Type: results.StringColumn},
	}
	for _, name := range []string{"mu_star", "mu_star_ci_low", "mu_star_ci_high", "mu", "sigma", "s1", "s1_ci_low", "s1_ci_high", "st", "st_ci_low", "st_ci_high"} {
		cols = append(cols, results.TableColumn{Name: name, Type: results.FloatColumn})
	}
	return cols
}()

// WriteSensitivityCSV writes one row per target and factor, typed as the
// project's other tables (results.NewCSVWriter): every index a double
// ("0.0", not "0"), and a missing value NA (the minus policy of a target
// that is no difference, the indices of the other method, an index
// without value).
func WriteSensitivityCSV(w io.Writer, res []TargetResult) error {
	rw, err := results.NewCSVWriter(w, sensitivityColumns, false)
	if err != nil {
		return err
	}
	nan := math.NaN()
	row := make([]any, len(sensitivityColumns))
	for _, tr := range res {
		for _, f := range tr.Factors {
			m := sensitivity.MorrisIndex{MuStar: nan, Mu: nan, Sigma: nan, MuStarLo: nan, MuStarHi: nan}
			s := sensitivity.SobolIndex{S1: nan, S1Lo: nan, S1Hi: nan, ST: nan, STLo: nan, STHi: nan}
			if f.Morris != nil {
				m = *f.Morris
			}
			if f.Sobol != nil {
				s = *f.Sobol
			}
			var minus any
			if tr.Target.Minus != "" {
				minus = tr.Target.Minus
			}
			row = append(row[:0], tr.Target.Outcome, tr.Target.Policy, minus, f.Factor)
			for _, x := range []float64{m.MuStar, m.MuStarLo, m.MuStarHi, m.Mu, m.Sigma, s.S1, s.S1Lo, s.S1Hi, s.ST, s.STLo, s.STHi} {
				row = append(row, x)
			}
			if err := rw.WriteRow(row); err != nil {
				return err
			}
		}
	}
	return rw.Close()
}

// WriteSensitivityTable prints the indices of each target, factors in the
// order of the spec.
func WriteSensitivityTable(w io.Writer, results []TargetResult) error {
	for _, tr := range results {
		fmt.Fprintf(w, "\n%s\n", tr.Target)
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
		if len(tr.Factors) > 0 && tr.Factors[0].Morris != nil {
			fmt.Fprintln(tw, "factor\tmu* [95% CI]\tmu\tsigma\t")
			for _, f := range tr.Factors {
				m := f.Morris
				fmt.Fprintf(tw, "%s\t%.4g [%.4g, %.4g]\t%.4g\t%.4g\t\n", f.Factor, m.MuStar, m.MuStarLo, m.MuStarHi, m.Mu, m.Sigma)
			}
		} else {
			fmt.Fprintln(tw, "factor\tfirst order S1 [95% CI]\ttotal order ST [95% CI]\t")
			for _, f := range tr.Factors {
				s := f.Sobol
				fmt.Fprintf(tw, "%s\t%.3f [%.3f, %.3f]\t%.3f [%.3f, %.3f]\t\n", f.Factor, s.S1, s.S1Lo, s.S1Hi, s.ST, s.STLo, s.STHi)
			}
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}
