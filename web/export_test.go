package web

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/experiment"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

// unzip writes the files of an export into dir and returns their names
// without the folder.
func unzip(t *testing.T, data []byte, dir string) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f.Name)
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		out[name] = path
	}
	return out
}

func TestExportReproducesTheRun(t *testing.T) {
	tests := []struct {
		name string
		cfg  RunConfig
	}{
		{"default with sliders", RunConfig{Scenario: "default", Policies: []string{"afstand", "sanctie", "nabijheid"}, Seed: 5,
			Set: map[string]json.RawMessage{"professionals.caseload": raw("60"), "trust.loss_intrusion": raw("0.04"), "months": raw("48"), "population.residents": raw("300")}}},
		{"poelenburg keeps its own values", RunConfig{Scenario: "poelenburg", Policies: []string{"sanctie", "maatwerk"}, Seed: 2,
			Set: map[string]json.RawMessage{"levers.role_separation": raw("true"), "policies.sanctie.sanction_probability": raw("0.6"),
				"policies.maatwerk.sanction_probability": raw("0.6"), "months": raw("24"), "places.activity": raw("20")}}},
		{"nothing changed", RunConfig{Scenario: "assendelft", Policies: []string{"afstand", "nabijheid"}, Set: map[string]json.RawMessage{"months": raw("120")}}},
	}
	_, ts := startServer(t, testLimits())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ts.Client().Post(ts.URL+"/api/export", "application/json", strings.NewReader(mustJSON(t, tt.cfg)))
			if err != nil {
				t.Fatal(err)
			}
			data, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/zip" {
				t.Fatalf("export: %d %s %s", res.StatusCode, res.Header.Get("Content-Type"), data)
			}
			wantName := "klas-" + tt.cfg.Scenario
			if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, wantName+".zip") {
				t.Errorf("Content-Disposition %q", cd)
			}
			dir := t.TempDir()
			files := unzip(t, data, dir)
			scenarioPath, specPath := files[wantName+".yaml"], files[wantName+"-sweep.yaml"]
			if scenarioPath == "" || specPath == "" || files["README.txt"] == "" {
				t.Fatalf("export holds %v", files)
			}
			pl, err := DefaultLimits().resolve(tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			// The scenario file loads to exactly the class run's parameters.
			sc, err := scenarios.Load(scenarioPath, scenarios.Options{})
			if err != nil {
				raw, _ := os.ReadFile(scenarioPath)
				t.Fatalf("exported scenario does not load: %v\n%s", err, raw)
			}
			if diff := paramDiff(sc.Params, pl.Scenario.Params); diff != "" {
				t.Errorf("exported scenario differs from the class run: %s", diff)
			}
			text, _ := os.ReadFile(scenarioPath)
			if strings.Count(string(text), "# klas;") != countChanged(t, pl) {
				t.Errorf("changed keys not each marked once:\n%s", text)
			}
			// The spec is accepted by `wijksim sweep --spec` and runs the
			// same parameters, policies and seed; replicate 0 is the class run.
			raw, _ := os.ReadFile(specPath)
			spec, err := experiment.ParseSpec(raw, specPath)
			if err != nil {
				t.Fatalf("spec refused: %v\n%s", err, raw)
			}
			plan, err := spec.Expand()
			if err != nil {
				t.Fatal(err)
			}
			if spec.Seed != tt.cfg.Seed || strings.Join(spec.Policies, ",") != strings.Join(tt.cfg.Policies, ",") {
				t.Errorf("spec seed %d policies %v", spec.Seed, spec.Policies)
			}
			if len(plan.Jobs) != len(tt.cfg.Policies)*exportReplicates {
				t.Errorf("%d jobs", len(plan.Jobs))
			}
			if j := plan.Jobs[0]; j.Replicate != 0 || j.Seed != tt.cfg.Seed || j.Policy != tt.cfg.Policies[0] {
				t.Errorf("sweep job 0 is %s seed %d replicate %d, not the class run", j.Policy, j.Seed, j.Replicate)
			}
			if spec.Design.Kind != experiment.DesignScenarios || len(spec.Design.Scenarios) != 1 {
				t.Fatalf("design %+v", spec.Design)
			}
			specScenario, err := scenarios.Load(filepath.Join(filepath.Dir(specPath), spec.Design.Scenarios[0]), scenarios.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := paramDiff(specScenario.Params, pl.Scenario.Params); diff != "" {
				t.Errorf("the sweep's scenario differs from the class run: %s", diff)
			}
			readme, _ := os.ReadFile(files["README.txt"])
			for _, want := range []string{"wijksim run --scenario " + wantName + ".yaml --policies " + strings.Join(tt.cfg.Policies, ","), "wijksim sweep --spec " + wantName + "-sweep.yaml"} {
				if !strings.Contains(string(readme), want) {
					t.Errorf("README lacks %q:\n%s", want, readme)
				}
			}
		})
	}
	if code, body := postJSON(t, ts.Client(), ts.URL+"/api/export", `{"scenario":"../../etc/passwd","policies":["afstand","sanctie"]}`); code != 400 {
		t.Errorf("export of a path: %d %s", code, body)
	}
}

