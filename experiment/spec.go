package experiment

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/wijksim/wijksim/design"
	"github.com/wijksim/wijksim/internal/names"
	"github.com/wijksim/wijksim/internal/yamlcheck"
	"github.com/wijksim/wijksim/outcomes"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sensitivity"
	"github.com/wijksim/wijksim/sim"
)

// The design kinds of a sweep.
const (
	DesignScenarios  = "scenarios"
	DesignFactorial  = "factorial"
	DesignOneAtATime = "oat"
	DesignLHS        = "lhs"
	DesignSobol      = "sobol"
	DesignHalton     = "halton"
	// DesignMorris and DesignSaltelli are the designs of sensitivity
	// analysis: Morris trajectories, and Saltelli's scheme for Sobol indices.
	DesignMorris   = "morris"
	DesignSaltelli = "saltelli"
)

var designKinds = []string{DesignScenarios, DesignFactorial, DesignOneAtATime, DesignLHS, DesignSobol, DesignHalton, DesignMorris, DesignSaltelli}

// The outputs a sweep can keep.
const (
	OutputSummary = "summary"
	OutputMonthly = "monthly"
	OutputEvents  = "events"
)

var outputKinds = []string{OutputSummary, OutputMonthly, OutputEvents}

// SafeNameRule says which sweep names are allowed: SafeName's rule.
const SafeNameRule = "1 to 64 letters, digits, '.', '_' and '-', starting with a letter or digit"

var safeName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// SafeName reports whether name is a safe sweep name: it goes into folder
// and file names and into Slurm scripts, so it holds no space, quote,
// slash or control character (SafeNameRule).
func SafeName(name string) bool { return safeName.MatchString(name) }

// defaultName makes a safe name of a spec's file name: characters outside
// the safe set become '-'.
func defaultName(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	name := strings.Map(func(r rune) rune {
		if r < 128 && (r == '.' || r == '_' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return r
		}
		return '-'
	}, base)
	name = strings.TrimLeft(name, "._-")
	if len(name) > 64 {
		name = name[:64]
	}
	if !SafeName(name) {
		return "sweep"
	}
	return name
}

// Spec is a sweep specification, read from YAML by LoadSpec.
type Spec struct {
	Name       string   `json:"name"`
	Scenario   string   `json:"scenario"`
	Seed       uint64   `json:"seed"`
	Replicates int      `json:"replicates"`
	Policies   []string `json:"policies"`
	// PolicyFiles are the policies among Policies read from files, which
	// the spec names by their paths.
	PolicyFiles []*policies.Policy `json:"-"`
	// keyReg is the registry of keys the spec may set: the built-in ones
	// and the regimes of PolicyFiles (nil: the built-in ones).
	keyReg  *scenarios.Registry
	Set     map[string]string `json:"set,omitempty"`
	Design  DesignSpec        `json:"design"`
	Outputs []string          `json:"outputs"`
	// Method is the sensitivity method the spec was readied for, if any.
	Method string `json:"method,omitempty"`
	// Source is the spec's path, Raw its bytes and SHA256 their hash,
	// extended with Method when set, and with the policies when some are
	// read from files or --policies replaced the spec's.
	Source    string `json:"-"`
	Raw       []byte `json:"-"`
	SHA256    string `json:"-"`
	rawSHA256 string
	// PoliciesReplaced is set when SetPolicies replaced the spec's list.
	PoliciesReplaced bool `json:"policies_replaced,omitempty"`
	// OutcomeFiles are the outcome files the spec names (key
	// outcome_files, paths relative to the spec), and Registry the
	// outcomes the sweep writes: the built-in ones and those of the files,
	// and of any AddOutcomes added. OutcomesAdded is set by AddOutcomes.
	OutcomeFiles  []string           `json:"outcome_files,omitempty"`
	Registry      *outcomes.Registry `json:"-"`
	OutcomesAdded bool               `json:"outcomes_added,omitempty"`
	setOrder      []string
	baseDir       string
	scenarioRef   string
}

// DesignSpec is the design part of a Spec.
type DesignSpec struct {
	Kind    string `json:"kind"`
	Samples int    `json:"samples,omitempty"`
	// Trajectories and Levels set a Morris design (defaults 10 and 4).
	Trajectories int             `json:"trajectories,omitempty"`
	Levels       int             `json:"levels,omitempty"`
	Scenarios    []string        `json:"scenarios,omitempty"`
	Parameters   []design.Factor `json:"parameters,omitempty"`
}

