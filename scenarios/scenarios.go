// Package scenarios loads wijksim scenarios: YAML files that set the model's
// parameters, either from disk or from the scenarios embedded in the binary
// (default, poelenburg, assendelft).
//
// A scenario file sets any subset of the keys listed by Specs: the model's
// parameters and the regimes of the built-in policies
// (policies.NAME.SETTING); keys it leaves out keep their default, which for
// a policy's regime is the regime of its file (package policies). Loading goes through
// viper with its weak typing off: unknown keys, values of the wrong type and
// values out of range are errors that name the file, the key, the value and
// what is allowed, and no parameters are returned then. Overrides come from
// WIJKSIM_ environment variables and from key=value pairs (the --set flag),
// in that order, so a --set wins over the environment, which wins over the file.
package scenarios

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"

	"github.com/wijksim/wijksim/internal/names"
	"github.com/wijksim/wijksim/internal/yamlcheck"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/sim"
)

//go:embed *.yaml
var embedded embed.FS

// EnvPrefix is the prefix of environment variables that override parameters:
// WIJKSIM_TRUST_GAIN_PER_CONTACT overrides trust.gain_per_contact.
const EnvPrefix = "WIJKSIM_"

// Scenario is a loaded, validated scenario.
type Scenario struct {
	// Name is the embedded name or the file name without extension.
	Name string
	// Source is where the scenario came from: "embedded:NAME" or a file path.
	Source string
	// Description is a one-line description in Dutch ("nl") and English ("en").
	Description map[string]string
	// SHA256 is the hex SHA-256 of the scenario file's bytes.
	SHA256 string
	// Overrides lists the overrides applied on top of the file, as
	// "key=value", environment first, then --set, in the order given.
	Overrides []string
	// Params are the resolved parameters: defaults, then the file, then overrides.
	Params sim.Params

	keys *Registry
}

// Keys returns the keys the scenario could set: those of the policies it
// was loaded for (Options.Policies).
func (s *Scenario) Keys() *Registry {
	if s.keys == nil {
		return builtinKeys()
	}
	return s.keys
}

// Title names the scenario for a heading: its name followed by its
// description in lang in parentheses (or, lacking that, in the other
// language), or the name alone when the file has no description.
func (s *Scenario) Title(lang string) string {
	d := s.Description[lang]
	for _, other := range []string{"en", "nl"} {
		if d == "" {
			d = s.Description[other]
		}
	}
	if d == "" {
		return s.Name
	}
	return s.Name + " (" + d + ")"
}

// Info describes an embedded scenario.
type Info struct {
	Name        string
	Description map[string]string
}

// Options are the overrides applied when loading a scenario.
type Options struct {
	// Set holds "key=value" pairs; values are parsed as YAML scalars.
	Set []string
	// Environ is the environment to read WIJKSIM_ variables from, in the form
	// of os.Environ. Nil means no environment overrides.
	Environ []string
	// Policies are the policies the scenario is loaded for: the file and
	// the overrides may set the regimes of those read from files as well
	// as those of the built-in ones (KeysFor).
	Policies []*policies.Policy
}

// metaKeys are the keys of a scenario file that are not parameters.
var metaKeys = map[string]bool{"scenario.nl": true, "scenario.en": true}

// Names returns the names of the embedded scenarios, sorted.
func Names() []string {
	entries, err := fs.Glob(embedded, "*.yaml")
	if err != nil {
		panic(err) // the pattern is constant and valid
	}
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = strings.TrimSuffix(e, ".yaml")
	}
	sort.Strings(names)
	return names
}

// List describes every embedded scenario.
func List() ([]Info, error) {
	var out []Info
	for _, name := range Names() {
		s, err := Load(name, Options{})
		if err != nil {
			return nil, err
		}
		out = append(out, Info{Name: s.Name, Description: s.Description})
	}
	return out, nil
}

// Raw returns the bytes of the embedded scenario with the given name.
func Raw(name string) ([]byte, error) {
	b, err := embedded.ReadFile(name + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("no embedded scenario %s%s; available: %s", names.Quote(name), names.DidYouMean(name, Names()), strings.Join(Names(), ", "))
	}
	return b, nil
}

