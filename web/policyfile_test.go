package web

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/experiment"
	"github.com/wijksim/wijksim/labels"
	"github.com/wijksim/wijksim/policies"
)

// examplePolicy returns an example policy file as the page sends it.
func examplePolicy(t testing.TB, name string) PolicyFile {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "examples", "policies", name))
	if err != nil {
		t.Fatal(err)
	}
	return PolicyFile{Name: name, YAML: string(b)}
}

// TestPolicyFileIsChecked posts policy files to /api/policies: a good one
// is described with a colour of its own, a bad one refused with the file,
// line, key and what is allowed.
func TestPolicyFileIsChecked(t *testing.T) {
	_, ts := startServer(t, testLimits())
	good := examplePolicy(t, "zaanstad-2019.yaml")
	code, body := postJSON(t, ts.Client(), ts.URL+"/api/policies", good)
	if code != http.StatusOK {
		t.Fatalf("good file: %d %s", code, body)
	}
	var info PolicyInfo
	if err := json.Unmarshal(body, &info); err != nil {
		t.Fatal(err)
	}
	builtinColours := map[string]bool{}
	for _, n := range policies.Names() {
		builtinColours[labels.Hex(labels.PolicyColour(n))] = true
	}
	if info.Name != "zaanstad-2019" || info.File != good.Name || info.Label.EN == "" || builtinColours[info.Colour] {
		t.Errorf("described as %+v", info)
	}

	bad := []struct {
		name string
		file PolicyFile
		want []string
	}{
		{"unknown key", PolicyFile{Name: "x.yaml", YAML: strings.Replace(good.YAML, "label:", "lable:", 1)},
			[]string{"policy x.yaml: line 8, column 1", `key "lable"`, "allowed: name, label, summary"}},
		{"out of range", PolicyFile{Name: "x.yaml", YAML: strings.Replace(good.YAML, "attention: 0.8", "attention: 8", 1)},
			[]string{"policy x.yaml: line", "attention", "allowed: number in [0, 1]"}},
		{"a built-in's name", PolicyFile{Name: "x.yaml", YAML: strings.Replace(good.YAML, "name: zaanstad-2019", "name: sanctie", 1)},
			[]string{`name "sanctie" is a built-in policy's`}},
		{"not YAML", PolicyFile{Name: "x.yaml", YAML: "name: [x"}, []string{"policy x.yaml", "not valid YAML"}},
		{"not a .yaml file", PolicyFile{Name: "x.txt", YAML: good.YAML}, []string{"x.txt: not a .yaml file"}},
		{"a path", PolicyFile{Name: "../x.yaml", YAML: good.YAML}, []string{"not a file name", "without /"}},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			code, body := postJSON(t, ts.Client(), ts.URL+"/api/policies", tt.file)
			if code != http.StatusBadRequest {
				t.Fatalf("%d %s", code, body)
			}
			var e apiError
			if err := json.Unmarshal(body, &e); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(e.Error, w) {
					t.Errorf("error does not say %q: %s", w, e.Error)
				}
			}
		})
	}
	if !strings.Contains(good.YAML, "attention: 0.8") {
		t.Fatal("the example lacks attention: 0.8, which a bad case changes")
	}
}

