package experiment

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/wijksim/wijksim/design"
	"github.com/wijksim/wijksim/internal/yamlcheck"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

// badSpec is a spec that must be refused, with the fragments of its error.
type badSpec struct {
	name string
	yaml string
	want []string // substrings of the error, besides the file name
}

// badSpecs are the specs TestParseSpecRefusesBadSpecs refuses; they also
// seed FuzzParseSpec.
func badSpecs() []badSpec {
	const factorial = "design:\n  kind: factorial\n  parameters:\n"
	const lhs = "design:\n  kind: lhs\n  samples: 4\n  parameters:\n"
	builtins := strings.Join(policies.Names(), ", ")
	kinds := strings.Join(designKinds, ", ")
	return []badSpec{
		{"unknown top-level key", "name: x\nreplicate: 3\ndesign:\n  kind: scenarios\n  scenarios: [default]\n",
			[]string{`line 2`, `key "replicate"`, "allowed: name, scenario, seed, replicates, policies, set, design, outputs"}},
		{"missing design", "name: x\n",
			[]string{`key "design"`, "allowed kinds: " + kinds}},
		{"unknown design kind", "design:\n  kind: grid\n",
			[]string{`line 2`, `key "design.kind"`, `"grid"`, "allowed: " + kinds}},
		{"unknown design key", "design:\n  kind: factorial\n  factors: []\n",
			[]string{`line 3`, `key "design.factors"`, "allowed: kind, samples", "scenarios, parameters"}},
		{"unknown parameter key", factorial + "    - key: trust.nope\n      levels: [1]\n",
			[]string{`line 4`, `key "design.parameters[0].key"`, `"trust.nope"`, "wijksim params"}},
		{"parameter twice", factorial + "    - key: months\n      levels: [12]\n    - key: months\n      levels: [24]\n",
			[]string{`line 6`, `key "design.parameters[1].key"`, "twice"}},
		{"level out of range", factorial + "    - key: trust.gain_per_contact\n      levels: [0.05, 2]\n",
			[]string{`line 5`, `key "design.parameters[0].levels[1]"`, "value 2", "allowed: number in [0, 1]"}},
		{"integer level not whole", factorial + "    - key: professionals.caseload\n      levels: [20, 40.5]\n",
			[]string{`line 5`, `key "design.parameters[0].levels[1]"`, "40.5", "allowed: integer in"}},
		{"boolean level not a boolean", factorial + "    - key: levers.role_separation\n      levels: [1]\n",
			[]string{`line 5`, `key "design.parameters[0].levels[0]"`, "allowed: true or false"}},
		{"level not a number", factorial + "    - key: months\n      levels: [long]\n",
			[]string{`line 5`, `key "design.parameters[0].levels[0]"`, `"long"`, "not a number"}},
		{"no levels", factorial + "    - key: months\n      levels: []\n",
			[]string{`line 4`, `key "design.parameters[0].levels"`, "one or more values"}},
		{"range in a factorial design", factorial + "    - key: months\n      min: 1\n      max: 3\n",
			[]string{`line 5`, `key "design.parameters[0].min"`, "takes levels"}},
		{"min above max", lhs + "    - key: trust.gain_per_contact\n      min: 0.5\n      max: 0.1\n",
			[]string{`line 6`, `key "design.parameters[0]"`, "[0.5, 0.1]", "allowed: min < max within [0, 1]"}},
		{"min equal to max", lhs + "    - key: trust.gain_per_contact\n      min: 0.3\n      max: 0.3\n",
			[]string{`line 6`, `key "design.parameters[0]"`, "allowed: min < max within [0, 1]"}},
		{"max out of range", lhs + "    - key: trust.gain_per_contact\n      min: 0.1\n      max: 1.5\n",
			[]string{`line 6`, `key "design.parameters[0]"`, "allowed: min < max within [0, 1]"}},
		{"integer range not whole", lhs + "    - key: professionals.caseload\n      min: 10.5\n      max: 80\n",
			[]string{`line 6`, `key "design.parameters[0]"`, "whole min and max"}},
		{"range without max", lhs + "    - key: trust.gain_per_contact\n      min: 0.1\n",
			[]string{`line 5`, `key "design.parameters[0]"`, "needs min and max"}},
		{"sampled design without samples", "design:\n  kind: sobol\n  parameters:\n    - key: trust.gain_per_contact\n      min: 0\n      max: 1\n",
			[]string{`line 2`, `key "design.samples"`, "missing", "number of samples"}},
		{"samples out of range", "design:\n  kind: halton\n  samples: 0\n  parameters:\n    - key: trust.gain_per_contact\n      min: 0\n      max: 1\n",
			[]string{`line 3`, `key "design.samples"`, "allowed: integer in [", ", 1000000]"}},
		{"samples in a factorial design", "design:\n  kind: factorial\n  samples: 8\n  parameters:\n    - key: months\n      levels: [12]\n",
			[]string{`line 3`, `key "design.samples"`, "only for the", "lhs, sobol"}},
		{"boolean in a sampled design", lhs + "    - key: levers.role_separation\n      min: 0\n      max: 1\n",
			[]string{`line 5`, `key "design.parameters[0].key"`, "boolean cannot be sampled", "factorial"}},
		{"levels in a sampled design", lhs + "    - key: trust.gain_per_contact\n      levels: [0.1, 0.2]\n",
			[]string{`line 6`, `key "design.parameters[0].levels"`, "give min and max"}},
		{"unknown policy", "policies: [afstand, streng]\ndesign:\n  kind: scenarios\n  scenarios: [default]\n",
			[]string{`line 1`, `key "policies[1]"`, `"streng"`, "allowed: all, " + builtins + ", or the path of a policy file"}},
		{"unknown output", "outputs: [summary, plots]\ndesign:\n  kind: scenarios\n  scenarios: [default]\n",
			[]string{`line 1`, `key "outputs[1]"`, `"plots"`, "allowed: summary, monthly, events"}},
		{"mistyped policy", "policies: [afstand, nabijhied]\ndesign:\n  kind: scenarios\n  scenarios: [default]\n",
			[]string{`line 1`, `key "policies[1]"`, `did you mean "nabijheid"?`}},
		{"no policies", "policies: []\ndesign:\n  kind: scenarios\n  scenarios: [default]\n",
			[]string{`line 1`, `key "policies"`, "empty list; allowed: all or one or more of " + builtins + ", or paths of policy files"}},
		{"policy twice", "policies: [afstand, afstand]\ndesign:\n  kind: scenarios\n  scenarios: [default]\n",
			[]string{`line 1`, `key "policies[1]"`, `policy "afstand" given twice`}},
		{"mistyped design kind", "design:\n  kind: factorail\n",
			[]string{`line 2`, `key "design.kind"`, `did you mean "factorial"?`}},
		{"mistyped output", "outputs: [summary, montly]\ndesign:\n  kind: scenarios\n  scenarios: [default]\n",
			[]string{`line 1`, `key "outputs[1]"`, `did you mean "monthly"?`}},
		{"mistyped parameter", factorial + "    - key: professionals.caseloda\n      levels: [20]\n",
			[]string{`line 4`, `did you mean "professionals.caseload"?`}},
		{"second document", "design:\n  kind: scenarios\n  scenarios: [default]\n---\nreplicates: 5\n",
			[]string{`line 4`, "second YAML document"}},
		{"empty", "# nothing\n", []string{"empty file"}},
		{"replicates out of range", "replicates: 0\ndesign:\n  kind: scenarios\n  scenarios: [default]\n",
			[]string{`line 1`, `key "replicates"`, "allowed: integer in [1, 100000]"}},
		{"seed not an integer", "seed: abc\ndesign:\n  kind: scenarios\n  scenarios: [default]\n",
			[]string{`line 1`, `key "seed"`, "not an integer"}},
		{"unknown key in set", "set:\n  months: 12\n  trust.nope: 1\ndesign:\n  kind: scenarios\n  scenarios: [default]\n",
			[]string{`line 3`, `key "set.trust.nope"`, "wijksim params"}},
		{"set value out of range", "set:\n  months: 5000\ndesign:\n  kind: scenarios\n  scenarios: [default]\n",
			[]string{`line 2, column 11`, `key "set.months"`, "value 5000 is out of range; allowed: integer in [1, 1200]"}},
		{"bad scenario", "scenario: nergens\ndesign:\n  kind: factorial\n  parameters:\n    - key: months\n      levels: [12]\n",
			[]string{`line 1`, `key "scenario"`, `"nergens"`, "assendelft, default, poelenburg"}},
		{"bad scenario in a scenarios design", "design:\n  kind: scenarios\n  scenarios:\n    - default\n    - nergens\n",
			[]string{`line 5`, `key "design.scenarios[1]"`, `"nergens"`, "assendelft, default, poelenburg"}},
		{"missing scenario file", "scenario: missing.yaml\ndesign:\n  kind: scenarios\n  scenarios: [default]\n",
			[]string{`key "scenario"`, "missing.yaml"}},
		{"not YAML", "design: [kind: factorial\n", []string{"not valid YAML"}},
		{"no scenarios", "design:\n  kind: scenarios\n  scenarios: []\n",
			[]string{`line 3`, `key "design.scenarios"`, "empty; list one or more scenarios"}},
		{"a scenario twice", "design:\n  kind: scenarios\n  scenarios:\n    - default\n    - poelenburg\n    - default\n",
			[]string{`line 6`, `key "design.scenarios[2]"`, `scenario "default" given twice`}},
		{"a level twice", factorial + "    - key: professionals.caseload\n      levels: [20, 40, 20.0]\n",
			[]string{`line 5`, `key "design.parameters[0].levels[2]"`, "level 20.0 given twice; allowed: distinct levels"}},

		{"empty file", "", []string{"empty"}},
	}
}

