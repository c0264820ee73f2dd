package sim

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"go.yaml.in/yaml/v3"
)

// builtinFiles reads the built-in policies from their files in
// ../policies, in the order of their names' numbers. Package policies
// reads the same files strictly; its tests check that both readings agree.
var builtinFiles = sync.OnceValue(func() []Policy {
	files, err := filepath.Glob("../policies/*.yaml")
	if err != nil || len(files) == 0 {
		panic(fmt.Sprintf("no built-in policy files in ../policies: %v", err))
	}
	var out []Policy
	for _, file := range files { // Glob sorts: 1-afstand.yaml, 2-..., up to 9
		raw, err := os.ReadFile(file)
		if err != nil {
			panic(err)
		}
		var f struct {
			Name     string       `yaml:"name"`
			Sanction SanctionRule `yaml:"sanction"`
			Regime   Regime       `yaml:"regime"`
		}
		if err := yaml.Unmarshal(raw, &f); err != nil {
			panic(fmt.Sprintf("%s: %v", file, err))
		}
		out = append(out, Policy{Name: f.Name, Phases: []Phase{{Regime: f.Regime, Sanction: f.Sanction}}})
	}
	return out
})

// builtins returns the built-in policies, baseline first.
func builtins() []Policy { return builtinFiles() }

// builtin returns the built-in policy called name.
func builtin(name string) Policy {
	for _, p := range builtinFiles() {
		if p.Name == name {
			return p
		}
	}
	panic("no built-in policy " + name)
}

// regimeOf returns the regime of policy pol in p: the one p sets for it,
// else its own.
func regimeOf(p *Params, pol Policy) Regime { return p.Policies.resolve(&pol)[0] }

// tune changes the regime that p sets for the named policy of one phase
// (starting from its own), as the scenario key policies.NAME.SETTING does.
func tune(p *Params, name string, f func(*Regime)) {
	r := regimeOf(p, builtin(name))
	f(&r)
	p.Policies.SetRegime(name, "", r)
}
