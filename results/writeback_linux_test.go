package results

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestStartWriteback: the kernel takes the hint for the bytes of an open
// file, and refuses it for a closed one (so the call reaches the system).
func TestStartWriteback(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "big.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(bytes.Repeat([]byte("x"), 2*writebackEvery)); err != nil {
		t.Fatal(err)
	}
	if err := startWriteback(f, 0, 2*writebackEvery); err != nil {
		t.Errorf("writeback of an open file: %v", err)
	}
	f.Close()
	if err := startWriteback(f, 0, writebackEvery); err == nil {
		t.Errorf("writeback of a closed file gave no error")
	}
}
