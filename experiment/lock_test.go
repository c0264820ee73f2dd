package experiment

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSweepFolderIsLocked: a second sweep into a folder in use is refused
// with the holder's pid and host, before it touches anything (it used to
// run every run again, or delete the temporary files of a merge in
// progress); the shards of one sweep share the folder, but not a shard.
func TestSweepFolderIsLocked(t *testing.T) {
	spec := loadShardSpec(t, shardedSweep)
	out := t.TempDir()
	for i := range 2 {
		runShard(t, spec, out, i, 2, 1)
	}
	host, _ := os.Hostname()
	holder := fmt.Sprintf("pid %d on host %s", os.Getpid(), host)

	held, err := lockFolder(out, 0, 0, []string{"wijksim", "sweep", "--spec", "first.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	// A merge in progress has its temporary files in the folder.
	tmp := filepath.Join(out, ".summaries.csv.tmp-inprogress")
	if err := os.WriteFile(tmp, []byte("half a table"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		run  func() error
	}{
		{"sweep", func() error {
			_, err := Sweep(context.Background(), spec, SweepOptions{Out: out, Workers: 1})
			return err
		}},
		{"shard", func() error {
			_, err := Sweep(context.Background(), spec, SweepOptions{Out: out, Workers: 1, Shard: 1, Shards: 2})
			return err
		}},
		{"merge", func() error { _, err := Merge(context.Background(), out, SweepOptions{}); return err }},
	} {
		err := tc.run()
		if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), holder) || !strings.Contains(err.Error(), "wijksim sweep --spec first.yaml") {
			t.Errorf("%s into a locked folder: %v; want it refused naming %q and its command", tc.name, err, holder)
		}
	}
	if _, err := os.Stat(tmp); err != nil {
		t.Errorf("a refused sweep removed the temporary file of the holder: %v", err)
	}
	if n := countRecords(out); n != 16 {
		t.Errorf("%d runs stored, want the 16 of the shards", n)
	}
	held.unlock()

	// Shards share the folder; one shard cannot run twice, and merge waits
	// for the running shards, naming them.
	s0, err := lockFolder(out, 0, 2, []string{"wijksim", "sweep", "--shard", "0/2"})
	if err != nil {
		t.Fatal(err)
	}
	s1, err := lockFolder(out, 1, 2, []string{"wijksim", "sweep", "--shard", "1/2"})
	if err != nil {
		t.Fatalf("two shards of one sweep could not share the folder: %v", err)
	}
	if _, err := lockFolder(out, 1, 2, nil); !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "shard 1 of 2") || !strings.Contains(err.Error(), "--shard 1/2") {
		t.Errorf("shard 1 twice: %v", err)
	}
	s1.unlock()
	_, err = Merge(context.Background(), out, SweepOptions{})
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "1 shard(s)") || !strings.Contains(err.Error(), "--shard 0/2") {
		t.Errorf("merge while shard 0 runs: %v; want it refused naming shard 0", err)
	}
	s0.unlock()

	// Free again: the stale temporary file of the killed holder goes.
	runUnsharded(t, spec, out)
	if _, err := os.Stat(tmp); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the stale temporary file is still there: %v", err)
	}
}

// TestMergeStopsOnSignalAndCleansUp: merge takes a context (Ctrl-C and
// SIGTERM reach it through the command's), stops when it is done without
// leaving temporary files, and a later merge removes the temporary files a
// killed merge left.
func TestMergeStopsOnSignalAndCleansUp(t *testing.T) {
	spec := loadShardSpec(t, shardedSweep)
	out := t.TempDir()
	for i := range 2 {
		runShard(t, spec, out, i, 2, 1)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Merge(ctx, out, SweepOptions{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled merge: %v; want context.Canceled", err)
	}
	if left := tempFiles(t, out); len(left) > 0 {
		t.Errorf("a cancelled merge left %v", left)
	}
	if _, err := os.Stat(filepath.Join(out, SummariesFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a cancelled merge wrote %s: %v", SummariesFile, err)
	}
	// What kill -9 during a merge leaves behind.
	for _, name := range []string{".events.csv.tmp-123", ".summaries.csv.tmp-456", filepath.Join(shardsDir, ".shard-0000-of-0002.json.tmp-7")} {
		if err := os.WriteFile(filepath.Join(out, name), []byte("partial"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Merge(context.Background(), out, SweepOptions{}); err != nil {
		t.Fatal(err)
	}
	if left := tempFiles(t, out); len(left) > 0 {
		t.Errorf("merge left the temporary files of a killed merge: %v", left)
	}
}
