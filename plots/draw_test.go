package plots

import (
	"bytes"
	"encoding/xml"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/experiment"
	"github.com/wijksim/wijksim/labels"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

// policyColours collects the colour each chart gives each policy.
func policyColours(c *Charts) map[string][]color.NRGBA {
	got := map[string][]color.NRGBA{}
	add := func(pol string, col color.NRGBA) { got[pol] = append(got[pol], col) }
	for _, t := range c.Trajectories {
		for _, l := range t.Lines {
			add(l.Policy, l.Colour)
		}
	}
	for _, e := range c.End {
		for _, b := range append(append([]Bar{}, e.Levels...), e.Diffs...) {
			add(b.Policy, b.Colour)
		}
	}
	if c.Tradeoff != nil {
		for _, p := range c.Tradeoff.Points {
			add(p.Policy, p.Colour)
		}
	}
	for _, k := range c.Kinds {
		for _, p := range k.Panels {
			for _, b := range p.Bars {
				add(b.Policy, b.Colour)
			}
		}
	}
	for _, s := range c.Survival {
		for _, cv := range s.Curves {
			add(cv.Policy, cv.Colour)
		}
	}
	return got
}

func TestEveryChartGivesAPolicyItsOwnColour(t *testing.T) {
	for _, dir := range []string{handRuns(t), handCompare(t), handSweep(t)} {
		_, c := mustBuild(t, dir, "en")
		for pol, cols := range policyColours(c) {
			want := labels.PolicyColour(pol)
			for _, col := range cols {
				if col != want {
					t.Errorf("%s drawn in %v, its colour is %v", pol, col, want)
				}
			}
		}
	}
}

func TestChartsDrawAsSVG(t *testing.T) {
	for _, dir := range []string{handRuns(t), handCompare(t), handSweep(t)} {
		for _, lang := range Languages {
			_, c := mustBuild(t, dir, lang)
			for _, ch := range c.All() {
				var buf bytes.Buffer
				if err := WriteChart(&buf, ch, "svg"); err != nil {
					t.Fatalf("%s: %v", ch.Name(), err)
				}
				texts := svgTexts(t, ch.Name(), buf.Bytes())
				if !texts[ch.Heading()] {
					t.Errorf("%s (%s): the SVG does not show its title %q", ch.Name(), lang, ch.Heading())
				}
			}
		}
	}
}

// svgTexts parses an SVG and returns the set of its texts.
func svgTexts(t *testing.T, name string, b []byte) map[string]bool {
	t.Helper()
	texts := map[string]bool{}
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return texts
		}
		if err != nil {
			t.Fatalf("%s: SVG does not parse: %v", name, err)
		}
		if cd, ok := tok.(xml.CharData); ok {
			texts[strings.TrimSpace(string(cd))] = true
		}
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSaveWritesEveryFormat(t *testing.T) {
	res, err := Read(handSweep(t))
	if err != nil {
		t.Fatal(err)
	}
	c, err := Build(res, "en")
	if err != nil {
		t.Fatal(err)
	}
	// One chart in every format (rasterising is slow under the race
	// detector); TestChartsDrawAsSVG draws every chart.
	small := &Charts{Heatmaps: c.Heatmaps[:1]}
	dir := filepath.Join(t.TempDir(), "charts")
	paths, err := Save(small, dir, Formats)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 3 {
		t.Fatalf("wrote %v", paths)
	}
	for _, p := range paths {
		b := readFile(t, p)
		switch filepath.Ext(p) {
		case ".png":
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			w, _ := c.Heatmaps[0].Size()
			if img.Bounds().Dx() != int(w.Points()/72*PNGDPI+0.5) {
				t.Errorf("%s: %d pixels wide, want %v at %d dpi", p, img.Bounds().Dx(), w, PNGDPI)
			}
		case ".pdf":
			if !bytes.HasPrefix(b, []byte("%PDF-")) {
				t.Errorf("%s is not a PDF", p)
			}
		case ".svg":
			if !bytes.Contains(b, []byte("<svg")) {
				t.Errorf("%s is not an SVG", p)
			}
		}
	}
	if _, err := Save(small, dir, []string{"gif"}); err == nil || !strings.Contains(err.Error(), "allowed: svg, png, pdf") {
		t.Errorf("gif: %v", err)
	}
}

// TestCustomPoliciesGetColoursOfTheirOwn compares the three example
// policies with two built-in ones and checks, in every chart of the
// comparison and of a run of each, that each policy is drawn in one colour,
// the same in every chart, and that no two policies share a colour.
func TestCustomPoliciesGetColoursOfTheirOwn(t *testing.T) {
	sc, err := scenarios.Load("assendelft", scenarios.Options{Set: []string{"months=24"}})
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join("..", "examples", "policies", "*.yaml"))
	if err != nil || len(files) < 3 {
		t.Fatalf("example policies: %v %v", files, err)
	}
	custom, err := policies.Resolve(files)
	if err != nil {
		t.Fatal(err)
	}
	names := append([]string{"afstand", "nabijheid"}, policies.NamesOf(custom)...)
	cmp := t.TempDir()
	c, err := experiment.Compare(t.Context(), experiment.CompareSpec{
		Scenario: sc, Policies: names, PolicyFiles: custom, Seed: 1, Replicates: 2, Workers: 2,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.WriteFolder(cmp, []string{"test"}); err != nil {
		t.Fatal(err)
	}
	runs := t.TempDir()
	pols := []sim.Policy{policies.MustBuiltin("afstand").Policy}
	for _, p := range custom {
		pols = append(pols, p.Policy)
	}
	realRuns(t, runs, pols...)

	owner := map[color.NRGBA]string{}
	for _, dir := range []string{cmp, runs} {
		_, charts := mustBuild(t, dir, "en")
		got := policyColours(charts)
		for _, p := range custom {
			if len(got[p.Name]) == 0 {
				t.Errorf("no chart of %s draws %s", dir, p.Name)
			}
		}
		for pol, cols := range got {
			for _, col := range cols {
				if col != labels.PolicyColour(pol) {
					t.Errorf("%s drawn in %v, its colour is %v", pol, col, labels.PolicyColour(pol))
				}
				if o, ok := owner[col]; ok && o != pol {
					t.Errorf("%s and %s share the colour %v", o, pol, col)
				}
				owner[col] = pol
			}
		}
	}
}
