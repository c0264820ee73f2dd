package scenarios

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wijksim/wijksim/internal/yamlcheck"
	"github.com/wijksim/wijksim/sim"
)

func TestEmbeddedScenariosLoad(t *testing.T) {
	names := Names()
	want := []string{"assendelft", "default", "poelenburg"}
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Fatalf("Names() = %v, want %v", names, want)
	}
	for _, name := range names {
		s, err := Load(name, Options{})
		if err != nil {
			t.Fatalf("Load(%q): %v", name, err)
		}
		if s.Description["nl"] == "" || s.Description["en"] == "" {
			t.Errorf("%s: description missing in nl or en: %v", name, s.Description)
		}
		if len(s.SHA256) != 64 {
			t.Errorf("%s: SHA256 %q is not a hex SHA-256", name, s.SHA256)
		}
		if s.Source != "embedded:"+name {
			t.Errorf("%s: Source = %q", name, s.Source)
		}
	}
}

func TestScenarioFileValuesApply(t *testing.T) {
	s, err := Load("poelenburg", Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := s.Params
	if p.Population.Residents != 400 || p.Population.Neighbourhoods != 4 || p.Population.ShareLanguage != 0.5 {
		t.Errorf("poelenburg population = %+v", p.Population)
	}
	// A key the file does not set keeps its default.
	if def := sim.Defaults(); p.Trust.GainPerContact != def.Trust.GainPerContact {
		t.Errorf("trust.gain_per_contact = %v, want default %v", p.Trust.GainPerContact, def.Trust.GainPerContact)
	}
}

func TestOverridePrecedence(t *testing.T) {
	tests := []struct {
		name    string
		opt     Options
		want    int
		wantOvr int
	}{
		{"file only", Options{}, 40, 0},
		{"environment beats file", Options{Environ: []string{"WIJKSIM_PROFESSIONALS_CASELOAD=60", "HOME=/root"}}, 60, 1},
		{"set beats environment", Options{Environ: []string{"WIJKSIM_PROFESSIONALS_CASELOAD=60"}, Set: []string{"professionals.caseload=80"}}, 80, 2},
		{"last set wins", Options{Set: []string{"professionals.caseload=80", "professionals.caseload=20"}}, 20, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Load("default", tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Params.Professionals.Caseload; got != tc.want {
				t.Errorf("caseload = %d, want %d", got, tc.want)
			}
			if len(s.Overrides) != tc.wantOvr {
				t.Errorf("overrides = %v, want %d of them", s.Overrides, tc.wantOvr)
			}
		})
	}
}

func TestSetParsesTypes(t *testing.T) {
	s, err := Load("default", Options{Set: []string{"levers.role_separation=true", "trust.gain_per_contact=0.1", "sanction.benefit_cut=1"}})
	if err != nil {
		t.Fatal(err)
	}
	p := s.Params
	if !p.Levers.RoleSeparation || p.Trust.GainPerContact != 0.1 || p.Sanction.BenefitCut != 1 {
		t.Errorf("overrides not applied: role_separation=%v gain=%v cut=%v", p.Levers.RoleSeparation, p.Trust.GainPerContact, p.Sanction.BenefitCut)
	}
}

func writeFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "town.yaml")
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// badInputs are scenario files and overrides that must be refused, each
// with the fragments its error must contain; they also seed FuzzParse and
// FuzzSet.
var badInputs = []struct {
	name string
	file string
	opt  Options
	// every fragment must appear in the error
	want []string
}{
	{"unknown key", "trust:\n  gain_per_contakt: 0.1\n", Options{}, []string{"town.yaml", `"trust.gain_per_contakt"`, "unknown key", `did you mean "trust.gain_per_contact"`}},
	{"out of range", "trust:\n  gain_per_contact: 2\n", Options{}, []string{"town.yaml", `"trust.gain_per_contact"`, "value 2", "[0, 1]"}},
	{"string for number", "trust:\n  gain_per_contact: \"0.1\"\n", Options{}, []string{"town.yaml", `"trust.gain_per_contact"`, "not a number", "[0, 1]"}},
	{"boolean for integer", "months: true\n", Options{}, []string{"town.yaml", `"months"`, "not an integer", "[1, 1200]"}},
	{"fraction for integer", "months: 12.5\n", Options{}, []string{"town.yaml", `"months"`, "12.5", "not a whole number"}},
	{"number for boolean", "levers:\n  role_separation: 1\n", Options{}, []string{"town.yaml", `"levers.role_separation"`, "not a boolean", "true or false"}},
	{"section as value", "trust: 3\n", Options{}, []string{"town.yaml", `"trust"`, "a section; want a mapping of its keys"}},
	{"shares not adding up", "initial:\n  rung_1: 0.9\n", Options{}, []string{"town.yaml", "initial.rung_1", "add up to 1"}},
	{"broken YAML", "months: [1\n", Options{}, []string{"town.yaml", "not valid YAML"}},
	{"unknown set key", "months: 120\n", Options{Set: []string{"caseload=3"}}, []string{"town.yaml", "--set caseload=3", `"caseload"`, "unknown key"}},
	{"set out of range", "months: 120\n", Options{Set: []string{"professionals.caseload=0"}}, []string{"--set professionals.caseload=0", "value 0", "[1, 10000]"}},
	{"set beyond the integers", "months: 120\n", Options{Set: []string{"months=18446744073709551615"}}, []string{`"months"`, "value 18446744073709551615 is out of range", "[1, 1200]"}},
	{"file beyond the integers", "months: 1e300\n", Options{}, []string{`"months"`, "value 1e+300 is out of range", "[1, 1200]"}},
	{"set without value", "months: 120\n", Options{Set: []string{"professionals.caseload"}}, []string{"want key=value"}},
	{"unknown environment variable", "months: 120\n", Options{Environ: []string{"WIJKSIM_CASELOAD=3"}}, []string{"WIJKSIM_CASELOAD", "unknown key"}},
	{"environment wrong type", "months: 120\n", Options{Environ: []string{"WIJKSIM_MONTHS=long"}}, []string{"WIJKSIM_MONTHS", `"months"`, "not an integer"}},
}

