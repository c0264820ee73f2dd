package plots

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/wijksim/wijksim/experiment"
	"github.com/wijksim/wijksim/outcomes"
	"github.com/wijksim/wijksim/results"
	"github.com/wijksim/wijksim/sim"
)

// readSweep reads a sweep folder: its design points, the end of every run
// and, when the sweep kept them, the monthly series and the event log.
// Estimates pool every run of a policy over the whole design; paired
// differences pair runs of the same point and replicate.
func readSweep(dir string, man *results.Manifest) (*Results, error) {
	res := &Results{
		Kind:      KindSweep,
		Dir:       dir,
		Manifest:  man,
		Months:    paramInt(man, "months", 0),
		Residents: paramInt(man, "population.residents", 0),
	}
	var err error
	if res.Outcomes, err = man.Outcomes(); err != nil {
		return nil, fmt.Errorf("results folder %s: %w", dir, err)
	}
	factors, points, scenarios, err := readPoints(dir)
	if err != nil {
		return nil, err
	}
	rows, failed, err := readSummaries(dir, factors, points, res.Outcomes)
	if err != nil {
		return nil, err
	}
	res.Failed = failed
	res.Sweep = &SweepData{Design: designKind(man), Factors: factors, Rows: rows}
	var names []string
	count := map[string]int{}
	for _, r := range rows {
		if count[r.Policy] == 0 {
			names = append(names, r.Policy)
		}
		count[r.Policy]++
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("results folder %s: the sweep has no finished runs", dir)
	}
	res.Policies = policyOrder(names)
	res.Baseline = chooseBaseline("", res.Policies)
	res.Replicates = count[res.Policies[0]]
	for _, p := range res.Policies {
		res.Replicates = min(res.Replicates, count[p])
	}
	sweepEstimates(res)
	if chosenPoints[res.Sweep.Design] {
		res.Points = pointEstimates(res, points, scenarios)
	}
	res.Monthly, err = readSweepMonthly(dir, res.Outcomes)
	if err != nil {
		return nil, err
	}
	if res.PerPoint() {
		withoutIntervals(res)
	}
	res.Cohorts, err = readSweepEvents(dir, res, points)
	if err != nil {
		return nil, err
	}
	return res, nil
}

// chosenPoints are the designs whose points are chosen, not sampled: their
// points are shown one by one.
var chosenPoints = map[string]bool{experiment.DesignFactorial: true, experiment.DesignOneAtATime: true, experiment.DesignScenarios: true}

// designKind returns the kind of design of a sweep's manifest, or "".
func designKind(man *results.Manifest) string {
	spec, _ := man.Spec.(map[string]any)
	d, _ := spec["design"].(map[string]any)
	kind, _ := d["kind"].(string)
	return kind
}

// readPoints reads points.csv: the factor names (every column but point,
// scenario and scenario_sha256), each point's values and its scenario.
func readPoints(dir string) ([]string, map[int][]float64, map[int]string, error) {
	t, err := openTable(dir, experiment.PointsFile)
	if err != nil {
		return nil, nil, nil, err
	}
	defer t.Close()
	if err := t.need("point"); err != nil {
		return nil, nil, nil, err
	}
	var factors []string
	for _, h := range t.header {
		if h != "point" && h != "scenario" && h != "scenario_sha256" {
			factors = append(factors, h)
		}
	}
	points := map[int][]float64{}
	scenarios := map[int]string{}
	if err := t.each(func(rec []string) error {
		pt, err := t.int(rec, "point")
		if err != nil {
			return err
		}
		if _, ok := t.cols["scenario"]; ok {
			scenarios[pt] = t.str(rec, "scenario")
		}
		vals := make([]float64, len(factors))
		for i, f := range factors {
			s := t.str(rec, f)
			switch s {
			case "true":
				vals[i] = 1
			case "false":
				vals[i] = 0
			default:
				if vals[i], err = t.float(rec, f); err != nil {
					return err
				}
			}
		}
		points[pt] = vals
		return nil
	}); err != nil {
		return nil, nil, nil, err
	}
	return factors, points, scenarios, nil
}