// TestParseSpecRefusesBadSpecs checks that every mistake in a spec is an
// error naming the file, the key with its line, and what is allowed.
func TestParseSpecRefusesBadSpecs(t *testing.T) {
	for _, tc := range badSpecs() {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := writeSpecFile(t, dir, "bad-spec.yaml", tc.yaml)
			spec, err := LoadSpec(path)
			if err == nil {
				t.Fatalf("no error; spec %+v", spec)
			}
			msg := err.Error()
			for _, want := range append([]string{"spec " + path + ":"}, tc.want...) {
				if !strings.Contains(msg, want) {
					t.Errorf("error does not say %q:\n%s", want, msg)
				}
			}
		})
	}
}

// TestSpecWithTooManySobolFactorsRunsNothing checks that a design the
// sampler cannot make is refused before any run or folder is made.
func TestSpecWithTooManySobolFactorsRunsNothing(t *testing.T) {
	var b strings.Builder
	b.WriteString("design:\n  kind: sobol\n  samples: 4\n  parameters:\n")
	n := 0
	for _, s := range scenarios.Specs() {
		if s.Kind != sim.Float || n > design.MaxSobolDim {
			continue
		}
		n++
		b.WriteString("    - key: " + s.Key + "\n      min: " + fmtNum(s.Min) + "\n      max: " + fmtNum(s.Max) + "\n")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	spec, err := LoadSpec(writeSpecFile(t, dir, "sobol22.yaml", b.String()))
	if err == nil {
		_, err = Sweep(context.Background(), spec, SweepOptions{Out: out, Workers: 1})
	}
	if err == nil || !strings.Contains(err.Error(), "allowed: 1 to 21") {
		t.Fatalf("error %v, want one saying 1 to 21 factors are allowed", err)
	}
	if _, serr := os.Stat(out); serr == nil {
		t.Errorf("the refused sweep made its folder %s", out)
	}
}

func fmtNum(x float64) string {
	b, _ := yaml.Marshal(x)
	return strings.TrimSpace(string(b))
}

func TestParseSpecDefaults(t *testing.T) {
	raw := "design:\n  kind: scenarios\n  scenarios: [default]\n"
	path := writeSpecFile(t, t.TempDir(), "my-sweep.yaml", raw)
	spec, err := LoadSpec(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(raw))
	if spec.Name != "my-sweep" || spec.Scenario != "default" || spec.Seed != 1 || spec.Replicates != 1 ||
		!slices.Equal(spec.Policies, policies.Names()) || !slices.Equal(spec.Outputs, []string{OutputSummary}) ||
		spec.SHA256 != hex.EncodeToString(sum[:]) || spec.Source != path {
		t.Errorf("defaults: %+v", spec)
	}
	spec = mustLoadSpec(t, "policies: all\noutputs: [events, monthly]\ndesign:\n  kind: scenarios\n  scenarios: [default]\n")
	if !slices.Equal(spec.Policies, policies.Names()) {
		t.Errorf("policies: all gave %v", spec.Policies)
	}
	if !slices.Equal(spec.Outputs, []string{OutputSummary, OutputEvents, OutputMonthly}) {
		t.Errorf("outputs %v: the summary is always kept", spec.Outputs)
	}
	spec = mustLoadSpec(t, "policies: nabijheid\ndesign:\n  kind: scenarios\n  scenarios: default\n")
	if !slices.Equal(spec.Policies, []string{"nabijheid"}) || !slices.Equal(spec.Design.Scenarios, []string{"default"}) {
		t.Errorf("a single value for a list: policies %v, scenarios %v", spec.Policies, spec.Design.Scenarios)
	}
}

// TestExpandOrdersJobs checks the order of points and jobs (point, then
// policy, then replicate) and that each job carries its point's values.
func TestExpandOrdersJobs(t *testing.T) {
	spec := mustLoadSpec(t, `seed: 9
replicates: 2
policies: [sanctie, nabijheid]
set:
  months: 12
design:
  kind: factorial
  parameters:
    - key: professionals.caseload
      levels: [20, 80]
    - key: trust.gain_per_contact
      levels: [0.02, 0.05, 0.1]
    - key: levers.role_separation
      levels: [true]
`)
	plan, err := spec.Expand()
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Points) != 6 || len(plan.Jobs) != 6*2*2 {
		t.Fatalf("%d points and %d jobs, want 6 and 24", len(plan.Points), len(plan.Jobs))
	}
	i := 0
	for pi, pt := range plan.Points {
		caseload := []int{20, 80}[pi/3]
		gain := []float64{0.02, 0.05, 0.1}[pi%3]
		if pt.Index != pi || !slices.Equal(pt.Values, design.Point{float64(caseload), gain, 1}) {
			t.Errorf("point %d: index %d, values %v", pi, pt.Index, pt.Values)
		}
		for _, pol := range []string{"sanctie", "nabijheid"} {
			for r := uint64(0); r < 2; r++ {
				j := plan.Jobs[i]
				if j.Index != i || j.Point != pi || j.Policy != pol || j.Replicate != r || j.Seed != 9 {
					t.Errorf("job %d: %+v, want point %d, policy %s, replicate %d, seed 9", i, j, pi, pol, r)
				}
				p := j.Params
				if p.Professionals.Caseload != caseload || p.Trust.GainPerContact != gain || !p.Levers.RoleSeparation || p.Months != 12 {
					t.Errorf("job %d: caseload %d, gain %v, role separation %v, months %d", i, p.Professionals.Caseload, p.Trust.GainPerContact, p.Levers.RoleSeparation, p.Months)
				}
				i++
			}
		}
	}
	if len(plan.Invalid) != 0 {
		t.Errorf("invalid points: %v", plan.Invalid)
	}
}