// specFile names a spec in errors.
func specFile(src string) yamlcheck.File { return yamlcheck.File{What: "spec", Path: src} }

// LoadSpec reads and validates a sweep specification. Every error names the
// file, the line and column, and the key, and says what is allowed.
func LoadSpec(path string) (*Spec, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load spec: %w", err)
	}
	return ParseSpec(raw, path)
}

// ParseSpec reads a sweep specification from raw YAML; path names it in
// errors and relative scenario paths are resolved against its folder.
func ParseSpec(raw []byte, path string) (*Spec, error) {
	src := path
	root, err := specFile(src).Document(raw, "it needs at least a design")
	if err != nil {
		return nil, err
	}
	top, err := specFile(src).Mapping(root, "", "name", "scenario", "seed", "replicates", "policies", "set", "design", "outputs", "outcome_files")
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(raw)
	s := &Spec{
		Name: defaultName(path), Scenario: "default", Seed: 1, Replicates: 1,
		Policies: policies.Names(), Outputs: []string{OutputSummary}, Source: src, Raw: raw, rawSHA256: hex.EncodeToString(sum[:]),
		baseDir: filepath.Dir(path),
	}
	s.rehash()
	if n, ok := top["name"]; ok {
		if s.Name, err = specFile(src).String(n, "name"); err != nil {
			return nil, err
		}
		if !SafeName(s.Name) {
			return nil, specFile(src).Errorf(n, "name", "value %s; allowed: %s (the name goes into file names and scripts)", names.Quote(s.Name), SafeNameRule)
		}
	}
	if n, ok := top["scenario"]; ok {
		if s.Scenario, err = specFile(src).String(n, "scenario"); err != nil {
			return nil, err
		}
	}
	if n, ok := top["seed"]; ok {
		v, err := specFile(src).Int(n, "seed", 0, math.MaxInt)
		if err != nil {
			return nil, err
		}
		s.Seed = uint64(v)
	}
	if n, ok := top["replicates"]; ok {
		if s.Replicates, err = specFile(src).Int(n, "replicates", 1, 100_000); err != nil {
			return nil, err
		}
	}
	if n, ok := top["policies"]; ok {
		list, err := specFile(src).Strings(n, "policies")
		if err != nil {
			return nil, err
		}
		if len(list) == 1 && list[0] == "all" {
			list = policies.Names()
		}
		if len(list) == 0 {
			return nil, specFile(src).Errorf(n, "policies", "empty list; allowed: all or one or more of %s, or paths of policy files", strings.Join(policies.Names(), ", "))
		}
		if err := s.setPolicies(list, func(i int) *yaml.Node { return itemNode(n, i) }); err != nil {
			return nil, err
		}
	}
	if n, ok := top["outcome_files"]; ok {
		list, err := specFile(src).Strings(n, "outcome_files")
		if err != nil {
			return nil, err
		}
		reg := outcomes.Builtin()
		for i, path := range list {
			if !filepath.IsAbs(path) {
				path = filepath.Join(s.baseDir, path)
			}
			raw, err := os.ReadFile(path)
			if err == nil {
				reg, err = reg.With(raw, path)
			}
			if err != nil {
				return nil, specFile(src).Wrap(itemNode(n, i), fmt.Sprintf("outcome_files[%d]", i), err)
			}
		}
		s.OutcomeFiles, s.Registry = list, reg
		s.rehash()
	}
	if n, ok := top["outputs"]; ok {
		list, err := specFile(src).Strings(n, "outputs")
		if err != nil {
			return nil, err
		}
		for i, o := range list {
			if !slices.Contains(outputKinds, o) {
				return nil, specFile(src).Errorf(itemNode(n, i), fmt.Sprintf("outputs[%d]", i), "unknown output %s%s; allowed: %s", names.Quote(o), names.DidYouMean(o, outputKinds), strings.Join(outputKinds, ", "))
			}
			if slices.Contains(list[:i], o) {
				return nil, specFile(src).Errorf(itemNode(n, i), fmt.Sprintf("outputs[%d]", i), "output %q given twice", o)
			}
		}
		if !slices.Contains(list, OutputSummary) {
			list = append([]string{OutputSummary}, list...)
		}
		s.Outputs = list
	}
	if n, ok := top["set"]; ok {
		if _, err := specFile(src).Mapping(n, "set"); err != nil {
			return nil, err
		}
		s.Set = map[string]string{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			spec, ok := s.keys().Lookup(k.Value)
			if !ok {
				return nil, specFile(src).Errorf(k, "set."+names.Clip(k.Value), "unknown parameter%s; `wijksim params` lists every key", names.DidYouMean(k.Value, s.keys().Keys()))
			}
			if v.Kind != yaml.ScalarNode {
				return nil, specFile(src).Errorf(v, "set."+k.Value, "want a single value")
			}
			// The value is checked here, where its line is known, and again
			// with the rest of the scenario when it is loaded, as --set
			// reads it: the scalar's text as YAML.
			var val any
			if err := yaml.Unmarshal([]byte(v.Value), &val); err != nil {
				return nil, specFile(src).Errorf(v, "set."+k.Value, "value %s: %v", names.Quote(v.Value), err)
			}
			if err := spec.Set(ptrParams(), val); err != nil {
				return nil, specFile(src).Wrap(v, "set."+k.Value, err)
			}
			s.Set[k.Value] = v.Value
			s.setOrder = append(s.setOrder, k.Value)
		}
	}
	dn, ok := top["design"]
	if !ok {
		return nil, fmt.Errorf("spec %s: key \"design\": missing; allowed kinds: %s", src, strings.Join(designKinds, ", "))
	}
	if err := s.parseDesign(dn); err != nil {
		return nil, err
	}
	// Check the scenario and the fixed settings now, so nothing runs on a bad spec.
	if _, err := s.baseScenario(); err != nil {
		at, key := top["scenario"], "scenario"
		if at == nil && len(s.setOrder) > 0 {
			at, key = top["set"], "set" // the default scenario with a bad setting
		}
		return nil, specFile(src).Errorf(at, key, "%v", err)
	}
	if s.Design.Kind == DesignScenarios {
		list := dn
		if m, err := specFile(src).Mapping(dn, "design"); err == nil {
			list = m["scenarios"]
		}
		for i, ref := range s.Design.Scenarios {
			if _, err := s.loadScenario(ref); err != nil {
				at := list
				if list != nil && list.Kind == yaml.SequenceNode && i < len(list.Content) {
					at = list.Content[i]
				}
				return nil, specFile(src).Errorf(at, fmt.Sprintf("design.scenarios[%d]", i), "%v", err)
			}
		}
	}
	return s, nil
}

