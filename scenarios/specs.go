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

func newRegistry(list []sim.ParamSpec) (*Registry, error) {
	r := &Registry{specs: list, index: make(map[string]int, len(list))}
	for i, s := range list {
		if _, dup := r.index[s.Key]; dup {
			return nil, fmt.Errorf("key %q: set by two policies; allowed: policy and phase names that differ in more than dashes and underscores", s.Key)
		}
		r.index[s.Key] = i
	}
	return r, nil
}

// KeysFor returns the registry of a scenario run with the policy files
// files (built-in policies among them are skipped): the built-in keys
// followed by the regime keys of each file, in the order given. Two files
// whose keys would be the same (names that differ only in a dash and an
// underscore) are refused.
func KeysFor(files []*policies.Policy) (*Registry, error) {
	custom := policies.Custom(files)
	if len(custom) == 0 {
		return builtinKeys(), nil
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