func TestBadInputIsRefused(t *testing.T) {
	tests := badInputs
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, tc.file)
			s, err := Load(path, tc.opt)
			if err == nil {
				t.Fatalf("Load accepted bad input, params %+v", s.Params)
			}
			for _, frag := range tc.want {
				if !strings.Contains(err.Error(), frag) {
					t.Errorf("error %q does not contain %q", err, frag)
				}
			}
		})
	}
}

func TestUnknownEmbeddedName(t *testing.T) {
	_, err := Load("zaandam", Options{})
	if err == nil || !strings.Contains(err.Error(), "default") {
		t.Fatalf("error %v should list the available scenarios", err)
	}
}

func TestFileOfOneKeyKeepsOtherDefaults(t *testing.T) {
	s, err := Load(writeFile(t, "months: 120 # the default\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	def := sim.Defaults()
	if !sameParams(&s.Params, &def) {
		t.Errorf("a scenario that sets months to its default should give the defaults")
	}
	if s.Name != "town" {
		t.Errorf("Name = %q, want the file name without extension", s.Name)
	}
}

// TestHostileFilesAreRefusedQuickly: files that viper would read silently
// wrong (a second document, one key set twice, an empty file) or very
// slowly (many keys, a huge key) are refused by the check before it, in a
// moment, with the file, the line and the key, and without echoing a huge
// key.
func TestHostileFilesAreRefusedQuickly(t *testing.T) {
	many := strings.Builder{}
	for i := range 100_000 {
		fmt.Fprintf(&many, "k%d: 1\n", i)
	}
	tests := []struct {
		name string
		file string
		want []string
	}{
		{"empty", "", []string{"town.yaml", "empty file"}},
		{"comments only", "# nothing\n", []string{"town.yaml", "empty file"}},
		{"second document", "months: 12\n---\nmonths: 24\n", []string{"town.yaml", "line 2", "second YAML document"}},
		{"nested and dotted", "trust:\n  gain_per_contact: 0.1\ntrust.gain_per_contact: 0.2\n", []string{"town.yaml", "line 3", `"trust.gain_per_contact"`, "given twice (first on line 2)"}},
		{"dotted then nested", "trust.gain_per_contact: 0.2\ntrust:\n  gain_per_contact: 0.1\n", []string{"line 3", `"trust.gain_per_contact"`, "given twice (first on line 1)"}},
		{"two cases", "months: 12\nMonths: 24\n", []string{"line 2, column 1", `"Months"`, "unknown key", `did you mean "months"`}},
		{"value and section", "trust: 3\ntrust.gain_per_contact: 0.2\n", []string{"line 1", `"trust"`, "a section; want a mapping of its keys (trust: {...}), not the value \"3\""}},
		{"list for a section", "population: [1, 2]\n", []string{"line 1, column 13", `"population"`, "a section; want a mapping of its keys (population: {...}), not a list"}},
		{"mapping for a value", "months: {a: 1}\n", []string{"line 1, column 9", `"months"`, "want a single value, not a mapping; allowed: integer in [1, 1200]"}},
		{"empty value", "months:\n", []string{"line 1", `"months"`, "an empty value is not an integer; allowed: integer in [1, 1200]"}},
		{"a value its tag refuses", "months: 12\ntrust.gain_per_contact: !!float abc\n", []string{"town.yaml", "line 2, column 25", `"trust.gain_per_contact"`, `"abc" is not a valid float value`}},
		{"unknown nested key", "trust:\n  gain_per_contakt: 0.1\n", []string{"line 2", `"trust.gain_per_contakt"`, `did you mean "trust.gain_per_contact"`}},
		{"100k keys", many.String(), []string{"town.yaml", "bytes; allowed: at most 262144 bytes"}},
		{"20k keys", many.String()[:200_000], []string{"town.yaml", "line 1", `"k0"`, "unknown key"}},
		{"huge key", "? " + strings.Repeat("a", 5_000_000) + "\n: 1\n", []string{"town.yaml", "bytes; allowed: at most"}},
		{"long key", strings.Repeat("a", 500) + ": 1\n", []string{"town.yaml", "a key of 500 bytes; allowed: at most 100 bytes"}},
		{"a list", "- months\n", []string{"town.yaml", "want a mapping"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, tc.file)
			start := time.Now()
			s, err := Load(path, Options{})
			if err == nil {
				t.Fatalf("Load accepted the file, params %+v", s.Params)
			}
			// A machine-independent bound: far above the milliseconds the
			// check takes, far below the tens of seconds viper took.
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("Load took %v", d)
			}
			if len(err.Error()) > 1000 {
				t.Errorf("the error is %d bytes long: %.200s...", len(err.Error()), err)
			}
			for _, frag := range tc.want {
				if !strings.Contains(err.Error(), frag) {
					t.Errorf("error %q does not contain %q", err, frag)
				}
			}
		})
	}
}

