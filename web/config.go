package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/wijksim/wijksim/internal/names"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

// Bounds of a run's configuration that do not depend on Limits.
const (
	minPolicies = 2
	maxPolicies = 4
	maxSeed     = 999_999_999
)

// RunConfig is what the page asks to run: an embedded scenario, two to four
// policies on the same seed, and slider values by parameter key.
type RunConfig struct {
	// Scenario is the name of an embedded scenario; empty means "default".
	Scenario string `json:"scenario"`
	// Policies are two to four distinct policy names: built-in policies,
	// policies the server was started with (serve --policies) and those of
	// PolicyFiles.
	Policies []string `json:"policies"`
	// PolicyFiles are policy files the page loaded (docs/policies.md), each
	// named in Policies; a file's policy takes the place of a served
	// policy of the same name, never of a built-in one.
	PolicyFiles []PolicyFile `json:"policy_files,omitempty"`
	// Seed selects the random streams; every policy meets the same residents.
	Seed uint64 `json:"seed"`
	// Set holds slider values by parameter key: numbers or booleans.
	Set map[string]json.RawMessage `json:"set,omitempty"`
}

// PolicyFile is a policy file as the page sends it: the file's name and
// its text.
type PolicyFile struct {
	Name string `json:"name"`
	YAML string `json:"yaml"`
}

// maxFileName is the longest name of a policy file the page may send.
const maxFileName = 100

// parse reads the file's policy: its errors name the file, the line, the
// key and what is allowed, as on the command line.
func (f PolicyFile) parse() (*policies.Policy, error) {
	name := strings.TrimSpace(f.Name)
	if name == "" || len(name) > maxFileName || !utf8.ValidString(name) || strings.ContainsAny(name, "/\\\x00") {
		return nil, badf("policy file name %q: not a file name; allowed: 1 to %d characters without / or \\", names.Clip(name), maxFileName)
	}
	if path.Ext(name) != ".yaml" && path.Ext(name) != ".yml" {
		return nil, badf("policy file %s: not a .yaml file; allowed: a policy file ending in .yaml or .yml (docs/policies.md)", name)
	}
	p, err := policies.ParseFile([]byte(f.YAML), name)
	if err != nil {
		return nil, badf("%v", err)
	}
	return p, nil
}

// badRequest is an error caused by the request; handlers answer it with
// 400 and its message.
type badRequest struct{ msg string }

func (e *badRequest) Error() string { return e.msg }

func badf(format string, args ...any) error {
	return &badRequest{fmt.Sprintf(format, args...)}
}

// isBadRequest reports whether err was caused by the request.
func isBadRequest(err error) bool {
	var b *badRequest
	return errors.As(err, &b)
}

// plan is a validated run configuration: the scenario with the slider
// values applied, and the policies.
type plan struct {
	Config   RunConfig
	Scenario *scenarios.Scenario
	Policies []*policies.Policy
	// Set are the overrides as "key=value", sorted by key.
	Set []string
}

// resolve validates cfg against the slider whitelist, the registry's ranges
// and the class limits, and loads its scenario; served are the policies
// the server offers besides the built-in ones. Every error is a badRequest
// that names the field, the value and what is allowed.
func (l Limits) resolve(cfg RunConfig, served ...*policies.Policy) (*plan, error) {
	if cfg.Scenario == "" {
		cfg.Scenario = "default"
	}
	if !slices.Contains(scenarios.Names(), cfg.Scenario) {
		return nil, badf("scenario %q: unknown; allowed: %s", cfg.Scenario, strings.Join(scenarios.Names(), ", "))
	}
	offered := append(policies.Names(), policies.NamesOf(served)...)
	if n := len(cfg.Policies); n < minPolicies || n > maxPolicies {
		return nil, badf("policies: %d given; allowed: %d to %d distinct policies of %s, or of policy files", n, minPolicies, maxPolicies, strings.Join(offered, ", "))
	}
	files, err := loadFiles(cfg)
	if err != nil {
		return nil, err
	}
	pols := make([]*policies.Policy, 0, len(cfg.Policies))
	for i, name := range cfg.Policies {
		if slices.Contains(cfg.Policies[:i], name) {
			return nil, badf("policies: %q given twice; allowed: distinct policies", name)
		}
		p, err := policies.Find(name, append(files, served...))
		if err != nil {
			return nil, badf("policies: unknown policy %s%s; allowed: %s, or a policy file's", names.Quote(name), names.DidYouMean(name, offered), strings.Join(offered, ", "))
		}
		pols = append(pols, p)
	}
	if cfg.Seed > maxSeed {
		return nil, badf("seed %d: out of range; allowed: integer in [0, %d]", cfg.Seed, maxSeed)
	}
	set, err := overrides(cfg.Set)
	if err != nil {
		return nil, err
	}
	sc, err := scenarios.Load(cfg.Scenario, scenarios.Options{Set: set})
	if err != nil {
		return nil, badf("%v", err)
	}
	p := &sc.Params
	if p.Population.Residents > l.MaxResidents {
		return nil, badf("population.residents: value %d is above the class limit; allowed: at most %d", p.Population.Residents, l.MaxResidents)
	}
	if p.Months > l.MaxMonths {
		return nil, badf("months: value %d is above the class limit; allowed: at most %d", p.Months, l.MaxMonths)
	}
	if slots := p.Population.Residents + p.Population.InflowPerMonth*p.Months; slots > 2*l.MaxResidents {
		return nil, badf("population: %d residents with inflow over the run; allowed: at most %d", slots, 2*l.MaxResidents)
	}
	return &plan{Config: cfg, Scenario: sc, Policies: pols, Set: set}, nil
}

