package buildinfo

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
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
		{"v1.2.0", Model{Version: "v1.2.0", Arch: Arch()}, "v1.2.0"},
		{"v0.0.0-20261202090229-e3e109c70f6c+dirty", Model{Version: "v0.0.0-20261202090229-e3e109c70f6c+dirty", BinarySHA256: hex.EncodeToString(sum[:]), Arch: Arch()},
			"v0.0.0-20261202090229-e3e109c70f6c+dirty (binary SHA-256 " + hex.EncodeToString(sum[:])[:12] + ")"},
		{"devel", Model{Version: "devel", BinarySHA256: hex.EncodeToString(sum[:]), Arch: Arch()}, "devel (binary SHA-256 " + hex.EncodeToString(sum[:])[:12] + ")"},
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

// TestModelArch: the same sources built for arm64 and amd64 may round
// differently, so the architecture, with its instruction-set level when
// the build records one, is part of the model and of its key; a model of
// a wijksim that did not record it (Arch "") is the same as one of any
// architecture with its version and binary.
func TestModelArch(t *testing.T) {
	if got := Arch(); !strings.HasPrefix(got, runtime.GOARCH) {
		t.Errorf("Arch() = %q, want it to start with %q", got, runtime.GOARCH)
	}
	bi := &debug.BuildInfo{Settings: []debug.BuildSetting{{Key: "GOOS", Value: "linux"}, {Key: "GOAMD64", Value: "v3"}}}
	if got := archOf("amd64", bi); got != "amd64.v3" {
		t.Errorf("archOf(amd64, GOAMD64=v3) = %q, want amd64.v3", got)
	}
	if got := archOf("arm64", bi); got != "arm64" {
		t.Errorf("archOf(arm64) without GOARM64 = %q, want arm64", got)
	}
	if got := archOf("arm64", nil); got != "arm64" {
		t.Errorf("archOf without build information = %q, want arm64", got)
	}
	amd := Model{Version: "v1.2.0", Arch: "amd64.v1"}
	arm := Model{Version: "v1.2.0", Arch: "arm64.v8.0"}
	unknown := Model{Version: "v1.2.0"}
	switch {
	case amd.Same(arm) || arm.Same(amd):
		t.Errorf("%+v and %+v are the same model", amd, arm)
	case !amd.Same(unknown) || !unknown.Same(arm):
		t.Errorf("a model without its architecture differs from one with it")
	case amd.Same(Model{Version: "v1.3.0", Arch: "amd64.v1"}):
		t.Errorf("two versions are the same model")
	}
	for _, m := range []Model{amd, {Version: "devel", BinarySHA256: "ab", Arch: "arm64"}, unknown} {
		if back := ParseModelKey(m.Key()); back != m {
			t.Errorf("key %q reads back as %+v, want %+v", m.Key(), back, m)
		}
	}
	if amd.Key() == arm.Key() {
		t.Errorf("amd64 and arm64 have the same key %q", amd.Key())
	}
}