func TestEveryKeyCanBeSet(t *testing.T) {
	// Each parameter key can be set to its default through --set and through
	// the environment, so the registry and the loader cannot drift apart.
	def := sim.Defaults()
	for _, spec := range Specs() {
		val := fmt.Sprint(spec.Value(&def))
		for _, opt := range []Options{
			{Set: []string{spec.Key + "=" + val}},
			{Environ: []string{EnvName(spec.Key) + "=" + val}},
		} {
			s, err := Parse([]byte("scenario:\n  en: test\n"), "test", opt)
			if err != nil {
				t.Errorf("key %s: %v", spec.Key, err)
				continue
			}
			if len(s.Overrides) != 1 || !sameParams(&s.Params, &def) {
				t.Errorf("key %s: overrides %v, params changed: %v", spec.Key, s.Overrides, !sameParams(&s.Params, &def))
			}
		}
		if v := spec.Get(&def); v < spec.Min || v > spec.Max {
			t.Errorf("key %s: default %v outside [%v, %v]", spec.Key, v, spec.Min, spec.Max)
		}
	}
}

// TestErrorsAreStructured: a bad value in a file is reported at its line and
// column, and every bad value, wherever it was set, carries the registry's
// *sim.ValueError, which callers find with errors.As instead of reading text.
func TestErrorsAreStructured(t *testing.T) {
	tests := []struct {
		name         string
		file         string
		opt          Options
		key          string
		line, column int // 0: not from the file
		allowed      string
	}{
		{"nested value", "months: 24\ntrust:\n  gain_per_contact: 2\n", Options{}, "trust.gain_per_contact", 3, 21, "number in [0, 1]"},
		{"dotted value", "months: 24\ntrust.gain_per_contact: -1\n", Options{}, "trust.gain_per_contact", 2, 25, "number in [0, 1]"},
		{"wrong type", "levers:\n  role_separation: 1\n", Options{}, "levers.role_separation", 2, 20, "true or false"},
		{"set", "months: 24\n", Options{Set: []string{"months=0"}}, "months", 0, 0, "integer in [1, 1200]"},
		{"environment", "months: 24\n", Options{Environ: []string{"WIJKSIM_MONTHS=2000"}}, "months", 0, 0, "integer in [1, 1200]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(writeFile(t, tt.file), tt.opt)
			var ve *sim.ValueError
			if !errors.As(err, &ve) {
				t.Fatalf("errors.As finds no *sim.ValueError in %v", err)
			}
			if ve.Key != tt.key || ve.Allowed != tt.allowed {
				t.Errorf("ValueError{Key: %q, Allowed: %q}, want %q, %q", ve.Key, ve.Allowed, tt.key, tt.allowed)
			}
			if n := strings.Count(err.Error(), tt.key); n != 1 && tt.opt.Set == nil {
				t.Errorf("the key is named %d times in %q, want once", n, err)
			}
			var fe *yamlcheck.Error
			if tt.line == 0 {
				if errors.As(err, &fe) {
					t.Errorf("an override is reported at line %d of the file", fe.Line)
				}
				return
			}
			if !errors.As(err, &fe) {
				t.Fatalf("errors.As finds no *yamlcheck.Error in %v", err)
			}
			if fe.Line != tt.line || fe.Column != tt.column || fe.Key != tt.key {
				t.Errorf("error at line %d, column %d, key %q; want line %d, column %d, key %q", fe.Line, fe.Column, fe.Key, tt.line, tt.column, tt.key)
			}
			if want := fmt.Sprintf("line %d, column %d: key %q", tt.line, tt.column, tt.key); !strings.Contains(err.Error(), want) {
				t.Errorf("error %q lacks %q", err, want)
			}
		})
	}
}