// loadFiles reads the policy files of cfg: at most one for each policy,
// each named in cfg.Policies and of a name of its own.
func loadFiles(cfg RunConfig) ([]*policies.Policy, error) {
	if len(cfg.PolicyFiles) > maxPolicies {
		return nil, badf("policy_files: %d given; allowed: at most %d", len(cfg.PolicyFiles), maxPolicies)
	}
	var out []*policies.Policy
	for i, f := range cfg.PolicyFiles {
		p, err := f.parse()
		if err != nil {
			return nil, badf("policy_files[%d]: %v", i, err)
		}
		if slices.Contains(policies.NamesOf(out), p.Name) {
			return nil, badf("policy_files[%d]: policy %q is in an earlier file too; allowed: one file for each policy", i, p.Name)
		}
		if !slices.Contains(cfg.Policies, p.Name) {
			return nil, badf("policy_files[%d]: policy %q of %s is not among the policies %s; allowed: files of policies that race", i, p.Name, f.Name, strings.Join(cfg.Policies, ", "))
		}
		out = append(out, p)
	}
	return out, nil
}

// overrides turns slider values into "key=value" overrides, sorted by key,
// refusing keys that are not on a slider and values of the wrong type or
// out of the registry's range.
func overrides(set map[string]json.RawMessage) ([]string, error) {
	allowed := sliderKeys()
	keys := slices.Sorted(maps.Keys(set))
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		spec, ok := allowed[k]
		if !ok {
			names := make([]string, 0, len(allowed))
			for a := range allowed {
				names = append(names, a)
			}
			sort.Strings(names)
			return nil, badf("set: key %q: not a class slider; allowed: %s", k, strings.Join(names, ", "))
		}
		v, text, err := decodeValue(spec, set[k])
		if err != nil {
			return nil, badf("set: key %q: %v", k, err)
		}
		scratch := sim.Defaults()
		if err := spec.Set(&scratch, v); err != nil {
			var ve *sim.ValueError
			if !errors.As(err, &ve) {
				return nil, badf("set: key %q: %v", k, err)
			}
			return nil, badf("set: key %q: %s", k, ve.Message())
		}
		out = append(out, k+"="+text)
	}
	return out, nil
}

// decodeValue reads one JSON value for spec: the Go value for
// sim.ParamSpec.Set and its text for a scenario override.
func decodeValue(spec sim.ParamSpec, raw json.RawMessage) (any, string, error) {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, "", fmt.Errorf("value %s is not JSON: %w", string(raw), err)
	}
	switch spec.Kind {
	case sim.Bool:
		b, ok := v.(bool)
		if !ok {
			return nil, "", fmt.Errorf("value %s is not a boolean; allowed: true or false", string(raw))
		}
		return b, strconv.FormatBool(b), nil
	case sim.Int:
		x, ok := v.(float64)
		if !ok || x != math.Trunc(x) || math.Abs(x) > 1e15 {
			return nil, "", fmt.Errorf("value %s is not a whole number; allowed: integer in %s", string(raw), spec.Range())
		}
		return int(x), strconv.Itoa(int(x)), nil
	default:
		x, ok := v.(float64)
		if !ok {
			return nil, "", fmt.Errorf("value %s is not a number; allowed: number in %s", string(raw), spec.Range())
		}
		return x, strconv.FormatFloat(x, 'g', -1, 64), nil
	}
}
