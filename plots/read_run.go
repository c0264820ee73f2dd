package plots

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/wijksim/wijksim/experiment"
	"github.com/wijksim/wijksim/results"
)

// runIDColumns are the columns of monthly.csv and events.csv that identify
// the run rather than measure it.
var runIDColumns = map[string]bool{"run": true, "point": true, "scenario": true, "policy": true, "seed": true, "replicate": true, "month": true}

// readRuns reads one or more run folders, one policy each, as a single
// Results of kind run; dir is the folder the user named.
func readRuns(dir string, runDirs []string) (*Results, error) {
	res := &Results{
		Kind:       KindRun,
		Dir:        dir,
		Replicates: 1,
		Monthly:    map[string]map[string][]experiment.Estimate{},
		End:        map[string]Estimates{},
		ByKind:     map[string]map[string]Estimates{},
	}
	var names []string
	var mans []*results.Manifest
	seen := map[string]string{}
	hasEvents := true
	for _, rd := range runDirs {
		man, err := results.ReadManifest(rd)
		if err != nil {
			return nil, fmt.Errorf("results folder %s: %w", rd, err)
		}
		if man.Kind != KindRun {
			return nil, fmt.Errorf("results folder %s: manifest kind %q, want %q", rd, man.Kind, KindRun)
		}
		pol := man.Policy
		if other, dup := seen[pol]; dup {
			return nil, fmt.Errorf("results folder %s: policy %s twice (%s and %s); plot each folder on its own", dir, pol, other, rd)
		}
		seen[pol] = rd
		names = append(names, pol)
		mans = append(mans, man)
		if res.Manifest == nil {
			res.Manifest = man
			if res.Outcomes, err = man.Outcomes(); err != nil {
				return nil, fmt.Errorf("results folder %s: %w", rd, err)
			}
			res.Months = paramInt(man, "months", 0)
			res.Residents = paramInt(man, "population.residents", 0)
		}
		series, err := readRunMonthly(rd)
		if err != nil {
			return nil, err
		}
		res.Monthly[pol] = series
		sum, err := readSummary(rd)
		if err != nil {
			return nil, err
		}
		res.End[pol] = Estimates{}
		for _, m := range sum.End {
			res.End[pol][m.Name] = single(m.Value)
		}
		res.ByKind[pol] = map[string]Estimates{}
		for _, k := range sum.ByKind {
			res.ByKind[pol][k.Kind] = Estimates{}
			for _, m := range k.Outcomes {
				res.ByKind[pol][k.Kind][m.Name] = single(m.Value)
			}
		}
		if res.Months == 0 {
			res.Months = sum.Months
		}
		c, err := readRunEvents(rd, pol, paramInt(man, "population.residents", 0), paramInt(man, "months", sum.Months))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			hasEvents = false
		case err != nil:
			return nil, err
		default:
			res.Cohorts = append(res.Cohorts, c)
		}
	}
	if !hasEvents {
		res.Cohorts = nil
	}
	res.Policies = policyOrder(names)
	res.Baseline = chooseBaseline("", res.Policies)
	res.Diff, res.KindDiff = singleDifferences(res)
	res.Unpaired = unpaired(mans)
	return res, nil
}

// maxUnpairedParams is how many differing parameters unpaired names.
const maxUnpairedParams = 5

// unpaired says how the runs of mans differ other than in their policy:
// one line per setting that is not the same in all of them.
func unpaired(mans []*results.Manifest) []string {
	if len(mans) < 2 {
		return nil
	}
	var out []string
	differ := func(what string, value func(*results.Manifest) string) {
		first := value(mans[0])
		same := true
		parts := make([]string, len(mans))
		for i, m := range mans {
			v := value(m)
			same = same && v == first
			parts[i] = fmt.Sprintf("%s in %s", v, m.Policy)
		}
		if !same {
			out = append(out, fmt.Sprintf("%s %s", what, strings.Join(parts, ", ")))
		}
	}
	differ("scenario", func(m *results.Manifest) string {
		return fmt.Sprintf("%s (SHA-256 %.12s)", m.Scenario.Name, m.Scenario.SHA256)
	})
	differ("seed", func(m *results.Manifest) string { return fmt.Sprint(m.Seed) })
	differ("replicate", func(m *results.Manifest) string { return fmt.Sprint(m.Replicate) })
	var keys []string
	for _, p := range mans[0].Params {
		keys = append(keys, p.Key)
	}
	for _, m := range mans[1:] {
		for _, p := range m.Params {
			if !slices.Contains(keys, p.Key) {
				keys = append(keys, p.Key)
			}
		}
	}
	n := 0
	for _, key := range keys {
		before := len(out)
		differ("parameter "+key, func(m *results.Manifest) string {
			for _, p := range m.Params {
				if p.Key == key {
					return fmt.Sprint(p.Value)
				}
			}
			return "unset"
		})
		if len(out) > before {
			if n++; n == maxUnpairedParams {
				out = append(out, "(further parameters may differ too)")
				break
			}
		}
	}
	return out
}