// Load reads the scenario ref, which is either the name of an embedded
// scenario or the path of a YAML file, and applies the overrides in opt.
// A ref that names an existing file or ends in .yaml or .yml is a path.
func Load(ref string, opt Options) (*Scenario, error) {
	var (
		raw    []byte
		source string
		name   string
		err    error
	)
	if yamlcheck.IsPath(ref) {
		raw, err = os.ReadFile(ref)
		if err != nil {
			return nil, fmt.Errorf("load scenario: %w", err)
		}
		source = ref
		name = strings.TrimSuffix(filepath.Base(ref), filepath.Ext(ref))
	} else {
		raw, err = Raw(ref)
		if err != nil {
			return nil, fmt.Errorf("load scenario: %w", err)
		}
		source = "embedded:" + ref
		name = ref
	}
	s, err := Parse(raw, source, opt)
	if err != nil {
		return nil, err
	}
	s.Name = name
	return s, nil
}

// The bounds of a scenario file, checked before it is parsed further: a
// scenario sets each of a few hundred keys at most once, so these are far
// above any real file and keep a hostile one to a moment's work.
const (
	// MaxFileBytes is the largest scenario file.
	MaxFileBytes = 256 << 10
	// MaxKeys is the most keys (sections included) a file may have.
	MaxKeys = 2000
	// MaxKeyBytes is the longest key, or section name, a file may have.
	MaxKeyBytes = 100
)

// Parse reads a scenario from raw YAML bytes; source names it in errors.
// The file must be one YAML document that sets at least one key; a key
// may be written nested (trust: {gain_per_contact: 0.1}) or dotted
// (trust.gain_per_contact: 0.1), but only once.
func Parse(raw []byte, source string, opt Options) (*Scenario, error) {
	reg, err := KeysFor(opt.Policies)
	if err != nil {
		return nil, fmt.Errorf("scenario %s: %w", source, err)
	}
	specs := reg.specs
	known := make(map[string]sim.ParamSpec, len(specs))
	for _, s := range specs {
		known[s.Key] = s
	}
	if err := checkKeys(raw, source, specs); err != nil {
		return nil, err
	}
	v := viper.New()
	v.SetConfigType("yaml")
	if err := v.ReadConfig(bytes.NewReader(raw)); err != nil {
		// viper prefixes the parser's error with "While parsing config:",
		// which says nothing to the user: report the parser's own error.
		var pe viper.ConfigParseError
		if errors.As(err, &pe) && pe.Unwrap() != nil {
			err = pe.Unwrap()
		}
		return nil, fmt.Errorf("scenario %s: not valid YAML: %w", source, err)
	}
	keys := v.AllKeys()
	sort.Strings(keys)
	for _, k := range keys {
		if _, ok := known[k]; !ok && !metaKeys[k] {
			return nil, fmt.Errorf("scenario %s: key %q: unknown key%s", source, k, suggest(k, specs))
		}
	}

	var overrides []string
	envOver, err := environmentOverrides(opt.Environ, known, specs)
	if err != nil {
		return nil, fmt.Errorf("scenario %s: %w", source, err)
	}
	setOver, err := setOverrides(opt.Set, known, specs)
	if err != nil {
		return nil, fmt.Errorf("scenario %s: %w", source, err)
	}
	for _, o := range append(envOver, setOver...) {
		v.Set(o.key, o.value)
		overrides = append(overrides, o.origin)
	}

	p := sim.Defaults()
	for _, s := range specs {
		if !v.IsSet(s.Key) {
			continue
		}
		if err := s.Set(&p, v.Get(s.Key)); err != nil {
			return nil, fmt.Errorf("scenario %s: key %q: %w", source, s.Key, reason{err})
		}
	}
	if err := sim.Validate(&p); err != nil {
		return nil, fmt.Errorf("scenario %s: %w", source, err)
	}
	sum := sha256.Sum256(raw)
	return &Scenario{
		Source: source,
		Description: map[string]string{
			"nl": v.GetString("scenario.nl"),
			"en": v.GetString("scenario.en"),
		},
		SHA256:    hex.EncodeToString(sum[:]),
		Overrides: overrides,
		Params:    p,
		keys:      reg,
	}, nil
}

