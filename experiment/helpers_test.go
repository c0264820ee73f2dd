package experiment

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// writeSpecFile writes a sweep spec into dir and returns its path.
func writeSpecFile(t testing.TB, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// mustLoadSpec writes a spec into a fresh folder and loads it.
func mustLoadSpec(t testing.TB, text string) *Spec {
	t.Helper()
	spec, err := LoadSpec(writeSpecFile(t, t.TempDir(), "spec.yaml", text))
	if err != nil {
		t.Fatal(err)
	}
	return spec
}

// mustSweep runs spec into out to completion.
func mustSweep(t testing.TB, spec *Spec, out string, workers int) *SweepReport {
	t.Helper()
	rep, err := Sweep(context.Background(), spec, SweepOptions{Out: out, Workers: workers})
	if err != nil {
		t.Fatalf("sweep into %s with %d workers: %v", out, workers, err)
	}
	return rep
}

// mergedFiles are the merged tables of a sweep folder that must not depend
// on the number of workers or on interruptions (the manifest holds the
// time of writing and so differs).
var mergedFiles = []string{PointsFile, SummariesFile, SweepMonthlyFile, SweepEventsFile}

// sameFiles reports every file of names that differs between folders a and b.
func sameFiles(t testing.TB, a, b string, names []string) {
	t.Helper()
	for _, name := range names {
		x, err := os.ReadFile(filepath.Join(a, name))
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		y, err := os.ReadFile(filepath.Join(b, name))
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between %s (%d bytes) and %s (%d bytes)%s", name, a, len(x), b, len(y), firstDiff(x, y))
		}
	}
}

// firstDiff describes the first line where x and y differ.
func firstDiff(x, y []byte) string {
	lx, ly := strings.Split(string(x), "\n"), strings.Split(string(y), "\n")
	for i := 0; i < min(len(lx), len(ly)); i++ {
		if lx[i] != ly[i] {
			return "; first difference on line " + strconv.Itoa(i+1) + ":\n  " + clip(lx[i]) + "\n  " + clip(ly[i])
		}
	}
	return "; one is a prefix of the other"
}

func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + "..."
	}
	return s
}

// tempFiles lists the temporary files of WriteFileAtomic left anywhere
// under dir.
func tempFiles(t testing.TB, dir string) []string {
	t.Helper()
	var found []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.Contains(d.Name(), ".tmp-") {
			found = append(found, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// countRecords counts the finished-run records in a sweep folder.
func countRecords(dir string) int {
	runs, err := OpenRuns(dir)
	if err != nil {
		return 0
	}
	defer runs.Close()
	return runs.Len()
}

// dropRun removes the stored record of run index from the run logs of the
// sweep folder out, as if it had never finished.
func dropRun(t testing.TB, out string, index int) {
	t.Helper()
	logs, err := filepath.Glob(filepath.Join(out, runsDir, logPattern))
	if err != nil || len(logs) == 0 {
		t.Fatalf("no run logs in %s: %v", out, err)
	}
	dropped := false
	for _, path := range logs {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var kept []byte
		for _, line := range bytes.SplitAfter(b, []byte("\n")) {
			var head struct {
				Index int `json:"index"`
			}
			if len(line) > 0 && json.Unmarshal(line, &head) == nil && head.Index == index {
				dropped = true
				continue
			}
			kept = append(kept, line...)
		}
		if err := os.WriteFile(path, kept, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !dropped {
		t.Fatalf("run %d is not stored in %s", index, out)
	}
}

// sameValues compares two values field by field; floating-point numbers
// are equal when their bits are, or when both are NaN.
func sameValues(a, b reflect.Value) bool {
	if a.Type() != b.Type() {
		return false
	}
	switch a.Kind() {
	case reflect.Float32, reflect.Float64:
		x, y := a.Float(), b.Float()
		return math.Float64bits(x) == math.Float64bits(y) || (math.IsNaN(x) && math.IsNaN(y))
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if !sameValues(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice:
		if a.IsNil() != b.IsNil() {
			return false
		}
		fallthrough
	case reflect.Array:
		if a.Len() != b.Len() {
			return false
		}
		for i := 0; i < a.Len(); i++ {
			if !sameValues(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Interface, reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return sameValues(a.Elem(), b.Elem())
	default:
		return a.Interface() == b.Interface()
	}
}

// sameNaN is sameValues for any two values.
func sameNaN(a, b any) bool { return sameValues(reflect.ValueOf(a), reflect.ValueOf(b)) }

var (
	binOnce sync.Once
	binPath string
	binErr  error
	binDir  string
)

// wijksimBinary builds cmd/wijksim once for the test binary and returns its
// path. It is built without the race detector, whatever the tests run
// with, so that timings and memory are those of the real command, and
// without version control information, so that, whatever the checkout,
// its version is devel and the binary itself identifies the model
// (buildinfo.Model).
func wijksimBinary(t testing.TB) string {
	t.Helper()
	binOnce.Do(func() {
		gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
		if p, err := exec.LookPath("go"); err == nil {
			gobin = p
		}
		out, err := exec.Command(gobin, "env", "GOMOD").Output()
		if err != nil {
			binErr = err
			return
		}
		root := filepath.Dir(strings.TrimSpace(string(out)))
		binDir, binErr = os.MkdirTemp("", "wijksim-bin-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "wijksim")
		cmd := exec.Command(gobin, "build", "-buildvcs=false", "-o", binPath, "./cmd/wijksim")
		cmd.Dir = root
		if msg, err := cmd.CombinedOutput(); err != nil {
			binErr = &buildError{err: err, out: string(msg)}
		}
	})
	if binErr != nil {
		t.Fatalf("build wijksim: %v", binErr)
	}
	return binPath
}

type buildError struct {
	err error
	out string
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + e.out }

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}
