package results

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestRunWithoutEventsRemovesAnEarlierLog: a run without an event log
// written into the folder of a run with one leaves no event log behind
// that would pass for its own.
func TestRunWithoutEventsRemovesAnEarlierLog(t *testing.T) {
	dir := t.TempDir()
	if _, err := WriteRun(dir, run(t, "sanctie", 6, true), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, EventsFile)); err != nil {
		t.Fatal(err)
	}
	man, err := WriteRun(dir, run(t, "sanctie", 6, false), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, EventsFile)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the earlier event log is still there (%v)", err)
	}
	for _, f := range man.Files {
		if f.Name == EventsFile {
			t.Errorf("the manifest lists an event log")
		}
	}
}

func TestCheckRunFolder(t *testing.T) {
	dir := t.TempDir()
	one := filepath.Join(dir, "one")
	if _, err := WriteRun(one, run(t, "afstand", 3, false), nil); err != nil {
		t.Fatal(err)
	}
	several := filepath.Join(dir, "several")
	for _, pol := range []string{"afstand", "sanctie"} {
		if _, err := WriteRun(filepath.Join(several, pol), run(t, pol, 3, false), nil); err != nil {
			t.Fatal(err)
		}
	}
	// Charts and a half-written run of a policy being rewritten.
	if err := os.MkdirAll(filepath.Join(several, "charts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(several, "charts", "ladder.svg"), []byte("<svg/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	interrupted := filepath.Join(dir, "interrupted")
	if err := os.MkdirAll(filepath.Join(interrupted, "nabijheid"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(interrupted, "nabijheid", MonthlyFile), []byte("month\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A sweep whose merge failed, and a comparison cut short inside a
	// subfolder named after a policy: results of other commands without
	// manifest, beside files a run also writes.
	sweep := filepath.Join(dir, "sweep")
	cut := filepath.Join(dir, "cut", "afstand")
	for path, content := range map[string]string{
		filepath.Join(sweep, "sweep.json"):                    "{}",
		filepath.Join(sweep, MonthlyFile):                     "run,month\n",
		filepath.Join(sweep, "runs", "0.json.gz"):             "",
		filepath.Join(cut, "compare_monthly.csv"):             "policy\n",
		filepath.Join(interrupted, "nabijheid", "ladder.svg"): "<svg/>",
	} {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		dir      string
		policies []string
		want     string // "" if allowed
	}{
		{sweep, []string{"afstand"}, "holds results without manifest that are not a run's (sweep.json), left by a command that did not finish"},
		{sweep, []string{"afstand", "sanctie"}, "(sweep.json)"},
		{filepath.Dir(cut), []string{"afstand", "sanctie"}, "holds results in " + cut + ", which"},
		{cut, []string{"afstand"}, "(compare_monthly.csv)"},
		{filepath.Join(dir, "new"), []string{"afstand"}, ""},
		{filepath.Join(dir, "new"), []string{"afstand", "sanctie"}, ""},
		{one, []string{"afstand"}, ""},
		{one, []string{"sanctie"}, "holds the run of policy afstand"},
		{one, []string{"afstand", "sanctie"}, "holds the run of policy afstand"},
		{several, []string{"afstand", "sanctie"}, ""},
		{several, []string{"sanctie", "afstand", "nabijheid"}, ""},
		{several, []string{"sanctie"}, "holds results in " + filepath.Join(several, "afstand") + " (policy afstand), " + filepath.Join(several, "sanctie") + " (policy sanctie)"},
		{several, []string{"sanctie", "nabijheid"}, filepath.Join(several, "afstand") + " (policy afstand), which a run of sanctie, nabijheid would mix"},
		{interrupted, []string{"nabijheid", "afstand"}, ""},
		{interrupted, []string{"afstand", "sanctie"}, "holds results in " + filepath.Join(interrupted, "nabijheid") + ", which"},
	}
	for _, tc := range tests {
		err := CheckRunFolder(tc.dir, tc.policies)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("CheckRunFolder(%s, %v): %v", tc.dir, tc.policies, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("CheckRunFolder(%s, %v) = %v, want an error with %q", tc.dir, tc.policies, err, tc.want)
		}
	}
}

// TestWriteFolderGroups checks the folder written from groups of files,
// which are written concurrently: the manifest lists every file in the
// order of the groups and their names, with its size and SHA-256; while
// the groups are written, the folder is as it was, its manifest included;
// when a group fails, the error is that of the first group that failed in
// that order, whatever the order the groups ended in, nothing in the
// folder changes, and no temporary file is left.
func TestWriteFolderGroups(t *testing.T) {
	errFirst, errSecond := errors.New("first group failed"), errors.New("second group failed")
	write := func(content string, err error) func([]io.Writer) error {
		return func(ws []io.Writer) error {
			for i, w := range ws {
				if _, err := fmt.Fprintf(w, "%s %d\n", content, i); err != nil {
					return err
				}
			}
			return err
		}
	}
	tests := []struct {
		name           string
		before         bool // the folder holds the files and manifest of an earlier write
		first, second  error
		wantErr        error
		wantFiles      []string
		wantManifested bool
	}{
		{"both written", false, nil, nil, nil, []string{"a.csv", "b.csv", "c.csv"}, true},
		{"second fails", false, nil, errSecond, errSecond, nil, false},
		{"both fail", false, errFirst, errSecond, errFirst, nil, false},
		{"rewritten", true, nil, nil, nil, []string{"a.csv", "b.csv", "c.csv"}, true},
		{"rewrite, second fails", true, nil, errSecond, errSecond, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			old := map[string]string{"a.csv": "old a\n", "b.csv": "old b\n", "c.csv": "old c\n", ManifestFile: "{}\n"}
			if tt.before {
				for name, content := range old {
					if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			man := &Manifest{Tool: "wijksim", Kind: "test"}
			first := write("first", tt.first)
			groups := []FileGroup{
				{Names: []string{"a.csv", "b.csv"}, Write: func(ws []io.Writer) error {
					b, err := os.ReadFile(filepath.Join(dir, ManifestFile))
					if tt.before && string(b) != old[ManifestFile] || !tt.before && !errors.Is(err, fs.ErrNotExist) {
						t.Errorf("while the files are written, the manifest is %q, %v; want the one before", b, err)
					}
					if c, _ := os.ReadFile(filepath.Join(dir, "c.csv")); tt.before && string(c) != old["c.csv"] {
						t.Errorf("while the files are written, c.csv is %q; want the one before", c)
					}
					return first(ws)
				}},
				{Names: []string{"c.csv"}, Write: write("second", tt.second)},
			}
			err := WriteFolderGroups(dir, man, groups)
			if !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			_, statErr := os.Stat(filepath.Join(dir, ManifestFile))
			if manifested := statErr == nil; manifested != tt.wantManifested {
				t.Fatalf("manifest written: %v, want %v", manifested, tt.wantManifested)
			}
			for _, name := range []string{"a.csv", "b.csv", "c.csv"} {
				b, err := os.ReadFile(filepath.Join(dir, name))
				switch {
				case slices.Contains(tt.wantFiles, name):
					if err != nil || strings.HasPrefix(string(b), "old") {
						t.Errorf("file %s not written: %q, %v", name, b, err)
					}
				case tt.before:
					if string(b) != old[name] {
						t.Errorf("file %s changed by a failed write: %q, %v", name, b, err)
					}
				case !errors.Is(err, fs.ErrNotExist):
					t.Errorf("file %s of a failed write exists: %q, %v", name, b, err)
				}
			}
			if tmp, _ := filepath.Glob(filepath.Join(dir, ".*")); len(tmp) > 0 {
				t.Errorf("temporary files left: %v", tmp)
			}
			if tt.wantErr != nil && tt.before {
				if b, err := os.ReadFile(filepath.Join(dir, ManifestFile)); string(b) != old[ManifestFile] {
					t.Errorf("manifest after a failed write: %q, %v; want the one before", b, err)
				}
				return
			}
			if !tt.wantManifested {
				return
			}
			if got, err := ReadManifest(dir); err != nil || got.Kind != "test" {
				t.Fatalf("manifest read back: %+v, %v; want the new one, of kind test", got, err)
			}
			var names []string
			for _, f := range man.Files {
				names = append(names, f.Name)
				b, err := os.ReadFile(filepath.Join(dir, f.Name))
				if err != nil {
					t.Fatal(err)
				}
				sum := sha256.Sum256(b)
				if f.Bytes != int64(len(b)) || f.SHA256 != hex.EncodeToString(sum[:]) {
					t.Errorf("manifest entry %+v; the file has %d bytes, SHA-256 %x", f, len(b), sum)
				}
			}
			if !slices.Equal(names, tt.wantFiles) {
				t.Errorf("manifest lists %v, want %v", names, tt.wantFiles)
			}
		})
	}
}

// TestCheckFolder checks which folders a command other than run may write
// into: its own (with or without manifest), a new or empty one, or one with
// only temporary files and charts; not one with another command's manifest,
// a run's files, another command's results, or results in a subfolder
// other than its own.
func TestCheckFolder(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"compare/" + ManifestFile:         `{"tool":"wijksim","kind":"compare"}`,
		"compare/compare.json":            "{}",
		"unfinished/compare.json":         "{}",
		"unfinished/.runs.csv.tmp-x":      "",
		"run/" + ManifestFile:             `{"tool":"wijksim","kind":"run","policy":"afstand"}`,
		"run/" + MonthlyFile:              "month\n",
		"runfiles/" + SummaryFile:         "{}",
		"other/points.csv":                "point\n",
		"charts/ladder.svg":               "<svg/>",
		"policies/afstand/" + MonthlyFile: "month\n",
		"sweep/runs/0.json":               "{}",
		"sweep/wijksim.lock":              "",
	}
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	compareOwn := []string{"compare.json", "runs.csv"}
	tests := []struct {
		dir, kind string
		own, dirs []string
		want      string // "" if allowed
	}{
		{"new", "compare", compareOwn, nil, ""},
		{"compare", "compare", compareOwn, nil, ""},
		{"unfinished", "compare", compareOwn, nil, ""},
		{"charts", "compare", compareOwn, nil, ""},
		{"compare", "sweep", nil, nil, "holds the results of wijksim compare"},
		{"run", "compare", compareOwn, nil, "holds the run of policy afstand"},
		{"runfiles", "compare", compareOwn, nil, "(summary.json)"},
		{"other", "compare", compareOwn, nil, "(points.csv)"},
		{"policies", "compare", compareOwn, nil, "holds results in " + filepath.Join(dir, "policies", "afstand")},
		{"sweep", "sweep", []string{"wijksim.lock"}, []string{"runs"}, ""},
		{"sweep", "compare", compareOwn, nil, "(wijksim.lock)"},
	}
	for _, tc := range tests {
		err := CheckFolder(filepath.Join(dir, tc.dir), tc.kind, tc.own, tc.dirs)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("CheckFolder(%s, %s): %v", tc.dir, tc.kind, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("CheckFolder(%s, %s) = %v, want an error with %q", tc.dir, tc.kind, err, tc.want)
		}
	}
}

// TestWriteFolderRemovesKilledWritesTemporaries: temporary files that a
// killed write of the same files left are removed when a write succeeds;
// others stay.
func TestWriteFolderRemovesKilledWritesTemporaries(t *testing.T) {
	dir := t.TempDir()
	left := []string{".a.csv.tmp-killed", ".b.csv.tmp-killed"}
	for _, name := range append(left, ".other.csv.tmp-x") {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("partial"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write := func(w io.Writer) error { _, err := io.WriteString(w, "new\n"); return err }
	if err := WriteFolder(dir, &Manifest{Tool: "wijksim", Kind: "test"}, []File{{"a.csv", write}, {"b.csv", write}}); err != nil {
		t.Fatal(err)
	}
	tmp, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if want := []string{filepath.Join(dir, ".other.csv.tmp-x")}; !slices.Equal(tmp, want) {
		t.Errorf("temporary files %v, want %v", tmp, want)
	}
}