// checkKeys reads raw as YAML nodes, before viper sees it, and refuses
// what viper would take silently or slowly: an empty file, a second
// document, more than MaxKeys keys or a key longer than MaxKeyBytes, one key
// set twice (nested and dotted), keys not spelled exactly as the registry
// spells them (viper ignores case), and values of the wrong type or out of
// range. Every error is a *yamlcheck.Error that names the file, the line and
// column, and the key; a bad value wraps the registry's *sim.ValueError.
func checkKeys(raw []byte, source string, specs []sim.ParamSpec) error {
	file := yamlcheck.File{What: "scenario", Path: source}
	if len(raw) > MaxFileBytes {
		return fmt.Errorf("scenario %s: %d bytes; allowed: at most %d bytes (a scenario sets each parameter at most once)", source, len(raw), MaxFileBytes)
	}
	root, err := file.Document(raw, "set at least one key, or use the embedded scenario default for the defaults")
	if err != nil {
		return err
	}
	if root.Kind != yaml.MappingNode {
		return file.Errorf(root, "", "want a mapping of parameter keys to values")
	}
	keys := make([]string, 0, len(specs)+len(metaKeys))
	spec := make(map[string]sim.ParamSpec, len(specs))
	for _, s := range specs {
		keys = append(keys, s.Key)
		spec[s.Key] = s
	}
	for k := range metaKeys {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	knownKey := map[string]bool{}
	sections := map[string]bool{}
	for _, k := range keys {
		knownKey[k] = true
		for i := range k {
			if k[i] == '.' {
				sections[k[:i]] = true
			}
		}
	}
	type seenAt struct {
		line int
		leaf bool
	}
	seen := map[string]seenAt{}
	count := 0
	var walk func(n *yaml.Node, prefix string) error
	walk = func(n *yaml.Node, prefix string) error {
		for i := 0; i+1 < len(n.Content); i += 2 {
			kn, vn := n.Content[i], n.Content[i+1]
			if count++; count > MaxKeys {
				return file.Errorf(kn, names.Clip(prefix+kn.Value), "more than %d keys; allowed: at most %d", MaxKeys, MaxKeys)
			}
			if kn.Kind != yaml.ScalarNode {
				return file.Errorf(kn, prefix, "a key must be a plain name")
			}
			if len(kn.Value) > MaxKeyBytes {
				return file.Errorf(kn, names.Clip(prefix+kn.Value), "a key of %d bytes; allowed: at most %d bytes", len(kn.Value), MaxKeyBytes)
			}
			full := prefix + kn.Value
			leaf := vn.Kind != yaml.MappingNode
			if leaf && !knownKey[full] && sections[full] {
				return file.Errorf(vn, full, "a section; want a mapping of its keys (%s: {...}), not %s", full, nodeKind(vn))
			}
			if leaf && !knownKey[full] {
				return file.Errorf(kn, full, "unknown key%s", suggest(full, specs))
			}
			if leaf {
				// A value the YAML parser cannot read (a tag that does not
				// fit, as in `months: !!int abc`) is named here, with its
				// line, rather than by viper without one.
				var v any
				if err := vn.Decode(&v); err != nil {
					return file.Errorf(vn, full, "%q is not a valid %s value", vn.Value, strings.TrimPrefix(vn.Tag, "!!"))
				}
			}
			if !leaf && knownKey[full] {
				return file.Errorf(vn, full, "want a single value, not a mapping%s", allowedOf(spec, full))
			}
			if !leaf && !sections[full] {
				return file.Errorf(kn, full, "unknown key%s", suggest(full, specs))
			}
			// A dotted key also opens its sections: trust.gain_per_contact
			// and trust: {gain_per_contact} are one key, trust: 3 and
			// trust.gain_per_contact clash.
			parts := strings.Split(full, ".")
			for j := 1; j <= len(parts); j++ {
				path := strings.Join(parts[:j], ".")
				isLeaf := leaf && j == len(parts)
				if prev, ok := seen[path]; ok && (prev.leaf || isLeaf) {
					return file.Errorf(kn, full, "given twice (first on line %d); the nested and dotted forms of a key are one key: set it once", prev.line)
				}
				if _, ok := seen[path]; !ok {
					seen[path] = seenAt{line: kn.Line, leaf: isLeaf}
				}
			}
			if !leaf {
				if err := walk(vn, full+"."); err != nil {
					return err
				}
				continue
			}
			if metaKeys[full] {
				if _, err := file.String(vn, full); err != nil {
					return err
				}
				continue
			}
			var val any
			if err := vn.Decode(&val); err != nil {
				return file.Errorf(vn, full, "value %s: %v", names.Quote(vn.Value), err)
			}
			if err := checkValue(spec[full], val); err != nil {
				return file.Wrap(vn, full, err)
			}
		}
		return nil
	}
	return walk(root, "")
}

// nodeKind names what a YAML value is, for errors.
func nodeKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	}
	if n.Tag == "!!null" {
		return "an empty value"
	}
	return "the value " + names.Quote(n.Value)
}

