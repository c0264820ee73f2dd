package calibrate

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/wijksim/wijksim/internal/names"
	"github.com/wijksim/wijksim/internal/yamlcheck"
	"github.com/wijksim/wijksim/outcomes"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

// Target is one empirical figure the model should reproduce.
type Target struct {
	// Name identifies the target in tables and files.
	Name string
	// Statistic computes the simulated counterpart from a run.
	Statistic Statistic
	// Kind is the statistic kind as written in the file.
	Kind string
	// Observed is the empirical value.
	Observed float64
	// SE is the standard error of Observed, or a tolerance for figures
	// given without one: a simulated value one SE away adds 1 to the
	// objective.
	SE float64
	// Policy is the policy the target's runs use.
	Policy string
	// Set holds the parameter settings the target's runs need on top of
	// the base scenario, as key=value in file order.
	Set []string
	// Source says where the figure comes from.
	Source Source
}

// Source is the provenance of a target.
type Source struct {
	Citation string `json:"citation"`
	URL      string `json:"url,omitempty"`
	// Note says what the figure measures and how the simulated statistic
	// matches it, and any caveat.
	Note string `json:"note,omitempty"`
}

// Targets is a target file.
type Targets struct {
	Name        string
	Description string
	Targets     []Target
	// Source is the file's path; SHA256 is the hex hash of its bytes.
	Source string
	SHA256 string
}

// targetFile names a target file in errors.
// minSE is the smallest standard error a target may give.
const minSE = 1e-9

func targetFile(src string) yamlcheck.File { return yamlcheck.File{What: "targets", Path: src} }

// LoadTargets reads and checks a target file. Errors name the file, the
// line and the key, and say what is allowed.
//
// The file is a mapping with a name, a description and a list of targets;
// each target has a name, a statistic (a kind and its settings), the
// observed value, its se, a policy, optional parameter settings (set, a
// mapping of parameter keys to values) and a source (citation, url, note):
//
//	targets:
//	  - name: long_term_exit_share
//	    statistic: {kind: long_term_exit_share, at_months: [0], over_months: 36, within_months: 12}
//	    observed: 0.08
//	    se: 0.01
//	    policy: afstand
//	    set: {months: 12}
//	    source: {citation: "CBS (2008) ...", note: "..."}
//
// The statistic kinds and their settings (defaults in brackets):
//
//	cohort_exit_share      arrival_from, arrival_to, within_months [12]
//	long_term_exit_share   at_months [[0]], over_months [36], within_months [12]
//	work_share_of_exits    from_month [1], to_month [0: the end]
//	sanction_hazard_ratio  outcome (work or without_work), start_month [0],
//	                       months [3], exclude_months [start+months],
//	                       reference (unsanctioned, sanctioned_residents or
//	                       unsanctioned_refusals) [unsanctioned]
//	status_after_work_exit months (6, 12 or 18), status (in_work or on_benefit)
//	reentry_within         months (6, 12 or 24), route (all, without_work,
//	                       pushed, work, other, pressure or enforcement)
//	outcome                outcome (a monthly outcome's key, built in or of
//	                       an outcome file), month
//
// A target's policy is a built-in policy or one of files, by name.
func LoadTargets(path string, files ...*policies.Policy) (*Targets, error) {
	return LoadTargetsWith(path, TargetOptions{Policies: files})
}

// TargetOptions say what the targets of a file may name beside the
// built-in policies and outcomes.
type TargetOptions struct {
	// Policies are policies read from files that targets may name.
	Policies []*policies.Policy
	// Outcomes are the outcomes that targets of kind outcome may name;
	// nil for the built-in ones.
	Outcomes *outcomes.Registry
}

// LoadTargetsWith reads a target file as LoadTargets does, with opt.
func LoadTargetsWith(path string, opt TargetOptions) (*Targets, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load targets: %w", err)
	}
	return ParseTargetsWith(raw, path, opt)
}

// ParseTargets reads a target file from raw YAML; path names it in errors.
// A target's policy is a built-in policy or one of files, by name.
func ParseTargets(raw []byte, path string, files ...*policies.Policy) (*Targets, error) {
	return ParseTargetsWith(raw, path, TargetOptions{Policies: files})
}

