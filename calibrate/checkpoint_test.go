package calibrate

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestFitResumesFromFinishedStarts: the starts of a fit are kept as they
// finish; a fit run again with the same key takes them without fitting
// (no evaluation during the starts) and gives the same result; a start
// whose file is gone is fitted again, to the same result; under another
// key every start is fitted again.
func TestFitResumesFromFinishedStarts(t *testing.T) {
	base := smallBase()
	base.Population.Residents, base.Months = 100, 12
	targets := []Target{{Name: "long_term_exit_share", Kind: KindLongTermExitRate, Policy: "afstand", SE: 0.01, Observed: 0.1,
		Statistic: LongTermExitShare{At: []int{0}, OverMonths: 12, Within: 12}}}
	prob, err := NewProblem(Config{Base: base, Targets: targets, Params: []Parameter{{Key: "exit.base_rate", Min: 0.001, Max: 0.02}}, Seed: 1, Replicates: 2})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), ".starts")
	// A write killed before its rename left a temporary file.
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".start-1.json.tmp-killed"), []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	fit := func(key string) (*Result, int) {
		t.Helper()
		evaluations := 0
		res, err := Fit(context.Background(), prob, FitOptions{Starts: 2, MaxEvaluations: 12, Seed: 3, CheckReplicates: -1,
			Checkpoint: dir, CheckpointKey: key, Progress: func(int, int, float64) { evaluations++ }})
		if err != nil {
			t.Fatal(err)
		}
		return res, evaluations
	}
	first, n := fit("a")
	if n == 0 {
		t.Fatal("the first fit evaluated nothing")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	for k := 1; k <= 2; k++ {
		if _, err := os.Stat(filepath.Join(dir, "start-"+string(rune('0'+k))+".json")); err != nil {
			t.Errorf("start %d not kept: %v", k, err)
		}
	}
	again, n := fit("a")
	if n != 0 {
		t.Errorf("the fit run again evaluated %d times during its starts, want none", n)
	}
	if !reflect.DeepEqual(again, first) {
		t.Errorf("resumed fit differs:\n%+v\nwant\n%+v", again, first)
	}
	if err := os.Remove(filepath.Join(dir, "start-2.json")); err != nil {
		t.Fatal(err)
	}
	partial, n := fit("a")
	if n == 0 || !reflect.DeepEqual(partial, first) {
		t.Errorf("with start 2 gone: %d evaluations (want some), same result %v", n, reflect.DeepEqual(partial, first))
	}
	other, n := fit("b")
	if n == 0 || !reflect.DeepEqual(other.Starts, first.Starts) {
		t.Errorf("under another key: %d evaluations (want some), same starts %v (want true: the problem is the same)", n, reflect.DeepEqual(other.Starts, first.Starts))
	}
}
