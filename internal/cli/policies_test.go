package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/results"
)

// examplePolicies returns the policy files of examples/policies.
func examplePolicies(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "examples", "policies", "*.yaml"))
	if err != nil || len(files) < 3 {
		t.Fatalf("want at least three example policies: %v %v", files, err)
	}
	return files
}

// TestExamplePoliciesRunCompareAndSweep runs each example policy through
// run, compare and sweep (from its spec's policies list and with
// --policies), and checks that its name is in the tables and files and its
// file in the manifests.
func TestExamplePoliciesRunCompareAndSweep(t *testing.T) {
	for _, file := range examplePolicies(t) {
		name := strings.TrimSuffix(filepath.Base(file), ".yaml")
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			runDir := filepath.Join(dir, "run")
			code, out, errOut := wijksim(t, nil, "run", "--policies", "afstand,"+file, "--set", "months=30", "--out", runDir, "--quiet")
			if code != 0 {
				t.Fatalf("run: exit %d: %s", code, errOut)
			}
			if !strings.Contains(out, name) {
				t.Errorf("run's table does not name %s:\n%s", name, out)
			}
			man, err := results.ReadManifest(filepath.Join(runDir, name))
			if err != nil {
				t.Fatal(err)
			}
			if man.Policy != name || len(man.PolicyFiles) != 1 || man.PolicyFiles[0].Name != name || man.PolicyFiles[0].YAML == "" {
				t.Errorf("run manifest: policy %q, files %+v", man.Policy, man.PolicyFiles)
			}

			cmpDir := filepath.Join(dir, "compare")
			code, out, errOut = wijksim(t, nil, "compare", "--policies", "afstand,"+file, "--set", "months=30", "--replicates", "2", "--out", cmpDir, "--quiet")
			if code != 0 {
				t.Fatalf("compare: exit %d: %s", code, errOut)
			}
			if !strings.Contains(out, name) {
				t.Errorf("compare's table does not name %s:\n%s", name, out)
			}
			if man, err := results.ReadManifest(cmpDir); err != nil || len(man.PolicyFiles) != 1 {
				t.Errorf("compare manifest: %v, %+v", err, man)
			}

			abs, err := filepath.Abs(file)
			if err != nil {
				t.Fatal(err)
			}
			spec := filepath.Join(dir, "sweep.yaml")
			body := "name: example\nreplicates: 2\npolicies: [afstand, " + abs + "]\nset:\n  months: 30\ndesign:\n  kind: factorial\n  parameters:\n    - key: professionals.caseload\n      levels: [30, 50]\n"
			if err := os.WriteFile(spec, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{
				{"sweep", "--spec", spec, "--out", filepath.Join(dir, "sweep"), "--quiet"},
				{"sweep", "--spec", spec, "--policies", "nabijheid," + file, "--out", filepath.Join(dir, "sweep-flag"), "--quiet"},
			} {
				code, _, errOut = wijksim(t, nil, args...)
				if code != 0 {
					t.Fatalf("%v: exit %d: %s", args, code, errOut)
				}
				out := args[len(args)-2]
				sums, err := os.ReadFile(filepath.Join(out, "summaries.csv"))
				if err != nil {
					t.Fatal(err)
				}
				if n := strings.Count(string(sums), ","+name+","); n != 4 {
					t.Errorf("%v: %d rows of %s in summaries.csv, want 2 points x 2 replicates", args, n, name)
				}
				man, err := results.ReadManifest(out)
				if err != nil || len(man.PolicyFiles) != 1 {
					t.Errorf("%v: manifest %v, %+v", args, err, man)
				}
				// A second run resumes the same sweep: nothing to redo.
				code, stdout, errOut := wijksim(t, nil, args...)
				if code != 0 || !strings.Contains(stdout, "8 resumed") {
					t.Errorf("%v again: exit %d, %s %s; want every run resumed", args, code, stdout, errOut)
				}
			}
			// A sharded sweep with --policies merges from its folder alone.
			sharded := filepath.Join(dir, "sweep-shards")
			for _, shard := range []string{"0/2", "1/2"} {
				if code, _, errOut := wijksim(t, nil, "sweep", "--spec", spec, "--policies", "nabijheid,"+file, "--out", sharded, "--shard", shard, "--quiet"); code != 0 {
					t.Fatalf("shard %s: exit %d: %s", shard, code, errOut)
				}
			}
			if code, _, errOut := wijksim(t, nil, "merge", sharded); code != 0 {
				t.Fatalf("merge: exit %d: %s", code, errOut)
			}
			sums, err := os.ReadFile(filepath.Join(sharded, "summaries.csv"))
			if err != nil || strings.Count(string(sums), ","+name+",") != 4 {
				t.Errorf("merged summaries: %v\n%s", err, sums)
			}
		})
	}
}

// TestPoliciesShowsResolvedSettings checks `wijksim policies FILE`.
func TestPoliciesShowsResolvedSettings(t *testing.T) {
	file := filepath.Join("..", "..", "examples", "policies", "escalatie.yaml")
	code, out, errOut := wijksim(t, nil, "policies", file, "sanctie", "--set", "policies.sanctie.control=0.6")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"escalatie", "phase 2 (handhaving)", "12 months after the first contact and below rung 3",
		"sanction: none", "policies.sanctie.control", "sha256"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(out, "control                    0.6") {
		t.Errorf("sanctie's control is not shown as the scenario sets it:\n%s", out)
	}
	code, _, errOut = wijksim(t, nil, "run", "--policies", "examples/nowhere.yaml")
	if code == 0 || !strings.Contains(errOut, "nowhere.yaml") {
		t.Errorf("a missing policy file: exit %d, %s", code, errOut)
	}
}
