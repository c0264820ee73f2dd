package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"
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
	if name == "" || len(name) > maxFileName || !utf8.ValidString(name) || strings.ContainsAny(name, "/\\") || strings.IndexFunc(name, isControl) >= 0 {
		return nil, badf("policy file name %s: not a file name; allowed: 1 to %d characters without / or \\ or control and formatting characters (such as a line break, a tab or a change of writing direction)", names.Quote(name), maxFileName)
	}
	if ext := path.Ext(name); ext != ".yaml" && ext != ".yml" {
		return nil, badf("policy file %s: not a .yaml file; allowed: a policy file ending in .yaml or .yml (docs/policies.md)", names.Clip(name))
	} else if ext == name {
		return nil, badf("policy file name %s: no name before %s; allowed: a name ending in .yaml or .yml, such as escalatie.yaml", names.Quote(name), ext)
	}
	p, err := policies.ParseFile([]byte(f.YAML), name)
	if err != nil {
		return nil, badf("%v", err)
	}
	return p, nil
}

// isControl reports whether r is a control or formatting character, or a
// line or paragraph separator: characters that would break a line or
// change how the text around them reads where a file name is shown (the
// README of an export, the page's policy list).
// The zero-width joiner and non-joiner, formatting characters that join
// or part the letters of a word (Persian names, emoji), are allowed.
func isControl(r rune) bool {
	if r == '\u200c' || r == '\u200d' {
		return false
	}
	return unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp)
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
		return nil, badf("scenario %s: unknown%s; allowed: %s", names.Quote(cfg.Scenario), names.DidYouMean(cfg.Scenario, scenarios.Names()), strings.Join(scenarios.Names(), ", "))
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
			return nil, badf("policies: %s given twice; allowed: distinct policies", names.Quote(name))
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
	set, err := l.overrides(cfg.Set)
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
			return nil, badf("policy_files[%d]: policy %q of %s is not among the policies %s; allowed: files of policies that race", i, p.Name, names.Clip(strings.TrimSpace(f.Name)), clipAll(cfg.Policies))
		}
		out = append(out, p)
	}
	return out, nil
}

// clipAll joins the names given in a request with ", ", each cut short
// for an error message.
func clipAll(given []string) string {
	out := make([]string, len(given))
	for i, g := range given {
		out[i] = names.Clip(g)
	}
	return strings.Join(out, ", ")
}

// overrides turns slider values into "key=value" overrides, sorted by key,
// refusing keys that are not on a slider and values of the wrong type or
// out of range. The range named in its errors is what the server accepts
// (l.allowed): the registry's, within the class limits.
func (l Limits) overrides(set map[string]json.RawMessage) ([]string, error) {
	allowed := sliderKeys()
	keys := slices.Sorted(maps.Keys(set))
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		spec, ok := allowed[k]
		if !ok {
			slider := slices.Sorted(maps.Keys(allowed))
			return nil, badf("set: key %s: not a class slider%s; allowed: %s", names.Quote(k), names.DidYouMean(k, slider), strings.Join(slider, ", "))
		}
		v, text, err := decodeValue(spec, set[k], l.allowed(spec))
		if err != nil {
			return nil, badf("set: key %q: %v", k, err)
		}
		scratch := sim.Defaults()
		if err := spec.Set(&scratch, v); err != nil {
			var ve *sim.ValueError
			if !errors.As(err, &ve) {
				return nil, badf("set: key %q: %v", k, err)
			}
			served := *ve
			served.Allowed = l.allowed(spec)
			return nil, badf("set: key %q: %s", k, served.Message())
		}
		out = append(out, k+"="+text)
	}
	return out, nil
}

// classMax returns the class limit on a parameter, if it has one.
func (l Limits) classMax(key string) (float64, bool) {
	switch key {
	case "population.residents":
		return float64(l.MaxResidents), true
	case "months":
		return float64(l.MaxMonths), true
	}
	return 0, false
}

// allowed says what values of spec the server accepts: the registry's
// range, within the class limits, integers written out in full, such as
// "integer in [1, 5000]" or "number in [0, 1]".
func (l Limits) allowed(spec sim.ParamSpec) string {
	if spec.Kind == sim.Bool {
		return spec.Allowed()
	}
	hi := spec.Max
	if m, ok := l.classMax(spec.Key); ok {
		hi = min(hi, m)
	}
	return fmt.Sprintf("%s in [%s, %s]", spec.Kind, formatNumber(spec.Min), formatNumber(hi))
}

// formatNumber writes x in full when it is a whole number (5000, 1000000,
// not 5e+03 or 1e+06), else in the shortest form.
func formatNumber(x float64) string {
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// maxWhole is the largest whole number decodeValue takes for an integer
// parameter; every parameter's range lies far within it.
const maxWhole = 1e15

// decodeValue reads one JSON value for spec: the Go value for
// sim.ParamSpec.Set and its text for a scenario override. allowed says
// what the server accepts, for the errors.
func decodeValue(spec sim.ParamSpec, raw json.RawMessage, allowed string) (any, string, error) {
	given := names.Clip(string(raw))
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, "", fmt.Errorf("value %s is not JSON; allowed: %s", given, allowed)
	}
	switch spec.Kind {
	case sim.Bool:
		b, ok := v.(bool)
		if !ok {
			return nil, "", fmt.Errorf("value %s is not a boolean; allowed: %s", given, allowed)
		}
		return b, strconv.FormatBool(b), nil
	case sim.Int:
		n, ok := v.(json.Number)
		if !ok {
			return nil, "", fmt.Errorf("value %s is not a whole number; allowed: %s", given, allowed)
		}
		x, err := n.Float64()
		if err != nil || math.Abs(x) > maxWhole {
			return nil, "", fmt.Errorf("value %s is out of range; allowed: %s", given, allowed)
		}
		if x != math.Trunc(x) {
			return nil, "", fmt.Errorf("value %s is not a whole number; allowed: %s", given, allowed)
		}
		return int(x), strconv.Itoa(int(x)), nil
	default:
		n, ok := v.(json.Number)
		if !ok {
			return nil, "", fmt.Errorf("value %s is not a number; allowed: %s", given, allowed)
		}
		x, err := n.Float64()
		if err != nil {
			return nil, "", fmt.Errorf("value %s is out of range; allowed: %s", given, allowed)
		}
		return x, strconv.FormatFloat(x, 'g', -1, 64), nil
	}
}
