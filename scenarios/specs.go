package scenarios

import (
	"fmt"
	"slices"
	"sync"

	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/sim"
)

// Registry is the set of keys a scenario may set: the model's parameters
// (sim.Specs), the regime of each built-in policy, policies.NAME.SETTING,
// and the regimes of the policy files it was made for (KeysFor),
// policies.NAME.SETTING or policies.NAME.PHASE.SETTING. It never changes
// once made.
type Registry struct {
	specs []sim.ParamSpec
	index map[string]int
}

// builtinKeys is the registry of the built-in policies, made once.
var builtinKeys = sync.OnceValue(func() *Registry {
	list := sim.Specs()
	for _, p := range policies.Builtins() {
		list = append(list, p.RegimeSpecs()...)
	}
	r, err := newRegistry(list)
	if err != nil {
		panic(err) // the built-in policies have names of their own
	}
	return r
})

// newRegistry indexes list; two keys that are the same, or that share an
// environment variable (EnvName), are refused.
func newRegistry(list []sim.ParamSpec) (*Registry, error) {
	r := &Registry{specs: list, index: make(map[string]int, len(list))}
	env := make(map[string]string, len(list))
	for i, s := range list {
		if _, dup := r.index[s.Key]; dup {
			return nil, fmt.Errorf("key %q is set by two policies; allowed: policy and phase names of their own", s.Key)
		}
		if other, dup := env[EnvName(s.Key)]; dup {
			return nil, fmt.Errorf("keys %q and %q share the environment variable %s; allowed: policy and phase names whose keys differ in more than dots and dashes", other, s.Key, EnvName(s.Key))
		}
		r.index[s.Key] = i
		env[EnvName(s.Key)] = s.Key
	}
	return r, nil
}

// KeysFor returns the registry of a scenario run with the policy files
// files (built-in policies among them are skipped): the built-in keys
// followed by the regime keys of each file, in the order given. Two files
// of the same name are refused, and so are keys that would share an
// environment variable (policy a-b, and policy a with a phase b).
func KeysFor(files []*policies.Policy) (*Registry, error) {
	custom := policies.Custom(files)
	if len(custom) == 0 {
		return builtinKeys(), nil
	}
	for i, p := range custom {
		for _, q := range custom[:i] {
			if q.Name == p.Name {
				return nil, fmt.Errorf("policy files: two policies called %s (%s and %s); allowed: a name of its own for each", p.Name, q.File, p.File)
			}
		}
	}
	list := builtinKeys().Specs()
	for _, p := range custom {
		list = append(list, p.RegimeSpecs()...)
	}
	r, err := newRegistry(list)
	if err != nil {
		return nil, fmt.Errorf("policy files: %w", err)
	}
	return r, nil
}

// Specs returns the specification of every key of the registry, in file
// order.
func (r *Registry) Specs() []sim.ParamSpec { return slices.Clone(r.specs) }

// Lookup returns the specification of the scenario key.
func (r *Registry) Lookup(key string) (sim.ParamSpec, bool) {
	i, ok := r.index[key]
	if !ok {
		return sim.ParamSpec{}, false
	}
	return r.specs[i], true
}

// Keys returns the specification of every key of the registry.
func (r *Registry) Keys() []string {
	out := make([]string, len(r.specs))
	for i, s := range r.specs {
		out[i] = s.Key
	}
	return out
}

// Specs returns the specification of every key a scenario file sets
// whatever the policies, in file order: the model's parameters
// (sim.Specs), then the regime of each built-in policy,
// policies.NAME.SETTING, whose defaults are the regimes of the policies'
// files. KeysFor adds the keys of policy files.
func Specs() []sim.ParamSpec { return builtinKeys().Specs() }

// Lookup returns the specification of the scenario key, among the keys
// of Specs.
func Lookup(key string) (sim.ParamSpec, bool) { return builtinKeys().Lookup(key) }