// TestKeysAreSpelledAsTheRegistrySpellsThem: viper ignores case, the
// scenario file does not.
func TestKeysAreSpelledAsTheRegistrySpellsThem(t *testing.T) {
	for _, file := range []string{"Trust:\n  Gain_Per_Contact: 0.1\n", "trust:\n  Gain_Per_Contact: 0.1\n", "TRUST.GAIN_PER_CONTACT: 0.1\n"} {
		_, err := Load(writeFile(t, file), Options{})
		if err == nil || !strings.Contains(err.Error(), "unknown key") || !strings.Contains(err.Error(), "line 1") && !strings.Contains(err.Error(), "line 2") {
			t.Errorf("%q: error %v, want an unknown key at its line", file, err)
		}
	}
	if _, err := Load(writeFile(t, "scenario:\n  en: 3\n"), Options{}); err == nil || !strings.Contains(err.Error(), `"scenario.en"`) {
		t.Errorf("a description that is no string: error %v", err)
	}
}

// TestBadValuesAreNamedWithTheirLine: values the YAML parser cannot read are
// refused with the file, the line and the key, in the parser's words, and
// without viper's "While parsing config:".
func TestBadValuesAreNamedWithTheirLine(t *testing.T) {
	tests := []struct {
		name string
		file string
		want []string
	}{
		{"integer tag on a word", "months: 12\ntrust:\n  gain_per_contact: 0.1\nprofessionals.caseload: !!int abc\n", []string{"town.yaml", "line 4", `"professionals.caseload"`, `"abc" is not a valid int value`}},
		{"broken base64", "months: !!binary abc\n", []string{"town.yaml", "line 1", `"months"`, "base64"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(writeFile(t, tc.file), Options{})
			if err == nil {
				t.Fatal("Load accepted the file")
			}
			if strings.Contains(err.Error(), "While parsing config") {
				t.Errorf("error %q carries viper's prefix", err)
			}
			for _, frag := range tc.want {
				if !strings.Contains(err.Error(), frag) {
					t.Errorf("error %q does not contain %q", err, frag)
				}
			}
		})
	}
}

// TestTitleLeavesOutAMissingDescription: a scenario file without a
// description is titled by its name alone, not "name ()".
func TestTitleLeavesOutAMissingDescription(t *testing.T) {
	tests := []struct {
		file, lang, want string
	}{
		{"months: 12\n", "en", "town"},
		{"scenario:\n  nl: Een dorp\n  en: A village\nmonths: 12\n", "nl", "town (Een dorp)"},
		{"scenario:\n  nl: Een dorp\n  en: A village\nmonths: 12\n", "en", "town (A village)"},
		{"scenario:\n  nl: Alleen Nederlands\nmonths: 12\n", "en", "town (Alleen Nederlands)"},
	}
	for _, tc := range tests {
		s, err := Load(writeFile(t, tc.file), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Title(tc.lang); got != tc.want {
			t.Errorf("Title(%q) of %q = %q, want %q", tc.lang, tc.file, got, tc.want)
		}
	}
}

// sameParams reports whether a and b give every scenario key the same value.
func sameParams(a, b *sim.Params) bool {
	for _, s := range Specs() {
		if s.Value(a) != s.Value(b) {
			return false
		}
	}
	return true
}