// TestResolvePolicyFiles checks which policy files a run may carry.
func TestResolvePolicyFiles(t *testing.T) {
	zaanstad := examplePolicy(t, "zaanstad-2019.yaml")
	escalatie := examplePolicy(t, "escalatie.yaml")
	served, err := policies.Load(filepath.Join("..", "examples", "policies", "maatwerk-rolscheiding.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		cfg    RunConfig
		served []*policies.Policy
		want   string // part of the error; empty for none
	}{
		{"a loaded file races the built-ins", RunConfig{Policies: []string{"afstand", "zaanstad-2019", "nabijheid"}, PolicyFiles: []PolicyFile{zaanstad}}, nil, ""},
		{"two files", RunConfig{Policies: []string{"zaanstad-2019", "escalatie"}, PolicyFiles: []PolicyFile{zaanstad, escalatie}}, nil, ""},
		{"a served policy by name", RunConfig{Policies: []string{"maatwerk", "maatwerk-rolscheiding"}}, []*policies.Policy{served}, ""},
		{"a file in place of a served policy", RunConfig{Policies: []string{"afstand", "zaanstad-2019"}, PolicyFiles: []PolicyFile{zaanstad}},
			[]*policies.Policy{served}, ""},
		{"a policy of no file", RunConfig{Policies: []string{"afstand", "zaanstad-2019"}}, nil, `unknown policy "zaanstad-2019"`},
		{"a served policy not served", RunConfig{Policies: []string{"afstand", "maatwerk-rolscheiding"}}, nil, `unknown policy "maatwerk-rolscheiding"`},
		{"a file of no policy that races", RunConfig{Policies: []string{"afstand", "nabijheid"}, PolicyFiles: []PolicyFile{zaanstad}}, nil,
			`policy_files[0]: policy "zaanstad-2019" of zaanstad-2019.yaml is not among the policies afstand, nabijheid`},
		{"one policy in two files", RunConfig{Policies: []string{"afstand", "zaanstad-2019"}, PolicyFiles: []PolicyFile{zaanstad, zaanstad}}, nil,
			`policy_files[1]: policy "zaanstad-2019" is in an earlier file too`},
		{"a bad file", RunConfig{Policies: []string{"afstand", "zaanstad-2019"}, PolicyFiles: []PolicyFile{{Name: "z.yaml", YAML: "name: zaanstad-2019\n"}}}, nil,
			"policy_files[0]: policy z.yaml"},
		{"too many files", RunConfig{Policies: []string{"afstand", "nabijheid"}, PolicyFiles: make([]PolicyFile, maxPolicies+1)}, nil,
			"policy_files: 5 given; allowed: at most 4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pl, err := testLimits().resolve(tt.cfg, tt.served...)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if got := policies.NamesOf(pl.Policies); strings.Join(got, ",") != strings.Join(tt.cfg.Policies, ",") {
					t.Errorf("policies %v, want %v", got, tt.cfg.Policies)
				}
				return
			}
			if err == nil || !isBadRequest(err) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v; want a bad request saying %q", err, tt.want)
			}
		})
	}
}

// TestPolicyFileRacesTheBuiltins races a loaded policy file against two
// built-in policies to the end and checks the stream names it, with its
// colour, and that it differs from afstand only from its switch on.
func TestPolicyFileRacesTheBuiltins(t *testing.T) {
	_, ts := startServer(t, testLimits())
	req := classRun(36, 0, true)
	req["policies"] = []string{"afstand", "zaanstad-2019", "nabijheid"}
	req["policy_files"] = []PolicyFile{examplePolicy(t, "zaanstad-2019.yaml")}
	id := create(t, ts.Client(), ts.URL, req)
	ctx, cancel := context.WithTimeout(t.Context(), settleTimeout)
	defer cancel()
	res := openEvents(t, ctx, ts.Client(), ts.URL, id)
	defer res.Body.Close()
	start, frames, _ := readRun(t, res.Body)
	if len(start.Policies) != 3 || start.Policies[1].Name != "zaanstad-2019" || start.Policies[1].File != "zaanstad-2019.yaml" ||
		start.Policies[1].Colour != labels.Hex(labels.PolicyColour("zaanstad-2019")) {
		t.Fatalf("start event policies %+v", start.Policies)
	}
	if len(frames) != 37 {
		t.Fatalf("%d frames, want months 0 to 36", len(frames))
	}
	// zaanstad-2019 is afstand until month 24: the same residents, the
	// same life events, the same regime, hence the same ladder.
	for _, f := range frames {
		same := f.Policies[0].Rungs == f.Policies[1].Rungs
		if f.Month < 24 && !same {
			t.Errorf("month %d: zaanstad-2019 %v differs from afstand %v before its switch", f.Month, f.Policies[1].Rungs, f.Policies[0].Rungs)
		}
	}
	if last := frames[len(frames)-1]; last.Policies[0].Rungs == last.Policies[1].Rungs {
		t.Errorf("month 36: zaanstad-2019 still has afstand's ladder %v", last.Policies[0].Rungs)
	}
}

