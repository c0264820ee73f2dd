package buildinfo

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUnpinned: a version identifies the model unless the build had no
// version control information or changed sources; Go stamps a build from
// a git checkout with a pseudo-version, ending in +dirty when the sources
// were changed, which the version alone does not tell apart.
func TestUnpinned(t *testing.T) {
	for v, want := range map[string]bool{
		"devel":   true,
		"unknown": true,
		"devel-e3e109c70f6cfcef64b11ce0a6b62da997603113+dirty": true,
		"v0.0.0-20261202090229-e3e109c70f6c+dirty":             true,
		"v1.2.0+dirty": true,
		"devel-e3e109c70f6cfcef64b11ce0a6b62da997603113": false,
		"v0.0.0-20261202090229-e3e109c70f6c":             false,
		"v1.2.0":                                         false,
	} {
		if got := Unpinned(v); got != want {
			t.Errorf("Unpinned(%q) = %v, want %v", v, got, want)
		}
	}
}

// TestModelOf: the model of an unpinned version carries the hash of the
// binary, that of a pinned one only the version; the key reads back.
func TestModelOf(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "wijksim")
	if err := os.WriteFile(bin, []byte("a binary"), 0o755); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte("a binary"))
	exe := func() (string, error) { return bin, nil }
	for _, tc := range []struct {
		version string
		want    Model
		text    string
	}{
		{"v1.2.0", Model{Version: "v1.2.0"}, "v1.2.0"},
		{"v0.0.0-20261202090229-e3e109c70f6c+dirty", Model{Version: "v0.0.0-20261202090229-e3e109c70f6c+dirty", BinarySHA256: hex.EncodeToString(sum[:])},
			"v0.0.0-20261202090229-e3e109c70f6c+dirty (binary SHA-256 " + hex.EncodeToString(sum[:])[:12] + ")"},
		{"devel", Model{Version: "devel", BinarySHA256: hex.EncodeToString(sum[:])}, "devel (binary SHA-256 " + hex.EncodeToString(sum[:])[:12] + ")"},
	} {
		m, err := modelOf(tc.version, exe)
		if err != nil || m != tc.want {
			t.Errorf("modelOf(%q) = %+v, %v; want %+v", tc.version, m, err, tc.want)
		}
		if m.String() != tc.text {
			t.Errorf("%+v reads %q, want %q", m, m.String(), tc.text)
		}
		if back := ParseModelKey(m.Key()); back != m {
			t.Errorf("key %q reads back as %+v, want %+v", m.Key(), back, m)
		}
	}
	_, err := modelOf("devel", func() (string, error) { return "", errors.New("no executable") })
	if err == nil || !strings.Contains(err.Error(), "no executable") || !strings.Contains(err.Error(), "identify this binary") {
		t.Errorf("modelOf without the binary: %v", err)
	}
	if _, err := CurrentModel(); err != nil {
		t.Errorf("CurrentModel: %v", err)
	}
}
