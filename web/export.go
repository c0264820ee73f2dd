package web

import (
	"archive/zip"
	"bytes"
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/wijksim/wijksim/labels"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

// exportReplicates is the number of replicates of the exported sweep;
// replicate 0 is the run the class saw.
const exportReplicates = 10

// exportZip packs what reproduces a class run on the command line: the
// scenario file (the chosen embedded scenario with the changed keys set),
// the file of each policy that is not built in, byte for byte as it was
// loaded, a sweep spec for `wijksim sweep --spec`, and a README with the
// commands in lang, the page's language ("nl" or "en"; empty is English).
// It returns the zip's bytes and its file name.
func exportZip(pl *plan, lang string) ([]byte, string, error) {
	base := "klas-" + pl.Scenario.Name
	scenarioFile := base + ".yaml"
	specFile := base + "-sweep.yaml"
	sc, err := scenarioYAML(pl)
	if err != nil {
		return nil, "", err
	}
	files := []struct {
		name string
		data []byte
	}{
		{scenarioFile, sc},
	}
	for _, p := range pl.Policies {
		if !p.Builtin {
			files = append(files, struct {
				name string
				data []byte
			}{policyFileName(p), p.Raw})
		}
	}
	files = append(files, []struct {
		name string
		data []byte
	}{
		{specFile, sweepSpec(pl, base, scenarioFile)},
		{"README.txt", exportReadme(pl, scenarioFile, specFile, lang)},
	}...)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	// A fixed time, so that the same run exports the same bytes.
	stamp := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, f := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: base + "/" + f.name, Method: zip.Deflate, Modified: stamp})
		if err != nil {
			return nil, "", fmt.Errorf("zip %s: %w", f.name, err)
		}
		if _, err := w.Write(f.data); err != nil {
			return nil, "", fmt.Errorf("zip %s: %w", f.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, "", fmt.Errorf("zip: %w", err)
	}
	return buf.Bytes(), base + ".zip", nil
}

// policyFileName is the name under which the export keeps the file of a
// policy that is not built in: the policy's name, which is unique in a run
// and safe as a file name.
func policyFileName(p *policies.Policy) string { return "beleid-" + p.Name + ".yaml" }

// policyRefs returns the policies of the run as the command line names
// them: a built-in policy by its name, any other by its exported file.
func policyRefs(pl *plan) []string {
	out := make([]string, len(pl.Policies))
	for i, p := range pl.Policies {
		out[i] = p.Name
		if !p.Builtin {
			out[i] = policyFileName(p)
		}
	}
	return out
}

// changedKeys returns the overridden keys whose value differs from the
// embedded scenario's, in key order, with the old and new values.
func changedKeys(pl *plan) ([]change, error) {
	orig, err := scenarios.Load(pl.Scenario.Name, scenarios.Options{})
	if err != nil {
		return nil, err
	}
	var out []change
	for _, kv := range pl.Set {
		key, _, _ := strings.Cut(kv, "=")
		spec, _ := scenarios.Lookup(key)
		was, now := spec.Get(&orig.Params), spec.Get(&pl.Scenario.Params)
		if was != now {
			out = append(out, change{spec: spec, was: spec.Value(&orig.Params), now: spec.Value(&pl.Scenario.Params)})
		}
	}
	return out, nil
}

type change struct {
	spec     sim.ParamSpec
	was, now any
}

// scalar formats a parameter value as a YAML scalar node.
func scalar(v any) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode}
	switch x := v.(type) {
	case bool:
		n.Tag, n.Value = "!!bool", strconv.FormatBool(x)
	case int:
		n.Tag, n.Value = "!!int", strconv.Itoa(x)
	case float64:
		n.Tag, n.Value = "!!float", strconv.FormatFloat(x, 'g', -1, 64)
		if x == float64(int64(x)) && !strings.ContainsAny(n.Value, "e.") {
			n.Value += ".0"
		}
	}
	return n
}

// scenarioYAML returns the embedded scenario's file with the changed keys
// set, each marked with a comment, and its description marked as a class
// variant. Comments of the original file are kept.
func scenarioYAML(pl *plan) ([]byte, error) {
	raw, err := scenarios.Raw(pl.Scenario.Name)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil || len(doc.Content) == 0 {
		return nil, fmt.Errorf("embedded scenario %s: %v", pl.Scenario.Name, err)
	}
	root := doc.Content[0]
	changes, err := changedKeys(pl)
	if err != nil {
		return nil, err
	}
	for _, c := range changes {
		n := setPath(root, strings.Split(c.spec.Key, "."), scalar(c.now))
		n.LineComment = fmt.Sprintf("# klas; %s: %v", pl.Scenario.Name, c.was)
	}
	desc := pl.Scenario.Description
	setPath(root, []string{"scenario", "nl"}, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "Klas: " + desc["nl"]})
	setPath(root, []string{"scenario", "en"}, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "Class: " + desc["en"]})
	doc.HeadComment = fmt.Sprintf(`Exported from wijksim's classroom page: the embedded scenario %q
with the %d key(s) changed on the page, each marked "klas" with its
value in %s. Reproduce the run the class saw with
  wijksim run --scenario %s.yaml --policies %s --seed %d
(see README.txt). Every key is described by `+"`wijksim params`"+`.`,
		pl.Scenario.Name, len(changes), pl.Scenario.Name, "klas-"+pl.Scenario.Name, strings.Join(policyRefs(pl), ","), pl.Config.Seed)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, fmt.Errorf("encode scenario: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode scenario: %w", err)
	}
	return buf.Bytes(), nil
}

