package policies_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/results"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

// runHash runs pol on sc and hashes what the run writes: the monthly
// series, the summary and the event log.
func runHash(t *testing.T, sc *scenarios.Scenario, pol *policies.Policy, seed, rep uint64) string {
	t.Helper()
	m, err := sim.New(sc.Params, pol.Policy, seed, rep, sim.Options{RecordEvents: true})
	if err != nil {
		t.Fatal(err)
	}
	m.Run()
	r := results.FromModel(sc, m, seed, rep)
	var b bytes.Buffer
	for _, write := range []func() error{
		func() error { return results.WriteMonthlyCSV(&b, r, true) },
		func() error { return results.WriteSummaryJSON(&b, r) },
		func() error { return results.WriteEventsCSV(&b, r, true) },
	} {
		if err := write(); err != nil {
			t.Fatal(err)
		}
	}
	sum := sha256.Sum256(b.Bytes())
	return hex.EncodeToString(sum[:])
}

// TestBuiltinsAsFilesGiveTodaysResults runs the five built-in policies, now
// files, on the default scenario (120 months, seed 1, replicates 0 and 1)
// and compares the bytes of each run's monthly series, summary and event
// log with the hashes that the same runs gave when the policies were Go
// types (sim.Afstand{} and the others, until they were replaced by these
// files), updated since only where society's account came to count the
// benefit a sanction withholds (ODD 7.19; runs with sanctions) and where
// the monthly series and summary gained the column on_tegenprestatie
// (every other value unchanged, checked against the binary before). A second
// set does the same with scenario settings of the policies' regimes and a
// lever, on poelenburg for 48 months (seed 3, replicate 2), so the keys
// policies.NAME.SETTING still reach the run.
func TestBuiltinsAsFilesGiveTodaysResults(t *testing.T) {
	if testing.Short() {
		t.Skip("ten runs of ten years")
	}
	want := []struct {
		policy string
		rep    uint64
		sha256 string
	}{
		{"afstand", 0, "64e842a6395e5830370c11b60bebf15bf96ec59c84c73ff51aa8b153c28f2f55"},
		{"morele-verplichting", 0, "7c78c0086c89be1d3e6ee67d12411d5deeb6426075ba792c43fbcf13371363b7"},
		{"sanctie", 0, "6fd58de34012f443568a39e32c61e49b4b2a297fcb60a91eed0b21a1a86766b6"},
		{"maatwerk", 0, "abd3444fa1a504d92b1211d8fccef8fb4e7a34a706d48b3b46864ccf4717c812"},
		{"nabijheid", 0, "ae1dfe2c38f8ba3b38889ff539219a9c33a64ce64fdf1dc82e522c215c2b66d7"},
		{"afstand", 1, "8c86c496056017dcb6f7d6d7ceb42d200d81633f62bfd6c449be473a4222b1e0"},
		{"morele-verplichting", 1, "55cc47dbde55192593b3560494131e042e31099c0b012d29b899057b551b1bef"},
		{"sanctie", 1, "4502e2a67234717285db5d2527a5b987abffb89e10bd52584549d1a4b45a1ef5"},
		{"maatwerk", 1, "6ca003b75ad481eaa96aa33ced2aa31e05e8e54c41a65366a5861a9449147405"},
		{"nabijheid", 1, "276a995fa3c2c5eaf5c799950b7710b2cfe0e8f89ad86badad7c0e3168d2a53f"},
	}
	sc, err := scenarios.Load("default", scenarios.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range want {
		if got := runHash(t, sc, policies.MustBuiltin(w.policy), 1, w.rep); got != w.sha256 {
			t.Errorf("%s, replicate %d: sha256 %s, want %s as before", w.policy, w.rep, got, w.sha256)
		}
	}

	set := []string{"policies.maatwerk.hours_per_contact=4", "policies.nabijheid.sanction_probability=0.2",
		"policies.nabijheid.demand_rung=2", "levers.role_separation=true", "months=48"}
	tuned, err := scenarios.Load("poelenburg", scenarios.Options{Set: set})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []struct{ policy, sha256 string }{
		{"afstand", "37055beb2741a5a2cc444d888acbcf10d000297825ef39d696ecd2d7843fc9e4"},
		{"morele-verplichting", "c2ecce337af0e7715b97add919cc4220b592c9071a5a563374854734314c5a4b"},
		{"sanctie", "86d9bb972855bdc9fd4650cb699a5e9e845e58e2bca72427d89df06c9b4d42d9"},
		{"maatwerk", "950f1c10bae978ac54b5af297c17cc141a3dcb0aa9f003c6602cc02f18d86965"},
		{"nabijheid", "71bff05cf0a0406b4356fcdf64963e4d039aa0783cdcd8827b5840ad4b860ea8"},
	} {
		if got := runHash(t, tuned, policies.MustBuiltin(w.policy), 3, 2); got != w.sha256 {
			t.Errorf("%s with %v: sha256 %s, want %s as before", w.policy, set, got, w.sha256)
		}
	}
}

// TestBuiltinFilesReadTheSameLoosely checks that the built-in files, read
// loosely (as package sim's tests read them, not having this package),
// give the policies this package reads strictly.
func TestBuiltinFilesReadTheSameLoosely(t *testing.T) {
	files, err := filepath.Glob("*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var f struct {
			Name     string           `yaml:"name"`
			Sanction sim.SanctionRule `yaml:"sanction"`
			Regime   sim.Regime       `yaml:"regime"`
		}
		if err := yaml.Unmarshal(raw, &f); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		loose := sim.Policy{Name: f.Name, Phases: []sim.Phase{{Regime: f.Regime, Sanction: f.Sanction}}}
		strict := policies.MustBuiltin(f.Name)
		if !reflect.DeepEqual(loose, strict.Policy) {
			t.Errorf("%s: read loosely %+v, strictly %+v", file, loose, strict.Policy)
		}
		names = append(names, f.Name)
	}
	if !slices.Equal(names, policies.Names()) {
		t.Errorf("files in order give %v, Names %v", names, policies.Names())
	}
}

// TestBuiltins checks the built-in policies: the baseline first, each with
// both labels, a summary, a source and a colour, one phase, and a regime
// for the scenario keys policies.NAME.SETTING.
func TestBuiltins(t *testing.T) {
	if got, want := policies.Names(), []string{"afstand", "morele-verplichting", "sanctie", "maatwerk", "nabijheid"}; !slices.Equal(got, want) {
		t.Fatalf("Names = %v, want %v", got, want)
	}
	if policies.Baseline() != "afstand" {
		t.Errorf("Baseline = %s", policies.Baseline())
	}
	for _, p := range policies.Builtins() {
		if !p.Builtin || p.File != "embedded:"+p.Name || p.Label.NL == "" || p.Label.EN == "" || p.Summary.NL == "" || p.Summary.EN == "" || p.Source == "" || p.Colour == "" {
			t.Errorf("%s: incomplete: %+v", p.Name, p)
		}
		if len(p.Phases) != 1 || len(p.Levers) != 0 {
			t.Errorf("%s: %d phases, %d levers; want one phase, no lever", p.Name, len(p.Phases), len(p.Levers))
		}
		if n := len(p.RegimeSpecs()); n != len(sim.RegimeSettingNames()) {
			t.Errorf("%s: %d scenario keys, want %d", p.Name, n, len(sim.RegimeSettingNames()))
		}
	}
	if want := sim.JudgedAble; policies.MustBuiltin("maatwerk").Phases[0].Sanction != want {
		t.Errorf("maatwerk's sanction rule is not %s", want)
	}
}
