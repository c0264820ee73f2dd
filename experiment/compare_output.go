package experiment

import (
	"encoding/json"
	"io"
	"math"
	"strconv"
	"strings"

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
// estimate and the paired difference from the baseline. The rows of each
// policy and month are formatted concurrently and written in order
// (results.WriteOrdered).
func (c *Comparison) WriteMonthlyCSV(w io.Writer) error {
	if _, err := io.WriteString(w, "scenario,policy,baseline,month,outcome,"+estimateHeader+"\n"); err != nil {
		return err
	}
	months := c.Months + 1
	const perChunk = 8 // months a chunk
	chunks := (months + perChunk - 1) / perChunk
	return results.WriteOrdered(w, len(c.Spec.Policies)*chunks, func(i int, b []byte) []byte {
		p, from := i/chunks, i%chunks*perChunk
		for t := from; t < min(from+perChunk, months); t++ {
			b = c.appendMonthRows(b, p, t)
		}
		return b
	})
}

// appendMonthRows appends the rows of policy index p in month t, one per
// outcome, to b.
func (c *Comparison) appendMonthRows(b []byte, p, t int) []byte {
	prefix := c.Spec.Scenario.Name + "," + c.Spec.Policies[p] + "," + c.Spec.Baseline + ","
	ncol := len(c.Columns)
	level, diff := c.level[p][t*ncol:(t+1)*ncol], c.diff[p][t*ncol:(t+1)*ncol]
	for j := 1; j < ncol; j++ { // column 0 is the month
		b = append(b, prefix...)
		b = strconv.AppendInt(b, int64(t), 10)
		b = append(b, ',')
		b = append(b, c.Columns[j].Name...)
		b = append(b, ',')
		b = appendEstimate(b, level[j].Estimate())
		b = append(b, ',')
		b = appendEstimate(b, diff[j].Estimate())
		b = append(b, '\n')
	}
	return b
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

// CheckCompareFolder refuses a results folder dir that holds another
// command's results (results.CheckFolder); a comparison's own folder is
// rewritten.
func CheckCompareFolder(dir string) error {
	return results.CheckFolder(dir, "compare", []string{CompareMonthlyFile, CompareKindsFile, RunsFile, CompareJSONFile}, nil)
}

// WriteFolder writes the comparison's results folder: the monthly
// estimates, the estimates by kind, the JSON summary, the end of every run
// and the manifest.
func (c *Comparison) WriteFolder(dir string, command []string) error {
	man := results.NewManifest("compare", c.Spec.Scenario, command)
	man.Seed = c.Spec.Seed
	man.Policies = c.Spec.Policies
	man.AddPolicyFiles(c.Spec.PolicyFiles)
	man.AddOutcomeFiles(c.Spec.Registry)
	man.Baseline = c.Spec.Baseline
	man.Replicates = c.Replicates
	return results.WriteFolder(dir, man, []results.File{
		{Name: CompareMonthlyFile, Write: c.WriteMonthlyCSV},
		{Name: CompareKindsFile, Write: c.WriteKindsCSV},
		{Name: RunsFile, Write: c.WriteRunsCSV},
		{Name: CompareJSONFile, Write: c.WriteJSON},
	})
}
