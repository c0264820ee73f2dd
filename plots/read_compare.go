package plots

import (
	"fmt"
	"math"

	"github.com/wijksim/wijksim/experiment"
	"github.com/wijksim/wijksim/results"
)

// readCompare reads a comparison folder: the monthly estimates with their
// paired differences and the estimates by kind of resident.
func readCompare(dir string, man *results.Manifest) (*Results, error) {
	res := &Results{
		Kind:       KindCompare,
		Dir:        dir,
		Manifest:   man,
		Policies:   policyOrder(man.Policies),
		Months:     paramInt(man, "months", 0),
		Residents:  paramInt(man, "population.residents", 0),
		Replicates: man.Replicates,
		Monthly:    map[string]map[string][]experiment.Estimate{},
		End:        map[string]Estimates{},
		Diff:       map[string]Estimates{},
		ByKind:     map[string]map[string]Estimates{},
		KindDiff:   map[string]map[string]Estimates{},
	}
	res.Baseline = chooseBaseline(man.Baseline, res.Policies)
	var err error
	if res.Outcomes, err = man.Outcomes(); err != nil {
		return nil, fmt.Errorf("results folder %s: %w", dir, err)
	}
	diffs := map[string]map[string][]experiment.Estimate{}
	err = eachMonthlyEstimate(dir, func(pol, key string, month int, level, diff experiment.Estimate) {
		put := func(m map[string]map[string][]experiment.Estimate, e experiment.Estimate) {
			if m[pol] == nil {
				m[pol] = map[string][]experiment.Estimate{}
			}
			s := m[pol][key]
			for len(s) <= month {
				s = append(s, single(math.NaN()))
			}
			s[month] = e
			m[pol][key] = s
		}
		put(res.Monthly, level)
		put(diffs, diff)
	})
	if err != nil {
		return nil, err
	}
	for pol, outcomes := range res.Monthly {
		res.End[pol], res.Diff[pol] = Estimates{}, Estimates{}
		for name, s := range outcomes {
			res.End[pol][name] = s[len(s)-1]
			d := diffs[pol][name]
			res.Diff[pol][name] = d[len(d)-1]
		}
		if res.Months == 0 {
			for _, s := range outcomes {
				res.Months = len(s) - 1
				break
			}
		}
	}
	if err := readCompareKinds(dir, res); err != nil {
		return nil, err
	}
	return res, nil
}

// eachMonthlyEstimate calls f for every row of compare_monthly.csv.
func eachMonthlyEstimate(dir string, f func(pol, outcome string, month int, level, diff experiment.Estimate)) error {
	t, err := openTable(dir, experiment.CompareMonthlyFile)
	if err != nil {
		return err
	}
	defer t.Close()
	if err := t.need("policy", "month", "outcome", "n", "mean", "ci_low", "ci_high", "diff_n", "diff_mean", "diff_ci_low", "diff_ci_high"); err != nil {
		return err
	}
	if err := t.each(func(rec []string) error {
		month, err := t.int(rec, "month")
		if err != nil {
			return err
		}
		level, err := readEstimate(t, rec, "")
		if err != nil {
			return err
		}
		diff, err := readEstimate(t, rec, "diff_")
		if err != nil {
			return err
		}
		f(t.str(rec, "policy"), t.str(rec, "outcome"), month, level, diff)
		return nil
	}); err != nil {
		return err
	}
	return nil
}

// readCompareKinds reads compare_by_kind.csv.
func readCompareKinds(dir string, res *Results) error {
	t, err := openTable(dir, experiment.CompareKindsFile)
	if err != nil {
		return err
	}
	defer t.Close()
	if err := t.need("policy", "kind", "outcome"); err != nil {
		return err
	}
	if err := t.each(func(rec []string) error {
		pol, kind, name := t.str(rec, "policy"), t.str(rec, "kind"), t.str(rec, "outcome")
		level, err := readEstimate(t, rec, "")
		if err != nil {
			return err
		}
		diff, err := readEstimate(t, rec, "diff_")
		if err != nil {
			return err
		}
		for _, m := range []map[string]map[string]Estimates{res.ByKind, res.KindDiff} {
			if m[pol] == nil {
				m[pol] = map[string]Estimates{}
			}
			if m[pol][kind] == nil {
				m[pol][kind] = Estimates{}
			}
		}
		res.ByKind[pol][kind][name] = level
		res.KindDiff[pol][kind][name] = diff
		return nil
	}); err != nil {
		return err
	}
	return nil
}

// readEstimate reads the columns prefix+n, mean, sd, ci_low and ci_high.
func readEstimate(t *table, rec []string, prefix string) (experiment.Estimate, error) {
	var e experiment.Estimate
	vals := []*float64{&e.Mean, &e.SD, &e.Lo, &e.Hi}
	for i, col := range []string{"mean", "sd", "ci_low", "ci_high"} {
		x, err := t.float(rec, prefix+col)
		if err != nil {
			return e, err
		}
		*vals[i] = x
	}
	n, err := t.float(rec, prefix+"n")
	if err != nil {
		return e, err
	}
	if !math.IsNaN(n) {
		e.N = int(n)
	}
	return e, nil
}
