package experiment

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/results"
)

// folderFiles reads the regular files of dir itself, by name, leaving
// aside the lock (whose holder changes with every command, and which is
// no result).
func folderFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, e := range entries {
		if !e.Type().IsRegular() || e.Name() == LockFile {
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

// textFile is a file of an analysis that writes text.
func textFile(name, text string) results.File {
	return results.File{Name: name, Write: func(w io.Writer) error {
		_, err := io.WriteString(w, text)
		return err
	}}
}

// TestAnAnalysisIsCommittedWithTheSweepOrNotAtAll: the files of an
// analysis of a sweep's runs (sensitivity, discover) are written with the
// sweep's tables under one manifest of the analysis's kind, which lists
// each with its SHA-256; the files of the analysis before that this one
// does not write are removed, and only then. An analysis that fails, or
// one of whose files fails, leaves the folder's manifest, tables and files
// exactly as they were; a plain sweep merged again into the folder lists
// no file of an analysis and leaves none behind.
func TestAnAnalysisIsCommittedWithTheSweepOrNotAtAll(t *testing.T) {
	spec := mustLoadSpec(t, `seed: 2
replicates: 1
policies: [afstand]
set:
  months: 6
  population.residents: 40
design:
  kind: factorial
  parameters:
    - key: professionals.caseload
      levels: [20, 40]
`)
	ref := filepath.Join(t.TempDir(), "ref")
	first := SweepOptions{Out: ref, Workers: 2, Kind: KindDiscover, Command: []string{"first"}, Analyse: func(*Runs, *Plan) (*Analysis, error) {
		return &Analysis{Files: []results.File{textFile("first.csv", "a,b\n1,2\n"), textFile("first.svg", "<svg/>")}}, nil
	}}
	if _, err := Sweep(context.Background(), spec, first); err != nil {
		t.Fatal(err)
	}
	// A chart of an analysis written before charts were listed in the
	// manifest.
	if err := os.WriteFile(filepath.Join(ref, "legacy.svg"), []byte("<svg/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := folderFiles(t, ref)

	failed := errors.New("the condition holds at no point")
	tests := []struct {
		name    string
		kind    string
		analyse func(*Runs, *Plan) (*Analysis, error)
		wantErr string
		// want are the files the manifest lists besides the sweep's
		// tables after the command, and unlisted those the folder holds
		// besides them, the manifest and the spec.
		want, unlisted []string
	}{
		{"the analysis fails", KindDiscover, func(*Runs, *Plan) (*Analysis, error) { return nil, failed }, failed.Error(), nil, nil},
		{"a file of the analysis fails", KindDiscover, func(*Runs, *Plan) (*Analysis, error) {
			return &Analysis{Files: []results.File{textFile("first.csv", "new\n"), {Name: "second.svg", Write: func(io.Writer) error { return failed }}}, Stale: []string{"legacy.svg"}}, nil
		}, failed.Error(), nil, nil},
		{"the analysis succeeds", KindSensitivity, func(runs *Runs, plan *Plan) (*Analysis, error) {
			if runs.Len() != len(plan.Jobs) {
				return nil, errors.New("the analysis sees no runs")
			}
			return &Analysis{Files: []results.File{textFile("first.csv", "a,b\n3,4\n"), textFile("second.svg", "<svg></svg>")}, Stale: []string{"legacy.svg"}}, nil
		}, "", []string{"first.csv", "second.svg"}, nil},
		// The plain sweep removes the files of the analysis that its
		// manifest lists; a file that no manifest lists is not its own.
		{"a plain sweep", "", nil, "", nil, []string{"legacy.svg"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			if err := os.CopyFS(out, os.DirFS(ref)); err != nil {
				t.Fatal(err)
			}
			_, err := Sweep(context.Background(), spec, SweepOptions{Out: out, Workers: 2, Kind: tc.kind, Command: []string{"second"}, Analyse: tc.analyse})
			if left := tempFiles(t, out); len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want one with %q", err, tc.wantErr)
				}
				after := folderFiles(t, out)
				for _, name := range slices.Sorted(maps.Keys(before)) {
					if after[name] != before[name] {
						t.Errorf("%s changed (or went) with a failed command", name)
					}
				}
				for name := range after {
					if _, ok := before[name]; !ok {
						t.Errorf("a failed command left %s", name)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			man, err := results.ReadManifest(out)
			if err != nil {
				t.Fatal(err)
			}
			wantKind := tc.kind
			if wantKind == "" {
				wantKind = KindSweep
			}
			if man.Kind != wantKind || !slices.Equal(man.Command, []string{"second"}) {
				t.Errorf("manifest kind %q, command %q; want %q, second", man.Kind, man.Command, wantKind)
			}
			after := folderFiles(t, out)
			var listed []string
			for _, f := range man.Files {
				listed = append(listed, f.Name)
				sum := sha256.Sum256([]byte(after[f.Name]))
				if hex.EncodeToString(sum[:]) != f.SHA256 || int64(len(after[f.Name])) != f.Bytes {
					t.Errorf("the manifest's entry of %s does not match the file", f.Name)
				}
			}
			wantListed := append([]string{PointsFile, SummariesFile}, tc.want...)
			if !slices.Equal(listed, wantListed) {
				t.Errorf("the manifest lists %q, want %q", listed, wantListed)
			}
			var present []string
			for name := range after {
				if name != results.ManifestFile && name != SweepSpecFile {
					present = append(present, name)
				}
			}
			wantPresent := slices.Sorted(slices.Values(append(slices.Clone(wantListed), tc.unlisted...)))
			if slices.Sort(present); !slices.Equal(present, wantPresent) {
				t.Errorf("the folder holds %q, want %q", present, wantPresent)
			}
		})
	}
}
