package experiment

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/wijksim/wijksim/internal/names"
	"github.com/wijksim/wijksim/outcomes"
	"github.com/wijksim/wijksim/results"
	"github.com/wijksim/wijksim/sim"
)

// The files of a comparison's results folder.
const (
	CompareMonthlyFile = "compare_monthly.csv"
	CompareKindsFile   = "compare_by_kind.csv"
	CompareJSONFile    = "compare.json"
	RunsFile           = "runs.csv"
)

// TableOutcomes returns the outcomes shown in the terminal table by
// default: the registry's outcomes shown in tables.
func TableOutcomes() []string { return outcomes.ShownKeys(outcomes.Table) }

const estimateHeader = "n,mean,sd,ci_low,ci_high,diff_n,diff_mean,diff_sd,diff_ci_low,diff_ci_high"

func appendEstimate(b []byte, e Estimate) []byte {
	b = strconv.AppendInt(b, int64(e.N), 10)
	for _, x := range []float64{e.Mean, e.SD, e.Lo, e.Hi} {
		b = append(b, ',')
		b = appendFloat(b, x)
	}
	return b
}

func appendFloat(b []byte, x float64) []byte {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return append(b, "NA"...)
	}
	return strconv.AppendFloat(b, x, 'g', -1, 64)
}