// kindPrefix is the column prefix of a kind's metrics in summaries.csv.
func kindPrefix(k sim.Kind) string { return strings.ReplaceAll(k.String(), "-", "_") + "_" }

// readSummaries reads the finished runs of summaries.csv, and the runs
// that failed.
func readSummaries(dir string, factors []string, points map[int][]float64, reg *outcomes.Registry) ([]SweepRow, []FailedRun, error) {
	t, err := openTable(dir, experiment.SummariesFile)
	if err != nil {
		return nil, nil, err
	}
	defer t.Close()
	if err := t.need("point", "policy", "replicate", "status"); err != nil {
		return nil, nil, err
	}
	outcomes := experiment.SeriesNames(reg)
	var rows []SweepRow
	var failed []FailedRun
	if err := t.each(func(rec []string) error {
		if t.str(rec, "status") != "ok" {
			f := FailedRun{Run: -1, Policy: t.str(rec, "policy"), Error: t.str(rec, "error")}
			f.Point, _ = t.int(rec, "point")
			if _, ok := t.cols["run"]; ok {
				f.Run, _ = t.int(rec, "run")
			}
			f.Replicate, _ = strconv.ParseUint(t.str(rec, "replicate"), 10, 64)
			failed = append(failed, f)
			return nil
		}
		pt, err := t.int(rec, "point")
		if err != nil {
			return err
		}
		rep, err := strconv.ParseUint(t.str(rec, "replicate"), 10, 64)
		if err != nil {
			return fmt.Errorf("read %s: line %d: replicate %q is not a whole number", t.path, t.line, t.str(rec, "replicate"))
		}
		row := SweepRow{Point: pt, Policy: t.str(rec, "policy"), Replicate: rep, Values: points[pt], End: map[string]float64{}, Kinds: map[string]map[string]float64{}}
		if row.Values == nil {
			row.Values = make([]float64, len(factors))
			for i := range row.Values {
				row.Values[i] = math.NaN()
			}
		}
		for _, name := range outcomes {
			if _, ok := t.cols[name]; !ok {
				continue
			}
			if row.End[name], err = t.float(rec, name); err != nil {
				return err
			}
		}
		for k := sim.Kind(0); k < sim.NumKinds; k++ {
			prefix := kindPrefix(k)
			ms := map[string]float64{}
			for i, h := range t.header {
				if metric, ok := strings.CutPrefix(h, prefix); ok {
					if ms[metric], err = t.floatAt(rec, i, h); err != nil {
						return err
					}
				}
			}
			row.Kinds[k.String()] = ms
		}
		rows = append(rows, row)
		return nil
	}); err != nil {
		return nil, nil, err
	}
	return rows, failed, nil
}

// pairKey identifies the runs that share random numbers across policies.
type pairKey struct {
	point     int
	replicate uint64
}

// sweepEstimates fills End, Diff, ByKind and KindDiff from the sweep's runs.
func sweepEstimates(res *Results) {
	rows := res.Sweep.Rows
	base := map[pairKey]*SweepRow{}
	for i := range rows {
		if rows[i].Policy == res.Baseline {
			base[pairKey{rows[i].Point, rows[i].Replicate}] = &rows[i]
		}
	}
	res.End, res.Diff = map[string]Estimates{}, map[string]Estimates{}
	res.ByKind, res.KindDiff = map[string]map[string]Estimates{}, map[string]map[string]Estimates{}
	for _, pol := range res.Policies {
		level, diff := map[string]*experiment.Accumulator{}, map[string]*experiment.Accumulator{}
		klevel, kdiff := map[string]map[string]*experiment.Accumulator{}, map[string]map[string]*experiment.Accumulator{}
		add := func(m map[string]*experiment.Accumulator, name string, x float64) {
			if m[name] == nil {
				m[name] = &experiment.Accumulator{}
			}
			m[name].Add(x)
		}
		for i := range rows {
			r := &rows[i]
			if r.Policy != pol {
				continue
			}
			b := base[pairKey{r.Point, r.Replicate}]
			for name, x := range r.End {
				add(level, name, x)
				if b != nil {
					add(diff, name, x-b.End[name])
				}
			}
			for kind, ms := range r.Kinds {
				if klevel[kind] == nil {
					klevel[kind], kdiff[kind] = map[string]*experiment.Accumulator{}, map[string]*experiment.Accumulator{}
				}
				for name, x := range ms {
					add(klevel[kind], name, x)
					if b != nil {
						add(kdiff[kind], name, x-b.Kinds[kind][name])
					}
				}
			}
		}
		res.End[pol], res.Diff[pol] = estimates(level), estimates(diff)
		res.ByKind[pol], res.KindDiff[pol] = map[string]Estimates{}, map[string]Estimates{}
		for kind := range klevel {
			res.ByKind[pol][kind], res.KindDiff[pol][kind] = estimates(klevel[kind]), estimates(kdiff[kind])
		}
	}
}

