// Package validation checks the model against evidence it was not fitted
// to: effect sizes of activation policies from field experiments and
// evaluations (validation targets), each an accepted range for a statistic
// of paired runs on common random numbers. Calibration targets (package
// calibrate) are fitted; validation targets never are, so that they can
// show whether the calibrated model reproduces what it did not see.
package validation

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/wijksim/wijksim/internal/yamlcheck"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/results"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

// The statistic kinds. Every kind reads one outcome (a column of the
// monthly table, see results.MonthColumns) at one month of paired runs.
const (
	// KindValue is the outcome of Policy.
	KindValue = "value"
	// KindDifference is the outcome of Policy minus that of Baseline.
	KindDifference = "difference"
	// KindStandardised is the difference divided by the standard
	// deviation over residents of the outcome at month 0 under Baseline
	// (the column named in SD), a standardised mean difference.
	KindStandardised = "standardised_difference"
	// KindShare is the difference of Outcome divided by the sum of the
	// differences of Outcome and Other: the share of Outcome in the extra
	// of both, e.g. of the extra exits caused by a policy, the share that
	// is without work.
	KindShare = "share_of_difference"
)

// Statistic says what a target measures in a replicate.
type Statistic struct {
	Kind     string `json:"kind"`
	Outcome  string `json:"outcome"`
	Month    int    `json:"month"`
	Policy   string `json:"policy"`
	Baseline string `json:"baseline,omitempty"`
	// PerResident divides by the residents on the benefit at month 0.
	PerResident bool `json:"per_resident,omitempty"`
	// SD is the standard-deviation column of KindStandardised.
	SD string `json:"sd,omitempty"`
	// Other is the second outcome of KindShare.
	Other string `json:"other,omitempty"`
}

// Policies returns the policies the statistic's runs need.
func (s Statistic) Policies() []string {
	if s.Kind == KindValue {
		return []string{s.Policy}
	}
	return []string{s.Policy, s.Baseline}
}

// String describes the statistic in words.
func (s Statistic) String() string {
	per := ""
	if s.PerResident {
		per = " per resident"
	}
	switch s.Kind {
	case KindValue:
		return fmt.Sprintf("%s%s at month %d under %s", s.Outcome, per, s.Month, s.Policy)
	case KindDifference:
		return fmt.Sprintf("%s%s at month %d, %s minus %s", s.Outcome, per, s.Month, s.Policy, s.Baseline)
	case KindStandardised:
		return fmt.Sprintf("%s at month %d, %s minus %s, in standard deviations (%s at month 0)", s.Outcome, s.Month, s.Policy, s.Baseline, s.SD)
	default:
		return fmt.Sprintf("share of %s in the extra %s plus %s at month %d, %s minus %s", s.Outcome, s.Outcome, s.Other, s.Month, s.Policy, s.Baseline)
	}
}

// Source is where a target comes from.
type Source struct {
	Citation string `json:"citation"`
	URL      string `json:"url,omitempty"`
	Note     string `json:"note,omitempty"`
}

// Target is one validation target: a statistic, the range the evidence
// accepts for it, the settings its runs need and its source.
type Target struct {
	Name      string    `json:"name"`
	Statistic Statistic `json:"statistic"`
	// Observed is the central value the sources give, NaN if they give a
	// range only.
	Observed float64 `json:"observed"`
	// Low and High bound the accepted range; the simulated mean must lie
	// within it.
	Low  float64 `json:"low"`
	High float64 `json:"high"`
	// Set holds parameter settings, key=value, applied on top of the
	// scenario for this target's runs.
	Set    []string `json:"set,omitempty"`
	Source Source   `json:"source"`
}

// Targets is a loaded target file.
type Targets struct {
	Name        string
	Description string
	Source      string
	SHA256      string
	Targets     []Target
}

// targetFile names a validation target file in errors.
func targetFile(src string) yamlcheck.File {
	return yamlcheck.File{What: "validation targets", Path: src}
}

// LoadTargets reads and checks a validation target file. Errors name the
// file, the line and the key, and say what is allowed.
//
// The file is a mapping with a name, a description and a list of targets;
// each target has a name, a statistic, the accepted range (accept: [low,
// high]), optionally the observed central value, optional parameter
// settings (set) and a source (citation, url, note):
//
//	targets:
//	  - name: nabijheid_exits_to_work_24m
//	    statistic: {kind: difference, outcome: cum_exits_to_work, month: 24,
//	                per_resident: true, policy: nabijheid, baseline: maatwerk}
//	    observed: 0.03
//	    accept: [-0.02, 0.08]
//	    source: {citation: "...", note: "..."}
//
// The kinds are value (policy), difference, standardised_difference (with
// sd, the standard-deviation column) and share_of_difference (with other,
// a second outcome); difference and the two after it need a baseline.
//
// A target's policy is a built-in policy or one of files, by name.
func LoadTargets(path string, files ...*policies.Policy) (*Targets, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load validation targets: %w", err)
	}
	return ParseTargets(raw, path, files...)
}