// allowedOf says what the key full allows, if the registry knows it.
func allowedOf(spec map[string]sim.ParamSpec, full string) string {
	if s, ok := spec[full]; ok {
		return "; allowed: " + s.Allowed()
	}
	return ""
}

// reason is an error of sim.ParamSpec.Set for messages that name the key
// themselves: it reads as what is wrong without the key, and unwraps to the
// *sim.ValueError, which errors.As finds.
type reason struct{ err error }

func (r reason) Error() string { return yamlcheck.Reason(r.err) }
func (r reason) Unwrap() error { return r.err }

type override struct {
	key    string
	value  any
	origin string
}

// environmentOverrides finds the WIJKSIM_ variables in environ. A variable
// with the prefix that matches no parameter is an error.
func environmentOverrides(environ []string, known map[string]sim.ParamSpec, specs []sim.ParamSpec) ([]override, error) {
	byEnv := make(map[string]string, len(specs))
	for _, s := range specs {
		byEnv[EnvName(s.Key)] = s.Key
	}
	var out []override
	for _, kv := range environ {
		name, value, ok := strings.Cut(kv, "=")
		if !ok || !strings.HasPrefix(name, EnvPrefix) {
			continue
		}
		key, ok := byEnv[name]
		if !ok {
			return nil, fmt.Errorf("environment variable %s: unknown key; variables are %s followed by a parameter key in upper case with _ for dots, for example %s", name, EnvPrefix, EnvName(specs[0].Key))
		}
		val, err := parseValue(value)
		if err != nil {
			return nil, fmt.Errorf("environment variable %s (key %q): %w", name, key, err)
		}
		if err := checkValue(known[key], val); err != nil {
			return nil, fmt.Errorf("environment variable %s (key %q): %w", name, key, reason{err})
		}
		out = append(out, override{key: key, value: val, origin: name + "=" + value})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key < out[j].key })
	return out, nil
}

// EnvVariable is a WIJKSIM_ variable of an environment.
type EnvVariable struct {
	Name, Value string
	// Key is the key the variable overrides where the environment applies
	// (Options.Environ); "" when it names none.
	Key string
}

