package policies

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/wijksim/wijksim/internal/names"
	"github.com/wijksim/wijksim/internal/yamlcheck"
	"github.com/wijksim/wijksim/sim"
)

// Text is a text in Dutch and English.
type Text struct{ NL, EN string }

// In returns the text in lang ("nl" or "en"; anything else is English).
func (t Text) In(lang string) string {
	if lang == "nl" && t.NL != "" {
		return t.NL
	}
	return t.EN
}

// Policy is a policy read from a file: the model's policy and what
// describes it.
type Policy struct {
	sim.Policy
	// Label names the policy for display.
	Label Text
	// Summary describes the policy in a line.
	Summary Text
	// Source says where the policy comes from in the field sources.
	Source string
	// Colour is the policy's colour in charts, as #RRGGBB; empty for a
	// colour chosen by its name (labels.PolicyColour).
	Colour string
	// File is where the policy was read: "embedded:NAME" for a built-in,
	// else the path of its file.
	File string
	// SHA256 is the hex SHA-256 of the file's bytes, and Raw the bytes.
	SHA256 string
	Raw    []byte
	// Builtin is set for the built-in policies.
	Builtin bool
}

// The keys of a policy file, its phases, their conditions and the labels.
var (
	topKeys   = []string{"name", "label", "summary", "source", "colour", "levers", "sanction", "regime", "phases"}
	phaseKeys = []string{"name", "when", "sanction", "regime"}
	whenKeys  = []string{"from_month", "months_since_first_contact", "below_rung", "months_below_rung"}
	textKeys  = []string{"nl", "en"}
)

// MaxFileBytes is the largest policy file.
const MaxFileBytes = 64 << 10

var colourPattern = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)

// Parse reads a policy from the bytes of a YAML file; source names the
// file in errors. Every error names the file, and where it can the line,
// column and key, and says what is allowed.
func Parse(raw []byte, source string) (*Policy, error) { return parse(raw, source, false) }

// parse reads a policy; only a built-in policy may name its colour.
func parse(raw []byte, source string, builtin bool) (*Policy, error) {
	f := yamlcheck.File{What: "policy", Path: source}
	if len(raw) > MaxFileBytes {
		return nil, fmt.Errorf("policy %s: %d bytes; allowed: at most %d bytes", source, len(raw), MaxFileBytes)
	}
	root, err := f.Document(raw, "a policy gives at least a name, a label, a summary, a sanction rule and a regime (docs/policies.md)")
	if err != nil {
		return nil, err
	}
	top, err := f.Fields(root, "", topKeys)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(raw)
	pol := &Policy{File: source, SHA256: hex.EncodeToString(sum[:]), Raw: slices.Clone(raw)}
	for _, k := range []string{"name", "label", "summary"} {
		if top[k] == nil {
			return nil, f.Errorf(root, k, "missing; allowed: a policy names itself and gives a label and a summary in Dutch and English")
		}
	}
	if pol.Name, err = f.String(top["name"], "name"); err != nil {
		return nil, err
	}
	if !sim.ValidName(pol.Name) {
		return nil, f.Errorf(top["name"], "name", "value %s is not a valid name; allowed: %s", names.Quote(pol.Name), sim.NameRule)
	}
	if pol.Label, err = text(f, top["label"], "label"); err != nil {
		return nil, err
	}
	if pol.Summary, err = text(f, top["summary"], "summary"); err != nil {
		return nil, err
	}
	if n := top["source"]; n != nil {
		if pol.Source, err = f.String(n, "source"); err != nil {
			return nil, err
		}
	}
	if n := top["colour"]; n != nil {
		if !builtin {
			return nil, f.Errorf(n, "colour", "given; allowed: only the built-in policies name their colour, a policy file gets a colour of its own by its name in every chart")
		}
		if pol.Colour, err = f.String(n, "colour"); err != nil {
			return nil, err
		}
		if !colourPattern.MatchString(pol.Colour) {
			return nil, f.Errorf(n, "colour", "value %s is not a colour; allowed: #RRGGBB, for example \"#56B4E9\"", names.Quote(pol.Colour))
		}
	}
	if n := top["levers"]; n != nil {
		if pol.Levers, err = levers(f, n); err != nil {
			return nil, err
		}
	}
	if n := top["phases"]; n != nil {
		for _, k := range []string{"sanction", "regime"} {
			if top[k] != nil {
				return nil, f.Errorf(top[k], k, "given beside phases; allowed: either a sanction and a regime, or phases, each with its own")
			}
		}
		if n.Kind != yaml.SequenceNode || len(n.Content) == 0 || len(n.Content) > sim.MaxPhases {
			return nil, f.Errorf(n, "phases", "want a list of 1 to %d phases", sim.MaxPhases)
		}
		for i, pn := range n.Content {
			ph, err := phase(f, pn, fmt.Sprintf("phases[%d]", i), i, len(n.Content))
			if err != nil {
				return nil, err
			}
			for _, prev := range pol.Phases {
				if prev.Name == ph.Name {
					return nil, f.Errorf(pn, fmt.Sprintf("phases[%d].name", i), "value %q names an earlier phase too; allowed: a name of its own", ph.Name)
				}
			}
			pol.Phases = append(pol.Phases, ph)
		}
	} else {
		ph, err := phaseBody(f, root, top, "", true)
		if err != nil {
			return nil, err
		}
		pol.Phases = []sim.Phase{ph}
	}
	if err := pol.Check(); err != nil {
		return nil, fmt.Errorf("policy %s: %w", source, err)
	}
	return pol, nil
}