func (s *Spec) parseDesign(n *yaml.Node) error {
	src := s.Source
	m, err := specFile(src).Mapping(n, "design", "kind", "samples", "trajectories", "levels", "scenarios", "parameters")
	if err != nil {
		return err
	}
	kn, ok := m["kind"]
	if !ok {
		return specFile(src).Errorf(n, "design.kind", "missing; allowed: %s", strings.Join(designKinds, ", "))
	}
	kind, err := specFile(src).String(kn, "design.kind")
	if err != nil {
		return err
	}
	if !slices.Contains(designKinds, kind) {
		return specFile(src).Errorf(kn, "design.kind", "unknown design %s%s; allowed: %s", names.Quote(kind), names.DidYouMean(kind, designKinds), strings.Join(designKinds, ", "))
	}
	s.Design.Kind = kind
	sampled := kind == DesignLHS || kind == DesignSobol || kind == DesignHalton || kind == DesignMorris || kind == DesignSaltelli
	needsSamples := sampled && kind != DesignMorris
	if sn, ok := m["samples"]; ok {
		if !needsSamples {
			return specFile(src).Errorf(sn, "design.samples", "only for the designs lhs, sobol, halton and saltelli")
		}
		if s.Design.Samples, err = specFile(src).Int(sn, "design.samples", 2, 1_000_000); err != nil {
			return err
		}
	} else if needsSamples {
		return specFile(src).Errorf(n, "design.samples", "missing; the %s design needs the number of samples", kind)
	}
	s.Design.Trajectories, s.Design.Levels = 10, 4
	for _, k := range []string{"trajectories", "levels"} {
		kn, ok := m[k]
		if !ok {
			continue
		}
		if kind != DesignMorris {
			return specFile(src).Errorf(kn, "design."+k, "only for the morris design")
		}
		v, err := specFile(src).Int(kn, "design."+k, 2, 100_000)
		if err != nil {
			return err
		}
		if k == "levels" {
			if v%2 != 0 {
				return specFile(src).Errorf(kn, "design.levels", "value %d; allowed: an even number of grid levels", v)
			}
			s.Design.Levels = v
		} else {
			s.Design.Trajectories = v
		}
	}
	if kind == DesignScenarios {
		sn, ok := m["scenarios"]
		if !ok {
			return specFile(src).Errorf(n, "design.scenarios", "missing; list the scenarios (embedded names or paths)")
		}
		if s.Design.Scenarios, err = specFile(src).Strings(sn, "design.scenarios"); err != nil {
			return err
		}
		if len(s.Design.Scenarios) == 0 {
			return specFile(src).Errorf(sn, "design.scenarios", "empty; list one or more scenarios (embedded names or paths)")
		}
		for i, sc := range s.Design.Scenarios {
			if slices.Contains(s.Design.Scenarios[:i], sc) {
				return specFile(src).Errorf(sn.Content[i], fmt.Sprintf("design.scenarios[%d]", i), "scenario %s given twice; allowed: distinct scenarios", names.Quote(sc))
			}
		}
		if _, ok := m["parameters"]; ok {
			return specFile(src).Errorf(m["parameters"], "design.parameters", "not used by the scenarios design")
		}
		return nil
	}
	if _, ok := m["scenarios"]; ok {
		return specFile(src).Errorf(m["scenarios"], "design.scenarios", "only for the scenarios design")
	}
	pn, ok := m["parameters"]
	if !ok || pn.Kind != yaml.SequenceNode || len(pn.Content) == 0 {
		return specFile(src).Errorf(n, "design.parameters", "want a list of parameters, each with key and levels (factorial, oat) or min and max (lhs, sobol, halton)")
	}
	seen := map[string]bool{}
	for i, item := range pn.Content {
		path := fmt.Sprintf("design.parameters[%d]", i)
		fm, err := specFile(src).Mapping(item, path, "key", "levels", "min", "max")
		if err != nil {
			return err
		}
		kn, ok := fm["key"]
		if !ok {
			return specFile(src).Errorf(item, path+".key", "missing")
		}
		key, err := specFile(src).String(kn, path+".key")
		if err != nil {
			return err
		}
		spec, ok := s.keys().Lookup(key)
		if !ok {
			return specFile(src).Errorf(kn, path+".key", "unknown parameter %s%s; `wijksim params` lists every key", names.Quote(key), names.DidYouMean(key, s.keys().Keys()))
		}
		if seen[key] {
			return specFile(src).Errorf(kn, path+".key", "parameter %q given twice", key)
		}

		seen[key] = true
		f := design.Factor{Key: key, Integer: spec.Kind != sim.Float}
		if sampled {
			if _, ok := fm["levels"]; ok {
				return specFile(src).Errorf(fm["levels"], path+".levels", "the %s design samples a range: give min and max", kind)
			}
			if spec.Kind == sim.Bool {
				return specFile(src).Errorf(kn, path+".key", "a boolean cannot be sampled; use a factorial design")
			}
			mn, ok1 := fm["min"]
			mx, ok2 := fm["max"]
			if !ok1 || !ok2 {
				return specFile(src).Errorf(item, path, "the %s design needs min and max", kind)
			}
			if f.Min, err = specFile(src).Number(mn, path+".min"); err != nil {
				return err
			}
			if f.Max, err = specFile(src).Number(mx, path+".max"); err != nil {
				return err
			}
			if f.Min < spec.Min || f.Max > spec.Max || f.Min >= f.Max {
				return specFile(src).Errorf(mn, path, "range [%v, %v]; allowed: min < max within %s", f.Min, f.Max, spec.Range())
			}
			if f.Integer && (f.Min != math.Trunc(f.Min) || f.Max != math.Trunc(f.Max)) {
				return specFile(src).Errorf(mn, path, "integer parameter needs whole min and max")
			}
		} else {
			if _, ok := fm["min"]; ok {
				return specFile(src).Errorf(fm["min"], path+".min", "the %s design takes levels, not a range", kind)
			}
			ln, ok := fm["levels"]
			if !ok || ln.Kind != yaml.SequenceNode || len(ln.Content) == 0 {
				return specFile(src).Errorf(item, path+".levels", "want a list of one or more values")
			}
			for j, lv := range ln.Content {
				lpath := fmt.Sprintf("%s.levels[%d]", path, j)
				var v float64
				if spec.Kind == sim.Bool {
					if lv.Tag != "!!bool" {
						return specFile(src).Errorf(lv, lpath, "value %q; allowed: true or false", lv.Value)
					}
					if lv.Value == "true" {
						v = 1
					}
				} else {
					if v, err = specFile(src).Number(lv, lpath); err != nil {
						return err
					}
					if err := spec.Set(ptrParams(), v); err != nil {
						return specFile(src).Wrap(lv, lpath, err)
					}
				}
				if slices.Contains(f.Levels, v) {
					return specFile(src).Errorf(lv, lpath, "level %s given twice; allowed: distinct levels", lv.Value)
				}
				f.Levels = append(f.Levels, v)
			}
		}
		s.Design.Parameters = append(s.Design.Parameters, f)
	}
	switch d := len(s.Design.Parameters); {
	case kind == DesignSobol && d > design.MaxSobolDim:
		return specFile(src).Errorf(pn, "design.parameters", "%d parameters; allowed: 1 to %d for the sobol design", d, design.MaxSobolDim)
	case kind == DesignSaltelli && 2*d > design.MaxSobolDim:
		return specFile(src).Errorf(pn, "design.parameters", "%d parameters; allowed: 1 to %d for the saltelli design", d, design.MaxSobolDim/2)
	}
	return nil
}