// WriteMonthlyCSV writes one row per policy, month and outcome: the
// estimate and the paired difference from the baseline.
func (c *Comparison) WriteMonthlyCSV(w io.Writer) error {
	if _, err := io.WriteString(w, "scenario,policy,baseline,month,outcome,"+estimateHeader+"\n"); err != nil {
		return err
	}
	var line []byte
	for p, pol := range c.Spec.Policies {
		for t := 0; t <= c.Months; t++ {
			for _, col := range c.Columns[1:] {
				line = append(line[:0], c.Spec.Scenario.Name+","+pol+","+c.Spec.Baseline+","...)
				line = strconv.AppendInt(line, int64(t), 10)
				line = append(line, ',')
				line = append(line, col.Name...)
				line = append(line, ',')
				line = appendEstimate(line, c.Level(p, t, col.Name))
				line = append(line, ',')
				line = appendEstimate(line, c.Difference(p, t, col.Name))
				line = append(line, '\n')
				if _, err := w.Write(line); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// KindLevel estimates a by-kind metric of policy index p at the end.
func (c *Comparison) KindLevel(p int, k sim.Kind, metric int) Estimate {
	return c.kinds[p][k][metric].Estimate()
}

// KindDifference estimates the paired difference from the baseline of a
// by-kind metric of policy index p at the end.
func (c *Comparison) KindDifference(p int, k sim.Kind, metric int) Estimate {
	return c.kdiff[p][k][metric].Estimate()
}

// KindMetricNames are the by-kind outcomes, indexed as in KindLevel.
func (c *Comparison) KindMetricNames() []string { return c.kindMetricNames }

// WriteKindsCSV writes the end-of-run outcomes by kind of resident.
func (c *Comparison) WriteKindsCSV(w io.Writer) error {
	if _, err := io.WriteString(w, "scenario,policy,baseline,kind,outcome,"+estimateHeader+"\n"); err != nil {
		return err
	}
	var line []byte
	for p, pol := range c.Spec.Policies {
		for k := sim.Kind(0); k < sim.NumKinds; k++ {
			for j, name := range c.kindMetricNames {
				line = append(line[:0], c.Spec.Scenario.Name+","+pol+","+c.Spec.Baseline+","+k.String()+","+name+","...)
				line = appendEstimate(line, c.KindLevel(p, k, j))
				line = append(line, ',')
				line = appendEstimate(line, c.KindDifference(p, k, j))
				line = append(line, '\n')
				if _, err := w.Write(line); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// WriteRunsCSV writes the end of every run, one row a run.
func (c *Comparison) WriteRunsCSV(w io.Writer) error {
	if len(c.Runs) == 0 {
		return nil
	}
	names := make([]string, len(c.Runs[0].End))
	for i, m := range c.Runs[0].End {
		names[i] = m.Name
	}
	if _, err := io.WriteString(w, "scenario,policy,seed,replicate,"+strings.Join(names, ",")+"\n"); err != nil {
		return err
	}
	var line []byte
	for _, r := range c.Runs {
		line = append(line[:0], c.Spec.Scenario.Name+","+r.Policy+","...)
		line = strconv.AppendUint(line, c.Spec.Seed, 10)
		line = append(line, ',')
		line = strconv.AppendUint(line, r.Replicate, 10)
		for _, m := range r.End {
			line = append(line, ',')
			line = appendFloat(line, m.Value)
		}
		line = append(line, '\n')
		if _, err := w.Write(line); err != nil {
			return err
		}
	}
	return nil
}

// jsonEstimate is an Estimate with NaN written as null.
type jsonEstimate struct {
	N    int      `json:"n"`
	Mean *float64 `json:"mean"`
	SD   *float64 `json:"sd"`
	Lo   *float64 `json:"ci_low"`
	Hi   *float64 `json:"ci_high"`
}

func finite(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

func toJSON(e Estimate) jsonEstimate {
	return jsonEstimate{N: e.N, Mean: finite(e.Mean), SD: finite(e.SD), Lo: finite(e.Lo), Hi: finite(e.Hi)}
}

type jsonOutcome struct {
	Outcome    string        `json:"outcome"`
	Estimate   jsonEstimate  `json:"estimate"`
	Difference *jsonEstimate `json:"difference_from_baseline,omitempty"`
	Clear      bool          `json:"difference_clear"`
}

type jsonKind struct {
	Kind     string        `json:"kind"`
	Outcomes []jsonOutcome `json:"outcomes"`
}

type jsonPolicy struct {
	Policy    string        `json:"policy"`
	End       []jsonOutcome `json:"end"`
	FirstYear []jsonOutcome `json:"first_year"`
	ByKind    []jsonKind    `json:"by_kind"`
}

func outcome(name string, level, diff Estimate, baseline bool) jsonOutcome {
	o := jsonOutcome{Outcome: name, Estimate: toJSON(level)}
	if !baseline {
		d := toJSON(diff)
		o.Difference = &d
		o.Clear = diff.Clear()
	}
	return o
}

// WriteJSON writes the end-of-run and first-year estimates, the paired
// differences and the outcomes by kind as JSON.
func (c *Comparison) WriteJSON(w io.Writer) error {
	out := struct {
		Scenario         string       `json:"scenario"`
		Baseline         string       `json:"baseline"`
		Seed             uint64       `json:"seed"`
		Replicates       int          `json:"replicates"`
		Months           int          `json:"months"`
		Precision        float64      `json:"precision,omitempty"`
		PrecisionReached bool         `json:"precision_reached"`
		WorstHalfWidth   *float64     `json:"worst_half_width,omitempty"`
		Policies         []jsonPolicy `json:"policies"`
	}{
		Scenario: c.Spec.Scenario.Name, Baseline: c.Spec.Baseline, Seed: c.Spec.Seed, Replicates: c.Replicates,
		Months: c.Months, Precision: c.Spec.Precision, PrecisionReached: c.PrecisionReached,
	}
	if c.Spec.Precision > 0 {
		out.WorstHalfWidth = finite(c.WorstHalfWidth)
	}
	year := min(12, c.Months)
	for p, pol := range c.Spec.Policies {
		base := pol == c.Spec.Baseline
		jp := jsonPolicy{Policy: pol}
		for _, col := range c.Columns[1:] {
			jp.End = append(jp.End, outcome(col.Name, c.Level(p, c.Months, col.Name), c.Difference(p, c.Months, col.Name), base))
		}
		for _, name := range []string{"cum_exits_to_work", "cum_exits_without_work", "cum_sanctions", "share_rung_3_plus"} {
			jp.FirstYear = append(jp.FirstYear, outcome(name, c.Level(p, year, name), c.Difference(p, year, name), base))
		}
		for k := sim.Kind(0); k < sim.NumKinds; k++ {
			jk := jsonKind{Kind: k.String()}
			for j, name := range c.kindMetricNames {
				jk.Outcomes = append(jk.Outcomes, outcome(name, c.KindLevel(p, k, j), c.KindDifference(p, k, j), base))
			}
			jp.ByKind = append(jp.ByKind, jk)
		}
		out.Policies = append(out.Policies, jp)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// WriteTable prints the end-of-run estimates with their 95% intervals and
// the paired differences from the baseline; a * marks a difference whose
// interval excludes zero.
func (c *Comparison) WriteTable(w io.Writer, outcomes []string) error {
	if len(outcomes) == 0 {
		outcomes = TableOutcomes()
	}
	for _, name := range outcomes {
		if err := names.Check("outcome", name, OutcomeNames()); err != nil {
			return fmt.Errorf("compare table: %w", err)
		}
	}
	fmt.Fprintf(w, "Scenario %s, %d replicates per policy, seed %d, month %d; mean [95%% CI]\n",
		c.Spec.Scenario.Name, c.Replicates, c.Spec.Seed, c.Months)
	if c.Spec.Precision > 0 {
		state := "reached"
		if !c.PrecisionReached {
			state = fmt.Sprintf("NOT reached (cap of %d replicates)", c.Spec.MaxReplicates)
		}
		fmt.Fprintf(w, "Precision %g on %s: %s; largest half-width %.4g\n", c.Spec.Precision, strings.Join(c.Spec.Outcomes, ", "), state, c.WorstHalfWidth)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "outcome\t")
	for _, pol := range c.Spec.Policies {
		fmt.Fprint(tw, pol+"\t")
	}
	fmt.Fprintln(tw)
	for _, name := range outcomes {
		fmt.Fprint(tw, name+"\t")
		for p := range c.Spec.Policies {
			fmt.Fprint(tw, formatEstimate(c.Level(p, c.Months, name))+"\t")
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nPaired difference from %s (same residents, same life events); * = 95%% CI excludes 0\n\n", c.Spec.Baseline)
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "outcome\t")
	for _, pol := range c.Spec.Policies {
		if pol != c.Spec.Baseline {
			fmt.Fprint(tw, pol+"\t")
		}
	}
	fmt.Fprintln(tw)
	for _, name := range outcomes {
		fmt.Fprint(tw, name+"\t")
		for p, pol := range c.Spec.Policies {
			if pol == c.Spec.Baseline {
				continue
			}
			d := c.Difference(p, c.Months, name)
			mark := ""
			if d.Clear() {
				mark = "*"
			}
			fmt.Fprint(tw, formatSigned(d)+mark+"\t")
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

func formatEstimate(e Estimate) string {
	if math.IsNaN(e.Mean) {
		return "-"
	}
	if math.IsNaN(e.Lo) {
		return short(e.Mean)
	}
	return fmt.Sprintf("%s [%s, %s]", short(e.Mean), short(e.Lo), short(e.Hi))
}

func formatSigned(e Estimate) string {
	if math.IsNaN(e.Mean) {
		return "-"
	}
	sign := func(x float64) string {
		if x >= 0 {
			return "+" + short(x)
		}
		return short(x)
	}
	if math.IsNaN(e.Lo) {
		return sign(e.Mean)
	}
	return fmt.Sprintf("%s [%s, %s]", sign(e.Mean), short(e.Lo), short(e.Hi))
}

// short formats x with three significant digits, without exponent for
// ordinary magnitudes.
func short(x float64) string {
	ax := math.Abs(x)
	switch {
	case ax >= 1e6:
		return strconv.FormatFloat(x/1e6, 'f', 2, 64) + "M"
	case ax >= 1e4:
		return strconv.FormatFloat(x/1e3, 'f', 1, 64) + "k"
	case ax >= 100:
		return strconv.FormatFloat(x, 'f', 0, 64)
	case ax >= 1:
		return strconv.FormatFloat(x, 'f', 1, 64)
	default:
		return strconv.FormatFloat(x, 'f', 3, 64)
	}
}

// WriteFolder writes the comparison's results folder: the monthly
// estimates, the estimates by kind, the JSON summary, the end of every run
// and the manifest.
func (c *Comparison) WriteFolder(dir string, command []string) error {
	man := results.NewManifest("compare", c.Spec.Scenario, command)
	man.Seed = c.Spec.Seed
	man.Policies = c.Spec.Policies
	man.Baseline = c.Spec.Baseline
	man.Replicates = c.Replicates
	return results.WriteFolder(dir, man, []results.File{
		{Name: CompareMonthlyFile, Write: c.WriteMonthlyCSV},
		{Name: CompareKindsFile, Write: c.WriteKindsCSV},
		{Name: RunsFile, Write: c.WriteRunsCSV},
		{Name: CompareJSONFile, Write: c.WriteJSON},
	})
}