// TestExpandDesigns checks the number of points of every design kind and
// that one-at-a-time varies around the scenario's own values.
func TestExpandDesigns(t *testing.T) {
	for _, tc := range []struct {
		name   string
		design string
		points int
	}{
		{"scenarios", "  kind: scenarios\n  scenarios: [default, poelenburg]\n", 2},
		{"factorial", "  kind: factorial\n  parameters:\n    - key: months\n      levels: [6, 12, 18]\n    - key: professionals.caseload\n      levels: [20, 40]\n", 6},
		// caseload 40 and role separation false are the defaults: skipped.
		{"oat", "  kind: oat\n  parameters:\n    - key: professionals.caseload\n      levels: [20, 40, 80]\n    - key: levers.role_separation\n      levels: [false, true]\n", 1 + 2 + 1},
		{"lhs", "  kind: lhs\n  samples: 7\n  parameters:\n    - key: trust.gain_per_contact\n      min: 0\n      max: 0.2\n", 7},
		{"sobol", "  kind: sobol\n  samples: 5\n  parameters:\n    - key: trust.gain_per_contact\n      min: 0\n      max: 0.2\n", 5},
		{"halton", "  kind: halton\n  samples: 3\n  parameters:\n    - key: trust.gain_per_contact\n      min: 0\n      max: 0.2\n", 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			spec := mustLoadSpec(t, "policies: [afstand]\nreplicates: 3\ndesign:\n"+tc.design)
			plan, err := spec.Expand()
			if err != nil {
				t.Fatal(err)
			}
			if len(plan.Points) != tc.points || len(plan.Jobs) != tc.points*3 {
				t.Errorf("%d points, %d jobs; want %d and %d", len(plan.Points), len(plan.Jobs), tc.points, tc.points*3)
			}
			if tc.name == "oat" {
				def := sim.Defaults()
				if base := plan.Points[0].Values; !slices.Equal(base, design.Point{float64(def.Professionals.Caseload), 0}) {
					t.Errorf("base point %v, want the scenario's values", base)
				}
			}
			if tc.name == "scenarios" && (plan.Points[0].Scenario.Name != "default" || plan.Points[1].Scenario.Name != "poelenburg") {
				t.Errorf("scenario points %s, %s", plan.Points[0].Scenario.Name, plan.Points[1].Scenario.Name)
			}
		})
	}
}