// ParseTargets reads a validation target file from raw YAML; path names it
// in errors. A target's policy is a built-in policy or one of files, by
// name.
func ParseTargets(raw []byte, path string, files ...*policies.Policy) (*Targets, error) {
	src := path
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("validation targets %s: not valid YAML: %w", src, err)
	}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("validation targets %s: empty file; it needs a list of targets", src)
	}
	f := targetFile(src)
	top, err := f.Mapping(doc.Content[0], "", "name", "description", "targets")
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(raw)
	ts := &Targets{Name: strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), Source: src, SHA256: hex.EncodeToString(sum[:])}
	if n, ok := top["name"]; ok {
		if ts.Name, err = f.String(n, "name"); err != nil {
			return nil, err
		}
	}
	if n, ok := top["description"]; ok {
		if ts.Description, err = f.String(n, "description"); err != nil {
			return nil, err
		}
	}
	list, ok := top["targets"]
	if !ok {
		return nil, fmt.Errorf("validation targets %s: key \"targets\": missing; want a list of targets", src)
	}
	if list.Kind != yaml.SequenceNode || len(list.Content) == 0 {
		return nil, f.Errorf(list, "targets", "want a non-empty list of targets")
	}
	seen := map[string]bool{}
	for i, n := range list.Content {
		t, err := parseTarget(f, n, fmt.Sprintf("targets[%d]", i), files)
		if err != nil {
			return nil, err
		}
		if seen[t.Name] {
			return nil, f.Errorf(n, fmt.Sprintf("targets[%d].name", i), "target %q given twice", t.Name)
		}
		seen[t.Name] = true
		ts.Targets = append(ts.Targets, t)
	}
	return ts, nil
}

func parseTarget(f yamlcheck.File, n *yaml.Node, path string, files []*policies.Policy) (Target, error) {
	t := Target{}
	m, err := f.Mapping(n, path, "name", "statistic", "observed", "accept", "set", "source")
	if err != nil {
		return t, err
	}
	for _, k := range []string{"name", "statistic", "accept", "source"} {
		if _, ok := m[k]; !ok {
			return t, f.Errorf(n, path+"."+k, "missing")
		}
	}
	if t.Name, err = f.String(m["name"], path+".name"); err != nil {
		return t, err
	}
	if t.Name == "" || strings.ContainsAny(t.Name, " ,\t") {
		return t, f.Errorf(m["name"], path+".name", "value %q: want a name without spaces or commas", t.Name)
	}
	if t.Statistic, err = parseStatistic(f, m["statistic"], path+".statistic", files); err != nil {
		return t, err
	}
	acc := m["accept"]
	if acc.Kind != yaml.SequenceNode || len(acc.Content) != 2 {
		return t, f.Errorf(acc, path+".accept", "want [low, high]")
	}
	if t.Low, err = f.Number(acc.Content[0], path+".accept[0]"); err != nil {
		return t, err
	}
	if t.High, err = f.Number(acc.Content[1], path+".accept[1]"); err != nil {
		return t, err
	}
	if !(t.Low < t.High) {
		return t, f.Errorf(acc, path+".accept", "[%v, %v]: want low < high", t.Low, t.High)
	}
	t.Observed = nan()
	if o, ok := m["observed"]; ok {
		if t.Observed, err = f.Number(o, path+".observed"); err != nil {
			return t, err
		}
		if t.Observed < t.Low || t.Observed > t.High {
			return t, f.Errorf(o, path+".observed", "value %v lies outside the accepted range [%v, %v]", t.Observed, t.Low, t.High)
		}
	}
	if sn, ok := m["set"]; ok {
		if _, err := f.Mapping(sn, path+".set"); err != nil {
			return t, err
		}
		p := sim.Defaults()
		for i := 0; i+1 < len(sn.Content); i += 2 {
			k, v := sn.Content[i], sn.Content[i+1]
			key := path + ".set." + k.Value
			spec, ok := scenarios.Lookup(k.Value)
			if !ok {
				return t, f.Errorf(k, key, "unknown parameter; `wijksim params` lists every key")
			}
			var val any
			if v.Kind != yaml.ScalarNode || v.Decode(&val) != nil {
				return t, f.Errorf(v, key, "want a single value")
			}
			if err := spec.Set(&p, val); err != nil {
				return t, f.Wrap(v, key, err)
			}
			t.Set = append(t.Set, k.Value+"="+v.Value)
		}
	}
	sm, err := f.Mapping(m["source"], path+".source", "citation", "url", "note")
	if err != nil {
		return t, err
	}
	if _, ok := sm["citation"]; !ok {
		return t, f.Errorf(m["source"], path+".source.citation", "missing: every target names its source")
	}
	for k, dst := range map[string]*string{"citation": &t.Source.Citation, "url": &t.Source.URL, "note": &t.Source.Note} {
		if v, ok := sm[k]; ok {
			if *dst, err = f.String(v, path+".source."+k); err != nil {
				return t, err
			}
		}
	}
	return t, nil
}

