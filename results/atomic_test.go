package results

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestWritebackWriterStartsEachMegabyte checks that a synced file's bytes
// are handed to the disk in order as they are written, a range for each
// writebackEvery bytes or more, with nothing left out before the last
// range and nothing changed in the file.
func TestWritebackWriterStartsEachMegabyte(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "big.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type span struct{ off, n int64 }
	var started []span
	w := &writebackWriter{f: f, start: func(got *os.File, off, n int64) error {
		if got != f {
			t.Errorf("writeback started on %v, want %v", got.Name(), f.Name())
		}
		started = append(started, span{off, n})
		return nil
	}}
	var want bytes.Buffer
	piece := bytes.Repeat([]byte("0123456789abcdef,"), 4001) // 68,017 bytes: no multiple of the period
	for range 60 {
		want.Write(piece)
		if _, err := w.Write(piece); err != nil {
			t.Fatal(err)
		}
	}
	total := int64(want.Len())
	if len(started) != int(total/writebackEvery) {
		t.Errorf("writeback started %d times for %d bytes, want %d (one a %d bytes)", len(started), total, total/writebackEvery, writebackEvery)
	}
	next := int64(0)
	for i, s := range started {
		if s.off != next || s.n < writebackEvery || s.n >= writebackEvery+int64(len(piece)) {
			t.Errorf("range %d is [%d, +%d), want it from %d, of %d to %d bytes", i, s.off, s.n, next, writebackEvery, writebackEvery+len(piece))
		}
		next = s.off + s.n
	}
	if total-next >= writebackEvery {
		t.Errorf("the last %d bytes were never started, want fewer than %d", total-next, writebackEvery)
	}
	got, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("file holds %d bytes unlike those written (%d)", len(got), want.Len())
	}
}

// TestWriteFileAtomicLargeFile writes a file of several megabytes, the
// size at which the writeback starts before the sync, and reads back the
// same bytes.
func TestWriteFileAtomicLargeFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "monthly.csv")
	want := bytes.Repeat([]byte("default,afstand,afstand,12,trust,30,0.31,0.02,0.30,0.32\n"), 70_001)
	if err := WriteFileAtomic(path, func(w io.Writer) error {
		for b := want; len(b) > 0; {
			n := min(len(b), 70_000)
			if _, err := w.Write(b[:n]); err != nil {
				return err
			}
			b = b[n:]
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("file holds %d bytes unlike the %d written", len(got), len(want))
	}
}