// Overridden lists the keys that set fixes and the design varies: the
// design's values replace set's in every point (except in a one-at-a-time
// design, whose base point set gives).
func (s *Spec) Overridden() []string {
	if s.Design.Kind == DesignOneAtATime {
		return nil
	}
	var out []string
	for _, f := range s.Design.Parameters {
		if _, ok := s.Set[f.Key]; ok {
			out = append(out, f.Key)
		}
	}
	return out
}

// setPolicies sets the spec's policies from refs: built-in policies' names
// and paths of policy files, relative to the spec's folder. at gives the
// node of item i, for errors; nil for policies not from the file.
func (s *Spec) setPolicies(refs []string, at func(i int) *yaml.Node) error {
	var list []string
	var files []*policies.Policy
	for i, ref := range refs {
		where := fmt.Sprintf("policies[%d]", i)
		var p *policies.Policy
		var err error
		switch {
		case policies.IsPath(ref):
			path := ref
			if !filepath.IsAbs(path) && at != nil {
				path = filepath.Join(s.baseDir, path)
			}
			p, err = policies.Load(path)
		default:
			p, err = policies.Builtin(ref)
			if err != nil {
				err = fmt.Errorf("unknown policy %s%s; allowed: all, %s, or the path of a policy file", names.Quote(ref), names.DidYouMean(ref, policies.Names()), strings.Join(policies.Names(), ", "))
			}
		}
		if err == nil && slices.Contains(list, p.Name) {
			err = fmt.Errorf("policy %q given twice; allowed: distinct policies", p.Name)
		}
		if err != nil {
			if at == nil {
				return fmt.Errorf("spec %s: %s: %w", s.Source, where, err)
			}
			return specFile(s.Source).Wrap(at(i), where, err)
		}
		list = append(list, p.Name)
		if !p.Builtin {
			files = append(files, p)
		}
	}
	reg, err := scenarios.KeysFor(files)
	if err != nil {
		return fmt.Errorf("spec %s: policies: %w", s.Source, err)
	}
	s.Policies, s.PolicyFiles, s.keyReg = list, files, reg
	if at == nil {
		s.PoliciesReplaced = true
	}
	s.rehash()
	return nil
}

