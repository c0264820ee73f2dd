package buildinfo

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
)

// Model identifies the model a binary runs: its version, the processor
// architecture it was built for and, when the version does not pin the
// sources it was built from (Unpinned), the SHA-256 of the binary itself.
// Two binaries with the same Model make the same runs; two with different
// ones may not: the same sources built for arm64, whose compiler fuses
// multiplications and additions, round some results differently from an
// amd64 build.
type Model struct {
	Version string `json:"version"`
	// BinarySHA256 is the hex SHA-256 of the binary, for an unpinned
	// version only.
	BinarySHA256 string `json:"binary_sha256,omitempty"`
	// Arch is the architecture (Arch()); "" in the records of a wijksim
	// that did not record it, which Same takes for unknown.
	Arch string `json:"arch,omitempty"`
}

// archLevels names, for each GOARCH, the build setting that chooses the
// level of its instruction set (GOAMD64=v3, for example).
var archLevels = map[string]string{
	"amd64": "GOAMD64", "arm64": "GOARM64", "arm": "GOARM", "386": "GO386",
	"ppc64": "GOPPC64", "ppc64le": "GOPPC64", "mips": "GOMIPS", "mipsle": "GOMIPS",
	"mips64": "GOMIPS64", "mips64le": "GOMIPS64", "riscv64": "GORISCV64", "wasm": "GOWASM",
}

// Arch is the architecture this binary was built for: runtime.GOARCH,
// followed by the level of its instruction set when the build recorded
// one ("amd64.v1", "arm64.v8.0").
func Arch() string {
	bi, _ := debug.ReadBuildInfo()
	return archOf(runtime.GOARCH, bi)
}

func archOf(goarch string, bi *debug.BuildInfo) string {
	if bi == nil {
		return goarch
	}
	for _, s := range bi.Settings {
		if s.Key == archLevels[goarch] && s.Value != "" {
			return goarch + "." + s.Value
		}
	}
	return goarch
}

// Same reports whether m and o are the same model. An unknown Arch (of a
// wijksim that did not record it) is taken for any: only the versions
// and binaries are compared then.
func (m Model) Same(o Model) bool {
	if m.Arch != "" && o.Arch != "" && m.Arch != o.Arch {
		return false
	}
	return m.Version == o.Version && m.BinarySHA256 == o.BinarySHA256
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
	m := Model{Version: v, Arch: Arch()}
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
// followed by the binary's hash for an unpinned version and by the
// architecture when it is known.
func (m Model) Key() string {
	k := m.Version
	if m.BinarySHA256 != "" {
		k += " sha256:" + m.BinarySHA256
	}
	if m.Arch != "" {
		k += " arch:" + m.Arch
	}
	return k
}

// ParseModelKey reads a Model back from its Key.
func ParseModelKey(key string) Model {
	key, arch, _ := strings.Cut(key, " arch:")
	v, sum, _ := strings.Cut(key, " sha256:")
	return Model{Version: v, BinarySHA256: sum, Arch: arch}
}
