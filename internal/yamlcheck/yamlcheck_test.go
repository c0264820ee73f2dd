package yamlcheck

import (
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
		{"string for int", func() error { _, err := f.Int(m["b"], "b", 0, 9); return err }(), `spec s.yaml: line 2: key "b": value "x" is not an integer; allowed: integer in [0, 9]`},
		{"int out of range", func() error { _, err := f.Int(m["e"], "e", 0, 9); return err }(), `line 5: key "e": value 99 is out of range; allowed: integer in [0, 9]`},
		{"list for string", func() error { _, err := f.String(m["c"], "c"); return err }(), `line 3: key "c": value "" is not a string`},
		{"list of numbers for strings", func() error { _, err := f.Strings(m["c"], "c"); return err }(), `key "c[0]": value "1" is not a string`},
		{"string for number", func() error { _, err := f.Number(m["b"], "b"); return err }(), `key "b": value "x" is not a number`},
		{"unknown key", func() error { _, err := f.Mapping(top, "", "a"); return err }(), `line 2: key "b": unknown key; allowed: a`},
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
		{"second document", "a: 1\n---\nb: 2\n", "spec s.yaml: line 2: a second YAML document; allowed: one document per file"},
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