// SetPolicies replaces the spec's policies with refs, as the policies list
// of a spec file gives them, with paths relative to the working folder (the
// --policies flag).
func (s *Spec) SetPolicies(refs []string) error { return s.setPolicies(refs, nil) }

// UsePolicies replaces the spec's policies with names, those not built in
// being among files: a sweep's policies as its folder recorded them.
func (s *Spec) UsePolicies(names []string, files []*policies.Policy) error {
	for _, n := range names {
		if _, err := policies.Find(n, files); err != nil {
			return fmt.Errorf("spec %s: %w", s.Source, err)
		}
	}
	reg, err := scenarios.KeysFor(files)
	if err != nil {
		return fmt.Errorf("spec %s: policies: %w", s.Source, err)
	}
	s.Policies, s.PolicyFiles, s.PoliciesReplaced, s.keyReg = slices.Clone(names), files, true, reg
	s.rehash()
	return nil
}

// AddOutcomes adds the outcomes of reg's files to those of the spec (the
// --outcome-file flag), keeping the spec's own files first.
func (s *Spec) AddOutcomes(reg *outcomes.Registry) error {
	base := s.Registry
	for _, f := range reg.Files() {
		var err error
		if base, err = base.With(f.Raw, f.Source); err != nil {
			return err
		}
	}
	s.Registry, s.OutcomesAdded = base, true
	s.rehash()
	return nil
}

