// Package golden pins what a test produces in a file under testdata, as the
// standard library's regression tests do: a test compares its output with
// testdata/NAME.golden, and `go test ./... -update` rewrites the files
// instead. A deliberate change of results regenerates them in the same
// commit, so that review sees every number that changed.
//
// Importing the package (from tests only) defines the -update flag; a
// package whose tests have no golden files imports it for its side effect,
// so that `go test ./... -update` runs through every package.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata instead of comparing with them")

// Updating reports whether the tests run with -update.
func Updating() bool { return *update }

// Check compares got with testdata/name.golden, or with -update writes got
// there. A difference names the file, the first line that differs and how
// to accept a deliberate change.
func Check(t testing.TB, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden file: %v; `go test -update` writes it", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s: the output differs from the golden file%s\nIf the change is deliberate, run `go test ./... -update` and commit the new file with the change.", path, Diff(want, got))
	}
}

// Diff describes the first line where want and got differ.
func Diff(want, got []byte) string {
	lw, lg := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < min(len(lw), len(lg)); i++ {
		if lw[i] != lg[i] {
			return fmt.Sprintf(" first on line %d (of %d, now %d):\n  golden: %s\n  now:    %s", i+1, len(lw), len(lg), clip(lw[i]), clip(lg[i]))
		}
	}
	return fmt.Sprintf(": %d lines in the golden file, %d now", len(lw), len(lg))
}

func clip(s string) string {
	if len(s) > 200 {
		return s[:200] + "..."
	}
	return s
}
