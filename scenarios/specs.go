package scenarios

import (
	"slices"
	"sync"

	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/sim"
)

// specs is the list of every key a scenario sets, built once; it never
// changes.
var specs = sync.OnceValue(func() specList {
	list := sim.Specs()
	for _, p := range policies.Builtins() {
		list = append(list, p.RegimeSpecs()...)
	}
	l := specList{specs: list, index: make(map[string]int, len(list))}
	for i, s := range list {
		l.index[s.Key] = i
	}
	return l
})

type specList struct {
	specs []sim.ParamSpec
	index map[string]int
}

// Specs returns the specification of every key a scenario file sets, in
// file order: the model's parameters (sim.Specs), then the regime of each
// built-in policy, policies.NAME.SETTING, whose defaults are the regimes of
// the policies' files.
func Specs() []sim.ParamSpec { return slices.Clone(specs().specs) }

// Lookup returns the specification of the scenario key.
func Lookup(key string) (sim.ParamSpec, bool) {
	l := specs()
	i, ok := l.index[key]
	if !ok {
		return sim.ParamSpec{}, false
	}
	return l.specs[i], true
}