// pointEstimates estimates, per design point with finished runs and per
// policy, the end of the run over the point's replicates and the paired
// differences from the baseline; in point order.
func pointEstimates(res *Results, points map[int][]float64, scenarios map[int]string) []DesignPoint {
	type acc struct {
		level, diff map[string]*experiment.Accumulator
	}
	byPoint := map[int]map[string]*acc{}
	base := map[pairKey]*SweepRow{}
	rows := res.Sweep.Rows
	for i := range rows {
		if rows[i].Policy == res.Baseline {
			base[pairKey{rows[i].Point, rows[i].Replicate}] = &rows[i]
		}
	}
	for i := range rows {
		r := &rows[i]
		if byPoint[r.Point] == nil {
			byPoint[r.Point] = map[string]*acc{}
		}
		a := byPoint[r.Point][r.Policy]
		if a == nil {
			a = &acc{level: map[string]*experiment.Accumulator{}, diff: map[string]*experiment.Accumulator{}}
			byPoint[r.Point][r.Policy] = a
		}
		b := base[pairKey{r.Point, r.Replicate}]
		for name, x := range r.End {
			if a.level[name] == nil {
				a.level[name], a.diff[name] = &experiment.Accumulator{}, &experiment.Accumulator{}
			}
			a.level[name].Add(x)
			if b != nil {
				a.diff[name].Add(x - b.End[name])
			}
		}
	}
	idx := slices.Sorted(maps.Keys(byPoint))
	out := make([]DesignPoint, 0, len(idx))
	for _, pt := range idx {
		dp := DesignPoint{Point: pt, Scenario: scenarios[pt], Values: points[pt], End: map[string]Estimates{}, Diff: map[string]Estimates{}}
		for pol, a := range byPoint[pt] {
			dp.End[pol], dp.Diff[pol] = estimates(a.level), estimates(a.diff)
		}
		out = append(out, dp)
	}
	return out
}

// withoutIntervals keeps the means of the estimates pooled over the whole
// design and drops their intervals and spreads: across points chosen to
// differ, they are no sampling error.
func withoutIntervals(res *Results) {
	strip := func(es Estimates) {
		for name, e := range es {
			e.SD, e.Lo, e.Hi = math.NaN(), math.NaN(), math.NaN()
			es[name] = e
		}
	}
	for _, pol := range res.Policies {
		strip(res.End[pol])
		strip(res.Diff[pol])
		for _, es := range res.ByKind[pol] {
			strip(es)
		}
		for _, es := range res.KindDiff[pol] {
			strip(es)
		}
		for _, series := range res.Monthly[pol] {
			for m := range series {
				series[m].SD, series[m].Lo, series[m].Hi = math.NaN(), math.NaN(), math.NaN()
			}
		}
	}
}

func estimates(m map[string]*experiment.Accumulator) Estimates {
	out := Estimates{}
	for name, a := range m {
		out[name] = a.Estimate()
	}
	return out
}

