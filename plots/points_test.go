package plots

import (
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/labels"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/scenarios"
)

// TestFactorialSweepChartsEachPoint: a factorial sweep is charted point by
// point (the same hand-made sweep as TestSweepCharts, now with its design
// in the manifest): each point's estimate over its own replicates, and
// the estimates pooled over the design keep their means but carry no
// interval.
func TestFactorialSweepChartsEachPoint(t *testing.T) {
	res, c := mustBuild(t, handSweepOf(t, "factorial"), "en")
	if !res.PerPoint() || len(res.Points) != 4 || res.HasCI() {
		t.Fatalf("per point %v, %d points, intervals %v", res.PerPoint(), len(res.Points), res.HasCI())
	}
	// Point 0 (x=1, y=10) under afstand: replicates 0.2 and 0.21.
	e := res.Points[0].End["afstand"]["share_rung_3_plus"]
	if e.N != 2 || !near(e.Mean, 0.205) || !(e.Lo < 0.2 && e.Hi > 0.21) {
		t.Errorf("point 0, afstand: %+v; want the mean of 0.2 and 0.21 with its interval", e)
	}
	if d := res.Points[3].Diff["nabijheid"]["share_rung_3_plus"]; !near(d.Mean, 0.1) || !d.Clear() {
		t.Errorf("point 3, nabijheid - afstand: %+v; want a clear 0.1", d)
	}
	if pooled := res.End["afstand"]["share_rung_3_plus"]; !near(pooled.Mean, 0.305) || !math.IsNaN(pooled.Lo) || !math.IsNaN(pooled.Hi) {
		t.Errorf("pooled over the design: %+v; want the mean 0.305 without interval", pooled)
	}
	if l := trajectory(t, c, "share_rung_3_plus").Lines[0]; !near(l.Y[1], 0.305) || (l.Lo != nil && !math.IsNaN(l.Lo[1])) {
		t.Errorf("pooled monthly line %+v; want the mean without band", l)
	}
	if len(c.End) != 0 || len(c.Points) != 4 {
		t.Fatalf("%d pooled end charts, %d charts per point; want 0 and 4", len(c.End), len(c.Points))
	}
	p := c.Points[0]
	if p.Outcome != "share_rung_3_plus" || len(p.Panels) != 2 || !strings.Contains(p.Subtitle, "over its 2 replicates") {
		t.Fatalf("chart %s: %d panels, subtitle %q", p.Outcome, len(p.Panels), p.Subtitle)
	}
	// a.x along x, a panel per value of b.y.
	for i, pn := range p.Panels {
		want := []string{"b.y = 10", "b.y = 20"}[i]
		if pn.Title != want || pn.XLabel != "a.x" || !slices.Equal(pn.XTicks, []string{"1", "2"}) || len(pn.Lines) != 2 {
			t.Errorf("panel %d: %q, x %q %v, %d lines", i, pn.Title, pn.XLabel, pn.XTicks, len(pn.Lines))
		}
	}
	nab := p.Panels[1].Lines[1]
	if nab.Policy != "nabijheid" || !nearAll(nab.Mean, []float64{0.405, 0.505}) || slices.Contains(nab.Clear, false) {
		t.Errorf("nabijheid at y=20: %+v", nab)
	}
	for _, ch := range []string{c.Tradeoff.Subtitle, c.Kinds[0].Subtitle, c.Ladder.Subtitle} {
		if !strings.Contains(ch, "points of the design") {
			t.Errorf("subtitle %q does not say the design is pooled", ch)
		}
	}
}

