package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/experiment"
	"github.com/wijksim/wijksim/results"
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

// tinyMorris and tinyLHS are the specs of quick analyses: a Morris design
// for sensitivity and a Latin hypercube for discover.
const (
	tinyMorris = `name: tiny
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
`
	tinyLHS = `name: tiny-lhs
scenario: assendelft
seed: 1
replicates: 1
policies: [afstand, nabijheid]
set:
  months: 12
design:
  kind: lhs
  samples: 12
  parameters:
    - key: trust.gain_per_contact
      min: 0
      max: 0.2
    - key: pressure.per_contact
      min: 0.02
      max: 0.4
`
)

// writeSpec writes a spec into dir and returns its path.
func writeSpec(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// resultFiles reads the regular files of the results folder dir itself,
// by name, leaving aside the sweep's lock (whose holder changes with every
// command, and which is no result).
func resultFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, e := range entries {
		if !e.Type().IsRegular() || e.Name() == experiment.LockFile {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = string(b)
	}
	return files
}

// TestAnalysisManifestListsEveryFile: the manifest of sensitivity and of
// discover is of the command's kind and lists every file the command
// wrote, its tables and charts as well as the sweep's, with the SHA-256
// of each; the folder holds no other result. plot and report read the
// folder as the sweep it holds.
func TestAnalysisManifestListsEveryFile(t *testing.T) {
	dir := t.TempDir()
	morris := writeSpec(t, dir, "morris.yaml", tinyMorris)
	lhs := writeSpec(t, dir, "lhs.yaml", tinyLHS)
	tests := []struct {
		kind string
		args []string
		want []string
	}{
		{"sensitivity", []string{"sensitivity", "--spec", morris, "--outcomes", "trust_mean"}, []string{
			"points.csv", "summaries.csv", "sensitivity.csv",
			"sensitivity_trust_mean_afstand.svg", "sensitivity_trust_mean_afstand.png",
			"sensitivity_trust_mean_nabijheid.svg", "sensitivity_trust_mean_nabijheid.png"}},
		{"discover", []string{"discover", "--spec", lhs, "--outcomes", "trust_mean", "--where", "nabijheid > 0"}, []string{
			"points.csv", "summaries.csv", "prim_trajectory.csv", "prim_trajectory.svg", "prim_trajectory.png"}},
	}
	for _, tc := range tests {
		t.Run(tc.kind, func(t *testing.T) {
			out := filepath.Join(dir, tc.kind)
			if code, _, stderr := wijksim(t, nil, append(tc.args, "--out", out, "--quiet", "--workers", "2")...); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			man, err := results.ReadManifest(out)
			if err != nil {
				t.Fatal(err)
			}
			if man.Kind != tc.kind {
				t.Errorf("manifest kind %q, want %q", man.Kind, tc.kind)
			}
			files := resultFiles(t, out)
			var listed []string
			for _, f := range man.Files {
				listed = append(listed, f.Name)
				sum := sha256.Sum256([]byte(files[f.Name]))
				if hex.EncodeToString(sum[:]) != f.SHA256 || int64(len(files[f.Name])) != f.Bytes {
					t.Errorf("the manifest's entry of %s does not match the file", f.Name)
				}
			}
			if !slices.Equal(listed, tc.want) {
				t.Errorf("the manifest lists %q, want %q", listed, tc.want)
			}
			for name := range files {
				if name != results.ManifestFile && name != experiment.SweepSpecFile && !slices.Contains(listed, name) {
					t.Errorf("%s is in the folder but not in its manifest", name)
				}
			}
			html := filepath.Join(dir, tc.kind+".html")
			if code, _, stderr := wijksim(t, nil, "report", out, "--out", html); code != 0 {
				t.Errorf("report of the %s folder: exit %d: %s", tc.kind, code, stderr)
			}
		})
	}
}

// TestSensitivityReplacesTheFilesOfTheAnalysisBefore: sensitivity run
// again into its folder for other outcomes removes the tables and charts
// of the outcomes it no longer writes, which the folder's manifest lists,
// so that no chart passes for one of this analysis; a file the manifest
// does not list, even named like its charts (a reader's own poster), is
// not the analysis's and stays.
func TestSensitivityReplacesTheFilesOfTheAnalysisBefore(t *testing.T) {
	dir := t.TempDir()
	spec := writeSpec(t, dir, "morris.yaml", tinyMorris)
	out := filepath.Join(dir, "sens")
	steps := []struct {
		outcomes      string
		want, removed []string
	}{
		{"share_rung_3_plus,trust_mean", []string{"sensitivity_share_rung_3_plus_afstand.png", "sensitivity_share_rung_3_plus_nabijheid.svg", "sensitivity_trust_mean_afstand.svg"}, nil},
		{"trust_mean", []string{"sensitivity_trust_mean_afstand.svg", "sensitivity_trust_mean_nabijheid.png"}, []string{
			"sensitivity_share_rung_3_plus_afstand.svg", "sensitivity_share_rung_3_plus_afstand.png",
			"sensitivity_share_rung_3_plus_nabijheid.svg", "sensitivity_share_rung_3_plus_nabijheid.png"}},
	}
	for i, st := range steps {
		if code, _, stderr := wijksim(t, nil, "sensitivity", "--spec", spec, "--outcomes", st.outcomes, "--out", out, "--quiet", "--workers", "2"); code != 0 {
			t.Fatalf("step %d: exit %d: %s", i, code, stderr)
		}
		files := resultFiles(t, out)
		for _, name := range st.want {
			if _, ok := files[name]; !ok {
				t.Errorf("step %d: %s is missing", i, name)
			}
		}
		for _, name := range st.removed {
			if _, ok := files[name]; ok {
				t.Errorf("step %d: %s of the analysis before is still there", i, name)
			}
		}
		var outcomes []string
		for _, line := range strings.Split(strings.TrimSpace(files["sensitivity.csv"]), "\n")[1:] {
			if o, _, _ := strings.Cut(line, ","); !slices.Contains(outcomes, o) {
				outcomes = append(outcomes, o)
			}
		}
		if got := strings.Join(outcomes, ","); got != st.outcomes {
			t.Errorf("step %d: sensitivity.csv holds %s, want %s", i, got, st.outcomes)
		}
		if i > 0 {
			if b, err := os.ReadFile(filepath.Join(out, "sensitivity_poster.png")); err != nil || string(b) != "poster" {
				t.Errorf("step %d: the reader's own sensitivity_poster.png, which the manifest does not list, was removed or changed: %v", i, err)
			}
		}
		// A file of the reader's own, named like the analysis's charts.
		if err := os.WriteFile(filepath.Join(out, "sensitivity_poster.png"), []byte("poster"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestAFailedDiscoverLeavesTheFolderAsItWas: discover run again into its
// folder with a condition that holds at no point fails, and leaves the
// folder's manifest (command, time), tables and charts exactly as the
// discovery before wrote them.
func TestAFailedDiscoverLeavesTheFolderAsItWas(t *testing.T) {
	dir := t.TempDir()
	spec := writeSpec(t, dir, "lhs.yaml", tinyLHS)
	out := filepath.Join(dir, "discover")
	args := func(where string) []string {
		return []string{"discover", "--spec", spec, "--outcomes", "trust_mean", "--where", where, "--out", out, "--quiet", "--workers", "2"}
	}
	if code, _, stderr := wijksim(t, nil, args("nabijheid > 0")...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	before := resultFiles(t, out)
	code, _, stderr := wijksim(t, nil, args("nabijheid < 0")...)
	if code == 0 || !strings.Contains(stderr, "holds at no point") {
		t.Fatalf("a condition that holds nowhere: exit %d, %s", code, stderr)
	}
	after := resultFiles(t, out)
	for _, name := range slices.Sorted(maps.Keys(before)) {
		if after[name] != before[name] {
			t.Errorf("%s changed (or went) with the failed discover", name)
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok {
			t.Errorf("the failed discover left %s", name)
		}
	}
}