// shrinkSpec sets months and residents in the spec's set mapping, so that
// an example runs in a moment.
func shrinkSpec(t *testing.T, raw []byte, months, residents string) []byte {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	top := doc.Content[0]
	var set *yaml.Node
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value == "set" {
			set = top.Content[i+1]
		}
	}
	if set == nil {
		set = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		top.Content = append(top.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "set"}, set)
	}
	put := func(k, v string) {
		for i := 0; i+1 < len(set.Content); i += 2 {
			if set.Content[i].Value == k {
				set.Content[i+1].Value = v
				return
			}
		}
		set.Content = append(set.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k}, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: v})
	}
	put("months", months)
	put("population.residents", residents)
	out, err := yaml.Marshal(&doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestExampleSpecsRun loads every example spec as it is, then runs it on a
// short horizon and a small population.
func TestExampleSpecsRun(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("..", "examples", "sweeps", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 6 {
		t.Fatalf("found %d example specs: %v", len(paths), paths)
	}
	kinds := map[string]bool{}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			spec, err := LoadSpec(path)
			if err != nil {
				t.Fatal(err)
			}
			kinds[spec.Design.Kind] = true
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			small, err := ParseSpec(shrinkSpec(t, raw, "12", "100"), path)
			if err != nil {
				t.Fatalf("shrunk: %v", err)
			}
			plan, err := small.Expand()
			if err != nil {
				t.Fatal(err)
			}
			out := t.TempDir()
			rep := mustSweep(t, small, out, 2)
			if rep.Runs != len(plan.Jobs) || rep.Runs != len(plan.Points)*len(spec.Policies)*spec.Replicates {
				t.Errorf("%d runs; the plan has %d jobs on %d points", rep.Runs, len(plan.Jobs), len(plan.Points))
			}
			if rep.Failed != 0 || rep.Skipped != 0 {
				t.Errorf("%d failed and %d skipped runs", rep.Failed, rep.Skipped)
			}
			want := []string{PointsFile, SummariesFile}
			if slices.Contains(spec.Outputs, OutputMonthly) {
				want = append(want, SweepMonthlyFile)
			}
			if slices.Contains(spec.Outputs, OutputEvents) {
				want = append(want, SweepEventsFile)
			}
			if !slices.Equal(rep.Files, want) {
				t.Errorf("files %v, want %v", rep.Files, want)
			}
			rows := readCSV(t, filepath.Join(out, SummariesFile))
			if len(rows)-1 != rep.Runs {
				t.Errorf("summaries.csv has %d rows, want %d", len(rows)-1, rep.Runs)
			}
		})
	}
	for _, k := range []string{DesignScenarios, DesignFactorial, DesignOneAtATime, DesignLHS, DesignSobol, DesignHalton} {
		if !kinds[k] {
			t.Errorf("no example spec of design kind %s", k)
		}
	}
}