func TestPointFacets(t *testing.T) {
	pt := func(scenario string, vals ...float64) DesignPoint {
		return DesignPoint{Scenario: scenario, Values: vals}
	}
	tests := []struct {
		name    string
		design  string
		factors []string
		points  []DesignPoint
		want    []string // per panel: title | x label | ticks | points
	}{
		{"scenarios", "scenarios", nil, []DesignPoint{pt("default"), pt("poelenburg"), pt("assendelft")},
			[]string{" | Scenario | default,poelenburg,assendelft | 0,1,2"}},
		{"one at a time", "oat", []string{"trust.gain_per_contact", "levers.role_separation"},
			[]DesignPoint{pt("d", 0.05, 0), pt("d", 0.02, 0), pt("d", 0.1, 0), pt("d", 0.05, 1)},
			[]string{" | Trust: gain per contact | 0.02,0.05,0.1 | 0,1,2", " | Role separation: Naleving has the hard talk | no,yes | 0,3"}},
		{"factorial of three", "factorial", []string{"professionals.caseload", "places.activity", "levers.role_separation"},
			[]DesignPoint{pt("d", 20, 5, 0), pt("d", 20, 5, 1), pt("d", 20, 25, 0), pt("d", 20, 25, 1), pt("d", 20, 60, 0), pt("d", 20, 60, 1),
				pt("d", 40, 5, 0), pt("d", 40, 5, 1), pt("d", 40, 25, 0), pt("d", 40, 25, 1), pt("d", 40, 60, 0), pt("d", 40, 60, 1)},
			[]string{
				"Caseload per professional = 20 · Role separation: Naleving has the hard talk = no | Activity places per neighbourhood | 5,25,60 | 0,2,4",
				"Caseload per professional = 20 · Role separation: Naleving has the hard talk = yes | Activity places per neighbourhood | 5,25,60 | 1,3,5",
				"Caseload per professional = 40 · Role separation: Naleving has the hard talk = no | Activity places per neighbourhood | 5,25,60 | 6,8,10",
				"Caseload per professional = 40 · Role separation: Naleving has the hard talk = yes | Activity places per neighbourhood | 5,25,60 | 7,9,11",
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := &Results{Points: tc.points, Sweep: &SweepData{Design: tc.design, Factors: tc.factors}}
			var got []string
			for _, f := range pointFacets(res, "en") {
				var pts []string
				for _, i := range f.points {
					pts = append(pts, strconv.Itoa(i))
				}
				got = append(got, f.title+" | "+f.xlabel+" | "+strings.Join(f.xticks, ",")+" | "+strings.Join(pts, ","))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("panels:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestPanelsLeaveRoomAtTheEdges: the axes of bar, trade-off and per-point
// panels reach beyond every value and interval bound, so that no whisker,
// cap or point ends on (or is cut off by) the frame.
func TestPanelsLeaveRoomAtTheEdges(t *testing.T) {
	_, c := mustBuild(t, handCompare(t), "en")
	beyond := func(what string, axisMin, axisMax, lo, hi float64) {
		t.Helper()
		if !(axisMin < lo && axisMax > hi) {
			t.Errorf("%s: axis [%v, %v] does not reach beyond the data [%v, %v]", what, axisMin, axisMax, lo, hi)
		}
	}
	e := endChart(t, c, "cum_cost_society")
	for _, bars := range [][]Bar{e.Levels, e.Diffs} {
		h := hbars{bars: bars}
		lo, hi, _, _ := h.DataRange()
		p := barPanel("", "", h, true)
		beyond("end bars", p.X.Min, p.X.Max, lo, hi)
	}
	for k := 1; k < len(c.Tradeoff.Axes); k++ {
		tp := tradeoffPoints{points: c.Tradeoff.Points, xi: 0, yi: k}
		xmin, xmax, ymin, ymax := tp.DataRange()
		if math.IsInf(xmin, 0) || math.IsInf(ymin, 0) {
			continue
		}
		p := c.Tradeoff.panel(k)
		beyond("trade-off x", p.X.Min, p.X.Max, xmin, xmax)
		beyond("trade-off y", p.Y.Min, p.Y.Max, ymin, ymax)
	}
	if lo, hi := padRange(0.5, 0.5); !(lo < 0.5 && hi > 0.5) {
		t.Errorf("padRange of one value: [%v, %v]", lo, hi)
	}
}

// TestParamLabelOfAPolicyFilesPhase: a swept key of a policy file's phase
// is labelled with its policy, phase and setting, and its unit.
func TestParamLabelOfAPolicyFilesPhase(t *testing.T) {
	key := "policies.escalatie.handhaving.sanction_probability"
	pol, err := policies.Load(filepath.Join("..", "examples", "policies", "escalatie.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	keys, err := scenarios.KeysFor([]*policies.Policy{pol})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := paramLabel(keys, key, "en"), key+" (per contact)"; got != want {
		t.Errorf("paramLabel = %q, want %q", got, want)
	}
	if got := labels.ParamLabel(key, "en"); !strings.HasPrefix(got, "escalatie (handhaving): ") || got == key {
		t.Errorf("labels.ParamLabel = %q, want the policy, the phase and the setting", got)
	}
}