var kinds = []string{KindValue, KindDifference, KindStandardised, KindShare}

func parseStatistic(f yamlcheck.File, n *yaml.Node, path string, files []*policies.Policy) (Statistic, error) {
	var s Statistic
	m, err := f.Mapping(n, path, "kind", "outcome", "month", "policy", "baseline", "per_resident", "sd", "other")
	if err != nil {
		return s, err
	}
	for _, k := range []string{"kind", "outcome", "month", "policy"} {
		if _, ok := m[k]; !ok {
			return s, f.Errorf(n, path+"."+k, "missing")
		}
	}
	if s.Kind, err = f.String(m["kind"], path+".kind"); err != nil {
		return s, err
	}
	if !slices.Contains(kinds, s.Kind) {
		return s, f.Errorf(m["kind"], path+".kind", "unknown kind %q; allowed: %s", s.Kind, strings.Join(kinds, ", "))
	}
	outcome := func(key string) (string, error) {
		name, err := f.String(m[key], path+"."+key)
		if err != nil {
			return "", err
		}
		if !hasColumn(name) {
			return "", f.Errorf(m[key], path+"."+key, "unknown outcome %q; allowed: a column of monthly.csv (wijksim outcomes lists them)", name)
		}
		return name, nil
	}
	if s.Outcome, err = outcome("outcome"); err != nil {
		return s, err
	}
	if s.Month, err = f.Int(m["month"], path+".month", 0, 1200); err != nil {
		return s, err
	}
	policy := func(key string) (string, error) {
		name, err := f.String(m[key], path+"."+key)
		if err != nil {
			return "", err
		}
		if _, err := policies.Find(name, files); err != nil {
			return "", f.Errorf(m[key], path+"."+key, "%v (or a policy file given with --policies)", err)
		}
		return name, nil
	}
	if s.Policy, err = policy("policy"); err != nil {
		return s, err
	}
	_, hasBase := m["baseline"]
	switch {
	case s.Kind == KindValue && hasBase:
		return s, f.Errorf(m["baseline"], path+".baseline", "kind value compares nothing; allowed only with %s", strings.Join(kinds[1:], ", "))
	case s.Kind != KindValue && !hasBase:
		return s, f.Errorf(n, path+".baseline", "missing: kind %s compares the policy with a baseline", s.Kind)
	case hasBase:
		if s.Baseline, err = policy("baseline"); err != nil {
			return s, err
		}
		if s.Baseline == s.Policy {
			return s, f.Errorf(m["baseline"], path+".baseline", "the same as the policy")
		}
	}
	if v, ok := m["per_resident"]; ok {
		if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
			return s, f.Errorf(v, path+".per_resident", "value %q: allowed: true or false", v.Value)
		}
		s.PerResident = v.Value == "true"
	}
	_, hasSD := m["sd"]
	if (s.Kind == KindStandardised) != hasSD {
		return s, f.Errorf(n, path+".sd", "needed with kind %s and with it only", KindStandardised)
	}
	if hasSD {
		if s.SD, err = outcome("sd"); err != nil {
			return s, err
		}
	}
	_, hasOther := m["other"]
	if (s.Kind == KindShare) != hasOther {
		return s, f.Errorf(n, path+".other", "needed with kind %s and with it only", KindShare)
	}
	if hasOther {
		if s.Other, err = outcome("other"); err != nil {
			return s, err
		}
	}
	return s, nil
}

func hasColumn(name string) bool {
	for _, c := range results.MonthColumns() {
		if c.Name == name {
			return true
		}
	}
	return false
}
