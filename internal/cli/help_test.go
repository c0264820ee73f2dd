package cli

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// sharedFlags are the flags several commands share, with their type: a
// command that takes one of these spells it so and gives it this type.
var sharedFlags = map[string]string{
	"scenario": "string", "set": "stringArray", "seed": "uint64", "replicates": "int", "workers": "int",
	"out": "string", "spec": "string", "targets": "string", "baseline": "string",
	"policies": "string", "outcomes": "stringSlice", "quiet": "bool", "lang": "string", "wide": "bool",
	"max-memory": "size", "max-core-hours": "float64",
}

// otherSpellings are names of shared flags that no command may show.
var otherSpellings = []string{"policy", "outcome", "language", "silent", "verbose", "threads", "jobs", "parallel",
	"output", "seeds", "scenarios", "replications", "reps", "nocolor"}

// needs says which flags the commands of each group must have.
var needs = []struct {
	commands []string
	flags    []string
}{
	// Commands that run simulations report progress.
	{[]string{"run", "compare", "sweep", "sensitivity", "discover", "calibrate", "validate"}, []string{"quiet"}},
	// Commands that print tables of outcomes speak both languages and fit
	// 100 columns unless asked not to.
	{[]string{"run", "compare", "outcomes"}, []string{"lang", "wide"}},
	{[]string{"plot", "report"}, []string{"lang"}},
	{[]string{"run", "compare"}, []string{"policies"}},
	// Commands that run one scenario take it, its overrides and the seed
	// from flags (README); sweeps take them from their spec.
	{[]string{"run", "compare", "calibrate", "validate"}, []string{"scenario", "seed", "set"}},
	{[]string{"compare", "sensitivity", "discover"}, []string{"outcomes"}},
	{[]string{"compare", "sweep", "sensitivity", "discover", "calibrate", "validate"}, []string{"workers"}},
}

// flagLine finds the long name of each flag in a help text.
var flagLine = regexp.MustCompile(`(?m)^\s+(?:-\w, )?--([a-z0-9-]+)`)

// walk calls f for cmd and every command below it, help and completion
// included.
func walk(cmd *cobra.Command, f func(*cobra.Command)) {
	f(cmd)
	for _, c := range cmd.Commands() {
		walk(c, f)
	}
}

// TestEveryCommandsHelp runs --help of every command: each has an example,
// shows no other spelling of a shared flag, gives each shared flag its one
// type, and has the flags its group needs.
func TestEveryCommandsHelp(t *testing.T) {
	root := NewRoot(&bytes.Buffer{}, &bytes.Buffer{}, nil, nil)
	has := map[string][]string{}
	seen := 0
	walk(root, func(cmd *cobra.Command) {
		path := strings.Fields(cmd.CommandPath())[1:]
		name := strings.Join(path, " ")
		if name == "" {
			name = "wijksim"
		}
		code, out, errOut := wijksim(t, nil, append(path, "--help")...)
		if code != 0 {
			t.Errorf("%s --help: exit %d: %s", name, code, errOut)
			return
		}
		seen++
		_, examples, ok := strings.Cut(out, "Examples:\n")
		if !ok || !strings.HasPrefix(examples, "  wijksim") {
			t.Errorf("%s --help has no example", name)
		}
		_, flags, _ := strings.Cut(out, "Flags:\n")
		for _, m := range flagLine.FindAllStringSubmatch(flags, -1) {
			flag := m[1]
			has[name] = append(has[name], flag)
			if slices.Contains(otherSpellings, flag) {
				t.Errorf("%s --%s: the shared name is another", name, flag)
			}
			if want, ok := sharedFlags[flag]; ok {
				if got := cmd.Flags().Lookup(flag).Value.Type(); got != want {
					t.Errorf("%s --%s is a %s; every command's is a %s", name, flag, got, want)
				}
			}
		}
	})
	if seen < 20 {
		t.Errorf("only %d commands walked", seen)
	}
	for _, n := range needs {
		for _, cmd := range n.commands {
			for _, flag := range n.flags {
				if !slices.Contains(has[cmd], flag) {
					t.Errorf("%s has no --%s", cmd, flag)
				}
			}
		}
	}
}

// TestOldSpellingsStillWork: a flag renamed to the shared name keeps its old
// spelling for one release, hidden from --help, with a note to use the new.
func TestOldSpellingsStillWork(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := wijksim(t, nil, "run", "--scenario", "assendelft", "--set", "months=3", "--policy", "nabijheid", "--quiet", "--out", out)
	if code != 0 {
		t.Fatalf("run --policy: exit %d: %s", code, stderr)
	}
	// The note goes to stderr: stdout holds the table alone.
	if !strings.Contains(stderr, "--policy has been deprecated, use --policies instead") || strings.Contains(stdout, "deprecated") {
		t.Errorf("run --policy: the note on --policies is not on stderr alone:\nstdout:\n%s\nstderr:\n%s", stdout, stderr)
	}
	code, stdout, stderr = wijksim(t, nil, "discover", "--spec", "no-such-spec.yaml", "--outcome", "trust_mean", "--where", "nabijheid > afstand")
	if code == 0 || !strings.Contains(stderr, "--outcome has been deprecated, use --outcomes instead") || strings.Contains(stdout, "deprecated") || !strings.Contains(stderr, "no-such-spec.yaml") {
		t.Errorf("discover --outcome: exit %d, output %q %q", code, stdout, stderr)
	}
	if _, _, stderr = wijksim(t, nil, "run", "--help"); strings.Contains(stderr, "deprecated") {
		t.Errorf("run --help notes an old spelling it was not given: %q", stderr)
	}
	_, help, _ := wijksim(t, nil, "run", "--help")
	if strings.Contains(help, "--policy ") {
		t.Error("run --help shows the old --policy")
	}
}

func TestOutcomesListsEveryOutcome(t *testing.T) {
	for _, lang := range []string{"en", "nl"} {
		code, out, errOut := wijksim(t, nil, "outcomes", "--lang", lang)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		want := map[string][]string{
			"en": {"cum_sanctions", "count", "lower", "Sanctions (total)", "trust_mean", "higher", "rung_1", "persons", "neither"},
			"nl": {"cum_sanctions", "aantal", "lager", "Sancties (totaal)", "trust_mean", "hoger", "rung_1", "personen", "geen"},
		}[lang]
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("%s: the list lacks %q", lang, w)
			}
		}
		for _, line := range strings.Split(out, "\n") {
			if len([]rune(line)) > 100 {
				t.Errorf("%s: line of %d characters: %q", lang, len([]rune(line)), line)
			}
		}
	}
}
