//go:build unix

package cli

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildWijksim builds cmd/wijksim into dir, without the race detector
// whatever the tests run with, and returns its path.
func buildWijksim(t *testing.T, dir string) string {
	t.Helper()
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if p, err := exec.LookPath("go"); err == nil {
		gobin = p
	}
	bin := filepath.Join(dir, "wijksim")
	cmd := exec.Command(gobin, "build", "-o", bin, "./cmd/wijksim")
	cmd.Dir = repoFile()
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build wijksim: %v\n%s", err, msg)
	}
	return bin
}

// tree lists every file and folder under dir, hidden ones included, with
// the SHA-256 of each file's bytes.
func tree(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			fmt.Fprintf(&b, "%s/\n", path)
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s %x\n", path, sha256.Sum256(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestInterruptedRunChangesNothing runs the real binary over the results
// of an earlier run of the same policies (with charts drawn into them) and
// interrupts it with SIGINT while it writes the first policy's event log
// (once its temporary file appears) and, again, between policies (once
// the first is reported done): it must stop with a clear error, leave
// every file of the earlier folder byte for byte as it was, and leave no
// temporary file or folder, in the results folder or beside it.
func TestInterruptedRunChangesNothing(t *testing.T) {
	bin := buildWijksim(t, t.TempDir())
	base := t.TempDir()
	out := filepath.Join(base, "r3")
	pols := "sanctie,nabijheid,afstand"
	if code, _, stderr := wijksim(t, nil, "run", "--policies", pols, "--set", "months=24", "--seed", "1", "--out", out, "--quiet"); code != 0 {
		t.Fatalf("first run: %s", stderr)
	}
	if code, _, stderr := wijksim(t, nil, "plot", out, "--formats", "svg"); code != 0 {
		t.Fatalf("plot: %s", stderr)
	}
	before := tree(t, base)
	// A temporary file of the run, staged beside the file it replaces.
	staging := func() bool {
		found, _ := filepath.Glob(filepath.Join(out, "*", ".events.csv.tmp-*"))
		return len(found) > 0
	}
	for _, tc := range []struct {
		name string
		when func(stderr string) bool
	}{
		{"while writing", func(string) bool { return staging() }},
		{"between policies", func(stderr string) bool { return strings.Contains(stderr, "done=1") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Large enough that each policy runs and writes for a while.
			cmd := exec.Command(bin, "run", "--policies", pols, "--set", "population.residents=40000", "--set", "months=120", "--seed", "2", "--out", out)
			var stdout, stderr syncBuffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			var err error
			deadline := time.Now().Add(5 * time.Minute) // a guard against a hang only
		poll:
			for {
				select {
				case err = <-done:
					t.Fatalf("the run ended (%v) before it could be interrupted %s:\n%s", err, tc.name, stderr.String())
				case <-time.After(time.Millisecond):
				}
				switch {
				case tc.when(stderr.String()):
					if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
						t.Fatal(err)
					}
					err = <-done
					break poll
				case time.Now().After(deadline):
					_ = cmd.Process.Kill()
					t.Fatal("the run was not seen to stage its results in 5 minutes")
				}
			}
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 1 {
				t.Errorf("the interrupted run ended with %v, want exit status 1", err)
			}
			if want := "wijksim: run interrupted (interrupt signal received) before its results were written; " + out + " is as it was"; !strings.Contains(stderr.String(), want) {
				t.Errorf("stderr %q lacks %q", stderr.String(), want)
			}
			if strings.Contains(stdout.String(), "Results written") {
				t.Errorf("the interrupted run says it wrote results:\n%s", stdout.String())
			}
			if after := tree(t, base); after != before {
				t.Errorf("the interrupted run changed the folder:\nbefore\n%s\nafter\n%s", before, after)
			}
		})
	}
}

// TestRunReplacesItsResultsOnly: a run into the folder of an earlier run
// of the same policies puts every policy's new results in place and
// leaves everything else in the folder as it was: the charts drawn into
// it, a folder of the user's and a hidden file in a policy's folder whose
// name looks like a temporary one; nothing is written beside the folder.
func TestRunReplacesItsResultsOnly(t *testing.T) {
	base := t.TempDir()
	out := filepath.Join(base, "out")
	args := []string{"run", "--policies", "afstand,sanctie", "--scenario", "assendelft", "--set", "months=6", "--out", out, "--quiet"}
	if code, _, stderr := wijksim(t, nil, append(args, "--seed", "1")...); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, stderr := wijksim(t, nil, "plot", out, "--formats", "svg"); code != 0 {
		t.Fatal(stderr)
	}
	for name, data := range map[string]string{"notes/plan.txt": "mine", "afstand/.old.tmp-2": "mine too"} {
		path := filepath.Join(out, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	keep := func() string {
		var b strings.Builder
		for _, dir := range []string{"charts", "notes"} {
			b.WriteString(tree(t, filepath.Join(out, dir)))
		}
		for _, name := range []string{"afstand/.old.tmp-2"} {
			data, err := os.ReadFile(filepath.Join(out, name))
			fmt.Fprintf(&b, "%s %q %v\n", name, data, err)
		}
		return b.String()
	}
	before := keep()
	if code, _, stderr := wijksim(t, nil, append(args, "--seed", "2")...); code != 0 {
		t.Fatal(stderr)
	}
	for _, pol := range []string{"afstand", "sanctie"} {
		b, err := os.ReadFile(filepath.Join(out, pol, "manifest.json"))
		if err != nil || !strings.Contains(string(b), `"seed": 2,`) {
			t.Errorf("%s: the manifest is not the new run's (%v)", pol, err)
		}
	}
	if after := keep(); after != before {
		t.Errorf("the run changed what is not its results:\nbefore\n%s\nafter\n%s", before, after)
	}
	if entries, err := os.ReadDir(base); err != nil || len(entries) != 1 {
		t.Errorf("beside the results folder: %v (%v); want only the folder", entries, err)
	}
}