// ParseTargetsWith reads a target file as ParseTargets does, with opt.
func ParseTargetsWith(raw []byte, path string, opt TargetOptions) (*Targets, error) {
	src := path
	root, err := targetFile(src).Document(raw, "it needs a list of targets")
	if err != nil {
		return nil, err
	}
	top, err := targetFile(src).Mapping(root, "", "name", "description", "targets")
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(raw)
	ts := &Targets{Name: strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), Source: src, SHA256: hex.EncodeToString(sum[:])}
	if n, ok := top["name"]; ok {
		if ts.Name, err = targetFile(src).String(n, "name"); err != nil {
			return nil, err
		}
	}
	if n, ok := top["description"]; ok {
		if ts.Description, err = targetFile(src).String(n, "description"); err != nil {
			return nil, err
		}
	}
	list, ok := top["targets"]
	if !ok {
		return nil, fmt.Errorf("targets %s: key \"targets\": missing; want a list of targets", src)
	}
	if list.Kind != yaml.SequenceNode || len(list.Content) == 0 {
		return nil, targetFile(src).Errorf(list, "targets", "want a non-empty list of targets")
	}
	seen := map[string]bool{}
	for i, n := range list.Content {
		t, err := parseTarget(src, n, fmt.Sprintf("targets[%d]", i), opt)
		if err != nil {
			return nil, err
		}
		if seen[t.Name] {
			return nil, targetFile(src).Errorf(n, fmt.Sprintf("targets[%d].name", i), "target %q given twice", t.Name)
		}
		seen[t.Name] = true
		ts.Targets = append(ts.Targets, t)
	}
	return ts, nil
}

func parseTarget(src string, n *yaml.Node, path string, opt TargetOptions) (Target, error) {
	var t Target
	m, err := targetFile(src).Mapping(n, path, "name", "statistic", "observed", "se", "policy", "set", "source")
	if err != nil {
		return t, err
	}
	for _, k := range []string{"name", "statistic", "observed", "se", "policy", "source"} {
		if _, ok := m[k]; !ok {
			return t, targetFile(src).Errorf(n, path+"."+k, "missing")
		}
	}
	if t.Name, err = targetFile(src).String(m["name"], path+".name"); err != nil {
		return t, err
	}
	if t.Name == "" || strings.ContainsAny(t.Name, " ,\t") {
		return t, targetFile(src).Errorf(m["name"], path+".name", "value %q: want a name without spaces or commas", t.Name)
	}
	if t.Observed, err = targetFile(src).Number(m["observed"], path+".observed"); err != nil {
		return t, err
	}
	if t.SE, err = targetFile(src).Number(m["se"], path+".se"); err != nil {
		return t, err
	}
	if !(t.SE >= minSE) {
		// Far below any real standard error, a tiny se only overflows the
		// objective (the squared standardised deviations).
		return t, targetFile(src).Errorf(m["se"], path+".se", "value %v: allowed: a finite number of at least %v", t.SE, minSE)
	}
	if t.Policy, err = targetFile(src).String(m["policy"], path+".policy"); err != nil {
		return t, err
	}
	if _, err := policies.Find(t.Policy, opt.Policies); err != nil {
		return t, targetFile(src).Errorf(m["policy"], path+".policy", "%v (or a policy file given with --policies)", err)
	}
	if t.Kind, t.Statistic, err = parseStatistic(src, m["statistic"], path+".statistic", opt.Outcomes); err != nil {
		return t, err
	}
	p := sim.Defaults()
	months := p.Months
	if sn, ok := m["set"]; ok {
		if _, err := targetFile(src).Mapping(sn, path+".set"); err != nil {
			return t, err
		}
		for i := 0; i+1 < len(sn.Content); i += 2 {
			k, v := sn.Content[i], sn.Content[i+1]
			key := path + ".set." + k.Value
			if _, ok := scenarios.Lookup(k.Value); !ok {
				return t, targetFile(src).Errorf(k, key, "unknown parameter; `wijksim params` lists every key")
			}
			if v.Kind != yaml.ScalarNode {
				return t, targetFile(src).Errorf(v, key, "want a single value")
			}
			pair := k.Value + "=" + v.Value
			if err := setParam(&p, pair); err != nil {
				return t, targetFile(src).Wrap(v, key, err)
			}
			t.Set = append(t.Set, pair)
		}
		months = p.Months
	}
	// A run must be long enough for the statistic; the months of the
	// base scenario are not known here, so only a months setting of the
	// target itself is checked.
	if _, ok := setKey(t.Set, "months"); ok && months < t.Statistic.MinMonths() {
		return t, targetFile(src).Errorf(m["set"], path+".set.months", "value %d is too short: the statistic needs at least %d months", months, t.Statistic.MinMonths())
	}
	sm, err := targetFile(src).Mapping(m["source"], path+".source", "citation", "url", "note")
	if err != nil {
		return t, err
	}
	if _, ok := sm["citation"]; !ok {
		return t, targetFile(src).Errorf(m["source"], path+".source.citation", "missing: every target names its source")
	}
	for k, dst := range map[string]*string{"citation": &t.Source.Citation, "url": &t.Source.URL, "note": &t.Source.Note} {
		if v, ok := sm[k]; ok {
			if *dst, err = targetFile(src).String(v, path+".source."+k); err != nil {
				return t, err
			}
		}
	}
	return t, nil
}