// setPath sets the value at path in the mapping m, creating mappings on the
// way, and returns the value node.
func setPath(m *yaml.Node, path []string, v *yaml.Node) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != path[0] {
			continue
		}
		if len(path) == 1 {
			old := m.Content[i+1]
			v.HeadComment, v.FootComment = old.HeadComment, old.FootComment
			m.Content[i+1] = v
			return v
		}
		return setPath(m.Content[i+1], path[1:], v)
	}
	key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: path[0]}
	if len(path) == 1 {
		m.Content = append(m.Content, key, v)
		return v
	}
	child := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	m.Content = append(m.Content, key, child)
	return setPath(child, path[1:], v)
}

// sweepSpec returns a spec for `wijksim sweep --spec` (experiment.ParseSpec)
// that runs the class scenario for the same policies and seed.
func sweepSpec(pl *plan, name, scenarioFile string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `# The class run as a sweep: the same scenario, policies and seed, with
# %d replicates. Replicate 0 is the run the class saw; the others meet other
# residents, so the spread shows what is chance and what is the policy.
#   wijksim sweep --spec %s-sweep.yaml --out out/%s
name: %s
scenario: %s
seed: %d
replicates: %d
policies: [%s]
design:
  kind: scenarios
  scenarios: [%s]
outputs: [summary, monthly]
`, exportReplicates, name, name, name, scenarioFile, pl.Config.Seed, exportReplicates, strings.Join(policyRefs(pl), ", "), scenarioFile)
	return []byte(b.String())
}

// The texts of an export's README.txt in both languages; the commands are
// the same in both.
var (
	readmeHead = labels.Text{EN: `wijksim classroom export
========================

Scenario: %s (embedded %q with the values set on the page)
Policies: %s
Seed:     %d

Unpack this folder and run, from inside it:

  # the run the class saw, month by month, in out/klas/POLICY/monthly.csv
  wijksim run --scenario %s --policies %s --seed %d --out out/klas

  # the same comparison over 30 replicates, with confidence intervals
  wijksim compare --scenario %s --policies %s --seed %d --replicates 30

  # the sweep spec: %d replicates, summaries and monthly series
  wijksim sweep --spec %s --out out/klas-sweep
`,
		NL: `wijksim: export van de klas
===========================

Scenario:          %s (ingebouwd %q met de waarden van de pagina)
Aanpakken:         %s
Startgetal (seed): %d

Pak deze map uit en voer vanuit de map uit:

  # de run die de klas zag, maand voor maand, in out/klas/AANPAK/monthly.csv
  wijksim run --scenario %s --policies %s --seed %d --out out/klas

  # dezelfde vergelijking over 30 replicaties, met betrouwbaarheidsintervallen
  wijksim compare --scenario %s --policies %s --seed %d --replicates 30

  # de sweep-spec: %d replicaties, samenvattingen en maandreeksen
  wijksim sweep --spec %s --out out/klas-sweep
`}
	readmeCustom   = labels.Text{EN: "\nPolicy files loaded on the page, as they were loaded (docs/policies.md):\n\n", NL: "\nBeleidsbestanden die op de pagina zijn geladen, zoals ze zijn geladen (docs/policies.md):\n\n"}
	readmeFrom     = labels.Text{EN: "from", NL: "uit"}
	readmeResolved = labels.Text{EN: "each policy's resolved settings", NL: "de uitgewerkte instellingen van elk beleid"}
)

// exportReadme returns the export's README.txt in lang ("nl" or "en";
// empty is English).
func exportReadme(pl *plan, scenarioFile, specFile, lang string) []byte {
	refs := policyRefs(pl)
	pols := strings.Join(refs, ",")
	var b strings.Builder
	fmt.Fprintf(&b, readmeHead.In(lang), scenarioFile, pl.Scenario.Name, pols, pl.Config.Seed,
		scenarioFile, pols, pl.Config.Seed,
		scenarioFile, pols, pl.Config.Seed,
		exportReplicates, specFile)
	if custom := policies.Custom(pl.Policies); len(custom) > 0 {
		b.WriteString(readmeCustom.In(lang))
		for _, p := range custom {
			fmt.Fprintf(&b, "  %s  %s (%s %s), sha256 %s\n", policyFileName(p), p.Name, readmeFrom.In(lang), path.Base(p.File), p.SHA256)
		}
		b.WriteString("\n  # " + readmeResolved.In(lang) + "\n  wijksim policies " + strings.Join(refs, " ") + "\n")
	}
	return []byte(b.String())
}
