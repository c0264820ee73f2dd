package cli

import (
	"strings"
	"testing"
)

// TestPoliciesShowsFilesWithTheirKeys: `policies` shows each file given,
// two variants of one policy included, with a phase's regime as --set
// changes it and its scenario key beside it.
func TestPoliciesShowsFilesWithTheirKeys(t *testing.T) {
	esc := repoFile("examples", "policies", "escalatie.yaml")
	zaanstad := repoFile("examples", "policies", "zaanstad-2019.yaml")
	code, out, stderr := wijksim(t, nil, "policies", esc, esc, zaanstad, "--set", "policies.escalatie.handhaving.attention=0.25")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	n := 0
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "policy ") {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d policies shown, want 3:\n%s", n, out)
	}
	if n := strings.Count(out, "attention                 0.25"); n != 2 {
		t.Errorf("the set attention is shown %d times, want twice (once per variant of escalatie):\n%s", n, out)
	}
	if !strings.Contains(out, "policies.escalatie.handhaving.attention") || !strings.Contains(out, "policies.zaanstad_2019.wijkteams.attention") {
		t.Errorf("the scenario keys of the files' phases are not named:\n%s", out)
	}
}

// TestRunSetsAPolicyFilesPhase: --set of a policy file's phase changes
// the run (no sanctions at probability 0), and without the file the key
// is unknown.
func TestRunSetsAPolicyFilesPhase(t *testing.T) {
	esc := repoFile("examples", "policies", "escalatie.yaml")
	const key = "policies.escalatie.handhaving.sanction_probability"
	base := []string{"run", "--scenario", "assendelft", "--set", "months=36", "--quiet", "--lang", "en", "--wide"}
	sanctions := func(args ...string) string {
		t.Helper()
		code, out, stderr := wijksim(t, nil, append(append(base, "--out", t.TempDir()+"/out"), args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		for _, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(line, "Sanctions (total)") {
				return strings.Join(strings.Fields(line)[3:], " ")
			}
		}
		t.Fatalf("no sanctions in the table:\n%s", out)
		return ""
	}
	if got := sanctions("--policies", esc, "--set", key+"=0"); got != "0" {
		t.Errorf("sanctions at probability 0: %q, want 0", got)
	}
	if got := sanctions("--policies", esc, "--set", key+"=0.9"); got == "0" {
		t.Errorf("sanctions at probability 0.9: %q, want some", got)
	}
	code, _, stderr := wijksim(t, nil, append(append(base, "--out", t.TempDir()+"/out"), "--policies", "nabijheid", "--set", key+"=0")...)
	if code == 0 || !strings.Contains(stderr, "unknown key") {
		t.Errorf("without the file: exit %d, %q; want an unknown key", code, stderr)
	}
}
