package policies

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/wijksim/wijksim/internal/names"
	"github.com/wijksim/wijksim/internal/yamlcheck"
)

// The built-in policies are the files N-NAME.yaml of this folder, in the
// order of N: the baseline, afstand, first. Adding a file adds a policy.
//
//go:embed *.yaml
var embedded embed.FS

// builtins are the embedded policies, read once; they never change.
var builtins = sync.OnceValues(func() ([]*Policy, error) {
	files, err := fs.Glob(embedded, "*.yaml")
	if err != nil {
		return nil, err
	}
	slices.SortFunc(files, func(a, b string) int { return order(a) - order(b) })
	var out []*Policy
	for _, file := range files {
		raw, err := embedded.ReadFile(file)
		if err != nil {
			return nil, err
		}
		name := strings.TrimSuffix(file[strings.IndexByte(file, '-')+1:], ".yaml")
		p, err := parse(raw, "embedded:"+name, true)
		if err != nil {
			return nil, err
		}
		if p.Name != name {
			return nil, fmt.Errorf("policy embedded:%s: name %q differs from the file's name %s", name, p.Name, file)
		}
		p.Builtin = true
		out = append(out, p)
	}
	return out, nil
})

// order reads the N of a file N-NAME.yaml.
func order(file string) int {
	n := 0
	for _, c := range file {
		if c < '0' || c > '9' {
			break
		}
		n = 10*n + int(c-'0')
	}
	return n
}

// Builtins returns the built-in policies, baseline first. The policies are
// shared: do not change them.
func Builtins() []*Policy {
	ps, err := builtins()
	if err != nil {
		panic("policies: a built-in policy file is invalid: " + err.Error()) // checked by the package's tests
	}
	return ps
}

// Names returns the names of the built-in policies, baseline first.
func Names() []string {
	ps := Builtins()
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Name
	}
	return out
}

// Baseline is the name of the policy that comparisons measure against by
// default: the first built-in.
func Baseline() string { return Names()[0] }

// Builtin returns the built-in policy with the given name.
func Builtin(name string) (*Policy, error) {
	for _, p := range Builtins() {
		if p.Name == name {
			return p, nil
		}
	}
	return nil, names.Unknown("policy", name, Names())
}

// IsBuiltin reports whether name is a built-in policy's.
func IsBuiltin(name string) bool { return slices.Contains(Names(), name) }

// IsPath reports whether ref names a policy file rather than a built-in
// policy: it ends in .yaml or .yml, holds a path separator, or names an
// existing file.
func IsPath(ref string) bool { return yamlcheck.IsPath(ref) }

// Load returns the policy ref: a built-in policy's name or the path of a
// policy file. A file may not take a built-in policy's name.
func Load(ref string) (*Policy, error) {
	if !IsPath(ref) {
		p, err := Builtin(ref)
		if err != nil {
			return nil, fmt.Errorf("%w (or the path of a policy file)", err)
		}
		return p, nil
	}
	raw, err := os.ReadFile(ref)
	if err != nil {
		return nil, fmt.Errorf("load policy: %w", err)
	}
	if len(raw) > MaxFileBytes {
		return nil, fmt.Errorf("policy %s: %d bytes; allowed: at most %d bytes", ref, len(raw), MaxFileBytes)
	}
	return ParseFile(raw, filepath.ToSlash(ref))
}

// ParseFile reads a policy that is not built in from the bytes of its
// file, as Parse does, and refuses a built-in policy's name.
func ParseFile(raw []byte, source string) (*Policy, error) {
	p, err := parse(raw, source, false)
	if err != nil {
		return nil, err
	}
	if IsBuiltin(p.Name) {
		return nil, fmt.Errorf("policy %s: name %q is a built-in policy's; allowed: a name of its own, not %s", source, p.Name, strings.Join(Names(), ", "))
	}
	return p, nil
}

// Resolve loads the policies refs name, in order: "all" for every built-in
// policy, a built-in policy's name, or the path of a policy file. Two
// policies of one name are refused.
func Resolve(refs []string) ([]*Policy, error) {
	var out []*Policy
	for _, ref := range refs {
		ref = strings.TrimSpace(ref)
		var add []*Policy
		switch {
		case ref == "all":
			add = Builtins()
		case ref == "":
			return nil, fmt.Errorf("an empty policy name; allowed: all, %s, or the path of a policy file", strings.Join(Names(), ", "))
		default:
			p, err := Load(ref)
			if err != nil {
				return nil, err
			}
			add = []*Policy{p}
		}
		for _, p := range add {
			for _, q := range out {
				if q.Name == p.Name {
					return nil, fmt.Errorf("policy %s given twice (%s and %s); allowed: each policy once", names.Quote(p.Name), q.File, p.File)
				}
			}
			out = append(out, p)
		}
	}
	return out, nil
}

// Find returns the policy called name: a built-in policy or one of files.
func Find(name string, files []*Policy) (*Policy, error) {
	for _, p := range files {
		if p.Name == name {
			return p, nil
		}
	}
	return Builtin(name)
}

// NamesOf returns the names of ps, in order.
func NamesOf(ps []*Policy) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Name
	}
	return out
}

// Custom returns the policies of ps that are not built in.
func Custom(ps []*Policy) []*Policy {
	var out []*Policy
	for _, p := range ps {
		if !p.Builtin {
			out = append(out, p)
		}
	}
	return out
}

// MustBuiltin returns the built-in policy called name and panics if there
// is none; for tests and examples that name a built-in policy.
func MustBuiltin(name string) *Policy {
	p, err := Builtin(name)
	if err != nil {
		panic(err)
	}
	return p
}
