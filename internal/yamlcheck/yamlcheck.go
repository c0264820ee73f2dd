// Package yamlcheck reads the nodes of a YAML document strictly, for files
// that wijksim validates before it runs anything (scenarios, experiment
// specs, target files, policy and outcome files): every error is an *Error that names the file, the
// line and column, the key and what is allowed.
package yamlcheck

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/wijksim/wijksim/internal/names"
)

// File names the document being checked in errors, for example
// File{What: "spec", Path: "sweep.yaml"}.
type File struct {
	What string
	Path string
}

// MaxFileBytes is the largest file Document reads: far more than any spec or
// target file needs, and little enough to check in a moment.
const MaxFileBytes = 1 << 20

// Document parses raw as exactly one YAML document and returns its root
// node. An empty file (or one of comments only) is an error that ends with
// need, for example "it needs at least a design"; so are a second document
// (after ---) and a file over MaxFileBytes.
func (f File) Document(raw []byte, need string) (*yaml.Node, error) {
	if len(raw) > MaxFileBytes {
		return nil, fmt.Errorf("%s %s: %d bytes; allowed: at most %d bytes", f.What, f.Path, len(raw), MaxFileBytes)
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	var doc yaml.Node
	if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s %s: empty file; %s", f.What, f.Path, need)
	} else if err != nil {
		return nil, fmt.Errorf("%s %s: not valid YAML: %w", f.What, f.Path, err)
	}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("%s %s: empty file; %s", f.What, f.Path, need)
	}
	var next yaml.Node
	if err := dec.Decode(&next); !errors.Is(err, io.EOF) {
		if err != nil {
			return nil, fmt.Errorf("%s %s: not valid YAML: %w", f.What, f.Path, err)
		}
		return nil, fmt.Errorf("%s %s: line %d, column %d: a second YAML document; allowed: one document per file", f.What, f.Path, next.Line, next.Column)
	}
	return doc.Content[0], nil
}

// Error is an error about one key of a file: the file, the line and column
// of the node where it is, the key, and what is wrong (Err, which errors.As
// and errors.Is see through).
type Error struct {
	What, Path string
	// Line and Column locate the node, counting from 1; 0 when unknown.
	Line, Column int
	Key          string
	Err          error
}

// Error names the file, the line and column, the key and what is wrong:
// `spec s.yaml: line 2, column 4: key "b": value "x" is not an integer;
// allowed: integer in [0, 9]`.
func (e *Error) Error() string {
	at := ""
	if e.Line > 0 {
		at = fmt.Sprintf("line %d, column %d: ", e.Line, e.Column)
	}
	return fmt.Sprintf("%s %s: %skey %q: %s", e.What, e.Path, at, e.Key, Reason(e.Err))
}

// Unwrap returns what is wrong.
func (e *Error) Unwrap() error { return e.Err }

// Reason says what is wrong in err without naming its key again: the
// Message of an error that has one (as sim.ValueError, which names its
// key in Error), else the error's text.
func Reason(err error) string {
	if m, ok := err.(interface{ Message() string }); ok {
		return m.Message()
	}
	return err.Error()
}

// Errorf builds an *Error at node n (nil: no position) for key.
func (f File) Errorf(n *yaml.Node, key, format string, args ...any) error {
	return f.Wrap(n, key, fmt.Errorf(format, args...))
}

// Wrap builds an *Error at node n (nil: no position) for key around err.
func (f File) Wrap(n *yaml.Node, key string, err error) error {
	e := &Error{What: f.What, Path: f.Path, Key: key, Err: err}
	if n != nil {
		e.Line, e.Column = n.Line, n.Column
	}
	return e
}

// Mapping returns the key/value pairs of a mapping node at path, checking
// that every key is allowed (no allowed keys: any key) and none is given twice.
func (f File) Mapping(n *yaml.Node, path string, allowed ...string) (map[string]*yaml.Node, error) {
	if n.Kind != yaml.MappingNode {
		if len(allowed) > 0 {
			return nil, f.Errorf(n, path, "want a mapping with keys %s", strings.Join(allowed, ", "))
		}
		return nil, f.Errorf(n, path, "want a mapping")
	}
	out := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i].Value, n.Content[i+1]
		full := strings.TrimPrefix(path+"."+k, ".")
		if len(allowed) > 0 && !slices.Contains(allowed, k) {
			return nil, f.Errorf(n.Content[i], full, "unknown key; allowed: %s", strings.Join(allowed, ", "))
		}
		if _, dup := out[k]; dup {
			return nil, f.Errorf(n.Content[i], full, "given twice")
		}
		out[k] = v
	}
	return out, nil
}

// Fields is Mapping for a part of a file whose keys are fixed: every key
// must be a plain name among allowed (an unknown one is refused with the
// closest allowed name, if one is close) and given once.
func (f File) Fields(n *yaml.Node, path string, allowed []string) (map[string]*yaml.Node, error) {
	full := func(k string) string { return strings.TrimPrefix(path+"."+k, ".") }
	if n.Kind != yaml.MappingNode {
		return nil, f.Errorf(n, strings.TrimPrefix(path, "."), "want a mapping with keys %s", strings.Join(allowed, ", "))
	}
	out := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn := n.Content[i]
		if kn.Kind != yaml.ScalarNode {
			return nil, f.Errorf(kn, path, "a key must be a plain name")
		}
		k := kn.Value
		if !slices.Contains(allowed, k) {
			return nil, f.Errorf(kn, names.Clip(full(k)), "unknown key%s; allowed: %s", names.DidYouMean(k, allowed), strings.Join(allowed, ", "))
		}
		if _, dup := out[k]; dup {
			return nil, f.Errorf(kn, full(k), "given twice; allowed: each key once")
		}
		out[k] = n.Content[i+1]
	}
	return out, nil
}

// String reads a string scalar.
func (f File) String(n *yaml.Node, key string) (string, error) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!str" {
		return "", f.Errorf(n, key, "value %q is not a string", n.Value)
	}
	return n.Value, nil
}

// Int reads an integer scalar in [lo, hi].
func (f File) Int(n *yaml.Node, key string, lo, hi int) (int, error) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		return 0, f.Errorf(n, key, "value %q is not an integer; allowed: integer in [%d, %d]", n.Value, lo, hi)
	}
	v, err := strconv.Atoi(n.Value)
	if err != nil || v < lo || v > hi {
		return 0, f.Errorf(n, key, "value %s is out of range; allowed: integer in [%d, %d]", n.Value, lo, hi)
	}
	return v, nil
}

// Number reads a finite number (an integer or a float scalar).
func (f File) Number(n *yaml.Node, key string) (float64, error) {
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
		return 0, f.Errorf(n, key, "value %q is not a number", n.Value)
	}
	var v float64
	if err := n.Decode(&v); err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, f.Errorf(n, key, "value %q is not a finite number", n.Value)
	}
	return v, nil
}

// Strings reads a list of strings, or a single string as a list of one.
func (f File) Strings(n *yaml.Node, key string) ([]string, error) {
	if n.Kind == yaml.ScalarNode {
		s, err := f.String(n, key)
		return []string{s}, err
	}
	if n.Kind != yaml.SequenceNode {
		return nil, f.Errorf(n, key, "want a list")
	}
	var out []string
	for i, item := range n.Content {
		s, err := f.String(item, fmt.Sprintf("%s[%d]", key, i))
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}