// UseOutcomes replaces the spec's outcomes with reg: a sweep's outcomes
// as its folder recorded them.
func (s *Spec) UseOutcomes(reg *outcomes.Registry) {
	s.Registry, s.OutcomesAdded = reg, true
	s.rehash()
}

// rehash sets SHA256 from the file's hash, the method, the policies and
// the outcome files.
func (s *Spec) rehash() {
	h := s.rawSHA256
	extend := func(text string) {
		sum := sha256.Sum256([]byte(h + text))
		h = hex.EncodeToString(sum[:])
	}
	if s.Method != "" {
		extend("\nmethod: " + s.Method)
	}
	if s.PoliciesReplaced || len(s.PolicyFiles) > 0 {
		text := "\npolicies:"
		for _, n := range s.Policies {
			text += " " + n
			if p, err := policies.Find(n, s.PolicyFiles); err == nil && !p.Builtin {
				text += "@" + p.SHA256
			}
		}
		extend(text)
	}
	if s.Registry.Custom() {
		text := "\noutcomes:"
		for _, f := range s.Registry.Files() {
			text += " " + f.SHA256
		}
		extend(text)
	}
	s.SHA256 = h
}

// itemNode returns item i of a sequence node, or n itself when it is not
// a sequence (a single value given for a list), for the line of an error.
func itemNode(n *yaml.Node, i int) *yaml.Node {
	if n.Kind == yaml.SequenceNode && i < len(n.Content) {
		return n.Content[i]
	}
	return n
}

// Keys returns the registry of keys the spec may set: the built-in ones
// and the regimes of its policy files.
func (s *Spec) Keys() *scenarios.Registry { return s.keys() }

// keys returns the registry of keys the spec may set: the built-in ones
// and the regimes of its policy files.
func (s *Spec) keys() *scenarios.Registry {
	if s.keyReg == nil {
		reg, _ := scenarios.KeysFor(nil) // never fails without files
		return reg
	}
	return s.keyReg
}

func ptrParams() *sim.Params {
	p := sim.Defaults()
	return &p
}

// loadScenario loads a scenario reference of the spec with its fixed settings.
func (s *Spec) loadScenario(ref string) (*scenarios.Scenario, error) {
	if filepath.Ext(ref) == ".yaml" || filepath.Ext(ref) == ".yml" {
		if !filepath.IsAbs(ref) {
			ref = filepath.Join(s.baseDir, ref)
		}
	}
	var set []string
	for _, k := range s.setOrder {
		set = append(set, k+"="+s.Set[k])
	}
	return scenarios.Load(ref, scenarios.Options{Set: set, Policies: s.PolicyFiles})
}

func (s *Spec) baseScenario() (*scenarios.Scenario, error) { return s.loadScenario(s.Scenario) }

// Point is one point of a sweep's design.
type Point struct {
	Index    int
	Scenario *scenarios.Scenario
	// Values are the design factors' values, in the order of Factors.
	Values design.Point
}

// Plan is a sweep's design expanded into points and jobs.
type Plan struct {
	Spec    *Spec
	Factors []design.Factor
	Points  []Point
	Jobs    []Job
	// Morris and Saltelli are the unit designs behind a morris or saltelli
	// sweep, for the sensitivity analysis of its results.
	Morris   *sensitivity.MorrisDesign
	Saltelli *sensitivity.SaltelliDesign
	// Invalid holds, per job index, the reason a point cannot run.
	Invalid map[int]error
	// pointSHA256 holds each point's hash, for JobHash.
	pointSHA256 []string
}