// TestExportReadmeFollowsThePage checks that README.txt is in the page's
// language, which says "volg README.txt" in Dutch, with the same commands.
func TestExportReadmeFollowsThePage(t *testing.T) {
	_, ts := startServer(t, testLimits())
	cfg := RunConfig{Scenario: "default", Policies: []string{"afstand", "nabijheid"}, Seed: 3}
	readme := func(lang string) string {
		t.Helper()
		code, body := postJSON(t, ts.Client(), ts.URL+"/api/export", exportRequest{RunConfig: cfg, Lang: lang})
		if code != 200 {
			t.Fatalf("export in %q: %d %s", lang, code, body)
		}
		files := unzip(t, body, t.TempDir())
		b, err := os.ReadFile(files["README.txt"])
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	command := "wijksim run --scenario klas-default.yaml --policies afstand,nabijheid --seed 3 --out out/klas"
	for _, tt := range []struct {
		lang      string
		want, not []string
	}{
		// Dutch says "replicaties", as the report and compare do.
		{"nl", []string{"Pak deze map uit", "Aanpakken:", "betrouwbaarheidsintervallen", "30 replicaties", "10 replicaties", command}, []string{"Unpack", "Policies:", "confidence", "herhaling"}},
		{"en", []string{"Unpack this folder", "Policies:", "confidence intervals", command}, []string{"Pak deze", "Aanpakken"}},
		{"", []string{"Unpack this folder", command}, nil},
	} {
		got := readme(tt.lang)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("README in %q lacks %q:\n%s", tt.lang, w, got)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(got, w) {
				t.Errorf("README in %q says %q:\n%s", tt.lang, w, got)
			}
		}
	}
	if code, body := postJSON(t, ts.Client(), ts.URL+"/api/export", exportRequest{RunConfig: cfg, Lang: "fr"}); code != 400 || !strings.Contains(string(body), "allowed: nl or en") {
		t.Errorf("export in fr: %d %s, want 400 naming nl and en", code, body)
	}
}

func TestExportIsDeterministic(t *testing.T) {
	pl, err := DefaultLimits().resolve(RunConfig{Policies: []string{"afstand", "nabijheid"}, Set: map[string]json.RawMessage{"work.lock_in": raw("4")}})
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := exportZip(pl, "")
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := exportZip(pl, "")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two exports of the same run differ")
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// paramDiff names the first parameter that differs between a and b.
func paramDiff(a, b sim.Params) string {
	for _, s := range scenarios.Specs() {
		if s.Get(&a) != s.Get(&b) {
			return s.Key
		}
	}
	return ""
}

func countChanged(t *testing.T, pl *plan) int {
	t.Helper()
	c, err := changedKeys(pl)
	if err != nil {
		t.Fatal(err)
	}
	return len(c)
}