// EnvironmentVariables returns the WIJKSIM_ variables of environ (in the
// form of os.Environ), sorted by name, each with the key of reg it
// overrides (nil: the built-in keys). Commands that take their parameters
// from elsewhere (a sweep's spec) use it to say that they ignore them.
func EnvironmentVariables(environ []string, reg *Registry) []EnvVariable {
	if reg == nil {
		reg = builtinKeys()
	}
	byEnv := make(map[string]string, len(reg.specs))
	for _, s := range reg.specs {
		byEnv[EnvName(s.Key)] = s.Key
	}
	var out []EnvVariable
	for _, kv := range environ {
		name, value, ok := strings.Cut(kv, "=")
		if !ok || !strings.HasPrefix(name, EnvPrefix) {
			continue
		}
		out = append(out, EnvVariable{Name: name, Value: value, Key: byEnv[name]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// setOverrides parses key=value pairs.
func setOverrides(pairs []string, known map[string]sim.ParamSpec, specs []sim.ParamSpec) ([]override, error) {
	var out []override
	for _, kv := range pairs {
		key, value, ok := strings.Cut(kv, "=")
		key = strings.TrimSpace(key)
		if !ok || key == "" {
			return nil, fmt.Errorf("--set %s: want key=value, for example --set trust.gain_per_contact=0.1", names.Quote(kv))
		}
		spec, ok := known[key]
		if !ok {
			return nil, fmt.Errorf("--set %s: key %s: unknown key%s", names.Clip(kv), names.Quote(key), suggest(key, specs))
		}
		val, err := parseValue(value)
		if err != nil {
			return nil, fmt.Errorf("--set %s: key %q: %w", names.Clip(kv), key, err)
		}
		if err := checkValue(spec, val); err != nil {
			return nil, fmt.Errorf("--set %s: key %q: %w", names.Clip(kv), key, reason{err})
		}
		out = append(out, override{key: key, value: val, origin: key + "=" + value})
	}
	return out, nil
}

// checkValue returns the *sim.ValueError of val for spec, if any.
func checkValue(spec sim.ParamSpec, val any) error {
	p := sim.Defaults()
	return spec.Set(&p, val)
}

// parseValue reads one YAML scalar: 3 is an integer, 0.5 a number, true a
// boolean, anything else a string (which no parameter accepts).
func parseValue(s string) (any, error) {
	var v any
	if err := yaml.Unmarshal([]byte(s), &v); err != nil {
		return nil, fmt.Errorf("value %s is not a YAML scalar: %w", names.Quote(s), err)
	}
	switch v.(type) {
	case map[string]any, []any:
		return nil, fmt.Errorf("value %s is not a single value", names.Quote(s))
	}
	return v, nil
}

// EnvName returns the environment variable that overrides key.
func EnvName(key string) string {
	return EnvPrefix + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// suggest returns "; did you mean X?" for the known key closest to k, or a
// pointer to the parameter list.
func suggest(k string, specs []sim.ParamSpec) string {
	keys := make([]string, len(specs))
	var inSection []string
	for i, s := range specs {
		keys[i] = s.Key
		if strings.HasPrefix(s.Key, k+".") {
			inSection = append(inSection, s.Key)
		}
	}
	if len(inSection) > 0 {
		more := ""
		if len(inSection) > 2 {
			inSection, more = inSection[:2], ", ..."
		}
		return "; a section: set one of its keys, such as " + strings.Join(inSection, ", ") + more + " (`wijksim params` lists every key)"
	}
	if hint := names.DidYouMean(k, keys); hint != "" {
		return hint + " (`wijksim params` lists every key)"
	}
	return "; `wijksim params` lists every key"
}

//go:embed targets/*.yaml
var targetFiles embed.FS

// TargetNames lists the names of the embedded target files, sorted (the
// folder also holds the calibrated scenario, which is not one).
func TargetNames() []string {
	return []string{"ladder", "nl-benefit", "sanctions", "trust", "validation"}
}

// TargetFile returns the bytes of a target file embedded in the binary,
// by name: "validation" (the validation targets), "nl-benefit" (the
// calibration targets), "trust" (the target that sets the trust gained
// per contact by hand), "ladder" (the targets that set the share of
// tegenprestaties assigned and the support rate of the ladder by hand) or
// "sanctions" (the targets that set the sanction probabilities of maatwerk
// and sanctie by hand); validate reads the last three.
func TargetFile(name string) ([]byte, error) {
	b, err := targetFiles.ReadFile("targets/" + name + ".yaml")
	if err != nil || !slices.Contains(TargetNames(), name) {
		return nil, fmt.Errorf("no embedded target file %q; available: %s", name, strings.Join(TargetNames(), ", "))
	}
	return b, nil
}
