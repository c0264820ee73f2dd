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
		{"afstand", 0, "b3e0eb33f2077584f2c9c983dbe26d7f937c1da6810722881a5f137a2470ce1b"},
		{"morele-verplichting", 0, "09b17d309f0a2c9dc332f815d1896a9bddbe6e6db253271f29f965c7607e5c8e"},
		{"sanctie", 0, "397c3187bd0632e1bdc06f8cb00b4b9239d98fd1a1394a916412e1058859de8f"},
		{"maatwerk", 0, "a742384b394f9a11878384b61f5f1f880ecf31e47103b8f6afbd129cdebbea1e"},
		{"nabijheid", 0, "0aa7d7bdd637b2e6e6d9f843a028d661b6fa7d2a9a645bb9f9f5f4761e22276f"},
		{"afstand", 1, "b1d7357584efd348c08e5018fc37c02f7a270e5d6785edbb80199dcdb093f118"},
		{"morele-verplichting", 1, "40ee43b09e45a738a7ea184b85a6f340a3d25c6cba12064c5bd76f3bb95cd154"},
		{"sanctie", 1, "73771df558d412f5370a84a32e7a788ba528556b1c31555cca8f3a311783256d"},
		{"maatwerk", 1, "fa3a88e7404f7c6f59a885f04a24e61f1c34a0e12996135c3acb6d453e9c6ffe"},
		{"nabijheid", 1, "43e32db5d8b4d2b946d4152b1e16b01b8f6db4a8017ff79181b2d202ddbfc54e"},
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
		{"afstand", "63b0d89333a942152ba71368baba893dcd76cd1d1fbdb8ab1645fb37970751fd"},
		{"morele-verplichting", "56210e54dcd373cf448078239b2766d1a7877bc74efc536d41e460cfa763685b"},
		{"sanctie", "4b4ca2db5b542baf8fbabfdc7edf95f1711b62fb49d8b96d8500e2bc50cec143"},
		{"maatwerk", "abfffb370abdedf7559883d41981d42f99bb9e8447b22229ce507d2bd1773764"},
		{"nabijheid", "eeb366a18fa696c5b2b7d3e515cb3c2aae23b325b7e2750ea36552edaa72f6cb"},
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
