package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSpecCommandsWarnOfIgnoredEnvironment: WIJKSIM_ variables override
// parameters for run and compare, but the commands whose runs take their
// parameters from a spec used to ignore them without a word, giving the
// same bytes as without them. Each of those commands now names every such
// variable on stderr, says it is ignored and where the value goes instead
// (the spec's set section), and still ignores it; without variables there
// is no warning. They take no --set either.
func TestSpecCommandsWarnOfIgnoredEnvironment(t *testing.T) {
	dir := t.TempDir()
	spec := writeClusterSpec(t, dir)
	environ := []string{"HOME=/nowhere", "WIJKSIM_TRUST_GAIN_PER_CONTACT=0.2", "WIJKSIM_NO_SUCH_KEY=1"}
	warnings := func(who string) []string {
		return []string{
			"wijksim: warning: WIJKSIM_TRUST_GAIN_PER_CONTACT=0.2 is ignored: " + who + " its parameters from the spec " + spec + ", not from WIJKSIM_ variables",
			`add "trust.gain_per_contact: 0.2" to the spec's set section`,
			"wijksim: warning: WIJKSIM_NO_SUCH_KEY=1 is ignored: " + who + " its parameters from the spec " + spec,
			"WIJKSIM_NO_SUCH_KEY names no parameter",
		}
	}

	plain, withEnv := filepath.Join(dir, "plain"), filepath.Join(dir, "env")
	code, _, stderr := wijksim(t, nil, "sweep", "--spec", spec, "--out", plain, "--quiet")
	if code != 0 || strings.Contains(stderr, "warning") {
		t.Fatalf("sweep without WIJKSIM_ variables: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = wijksim(t, environ, "sweep", "--spec", spec, "--out", withEnv, "--quiet")
	if code != 0 {
		t.Fatalf("sweep with WIJKSIM_ variables: exit %d: %s", code, stderr)
	}
	for _, w := range warnings("sweep takes") {
		if !strings.Contains(stderr, w) {
			t.Errorf("sweep: stderr lacks %q:\n%s", w, stderr)
		}
	}
	a, errA := os.ReadFile(filepath.Join(plain, "summaries.csv"))
	b, errB := os.ReadFile(filepath.Join(withEnv, "summaries.csv"))
	if errA != nil || errB != nil || !bytes.Equal(a, b) {
		t.Errorf("the variables changed the sweep's summaries (%v, %v)", errA, errB)
	}

	// The others warn before they run anything; these runs stop at a
	// mistake of their own after the warning.
	for _, tc := range []struct {
		who  string
		args []string
	}{
		{"sensitivity takes", []string{"sensitivity", "--spec", spec, "--out", filepath.Join(dir, "sens"), "--method", "morris", "--quiet"}},
		{"discover takes", []string{"discover", "--spec", spec, "--out", filepath.Join(dir, "disc"), "--outcomes", "trust_mean", "--where", "nowhere > afstand", "--quiet"}},
		{"the array's tasks (wijksim sweep) take", []string{"slurm", "--spec", spec, "--out", filepath.Join(dir, "slurm"), "--shards", "2", "--binary", "/bin/true"}},
	} {
		_, _, stderr := wijksim(t, environ, tc.args...)
		for _, w := range warnings(tc.who) {
			if !strings.Contains(stderr, w) {
				t.Errorf("%s: stderr lacks %q:\n%s", tc.args[0], w, stderr)
			}
		}
	}

	for _, cmd := range []string{"sweep", "sensitivity", "discover"} {
		code, _, stderr := wijksim(t, nil, cmd, "--spec", spec, "--set", "months=24")
		if code == 0 || !strings.Contains(stderr, "unknown flag: --set") {
			t.Errorf("%s --set: exit %d, %q; want unknown flag (the spec's set section sets parameters)", cmd, code, stderr)
		}
	}
}
