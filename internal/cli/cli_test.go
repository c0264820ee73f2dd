package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/scenarios"
)

// wijksim runs the command line in-process.
func wijksim(t *testing.T, environ []string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Main(args, &out, &errOut, environ)
	return code, out.String(), errOut.String()
}

func TestRunWritesResultsFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nabijheid")
	code, out, errOut := wijksim(t, nil, "run", "--scenario", "assendelft", "--policies", "nabijheid", "--seed", "3", "--out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, f := range []string{"monthly.csv", "summary.json", "events.csv", "manifest.json"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	for _, want := range []string{"Share on rung 3 or higher", "Exits without work (total) (count)", "By kind of resident", "support-seeker", "resistant", "Results written to " + dir} {
		if !strings.Contains(out, want) {
			t.Errorf("summary table lacks %q:\n%s", want, out)
		}
	}
}

func readAll(t *testing.T, dir string, files ...string) map[string][]byte {
	t.Helper()
	got := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		got[f] = b
	}
	return got
}

func TestRunIsBitIdentical(t *testing.T) {
	base := t.TempDir()
	data := []string{"monthly.csv", "summary.json", "events.csv"}
	args := func(out, policy string) []string {
		return []string{"run", "--scenario", "default", "--policies", policy, "--seed", "11", "--replicate", "4", "--out", out}
	}
	for i, policy := range []string{"maatwerk", "maatwerk", "all"} {
		if code, _, errOut := wijksim(t, nil, args(filepath.Join(base, string(rune('a'+i))), policy)...); code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
	}
	first := readAll(t, filepath.Join(base, "a"), data...)
	second := readAll(t, filepath.Join(base, "b"), data...)
	// Running every policy together gives the same maatwerk results as
	// running maatwerk alone: runs do not share random streams.
	together := readAll(t, filepath.Join(base, "c", "maatwerk"), data...)
	for _, f := range data {
		if !bytes.Equal(first[f], second[f]) {
			t.Errorf("%s differs between two identical runs", f)
		}
		if !bytes.Equal(first[f], together[f]) {
			t.Errorf("%s differs between a run alone and the same run among all policies", f)
		}
	}
}

func TestRunRefusesBadInputAndWritesNothing(t *testing.T) {
	tests := []struct {
		name    string
		environ []string
		args    []string
		want    []string
	}{
		{"out of range", nil, []string{"--set", "trust.gain_per_contact=1.5"}, []string{`"trust.gain_per_contact"`, "1.5", "[0, 1]"}},
		{"unknown key", nil, []string{"--set", "trust.gian_per_contact=0.1"}, []string{`"trust.gian_per_contact"`, "unknown key"}},
		{"unknown policy", nil, []string{"--policies", "hardhandig"}, []string{`"hardhandig"`, "nabijheid"}},
		{"bad environment", []string{"WIJKSIM_MONTHS=-3"}, nil, []string{"WIJKSIM_MONTHS", "[1, 1200]"}},
		{"missing file", nil, []string{"--scenario", "nowhere/town.yaml"}, []string{"nowhere/town.yaml"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			code, _, errOut := wijksim(t, tc.environ, append([]string{"run", "--out", out}, tc.args...)...)
			if code == 0 {
				t.Fatal("bad input was accepted")
			}
			for _, w := range tc.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("error %q lacks %q", errOut, w)
				}
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("results folder was created despite the error")
			}
		})
	}
}

func TestListsAreBilingual(t *testing.T) {
	code, out, _ := wijksim(t, nil, "policies")
	if code != 0 {
		t.Fatal(code)
	}
	for _, name := range policies.Names() {
		if !strings.Contains(out, name) {
			t.Errorf("policies lacks %s", name)
		}
	}
	if nl, en := languageLines(out); nl != len(policies.Names()) || en != len(policies.Names()) {
		t.Errorf("policies has %d Dutch and %d English lines, want %d each:\n%s", nl, en, len(policies.Names()), out)
	}
	code, out, _ = wijksim(t, nil, "scenarios")
	if code != 0 {
		t.Fatal(code)
	}
	for _, name := range []string{"default", "poelenburg", "assendelft"} {
		if !strings.Contains(out, name) {
			t.Errorf("scenarios lacks %s", name)
		}
	}
	if nl, en := languageLines(out); nl != 3 || en != 3 {
		t.Errorf("scenarios should have one Dutch and one English line each:\n%s", out)
	}
}

// languageLines counts the lines of a bilingual listing marked nl and en.
func languageLines(out string) (nl, en int) {
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) > 1 && (f[0] == "nl" || f[1] == "nl"):
			nl++
		case len(f) > 1 && (f[0] == "en" || f[1] == "en"):
			en++
		}
	}
	return nl, en
}

func TestParamsListsEveryKey(t *testing.T) {
	code, out, _ := wijksim(t, nil, "params", "--scenario", "poelenburg")
	if code != 0 {
		t.Fatal(code)
	}
	for _, s := range scenarios.Specs() {
		if !strings.Contains(out, s.Key) {
			t.Errorf("params lacks %s", s.Key)
		}
	}
}

// TestODDParameterTableIsCurrent keeps the table in docs/ODD.md equal to
// the parameter registry; regenerate it with `wijksim params --markdown`.
func TestODDParameterTableIsCurrent(t *testing.T) {
	begin, end := scenarios.ParamTableBegin, scenarios.ParamTableEnd
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "ODD.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(doc)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("docs/ODD.md lacks the parameter table markers")
	}
	var want bytes.Buffer
	if err := scenarios.WriteParamMarkdown(&want); err != nil {
		t.Fatal(err)
	}
	if got := s[i+len(begin) : j]; got != want.String() {
		t.Errorf("docs/ODD.md parameter table is out of date; regenerate it with `make odd-table`")
	}
}

// TestTablesFit100ColumnsInBothLanguages: run and compare print their
// tables with labels and units, in the language asked for, in lines of at
// most 100 characters unless --wide asks for every column side by side.
func TestTablesFit100ColumnsInBothLanguages(t *testing.T) {
	base := []string{"--scenario", "assendelft", "--set", "months=12", "--quiet"}
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"run en", []string{"run", "--lang", "en"}, []string{"Outcome at the end", "Sanctions (total) (count)", "Results written to"}},
		{"run nl", []string{"run", "--lang", "nl"}, []string{"Uitkomst aan het eind", "Sancties (totaal) (aantal)", "Resultaten geschreven naar"}},
		{"compare en", []string{"compare", "--replicates", "3", "--lang", "en"}, []string{"Paired difference", "Cost to society", "Society's account"}},
		{"compare nl", []string{"compare", "--replicates", "3", "--lang", "nl"}, []string{"Gepaard verschil", "Kosten voor de samenleving", "rekening van de"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append(append(tt.args, base...), "--out", filepath.Join(t.TempDir(), "out"))
			code, out, errOut := wijksim(t, nil, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q", w)
				}
			}
			for _, line := range strings.Split(out, "\n") {
				if n := len([]rune(line)); n > 100 && !strings.Contains(line, string(filepath.Separator)) {
					t.Errorf("line of %d characters: %q", n, line)
				}
			}
			code, wide, _ := wijksim(t, nil, append(args, "--wide")...)
			longest := 0
			for _, line := range strings.Split(wide, "\n") {
				longest = max(longest, len([]rune(line)))
			}
			if code != 0 || longest <= 100 {
				t.Errorf("--wide: exit %d, longest line %d characters; want the whole table side by side", code, longest)
			}
		})
	}
}