// JobHash returns the hash of a job's spec point: its parameters (all of
// them, resolved), its scenario's hash, its policy, seed, replicate and
// index. A stored run carries it, so that a run stored by another spec, or
// another version of the model's parameters, is never taken for this one.
func (p *Plan) JobHash(job Job) string {
	h := sha256.New()
	if job.Point >= 0 && job.Point < len(p.pointSHA256) {
		io.WriteString(h, p.pointSHA256[job.Point])
	}
	fmt.Fprintf(h, "\x00%d\x00%s\x00%d\x00%d", job.Index, job.Policy, job.Seed, job.Replicate)
	if job.Def != nil && !job.Def.Builtin {
		io.WriteString(h, "\x00"+job.Def.SHA256)
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// pointHash hashes a point's parameters and scenario.
func pointHash(sc *scenarios.Scenario, params *sim.Params) string {
	h := sha256.New()
	io.WriteString(h, sc.SHA256+"\x00")
	for _, s := range sc.Keys().Specs() {
		fmt.Fprintf(h, "%s=%v\n", s.Key, s.Value(params))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Expand generates the design's points and one job per point, policy and
// replicate, in point, then policy, then replicate order.
func (s *Spec) Expand() (*Plan, error) {
	if _, _, err := s.Size(); err != nil {
		return nil, err
	}
	base, err := s.baseScenario()
	if err != nil {
		return nil, fmt.Errorf("spec %s: %w", s.Source, err)
	}
	plan := &Plan{Spec: s, Factors: s.Design.Parameters, Invalid: map[int]error{}}
	for i, f := range s.Design.Parameters {
		if _, ok := base.Keys().Lookup(f.Key); !ok {
			return nil, fmt.Errorf("spec %s: design.parameters[%d].key: unknown parameter %s for the policies %s", s.Source, i, names.Quote(f.Key), strings.Join(s.Policies, ", "))
		}
	}
	var values []design.Point
	switch s.Design.Kind {
	case DesignScenarios:
		for i, ref := range s.Design.Scenarios {
			sc, err := s.loadScenario(ref)
			if err != nil {
				return nil, fmt.Errorf("spec %s: design.scenarios[%d]: %w", s.Source, i, err)
			}
			plan.Points = append(plan.Points, Point{Index: i, Scenario: sc})
		}
	case DesignFactorial:
		if values, err = design.Factorial(s.Design.Parameters); err != nil {
			return nil, fmt.Errorf("spec %s: %w", s.Source, err)
		}
	case DesignOneAtATime:
		basePoint := make(design.Point, len(s.Design.Parameters))
		for i, f := range s.Design.Parameters {
			spec, _ := base.Keys().Lookup(f.Key)
			basePoint[i] = spec.Get(&base.Params)
		}
		values = design.OneAtATime(s.Design.Parameters, basePoint)
	case DesignMorris, DesignSaltelli:
		var unit [][]float64
		if s.Design.Kind == DesignMorris {
			plan.Morris, err = sensitivity.NewMorris(len(s.Design.Parameters), s.Design.Trajectories, s.Design.Levels, s.Seed)
			if plan.Morris != nil {
				unit = plan.Morris.Points
			}
		} else {
			plan.Saltelli, err = sensitivity.NewSaltelli(len(s.Design.Parameters), s.Design.Samples)
			if plan.Saltelli != nil {
				unit = plan.Saltelli.Points
			}
		}
		if err != nil {
			return nil, fmt.Errorf("spec %s: %w", s.Source, err)
		}
		for _, u := range unit {
			p := make(design.Point, len(u))
			for j, f := range s.Design.Parameters {
				p[j] = design.Scale(f, math.Min(u[j], math.Nextafter(1, 0)))
			}
			values = append(values, p)
		}
	default:
		values, err = design.Sample(design.Sampler(s.Design.Kind), s.Design.Parameters, s.Design.Samples, s.Seed)
		if err != nil {
			return nil, fmt.Errorf("spec %s: %w", s.Source, err)
		}
	}
	for i, v := range values {
		plan.Points = append(plan.Points, Point{Index: i, Scenario: base, Values: v})
	}
	for _, pt := range plan.Points {
		p, perr := pt.params(plan.Factors)
		params := &p
		plan.pointSHA256 = append(plan.pointSHA256, pointHash(pt.Scenario, params))
		for _, pol := range s.Policies {
			def, err := policies.Find(pol, s.PolicyFiles)
			if err != nil {
				return nil, fmt.Errorf("spec %s: %w", s.Source, err)
			}
			for r := 0; r < s.Replicates; r++ {
				job := Job{Index: len(plan.Jobs), Point: pt.Index, Policy: pol, Def: def, Seed: s.Seed, Replicate: uint64(r), Params: params}
				if perr != nil {
					plan.Invalid[job.Index] = perr
				}
				plan.Jobs = append(plan.Jobs, job)
			}
		}
	}
	return plan, nil
}

// params applies the point's values to its scenario's parameters.
func (pt Point) params(factors []design.Factor) (sim.Params, error) {
	p := pt.Scenario.Params
	for i, f := range factors {
		spec, _ := pt.Scenario.Keys().Lookup(f.Key)
		var v any = pt.Values[i]
		switch spec.Kind {
		case sim.Bool:
			v = pt.Values[i] != 0
		case sim.Int:
			v = int(math.Round(pt.Values[i]))
		}
		if err := spec.Set(&p, v); err != nil {
			return p, fmt.Errorf("design point %d: %w", pt.Index, err)
		}
	}
	if err := sim.Validate(&p); err != nil {
		return p, fmt.Errorf("design point %d: %w", pt.Index, err)
	}
	return p, nil
}

// The sensitivity methods a spec can be readied for.
const (
	MethodMorris = "morris"
	MethodSobol  = "sobol"
)

// UseSensitivityDesign readies the spec for a sensitivity method. A spec whose design is
// morris or saltelli is used as it is (method may be empty, or must agree);
// a spec with a sampled design (lhs, sobol, halton) is turned into the
// method's design over the same parameter ranges: MethodMorris with the default
// 10 trajectories on 4 levels, or Saltelli with design.samples as the base
// sample N. The spec's hash is extended with the method, so a sensitivity
// folder is never taken for the plain sweep's.
func (spec *Spec) UseSensitivityDesign(method string) error {
	if method != "" {
		if err := names.Check("method", method, []string{MethodMorris, MethodSobol}); err != nil {
			return fmt.Errorf("--method: %w", err)
		}
	}
	kind := spec.Design.Kind
	switch {
	case kind == DesignMorris && (method == "" || method == MethodMorris):
		method = MethodMorris
	case kind == DesignSaltelli && (method == "" || method == MethodSobol):
		method = MethodSobol
	case kind == DesignMorris || kind == DesignSaltelli:
		return fmt.Errorf("spec %s: key \"design.kind\": %s does not fit --method %s; use a %s design or a sampled one (lhs, sobol, halton)", spec.Source, kind, method, map[string]string{MethodMorris: "morris", MethodSobol: "saltelli"}[method])
	case kind == DesignLHS || kind == DesignSobol || kind == DesignHalton:
		switch method {
		case MethodMorris:
			spec.Design.Kind = DesignMorris
		case MethodSobol:
			spec.Design.Kind = DesignSaltelli
		case "":
			return fmt.Errorf("spec %s: design %s: give --method morris or sobol", spec.Source, kind)
		default:
			return fmt.Errorf("--method %q; allowed: morris, sobol", method)
		}
	default:
		return fmt.Errorf("spec %s: key \"design.kind\": %q; sensitivity analysis needs a morris, saltelli or sampled (lhs, sobol, halton) design", spec.Source, kind)
	}
	if method != MethodMorris && method != MethodSobol {
		return fmt.Errorf("--method %q; allowed: morris, sobol", method)
	}
	if method == MethodSobol && spec.Design.Samples < 2 {
		return fmt.Errorf("spec %s: key \"design.samples\": the sobol method needs the base sample size N (N(d+2) points)", spec.Source)
	}
	if len(spec.Design.Parameters) == 0 {
		return fmt.Errorf("spec %s: key \"design.parameters\": sensitivity analysis needs parameters with min and max", spec.Source)
	}
	for i, f := range spec.Design.Parameters {
		if f.Levels != nil || f.Min >= f.Max {
			return fmt.Errorf("spec %s: key \"design.parameters[%d]\": %s needs min and max (a range), not levels", spec.Source, i, f.Key)
		}
	}
	spec.Method = method
	spec.rehash()
	return nil
}