// readSweepMonthly pools the monthly series of every run of a policy, for
// the outcomes that charts show; nil when the sweep kept no monthly series.
func readSweepMonthly(dir string, reg *outcomes.Registry) (map[string]map[string][]experiment.Estimate, error) {
	t, err := openTable(dir, experiment.SweepMonthlyFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer t.Close()
	if err := t.need("policy", "month"); err != nil {
		return nil, err
	}
	type col struct {
		name string
		i    int
	}
	var cols []col
	for _, name := range seriesOutcomesOf(reg) {
		if i, ok := t.cols[name]; ok {
			cols = append(cols, col{name, i})
		}
	}
	acc := map[string]map[string][]experiment.Accumulator{}
	if err := t.each(func(rec []string) error {
		pol := t.str(rec, "policy")
		month, err := t.int(rec, "month")
		if err != nil {
			return err
		}
		if acc[pol] == nil {
			acc[pol] = map[string][]experiment.Accumulator{}
		}
		for _, c := range cols {
			x, err := t.floatAt(rec, c.i, c.name)
			if err != nil {
				return err
			}
			s := acc[pol][c.name]
			for len(s) <= month {
				s = append(s, experiment.Accumulator{})
			}
			s[month].Add(x)
			acc[pol][c.name] = s
		}
		return nil
	}); err != nil {
		return nil, err
	}
	out := map[string]map[string][]experiment.Estimate{}
	for pol, m := range acc {
		out[pol] = map[string][]experiment.Estimate{}
		for name, s := range m {
			es := make([]experiment.Estimate, len(s))
			for i, a := range s {
				es[i] = a.Estimate()
			}
			out[pol][name] = es
		}
	}
	return out, nil
}

// readSweepEvents reads a sweep's events.csv into one cohort per run; nil
// when the sweep kept no event log. A point's residents and months come
// from the point when the design varies them, else from the manifest.
func readSweepEvents(dir string, res *Results, points map[int][]float64) ([]Cohort, error) {
	t, err := openTable(dir, experiment.SweepEventsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer t.Close()
	if err := t.need("run", "point", "policy", "month", "resident", "event"); err != nil {
		return nil, err
	}
	factorValue := func(point int, key string, def int) int {
		for i, f := range res.Sweep.Factors {
			if f == key && i < len(points[point]) {
				return int(points[point][i])
			}
		}
		return def
	}
	// Every finished run is a cohort, even one without a logged event.
	byRun := map[int]*Cohort{}
	var order []int
	runs, err := sweepRuns(dir)
	if err != nil {
		return nil, err
	}
	for _, r := range runs {
		c := newCohort(r.policy, factorValue(r.point, "population.residents", res.Residents), factorValue(r.point, "months", res.Months))
		byRun[r.run] = &c
		order = append(order, r.run)
	}
	if err := t.each(func(rec []string) error {
		run, err := t.int(rec, "run")
		if err != nil {
			return err
		}
		c := byRun[run]
		if c == nil {
			return nil
		}
		if err := c.add(t, rec); err != nil {
			return err
		}
		return nil
	}); err != nil {
		return nil, err
	}
	out := make([]Cohort, 0, len(order))
	for _, run := range order {
		out = append(out, *byRun[run])
	}
	return out, nil
}

type sweepRun struct {
	run, point int
	policy     string
}

// sweepRuns lists the finished runs of summaries.csv.
func sweepRuns(dir string) ([]sweepRun, error) {
	t, err := openTable(dir, experiment.SummariesFile)
	if err != nil {
		return nil, err
	}
	defer t.Close()
	if err := t.need("run", "point", "policy", "status"); err != nil {
		return nil, err
	}
	var out []sweepRun
	if err := t.each(func(rec []string) error {
		if t.str(rec, "status") != "ok" {
			return nil
		}
		run, err := t.int(rec, "run")
		if err != nil {
			return err
		}
		pt, err := t.int(rec, "point")
		if err != nil {
			return err
		}
		out = append(out, sweepRun{run, pt, t.str(rec, "policy")})
		return nil
	}); err != nil {
		return nil, err
	}
	return out, nil
}
