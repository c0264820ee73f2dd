package experiment

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseSpec: no spec makes ParseSpec, Size or (for a plan of a size a
// test can hold) Expand panic, and an accepted spec has a safe name and at
// least one policy.
func FuzzParseSpec(f *testing.F) {
	for _, tc := range badSpecs() {
		f.Add([]byte(tc.yaml))
	}
	examples, _ := filepath.Glob(filepath.Join("..", "examples", "*", "*.yaml"))
	for _, path := range examples {
		if b, err := os.ReadFile(path); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(smallSweep))
	f.Add([]byte("name: \"x\\ntouch INJECTED\\n#\"\ndesign:\n  kind: scenarios\n  scenarios: [default]\n"))
	f.Add([]byte("policies: []\ndesign:\n  kind: scenarios\n  scenarios: [default]\n"))
	f.Add([]byte("replicates: 100000\ndesign:\n  kind: halton\n  samples: 1000000\n  parameters:\n    - key: trust.gain_per_contact\n      min: 0\n      max: 0.2\n"))
	dir := f.TempDir()
	path := filepath.Join(dir, "fuzz.yaml")
	f.Fuzz(func(t *testing.T, raw []byte) {
		spec, err := ParseSpec(raw, path)
		if err != nil {
			return
		}
		if !SafeName(spec.Name) || len(spec.Policies) == 0 {
			t.Fatalf("accepted spec with name %q and policies %v", spec.Name, spec.Policies)
		}
		_, runs, err := spec.Size()
		if err != nil || runs > 2000 {
			return
		}
		plan, err := spec.Expand()
		if err != nil {
			return
		}
		// One-at-a-time skips levels equal to the scenario's: Size is an
		// upper bound there, exact elsewhere.
		if len(plan.Jobs) > runs || (spec.Design.Kind != DesignOneAtATime && len(plan.Jobs) != runs) {
			t.Errorf("Size said %d runs, Expand made %d", runs, len(plan.Jobs))
		}
	})
}