// text reads a mapping of a Dutch and an English text, both required.
func text(f yamlcheck.File, n *yaml.Node, key string) (Text, error) {
	m, err := f.Fields(n, key, textKeys)
	if err != nil {
		return Text{}, err
	}
	var t Text
	for _, lang := range textKeys {
		v := m[lang]
		if v == nil {
			return Text{}, f.Errorf(n, key+"."+lang, "missing; allowed: a text in Dutch (nl) and in English (en)")
		}
		s, err := f.String(v, key+"."+lang)
		if err != nil {
			return Text{}, err
		}
		if strings.TrimSpace(s) == "" {
			return Text{}, f.Errorf(v, key+"."+lang, "empty; allowed: a text")
		}
		if lang == "nl" {
			t.NL = s
		} else {
			t.EN = s
		}
	}
	return t, nil
}

// leverNames are the levers a policy may set: the keys levers.* without
// their prefix.
func leverNames() []string {
	var out []string
	for _, s := range sim.Specs() {
		if k, ok := strings.CutPrefix(s.Key, "levers."); ok {
			out = append(out, k)
		}
	}
	return out
}

// levers reads the lever settings of a policy.
func levers(f yamlcheck.File, n *yaml.Node) ([]sim.Setting, error) {
	allowed := leverNames()
	m, err := f.Fields(n, "levers", allowed)
	if err != nil {
		return nil, err
	}
	var out []sim.Setting
	for _, k := range allowed { // in the order of the parameter list
		v := m[k]
		if v == nil {
			continue
		}
		key := "levers." + k
		val, err := scalar(f, v, key)
		if err != nil {
			return nil, err
		}
		spec, _ := sim.Lookup(key)
		scratch := sim.Defaults()
		if err := spec.Set(&scratch, val); err != nil {
			return nil, f.Wrap(v, key, err)
		}
		out = append(out, sim.Setting{Key: key, Value: val})
	}
	return out, nil
}

