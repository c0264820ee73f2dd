package yamlcheck

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func parse(t *testing.T, text string) *yaml.Node {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Content[0]
}

func TestReadersNameFileLineKeyAndAllowed(t *testing.T) {
	f := File{What: "spec", Path: "s.yaml"}
	top := parse(t, "a: 1\nb: x\nc: [1, 2]\nd: 0.5\ne: 99\n")
	m, err := f.Mapping(top, "", "a", "b", "c", "d", "e")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"string for int", func() error { _, err := f.Int(m["b"], "b", 0, 9); return err }(), `spec s.yaml: line 2, column 4: key "b": value "x" is not an integer; allowed: integer in [0, 9]`},
		{"int out of range", func() error { _, err := f.Int(m["e"], "e", 0, 9); return err }(), `line 5, column 4: key "e": value 99 is out of range; allowed: integer in [0, 9]`},
		{"list for string", func() error { _, err := f.String(m["c"], "c"); return err }(), `line 3, column 4: key "c": value "" is not a string`},
		{"list of numbers for strings", func() error { _, err := f.Strings(m["c"], "c"); return err }(), `key "c[0]": value "1" is not a string`},
		{"string for number", func() error { _, err := f.Number(m["b"], "b"); return err }(), `key "b": value "x" is not a number`},
		{"unknown key", func() error { _, err := f.Mapping(top, "", "a"); return err }(), `line 2, column 1: key "b": unknown key; allowed: a`},
		{"duplicate key", func() error { _, err := f.Mapping(parse(t, "a: 1\na: 2\n"), "top"); return err }(), `key "top.a": given twice`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.err == nil || !strings.Contains(tc.err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", tc.err, tc.want)
			}
		})
	}
	if v, err := f.Number(m["d"], "d"); err != nil || v != 0.5 {
		t.Errorf("Number = %v, %v", v, err)
	}
	if v, err := f.Strings(m["b"], "b"); err != nil || len(v) != 1 || v[0] != "x" {
		t.Errorf("Strings of a scalar = %v, %v", v, err)
	}
}

// TestFields: the strict reader of fixed keys names the closest allowed key
// for a typo and refuses a repeated key, a key that is no plain name and a
// value that is no mapping.
func TestFields(t *testing.T) {
	f := File{What: "policy", Path: "p.yaml"}
	allowed := []string{"name", "label", "phases"}
	if m, err := f.Fields(parse(t, "name: a\nlabel: b\n"), "", allowed); err != nil || len(m) != 2 {
		t.Fatalf("Fields = %v, %v; want two keys", m, err)
	}
	for _, c := range []struct{ text, path, want string }{
		{"names: a\n", "", `line 1, column 1: key "names": unknown key; did you mean "name"?; allowed: name, label, phases`},
		{"name: a\nname: b\n", "top", `line 2, column 1: key "top.name": given twice; allowed: each key once`},
		{"[a]: 1\n", "top", `key "top": a key must be a plain name`},
		{"- a\n", ".top", `key "top": want a mapping with keys name, label, phases`},
	} {
		_, err := f.Fields(parse(t, c.text), c.path, allowed)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want one containing %q", c.text, err, c.want)
		}
	}
}

// TestDocumentIsOneDocument: an empty file, a second document (which a
// plain yaml.Unmarshal ignores) and an oversized file are refused.
func TestDocumentIsOneDocument(t *testing.T) {
	f := File{What: "spec", Path: "s.yaml"}
	tests := []struct {
		name, text, want string
	}{
		{"one document", "a: 1\n", ""},
		{"leading separator", "---\na: 1\n", ""},
		{"empty", "", "spec s.yaml: empty file; it needs a"},
		{"comments only", "# a\n", "spec s.yaml: empty file; it needs a"},
		{"second document", "a: 1\n---\nb: 2\n", "spec s.yaml: line 2, column 1: a second YAML document; allowed: one document per file"},
		{"broken second document", "a: 1\n---\nb: [\n", "not valid YAML"},
		{"too big", "a: " + strings.Repeat("x", MaxFileBytes) + "\n", "bytes; allowed: at most 1048576 bytes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n, err := f.Document([]byte(tc.text), "it needs a")
			if tc.want == "" {
				if err != nil || n == nil || n.Kind != yaml.MappingNode {
					t.Fatalf("Document = %v, %v", n, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Document error %v, want %q", err, tc.want)
			}
		})
	}
}

// keyed is an error that names its key in Error and leaves it out of
// Message, as sim.ValueError does.
type keyed struct{ key string }

func (e *keyed) Error() string   { return e.key + ": " + e.Message() }
func (e *keyed) Message() string { return "value 2 is out of range" }

func TestErrorIsStructured(t *testing.T) {
	f := File{What: "scenario", Path: "town.yaml"}
	top := parse(t, "months: 10\ntrust:\n  gain: 2\n")
	value := top.Content[3].Content[1]
	inner := &keyed{key: "trust.gain"}
	err := fmt.Errorf("load: %w", f.Wrap(value, "trust.gain", inner))
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("errors.As finds no *Error in %v", err)
	}
	if e.Path != "town.yaml" || e.Line != 3 || e.Column != 9 || e.Key != "trust.gain" {
		t.Errorf("error at %s line %d, column %d, key %q; want town.yaml line 3, column 9, trust.gain", e.Path, e.Line, e.Column, e.Key)
	}
	var k *keyed
	if !errors.As(err, &k) {
		t.Error("errors.As does not see through *Error")
	}
	want := `load: scenario town.yaml: line 3, column 9: key "trust.gain": value 2 is out of range`
	if err.Error() != want {
		t.Errorf("error %q, want %q (the key named once)", err, want)
	}
}