// statisticKeys are the settings of each statistic kind.
var statisticKeys = map[string][]string{
	KindCohortExitShare:  {"arrival_from", "arrival_to", "within_months"},
	KindLongTermExitRate: {"at_months", "over_months", "within_months"},
	KindWorkShareOfExits: {"from_month", "to_month"},
	KindSanctionHazard:   {"outcome", "start_month", "months", "exclude_months", "reference"},
	KindAfterWorkExit:    {"months", "status"},
	KindReentryWithin:    {"months", "route"},
	KindOutcome:          {"outcome", "month"},
}

// StatisticKinds returns the names of the statistic kinds.
func StatisticKinds() []string {
	return []string{KindCohortExitShare, KindLongTermExitRate, KindWorkShareOfExits, KindSanctionHazard, KindAfterWorkExit, KindReentryWithin, KindOutcome}
}

func parseStatistic(src string, n *yaml.Node, path string, reg *outcomes.Registry) (string, Statistic, error) {
	m, err := targetFile(src).Mapping(n, path)
	if err != nil {
		return "", nil, err
	}
	kn, ok := m["kind"]
	if !ok {
		return "", nil, targetFile(src).Errorf(n, path+".kind", "missing; allowed: %s", strings.Join(StatisticKinds(), ", "))
	}
	kind, err := targetFile(src).String(kn, path+".kind")
	if err != nil {
		return "", nil, err
	}
	allowed, ok := statisticKeys[kind]
	if !ok {
		return "", nil, targetFile(src).Errorf(kn, path+".kind", "unknown kind %q; allowed: %s", kind, strings.Join(StatisticKinds(), ", "))
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i].Value; k != "kind" && !slices.Contains(allowed, k) {
			return "", nil, targetFile(src).Errorf(n.Content[i], path+"."+k, "unknown setting for kind %s; allowed: %s", kind, strings.Join(allowed, ", "))
		}
	}
	const maxMonth = 1200
	intOr := func(key string, def, lo int) (int, error) {
		v, ok := m[key]
		if !ok {
			return def, nil
		}
		return targetFile(src).Int(v, path+"."+key, lo, maxMonth)
	}
	need := func(key string) error {
		if _, ok := m[key]; !ok {
			return targetFile(src).Errorf(n, path+"."+key, "missing for kind %s", kind)
		}
		return nil
	}
	switch kind {
	case KindOutcome:
		for _, k := range []string{"outcome", "month"} {
			if err := need(k); err != nil {
				return "", nil, err
			}
		}
		key, err := targetFile(src).String(m["outcome"], path+".outcome")
		if err != nil {
			return "", nil, err
		}
		o, ok := reg.Lookup(key)
		if !ok || o.Timing&outcomes.Monthly == 0 {
			return "", nil, targetFile(src).Errorf(m["outcome"], path+".outcome", "unknown outcome %s%s; allowed: a monthly outcome (`wijksim outcomes`, and --outcome-file for outcomes of files)", names.Quote(key), names.DidYouMean(key, reg.SeriesKeys()))
		}
		month, err := intOr("month", 0, 1)
		if err != nil {
			return "", nil, err
		}
		return kind, OutcomeAt{Outcome: o, Month: month}, nil
	case KindCohortExitShare:
		for _, k := range []string{"arrival_from", "arrival_to"} {
			if err := need(k); err != nil {
				return "", nil, err
			}
		}
		var s CohortExitShare
		if s.ArrivalFrom, err = intOr("arrival_from", 0, 0); err != nil {
			return "", nil, err
		}
		if s.ArrivalTo, err = intOr("arrival_to", 0, s.ArrivalFrom); err != nil {
			return "", nil, err
		}
		if s.Within, err = intOr("within_months", 12, 1); err != nil {
			return "", nil, err
		}
		return kind, s, nil
	case KindLongTermExitRate:
		s := LongTermExitShare{At: []int{0}}
		if v, ok := m["at_months"]; ok {
			s.At = nil
			items := []*yaml.Node{v}
			if v.Kind == yaml.SequenceNode {
				items = v.Content
			}
			if len(items) == 0 {
				return "", nil, targetFile(src).Errorf(v, path+".at_months", "want a month or a non-empty list of months")
			}
			for i, it := range items {
				x, err := targetFile(src).Int(it, fmt.Sprintf("%s.at_months[%d]", path, i), 0, maxMonth)
				if err != nil {
					return "", nil, err
				}
				s.At = append(s.At, x)
			}
		}
		if s.OverMonths, err = intOr("over_months", 36, 0); err != nil {
			return "", nil, err
		}
		if s.Within, err = intOr("within_months", 12, 1); err != nil {
			return "", nil, err
		}
		return kind, s, nil
	case KindWorkShareOfExits:
		var s WorkShareOfExits
		if s.From, err = intOr("from_month", 1, 1); err != nil {
			return "", nil, err
		}
		if s.To, err = intOr("to_month", 0, 0); err != nil {
			return "", nil, err
		}
		if s.To != 0 && s.To < s.From {
			return "", nil, targetFile(src).Errorf(m["to_month"], path+".to_month", "value %d is before from_month %d; allowed: 0 (the end) or a month >= from_month", s.To, s.From)
		}
		return kind, s, nil
	case KindAfterWorkExit:
		for _, k := range []string{"months", "status"} {
			if err := need(k); err != nil {
				return "", nil, err
			}
		}
		var s StatusAfterWorkExit
		if s.Months, err = intOr("months", 0, 1); err != nil {
			return "", nil, err
		}
		if !slices.Contains(sim.FollowMonths[:], s.Months) {
			return "", nil, targetFile(src).Errorf(m["months"], path+".months", "value %d; allowed: %v", s.Months, sim.FollowMonths)
		}
		if s.Status, err = targetFile(src).String(m["status"], path+".status"); err != nil {
			return "", nil, err
		}
		if s.Status != StatusInWork && s.Status != StatusOnBenefit {
			return "", nil, targetFile(src).Errorf(m["status"], path+".status", "unknown status %q; allowed: %s, %s", s.Status, StatusInWork, StatusOnBenefit)
		}
		return kind, s, nil
	case KindReentryWithin:
		for _, k := range []string{"months", "route"} {
			if err := need(k); err != nil {
				return "", nil, err
			}
		}
		var s ReentryWithin
		if s.Months, err = intOr("months", 0, 1); err != nil {
			return "", nil, err
		}
		if !slices.Contains(sim.ReturnMonths[:], s.Months) {
			return "", nil, targetFile(src).Errorf(m["months"], path+".months", "value %d; allowed: %v", s.Months, sim.ReturnMonths)
		}
		if s.Route, err = targetFile(src).String(m["route"], path+".route"); err != nil {
			return "", nil, err
		}
		if !slices.Contains(ReentryRoutes(), s.Route) {
			return "", nil, targetFile(src).Errorf(m["route"], path+".route", "unknown route %q; allowed: %s", s.Route, strings.Join(ReentryRoutes(), ", "))
		}
		return kind, s, nil
	default: // KindSanctionHazard
		if err := need("outcome"); err != nil {
			return "", nil, err
		}
		s := SanctionHazardRatio{Reference: ReferenceUnsanctioned}
		if s.Outcome, err = targetFile(src).String(m["outcome"], path+".outcome"); err != nil {
			return "", nil, err
		}
		if _, err := s.outcome(); err != nil {
			return "", nil, targetFile(src).Errorf(m["outcome"], path+".outcome", "%v", err)
		}
		if s.Start, err = intOr("start_month", 0, 0); err != nil {
			return "", nil, err
		}
		if s.Months, err = intOr("months", 3, 1); err != nil {
			return "", nil, err
		}
		if s.Exclude, err = intOr("exclude_months", 0, 0); err != nil {
			return "", nil, err
		}
		if s.Exclude != 0 && s.Exclude < s.Start+s.Months {
			return "", nil, targetFile(src).Errorf(m["exclude_months"], path+".exclude_months", "value %d overlaps the window; allowed: 0 (start_month + months) or at least %d", s.Exclude, s.Start+s.Months)
		}
		if v, ok := m["reference"]; ok {
			if s.Reference, err = targetFile(src).String(v, path+".reference"); err != nil {
				return "", nil, err
			}
			if s.Reference != ReferenceUnsanctioned && s.Reference != ReferenceSanctionedResidents && s.Reference != ReferenceRefusals {
				return "", nil, targetFile(src).Errorf(v, path+".reference", "unknown reference %q; allowed: %s, %s, %s", s.Reference, ReferenceUnsanctioned, ReferenceSanctionedResidents, ReferenceRefusals)
			}
		}
		return kind, s, nil
	}
}

// setParam applies one key=value pair to p; the value is a YAML scalar.
func setParam(p *sim.Params, pair string) error {
	key, value, ok := strings.Cut(pair, "=")
	key = strings.TrimSpace(key)
	if !ok || key == "" {
		return fmt.Errorf("%q: want key=value", pair)
	}
	spec, ok := scenarios.Lookup(key)
	if !ok {
		return fmt.Errorf("%q: unknown parameter; `wijksim params` lists every key", key)
	}
	var v any
	if err := yaml.Unmarshal([]byte(value), &v); err != nil {
		return fmt.Errorf("%s: value %q is not a YAML scalar", key, value)
	}
	return spec.Set(p, v)
}

// setKey returns the value of key in key=value pairs, the last one winning.
func setKey(pairs []string, key string) (string, bool) {
	val, found := "", false
	for _, kv := range pairs {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			val, found = v, true
		}
	}
	return val, found
}