// TestServedPoliciesAreOffered starts a server with a policy file, as
// `wijksim serve --policies FILE` does: the page's meta lists it after the
// built-in policies, and an export keeps its file byte for byte.
func TestServedPoliciesAreOffered(t *testing.T) {
	file := filepath.Join("..", "examples", "policies", "escalatie.yaml")
	p, err := policies.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(t.Context(), testLimits(), p, p); err == nil || !strings.Contains(err.Error(), "given twice") {
		t.Errorf("a policy served twice: %v", err)
	}
	if _, err := New(t.Context(), testLimits(), policies.MustBuiltin("afstand")); err == nil {
		t.Error("a built-in policy served as a file: no error")
	}
	srv, err := New(t.Context(), testLimits(), p)
	if err != nil {
		t.Fatal(err)
	}
	var m meta
	if err := json.Unmarshal(srv.meta, &m); err != nil {
		t.Fatal(err)
	}
	names := make([]string, len(m.Policies))
	for i, q := range m.Policies {
		names[i] = q.Name
	}
	if want := append(policies.Names(), "escalatie"); strings.Join(names, ",") != strings.Join(want, ",") {
		t.Errorf("meta policies %v, want %v", names, want)
	}

	lim := testLimits()
	pl, err := lim.resolve(RunConfig{Scenario: "assendelft", Policies: []string{"sanctie", "escalatie"}, Seed: 4,
		PolicyFiles: []PolicyFile{examplePolicy(t, "zaanstad-2019.yaml")}}, p)
	if err == nil {
		t.Errorf("a file of a policy that does not race: %v", pl.Policies)
	}
	pl, err = lim.resolve(RunConfig{Scenario: "assendelft", Policies: []string{"sanctie", "escalatie", "zaanstad-2019"}, Seed: 4,
		PolicyFiles: []PolicyFile{examplePolicy(t, "zaanstad-2019.yaml")}}, p)
	if err != nil {
		t.Fatal(err)
	}
	data, _, err := exportZip(pl, "")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := unzip(t, data, dir)
	for _, name := range []string{"escalatie.yaml", "zaanstad-2019.yaml"} {
		orig, err := os.ReadFile(filepath.Join("..", "examples", "policies", name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(files["beleid-"+name])
		if err != nil || !bytes.Equal(got, orig) {
			t.Errorf("the export's beleid-%s is not the file loaded (%v)", name, err)
		}
	}
	readme, err := os.ReadFile(files["README.txt"])
	if err != nil || !strings.Contains(string(readme), "--policies sanctie,beleid-escalatie.yaml,beleid-zaanstad-2019.yaml") {
		t.Errorf("README does not run the policy files (%v):\n%s", err, readme)
	}
	specPath := files["klas-assendelft-sweep.yaml"]
	raw, err := os.ReadFile(specPath)
	if err != nil {
		t.Fatal(err)
	}
	spec, err := experiment.ParseSpec(raw, specPath)
	if err != nil {
		t.Fatalf("spec refused: %v\n%s", err, raw)
	}
	if strings.Join(spec.Policies, ",") != "sanctie,escalatie,zaanstad-2019" || len(spec.PolicyFiles) != 2 {
		t.Errorf("spec policies %v, files %d", spec.Policies, len(spec.PolicyFiles))
	}
	for _, f := range spec.PolicyFiles {
		for _, q := range pl.Policies {
			if q.Name == f.Name && q.SHA256 != f.SHA256 {
				t.Errorf("%s: the spec reads another file than the class ran", f.Name)
			}
		}
	}
}