// TestSpecLevelErrorIsStructured: a level the registry refuses is reported
// at its line and column, and carries the registry's *sim.ValueError.
func TestSpecLevelErrorIsStructured(t *testing.T) {
	_, err := ParseSpec([]byte(`design:
  kind: factorial
  parameters:
    - key: professionals.caseload
      levels: [20, 0]
`), "levels.yaml")
	var ve *sim.ValueError
	if !errors.As(err, &ve) || ve.Key != "professionals.caseload" || ve.Allowed != "integer in [1, 10000]" {
		t.Fatalf("error %v; want a *sim.ValueError for professionals.caseload", err)
	}
	var fe *yamlcheck.Error
	if !errors.As(err, &fe) || fe.Line != 5 || fe.Column != 20 || fe.Key != "design.parameters[0].levels[1]" {
		t.Fatalf("error %v; want it at line 5, column 20, key design.parameters[0].levels[1]", err)
	}
	if strings.Count(err.Error(), "professionals.caseload") != 0 {
		t.Errorf("error %q names the parameter key where it names the spec's key", err)
	}
}

// TestOverridden: a key both fixed under set and varied by the design is
// reported, except in a one-at-a-time design, where set gives the base.
func TestOverridden(t *testing.T) {
	for _, c := range []struct {
		kind string
		want []string
	}{{"factorial", []string{"professionals.caseload"}}, {"oat", nil}} {
		spec := mustLoadSpec(t, "set:\n  professionals.caseload: 30\n  months: 12\ndesign:\n  kind: "+c.kind+"\n  parameters:\n    - key: professionals.caseload\n      levels: [20, 40]\n    - key: trust.gain_per_contact\n      levels: [0.02, 0.05]\n")
		if got := spec.Overridden(); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.kind, got, c.want)
		}
	}
}
