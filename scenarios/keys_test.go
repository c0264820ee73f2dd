package scenarios

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/policies"
)

// escalatie is the example policy of two phases, nabijheid and handhaving.
func escalatie(t *testing.T) *policies.Policy {
	t.Helper()
	p, err := policies.Load(filepath.Join("..", "examples", "policies", "escalatie.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestPolicyFileKeys: a scenario loaded for a policy file sets the regime
// of each of its phases (in the file and by --set), and one loaded without
// it refuses the key.
func TestPolicyFileKeys(t *testing.T) {
	const key = "policies.escalatie.handhaving.sanction_probability"
	pol := escalatie(t)
	for _, c := range []struct {
		name string
		load func(opt Options) (*Scenario, error)
	}{
		{"set", func(opt Options) (*Scenario, error) {
			opt.Set = []string{key + "=0.55"}
			return Load("default", opt)
		}},
		{"file", func(opt Options) (*Scenario, error) {
			return Parse([]byte("policies:\n  escalatie:\n    handhaving:\n      sanction_probability: 0.55\n"), "test.yaml", opt)
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc, err := c.load(Options{Policies: []*policies.Policy{pol}})
			if err != nil {
				t.Fatal(err)
			}
			r, ok := sc.Params.Policies.Regime("escalatie", "handhaving")
			if !ok || r.SanctionProbability != 0.55 {
				t.Errorf("regime of handhaving = %+v (set: %v), want sanction probability 0.55", r, ok)
			}
			if _, ok := sc.Params.Policies.Regime("escalatie", "nabijheid"); ok {
				t.Error("the other phase's regime is set too")
			}
			if _, ok := sc.Keys().Lookup(key); !ok {
				t.Errorf("the scenario's keys lack %s", key)
			}
			_, err = c.load(Options{})
			if err == nil || !strings.Contains(err.Error(), "unknown key") {
				t.Errorf("without the policy file: error %v, want an unknown key", err)
			}
		})
	}
}

// TestKeysForRefusesClashingPolicies: two policy files of one name, or
// whose keys would share an environment variable (policy eerst-nabijheid
// of one phase, and policy eerst with a phase nabijheid), are refused.
func TestKeysForRefusesClashingPolicies(t *testing.T) {
	esc := escalatie(t)
	other := *esc
	other.File = "other.yaml"
	one := *policies.MustBuiltin("nabijheid")
	one.Name, one.Builtin, one.File = "eerst-nabijheid", false, "one.yaml"
	two := *esc
	two.Name, two.File = "eerst", "two.yaml"
	for _, c := range []struct {
		name  string
		files []*policies.Policy
		want  string
	}{
		{"one name twice", []*policies.Policy{esc, &other}, "two policies called escalatie"},
		{"one environment variable", []*policies.Policy{&one, &two}, "share the environment variable WIJKSIM_POLICIES_EERST_NABIJHEID_CONTACT_INTERVAL_MONTHS"},
	} {
		for _, f := range c.files {
			if _, err := KeysFor([]*policies.Policy{f}); err != nil {
				t.Fatalf("%s: %s alone: %v", c.name, f.Name, err)
			}
		}
		_, err := KeysFor(c.files)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
}

// TestKeysForBuiltinsOnly: built-in policies among the files add nothing.
func TestKeysForBuiltinsOnly(t *testing.T) {
	reg, err := KeysFor(policies.Builtins())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(reg.Specs()), len(Specs()); got != want {
		t.Errorf("%d keys, want the %d built-in ones", got, want)
	}
}

// TestTargetNames: every embedded target file listed loads, and a name
// not listed (the calibrated scenario beside them) is not a target file.
func TestTargetNames(t *testing.T) {
	for _, name := range TargetNames() {
		if _, err := TargetFile(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := TargetFile("default-calibrated"); err == nil || !strings.Contains(err.Error(), "available: ladder, nl-benefit, sanctions, trust, validation") {
		t.Errorf("default-calibrated: %v; want a refusal listing the target files", err)
	}
}