// singleDifferences returns the difference of each policy's single run from
// the baseline's: on common random numbers, the policy's effect in this
// replicate, without an interval.
func singleDifferences(res *Results) (map[string]Estimates, map[string]map[string]Estimates) {
	diff := map[string]Estimates{}
	kdiff := map[string]map[string]Estimates{}
	base := res.End[res.Baseline]
	for _, pol := range res.Policies {
		diff[pol] = Estimates{}
		for name, e := range res.End[pol] {
			diff[pol][name] = single(e.Mean - base[name].Mean)
		}
		kdiff[pol] = map[string]Estimates{}
		for kind, ms := range res.ByKind[pol] {
			kdiff[pol][kind] = Estimates{}
			for name, e := range ms {
				b, ok := res.ByKind[res.Baseline][kind][name]
				if !ok {
					b = single(math.NaN())
				}
				kdiff[pol][kind][name] = single(e.Mean - b.Mean)
			}
		}
	}
	return diff, kdiff
}

// readRunMonthly reads a run's monthly.csv into one series per outcome.
func readRunMonthly(dir string) (map[string][]experiment.Estimate, error) {
	t, err := openTable(dir, results.MonthlyFile)
	if err != nil {
		return nil, err
	}
	defer t.Close()
	if err := t.need("month"); err != nil {
		return nil, err
	}
	series := map[string][]experiment.Estimate{}
	if err := t.each(func(rec []string) error {
		month, err := t.int(rec, "month")
		if err != nil {
			return err
		}
		for i, name := range t.header {
			if runIDColumns[name] {
				continue
			}
			x, err := t.floatAt(rec, i, name)
			if err != nil {
				return err
			}
			s := series[name]
			for len(s) <= month {
				s = append(s, single(math.NaN()))
			}
			s[month] = single(x)
			series[name] = s
		}
		return nil
	}); err != nil {
		return nil, err
	}
	return series, nil
}

// readSummary reads a run's summary.json.
func readSummary(dir string) (*results.Summary, error) {
	path := filepath.Join(dir, results.SummaryFile)
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	var s results.Summary
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return &s, nil
}

// readRunEvents reads a run's events.csv into a cohort of the residents
// 0 to residents-1, followed until horizon.
func readRunEvents(dir, policy string, residents, horizon int) (Cohort, error) {
	c := newCohort(policy, residents, horizon)
	t, err := openTable(dir, results.EventsFile)
	if err != nil {
		return c, err
	}
	defer t.Close()
	if err := t.need("month", "resident", "event"); err != nil {
		return c, err
	}
	err = t.each(func(rec []string) error { return c.add(t, rec) })
	return c, err
}

func newCohort(policy string, residents, horizon int) Cohort {
	return Cohort{Policy: policy, Residents: residents, Horizon: horizon, FirstStepUp: map[int]int{}, FirstExitToWork: map[int]int{}}
}

// add records the event of rec if it is the resident's first of its type.
// A placement on the rung the tegenprestatie demands is a move up, as in
// cum_moved_up (ODD 7.20).
func (c *Cohort) add(t *table, rec []string) error {
	var first map[int]int
	switch t.str(rec, "event") {
	case "step-up", "tegenprestatie":
		first = c.FirstStepUp
	case "exit-to-work":
		first = c.FirstExitToWork
	default:
		return nil
	}
	id, err := t.int(rec, "resident")
	if err != nil {
		return err
	}
	if id >= c.Residents {
		return nil // inflow after month 0
	}
	month, err := t.int(rec, "month")
	if err != nil {
		return err
	}
	if m, ok := first[id]; !ok || month < m {
		first[id] = month
	}
	return nil
}
