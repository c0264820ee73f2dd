package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSensitivitySpeaksTheChosenLanguage: sensitivity and discover draw
// their charts in the language of --lang, with parameters named in words,
// and refuse a language the charts do not come in before anything runs.
func TestSensitivitySpeaksTheChosenLanguage(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join(dir, "tiny.yaml")
	if err := os.WriteFile(spec, []byte(`name: tiny
scenario: assendelft
seed: 1
replicates: 1
policies: [afstand, nabijheid]
set:
  months: 12
design:
  kind: morris
  trajectories: 3
  parameters:
    - key: trust.gain_per_contact
      min: 0
      max: 0.2
    - key: work.lock_in
      min: 0
      max: 3
`), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "sens")
	code, stdout, stderr := wijksim(t, nil, "sensitivity", "--spec", spec, "--outcomes", "trust_mean", "--diff", "nabijheid-afstand", "--lang", "nl", "--out", out, "--quiet", "--workers", "2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	svg, err := os.ReadFile(filepath.Join(out, "sensitivity_trust_mean_nabijheid_afstand.svg"))
	if err != nil {
		t.Fatalf("%v; stdout:\n%s", err, stdout)
	}
	for _, want := range []string{"Gevoeligheid van Vertrouwen bij nabijheid min afstand", "Hechten aan vrijwilligerswerk (trede 4)"} {
		if !strings.Contains(string(svg), want) {
			t.Errorf("the chart lacks %q", want)
		}
	}
	if strings.Contains(string(svg), "work.lock_in") {
		t.Errorf("the chart shows a raw parameter key")
	}

	bad := filepath.Join(dir, "bad")
	code, _, stderr = wijksim(t, nil, "sensitivity", "--spec", spec, "--lang", "fr", "--out", bad)
	if code == 0 || !strings.Contains(stderr, `--lang: unknown language "fr"`) {
		t.Errorf("--lang fr: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(bad); !os.IsNotExist(err) {
		t.Errorf("a refused language left a results folder")
	}
}
