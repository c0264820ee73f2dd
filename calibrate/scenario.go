package calibrate

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Setting is a value to write into a scenario file under a dotted key, for
// example exit.base_rate. Value is a float64, int, bool or string.
type Setting struct {
	Key   string
	Value any
	// Comment, if set, becomes the line comment of the value.
	Comment string
}

// ScenarioYAML returns the scenario file base with every setting written in
// (nested as in scenario files, replacing the value already there), under
// the header comment. The comments of base are kept, except the line
// comment of a replaced value, which becomes the setting's comment.
func ScenarioYAML(base []byte, header string, settings []Setting) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(base, &doc); err != nil {
		return nil, fmt.Errorf("base scenario: not valid YAML: %w", err)
	}
	if len(doc.Content) == 0 {
		doc = yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode, Tag: "!!map"}}}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("base scenario: want a mapping at the top")
	}
	for _, s := range settings {
		if err := setNode(root, strings.Split(s.Key, "."), s); err != nil {
			return nil, err
		}
	}
	var head []string
	for _, line := range strings.Split(strings.TrimRight(header, "\n"), "\n") {
		head = append(head, strings.TrimRight("# "+line, " "))
	}
	// The base file's leading comment stays below the header.
	if doc.HeadComment != "" {
		head = append(head, "", doc.HeadComment)
		doc.HeadComment = ""
	} else if root.HeadComment != "" {
		head = append(head, "", root.HeadComment)
		root.HeadComment = ""
	} else if len(root.Content) > 0 && root.Content[0].HeadComment != "" {
		head = append(head, "", root.Content[0].HeadComment)
		root.Content[0].HeadComment = ""
	}
	doc.HeadComment = strings.Join(head, "\n")
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, fmt.Errorf("write scenario: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("write scenario: %w", err)
	}
	return buf.Bytes(), nil
}

func setNode(m *yaml.Node, path []string, s Setting) error {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != path[0] {
			continue
		}
		v := m.Content[i+1]
		if len(path) == 1 {
			if v.Kind != yaml.ScalarNode {
				return fmt.Errorf("base scenario: key %q holds a %s, not a value", s.Key, kindName(v.Kind))
			}
			return scalarNode(v, s)
		}
		if v.Kind != yaml.MappingNode {
			return fmt.Errorf("base scenario: key %q: %q is not a mapping", s.Key, path[0])
		}
		return setNode(v, path[1:], s)
	}
	k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: path[0]}
	if len(path) == 1 {
		v := &yaml.Node{Kind: yaml.ScalarNode}
		m.Content = append(m.Content, k, v)
		return scalarNode(v, s)
	}
	v := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	m.Content = append(m.Content, k, v)
	return setNode(v, path[1:], s)
}

func scalarNode(n *yaml.Node, s Setting) error {
	n.Style = 0
	switch x := s.Value.(type) {
	case float64:
		n.Tag, n.Value = "!!float", strconv.FormatFloat(x, 'g', -1, 64)
		if !strings.ContainsAny(n.Value, ".eEn") { // keep it a number of the right type
			n.Value += ".0"
		}
	case int:
		n.Tag, n.Value = "!!int", strconv.Itoa(x)
	case bool:
		n.Tag, n.Value = "!!bool", strconv.FormatBool(x)
	case string:
		n.Tag, n.Value = "!!str", x
	default:
		return fmt.Errorf("key %q: value %v (%T) cannot be written", s.Key, s.Value, s.Value)
	}
	n.LineComment = ""
	if s.Comment != "" {
		n.LineComment = "# " + s.Comment
	}
	return nil
}

func kindName(k yaml.Kind) string {
	switch k {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	}
	return "value"
}