// scalar decodes a single value.
func scalar(f yamlcheck.File, n *yaml.Node, key string) (any, error) {
	if n.Kind != yaml.ScalarNode {
		return nil, f.Errorf(n, key, "want a single value")
	}
	var v any
	if err := n.Decode(&v); err != nil {
		return nil, f.Errorf(n, key, "not a valid value: %s", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	return v, nil
}

// phase reads phase i of n phases.
func phase(f yamlcheck.File, n *yaml.Node, path string, i, count int) (sim.Phase, error) {
	m, err := f.Fields(n, path, phaseKeys)
	if err != nil {
		return sim.Phase{}, err
	}
	ph, err := phaseBody(f, n, m, path+".", i == 0)
	if err != nil {
		return sim.Phase{}, err
	}
	if m["name"] == nil {
		return sim.Phase{}, f.Errorf(n, path+".name", "missing; allowed: every phase of a policy of several phases has a name (%s)", sim.NameRule)
	}
	if ph.Name, err = f.String(m["name"], path+".name"); err != nil {
		return sim.Phase{}, err
	}
	if !sim.ValidName(ph.Name) {
		return sim.Phase{}, f.Errorf(m["name"], path+".name", "value %s is not a valid name; allowed: %s", names.Quote(ph.Name), sim.NameRule)
	}
	wn := m["when"]
	switch {
	case i == 0 && wn != nil:
		return sim.Phase{}, f.Errorf(wn, path+".when", "a condition for the first phase; allowed: none, the first phase applies from the start")
	case i > 0 && wn == nil:
		return sim.Phase{}, f.Errorf(n, path+".when", "missing; allowed: every phase after the first has a condition: %s", strings.Join(whenKeys, ", "))
	case wn != nil:
		if ph.When, err = when(f, wn, path+".when"); err != nil {
			return sim.Phase{}, err
		}
	}
	return ph, nil
}

// phaseBody reads the sanction rule and regime of a phase (or of a policy
// of one phase, at the top of its file).
func phaseBody(f yamlcheck.File, at *yaml.Node, m map[string]*yaml.Node, path string, first bool) (sim.Phase, error) {
	var ph sim.Phase
	sn, rn := m["sanction"], m["regime"]
	if sn == nil {
		return ph, f.Errorf(at, path+"sanction", "missing; allowed: %s", strings.Join(sim.SanctionRules(), ", "))
	}
	if rn == nil {
		return ph, f.Errorf(at, path+"regime", "missing; allowed: a regime with the settings %s", strings.Join(sim.RegimeSettingNames(), ", "))
	}
	s, err := f.String(sn, path+"sanction")
	if err != nil {
		return ph, err
	}
	if ph.Sanction, err = sim.ParseSanctionRule(s); err != nil {
		return ph, f.Errorf(sn, path+"sanction", "unknown sanction rule %s%s; allowed: %s", names.Quote(s), names.DidYouMean(s, sim.SanctionRules()), strings.Join(sim.SanctionRules(), ", "))
	}
	if ph.Regime, err = regime(f, rn, path+"regime"); err != nil {
		return ph, err
	}
	if ph.Sanction == sim.NoSanction && ph.Regime.SanctionProbability > 0 {
		return ph, f.Errorf(sn, path+"sanction", "none with regime.sanction_probability %v; allowed: sanction_probability 0 with none, or the rule below_demand or judged_able", ph.Regime.SanctionProbability)
	}
	return ph, nil
}

// regime reads a regime: every setting, once.
func regime(f yamlcheck.File, n *yaml.Node, path string) (sim.Regime, error) {
	settings := sim.RegimeSettingNames()
	m, err := f.Fields(n, path, settings)
	if err != nil {
		return sim.Regime{}, err
	}
	var r sim.Regime
	for _, k := range settings {
		v := m[k]
		if v == nil {
			return sim.Regime{}, f.Errorf(n, path+"."+k, "missing; allowed: a regime gives every setting: %s", strings.Join(settings, ", "))
		}
		val, err := scalar(f, v, path+"."+k)
		if err != nil {
			return sim.Regime{}, err
		}
		if err := r.Set(k, val); err != nil {
			return sim.Regime{}, f.Wrap(v, path+"."+k, err)
		}
	}
	return r, nil
}

// when reads the entry condition of a phase.
func when(f yamlcheck.File, n *yaml.Node, path string) (sim.Entry, error) {
	m, err := f.Fields(n, path, whenKeys)
	if err != nil {
		return sim.Entry{}, err
	}
	if len(m) == 0 {
		return sim.Entry{}, f.Errorf(n, path, "no condition; allowed: one or more of %s", strings.Join(whenKeys, ", "))
	}
	var e sim.Entry
	fields := []struct {
		key    string
		lo, hi int
		dst    *int
	}{
		{"from_month", 1, 1200, &e.FromMonth},
		{"months_since_first_contact", 1, 1200, &e.MonthsSinceFirstContact},
		{"below_rung", 2, 5, &e.BelowRung},
		{"months_below_rung", 1, 1200, &e.MonthsBelowRung},
	}
	for _, fd := range fields {
		if v := m[fd.key]; v != nil {
			if *fd.dst, err = f.Int(v, path+"."+fd.key, fd.lo, fd.hi); err != nil {
				return sim.Entry{}, err
			}
		}
	}
	if e.MonthsBelowRung > 0 && e.BelowRung == 0 {
		return sim.Entry{}, f.Errorf(m["months_below_rung"], path+".months_below_rung", "given without below_rung; allowed: with below_rung, the rung the resident stays below")
	}
	return e, nil
}

// RegimeSpecs returns the parameter specifications of the policy's regimes
// (sim.RegimeSpecs), documented with the policy's source.
func (p *Policy) RegimeSpecs() []sim.ParamSpec { return sim.RegimeSpecs(&p.Policy, p.Source) }
