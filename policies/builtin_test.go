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
// benefit a sanction withholds (ODD 7.19; runs with sanctions). A second
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
		{"afstand", 0, "c6637585c6c4cff5193608f835a62a65e6dd14d62b234640d0f64d4037f8e785"},
		{"morele-verplichting", 0, "b7e73abcf3e976482d2950a761207970544761899dd5bf13f5c761b0078c30f0"},
		{"sanctie", 0, "6ffd1c118160d4ced932ea790b066e026838138737262aaea7768484302bad74"},
		{"maatwerk", 0, "325ffa8d6f61d7cbfb05167bd87a2799af6f846c5b7aa43a642d393a9c20fc6e"},
		{"nabijheid", 0, "c7bfae07324a69bc53f3bd71015b595fd0211b0bd4672ca6b85ebfd6494329d4"},
		{"afstand", 1, "837c82c3dd38328db965375220359e6da9eb6e1fa814b8939a67fc14bebe571d"},
		{"morele-verplichting", 1, "71f3980a54c97252e64e6031e2103f4cd4ac0015782154e79b2a7933ca93811d"},
		{"sanctie", 1, "9d255b777238c84c0f4b669481073f043c24c3f8ed6ee1f863ea04e6e81a6162"},
		{"maatwerk", 1, "18228a895b5d8f488c9dee4f2d2cb16696b0b619d6e33a6d4e15a7df624dd8a1"},
		{"nabijheid", 1, "2cdd6b492b6bfa0c06537cbc42df3f06e259dbfa7a57b756ec545bf8ac5a08ff"},
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
		{"afstand", "ac280192870d7b2e352a92407520ef4c6caa95ccce1b0fad19413a587dffd577"},
		{"morele-verplichting", "4656220ee28aebaaca6f5979312c23251f734175155ff2998d03f2e713270d7a"},
		{"sanctie", "c8cb66320aac29ccd95f14d5be85577254ac41b9f9e56bf77bb46d8c7b62fd4f"},
		{"maatwerk", "0583c466a50c74bb848d60c807b57d9a187bf56823de97c02cdfb391932dacfe"},
		{"nabijheid", "1031a4781f1995a58026ed688e397a55d22ab3014017433de55620eec4cedcfc"},
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
