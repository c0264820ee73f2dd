package buildinfo

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
)

// Model identifies the model a binary runs: its version and, when the
// version does not pin the sources it was built from (Unpinned), the
// SHA-256 of the binary itself. Two binaries with the same Model make the
// same runs; two with different ones may not.
type Model struct {
	Version string `json:"version"`
	// BinarySHA256 is the hex SHA-256 of the binary, for an unpinned
	// version only.
	BinarySHA256 string `json:"binary_sha256,omitempty"`
}

// Unpinned reports whether version v says too little to identify the
// model: a build without version control information ("devel"), of
// changed sources (ending in "+dirty"), or of unknown origin. A clean
// revision or a release pins its sources.
func Unpinned(v string) bool {
	return v == "devel" || v == "unknown" || v == "" || strings.HasSuffix(v, "+dirty")
}

var current struct {
	once  sync.Once
	model Model
	err   error
}

// CurrentModel returns the Model of the running binary. The binary is
// read and hashed once per process, and only when its version is unpinned.
func CurrentModel() (Model, error) {
	current.once.Do(func() {
		current.model, current.err = modelOf(Version(), os.Executable)
	})
	return current.model, current.err
}

// modelOf is the Model of a binary of version v, found by exe when its
// hash is needed.
func modelOf(v string, exe func() (string, error)) (Model, error) {
	m := Model{Version: v}
	if !Unpinned(v) {
		return m, nil
	}
	path, err := exe()
	if err != nil {
		return Model{}, fmt.Errorf("identify this binary (version %s, which does not pin its sources): %w", v, err)
	}
	f, err := os.Open(path)
	if err != nil {
		return Model{}, fmt.Errorf("identify this binary (version %s, which does not pin its sources): %w", v, err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return Model{}, fmt.Errorf("identify this binary (version %s, which does not pin its sources): read %s: %w", v, path, err)
	}
	m.BinarySHA256 = hex.EncodeToString(h.Sum(nil))
	return m, nil
}

// String names the model for a reader: the version, and for an unpinned
// one the start of the binary's hash.
func (m Model) String() string {
	if m.BinarySHA256 == "" {
		return m.Version
	}
	return fmt.Sprintf("%s (binary SHA-256 %.12s)", m.Version, m.BinarySHA256)
}

// Key is the model as one string, for records that carry it: the version,
// followed by the binary's hash for an unpinned version.
func (m Model) Key() string {
	if m.BinarySHA256 == "" {
		return m.Version
	}
	return m.Version + " sha256:" + m.BinarySHA256
}

// ParseModelKey reads a Model back from its Key.
func ParseModelKey(key string) Model {
	v, sum, _ := strings.Cut(key, " sha256:")
	return Model{Version: v, BinarySHA256: sum}
}
