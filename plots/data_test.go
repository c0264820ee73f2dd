package plots

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// near reports whether x and y agree to 1e-9, NaN matching NaN.
func near(x, y float64) bool {
	if math.IsNaN(x) || math.IsNaN(y) {
		return math.IsNaN(x) && math.IsNaN(y)
	}
	return math.Abs(x-y) < 1e-9
}

func nearAll(xs, ys []float64) bool {
	if len(xs) != len(ys) {
		return false
	}
	for i := range xs {
		if !near(xs[i], ys[i]) {
			return false
		}
	}
	return true
}

func mustBuild(t *testing.T, dir, lang string) (*Results, *Charts) {
	t.Helper()
	res, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Build(res, lang)
	if err != nil {
		t.Fatal(err)
	}
	return res, c
}

func trajectory(t *testing.T, c *Charts, outcome string) *TrajectoryChart {
	t.Helper()
	for _, tr := range c.Trajectories {
		if tr.Outcome == outcome {
			return tr
		}
	}
	t.Fatalf("no trajectory of %s", outcome)
	return nil
}

func endChart(t *testing.T, c *Charts, outcome string) *EndChart {
	t.Helper()
	for _, e := range c.End {
		if e.Outcome == outcome {
			return e
		}
	}
	t.Fatalf("no end chart of %s", outcome)
	return nil
}

func TestRunFoldersCharts(t *testing.T) {
	res, c := mustBuild(t, handRuns(t), "en")
	if res.Kind != KindRun || !slices.Equal(res.Policies, []string{"afstand", "nabijheid"}) || res.Baseline != "afstand" ||
		res.Months != 3 || res.Residents != 4 || res.HasCI() {
		t.Fatalf("read %s %v baseline %s months %d residents %d CI %v", res.Kind, res.Policies, res.Baseline, res.Months, res.Residents, res.HasCI())
	}

	l := c.Ladder
	if len(l.Panels) != 2 || len(l.Layers) != 8 || l.Layers[6].Outcome != LeftWithoutWork || l.Layers[7].Outcome != OutOfWork {
		t.Fatalf("ladder: %d panels, layers %v", len(l.Panels), l.Layers)
	}
	if got := l.Panels[0].Values[0]; !nearAll(got, []float64{2, 1, 1, 1}) {
		t.Errorf("afstand rung 1 = %v", got)
	}
	if got := l.Panels[0].Values[6]; !nearAll(got, []float64{0, 0, 1, 1}) {
		t.Errorf("afstand left without work = %v", got)
	}
	if l.YMax != 5 || l.XMax != 3 {
		t.Errorf("shared scales: y up to %v, x up to %v; want 5 and 3", l.YMax, l.XMax)
	}

	tr := trajectory(t, c, "trust_mean")
	if len(tr.Lines) != 2 || !nearAll(tr.Lines[0].Y, []float64{0.3, 0.3, 0.35, math.NaN()}) || tr.Lines[0].Lo != nil {
		t.Errorf("trust: %+v", tr.Lines)
	}
	if tr.YLabel != "Trust (level 0-1)" || !strings.Contains(tr.Subtitle, "no confidence band") {
		t.Errorf("trust labels: %q, %q", tr.YLabel, tr.Subtitle)
	}

	e := endChart(t, c, "share_rung_3_plus")
	if len(e.Levels) != 2 || !near(e.Levels[1].Value, 2.0/3) || len(e.Diffs) != 1 {
		t.Fatalf("end bars: %+v, diffs %+v", e.Levels, e.Diffs)
	}
	if d := e.Diffs[0]; d.Policy != "nabijheid" || !near(d.Value, 2.0/3) || !math.IsNaN(d.Lo) || d.Clear {
		t.Errorf("single-run difference: %+v", d)
	}

	if c.Tradeoff == nil || len(c.Tradeoff.Points) != 2 {
		t.Fatal("no trade-off view")
	}
	if p := c.Tradeoff.Points; p[0].Front || !p[1].Front {
		t.Errorf("afstand is worse on every axis, yet front = %v, %v", p[0].Front, p[1].Front)
	}

	if len(c.Kinds) != 1 || c.Kinds[0].Metric != "share_moved_up" || len(c.Kinds[0].Panels) != 2 {
		t.Fatalf("kinds: %+v", c.Kinds)
	}
	if b := c.Kinds[0].Panels[0].Bars; b[0].Value != 0.5 || b[1].Value != 1 || c.Kinds[0].Panels[0].Title != "support-seeker" {
		t.Errorf("support-seekers: %+v", c.Kinds[0].Panels[0])
	}

	if len(c.Survival) != 2 {
		t.Fatalf("%d survival charts", len(c.Survival))
	}
	// Move up: afstand's resident 0 steps up in month 1 and resident 1 is
	// placed on the demanded rung in month 2, which counts as a move up
	// (resident 1's later step, resident 2's refusal and the inflow
	// resident 9 do not count); 2 and 3 are censored at month 3.
	up, work := c.Survival[0], c.Survival[1]
	checks := []struct {
		chart  *SurvivalChart
		policy int
		t, s   []float64
	}{
		{up, 0, []float64{1, 2}, []float64{0.75, 0.5}},
		{up, 1, []float64{1, 2}, []float64{0.5, 0}},
		{work, 0, []float64{3}, []float64{0.75}},
		{work, 1, []float64{3}, []float64{0.5}},
	}
	for _, ck := range checks {
		cv := ck.chart.Curves[ck.policy]
		if cv.Subjects != 4 || !nearAll(cv.Times, ck.t) || !nearAll(cv.S, ck.s) {
			t.Errorf("%s %s: %d subjects, t=%v S=%v; want 4, %v, %v", ck.chart.Event, cv.Policy, cv.Subjects, cv.Times, cv.S, ck.t, ck.s)
		}
	}
	if up.XMax != 3 {
		t.Errorf("survival horizon %v", up.XMax)
	}
	if len(c.Heatmaps) != 0 || !slices.Equal(c.Missing, []string{Text("no.heatmap", "en")}) {
		t.Errorf("missing: %v", c.Missing)
	}
}

func TestCompareFolderCharts(t *testing.T) {
	res, c := mustBuild(t, handCompare(t), "nl")
	if res.Kind != KindCompare || !slices.Equal(res.Policies, []string{"afstand", "nabijheid"}) || res.Months != 1 || res.Replicates != 10 || !res.HasCI() {
		t.Fatalf("read %s %v months %d replicates %d", res.Kind, res.Policies, res.Months, res.Replicates)
	}
	tr := trajectory(t, c, "share_rung_3_plus")
	nab := tr.Lines[1]
	if nab.Policy != "nabijheid" || !nearAll(nab.Y, []float64{0.25, 0.4}) || !nearAll(nab.Lo, []float64{0.24, 0.38}) || !nearAll(nab.Hi, []float64{0.26, 0.42}) {
		t.Errorf("nabijheid line and band: %+v", nab)
	}
	if tr.XLabel != "Tijd (maanden sinds de start)" || tr.YLabel != "Aandeel op trede 3 of hoger (aandeel)" {
		t.Errorf("Dutch labels: %q, %q", tr.XLabel, tr.YLabel)
	}
	tests := []struct {
		outcome string
		value   float64
		lo, hi  float64
		clear   bool
	}{
		{"share_rung_3_plus", 0.2, 0.19, 0.21, true},
		{"cum_cost_society", 5, -1, 11, false},
		{"activation_cost_per_mover", -30, -42, -18, true},
	}
	for _, tc := range tests {
		d := endChart(t, c, tc.outcome).Diffs[0]
		if !near(d.Value, tc.value) || !near(d.Lo, tc.lo) || !near(d.Hi, tc.hi) || d.Clear != tc.clear {
			t.Errorf("%s: difference %+v; want %v [%v, %v] clear %v", tc.outcome, d, tc.value, tc.lo, tc.hi, tc.clear)
		}
	}
	if got := trajectory(t, c, "share_rung_3_plus").Lines[0].Lo; got == nil {
		t.Error("comparison without bands")
	}
	if c.Ladder.YMax != 21 || !nearAll(c.Ladder.Panels[1].Values[5], []float64{6, 6}) {
		t.Errorf("ladder: y up to %v, rung 6 %v", c.Ladder.YMax, c.Ladder.Panels[1].Values[5])
	}
	if len(c.Kinds) != 1 || c.Kinds[0].Metric != "sanctions_per_resident" {
		t.Fatalf("kinds: %+v", c.Kinds)
	}
	if b := c.Kinds[0].Panels[1].Bars[1]; b.Policy != "nabijheid" || b.Value != 1.5 || b.Lo != 1.3 || b.Hi != 1.7 || !b.Clear {
		t.Errorf("resistant under nabijheid: %+v", b)
	}
	if c.Survival != nil || len(c.Heatmaps) != 0 {
		t.Error("survival curves or heatmaps from a comparison")
	}
	for _, key := range []string{"no.events", "no.heatmap"} {
		if !slices.Contains(c.Missing, Text(key, "nl")) {
			t.Errorf("missing %q in %v", key, c.Missing)
		}
	}
}

func TestSweepFolderCharts(t *testing.T) {
	res, c := mustBuild(t, handSweep(t), "en")
	if res.Kind != KindSweep || res.Replicates != 8 || !slices.Equal(res.Sweep.Factors, []string{"a.x", "b.y"}) || len(res.Sweep.Rows) != 16 {
		t.Fatalf("read %s, %d runs per policy, factors %v, %d rows", res.Kind, res.Replicates, res.Sweep.Factors, len(res.Sweep.Rows))
	}
	e := endChart(t, c, "share_rung_3_plus")
	if !near(e.Levels[0].Value, 0.305) || !near(e.Diffs[0].Value, 0.1) || !e.Diffs[0].Clear {
		t.Errorf("pooled level %v, paired difference %+v; want 0.305 and a clear 0.1", e.Levels[0].Value, e.Diffs[0])
	}
	if len(c.Heatmaps) != len(HeatmapOutcomes()) {
		t.Fatalf("%d heatmaps, want %d", len(c.Heatmaps), len(HeatmapOutcomes()))
	}
	h := c.Heatmaps[0]
	if h.Outcome != "share_rung_3_plus" || h.XKey != "a.x" || h.YKey != "b.y" || !nearAll(h.XLevels, []float64{1, 2}) || !nearAll(h.YLevels, []float64{10, 20}) {
		t.Fatalf("heatmap axes: %s by %s %v and %s %v", h.Outcome, h.XKey, h.XLevels, h.YKey, h.YLevels)
	}
	// Cell (x=1, y=10) under afstand: 0.1 + 0.1 + the mean of replicates
	// 0 and 1, 0.005; the failed run is left out.
	if p := h.Panels[0]; !near(p.Z[0][0], 0.205) || p.N[0][0] != 2 || !near(p.Z[1][1], 0.405) {
		t.Errorf("afstand cells %v, runs %v", p.Z, p.N)
	}
	if !near(h.Min, 0.205) || !near(h.Max, 0.505) {
		t.Errorf("colour scale [%v, %v], want [0.205, 0.505]", h.Min, h.Max)
	}
	tr := trajectory(t, c, "share_rung_3_plus")
	if l := tr.Lines[0]; !near(l.Y[1], 0.305) || !near(l.Lo[0], 0.2) || !near(l.Hi[0], 0.2) || !(l.Lo[1] < 0.305 && l.Hi[1] > 0.305) {
		t.Errorf("pooled monthly line %+v", l)
	}
	if got := c.Ladder.Panels[0].Values[0]; !nearAll(got, []float64{3, 2.5}) {
		t.Errorf("pooled rung 1 %v, want [3 2.5]", got)
	}
	up := c.Survival[0]
	if a, n := up.Curves[0], up.Curves[1]; a.Subjects != 16 || len(a.Times) != 0 || n.Subjects != 16 || !nearAll(n.S, []float64{0.5}) {
		t.Errorf("survival: afstand %d subjects, %v; nabijheid %d subjects, %v", a.Subjects, a.Times, n.Subjects, n.S)
	}
}

func TestBinningOfSampledDesigns(t *testing.T) {
	var vals []float64
	for i := range 20 {
		vals = append(vals, float64(i))
	}
	b := newBinning(vals)
	if len(b.levels) != heatmapBins || !near(b.levels[0], 1.9) {
		t.Fatalf("levels %v", b.levels)
	}
	for _, tc := range []struct {
		x    float64
		want int
	}{{0, 0}, {3.7, 0}, {3.9, 1}, {19, 4}} {
		if got := b.index(tc.x); got != tc.want {
			t.Errorf("index(%v) = %d, want %d", tc.x, got, tc.want)
		}
	}
	few := newBinning([]float64{20, 40, 80})
	if got := few.index(80); got != 2 || len(few.levels) != 3 {
		t.Errorf("levels %v, index(80) = %d", few.levels, got)
	}
}

func TestReadRefusesWhatIsNotAResultsFolder(t *testing.T) {
	empty := t.TempDir()
	nested := t.TempDir()
	writeFiles(t, nested, map[string]string{"cmp/manifest.json": `{"kind":"compare","params":{}}`})
	odd := t.TempDir()
	writeFiles(t, odd, map[string]string{"manifest.json": `{"kind":"banana","params":{}}`})
	tests := []struct {
		name, dir, want string
	}{
		{"empty", empty, "no manifest.json in it or in any subfolder"},
		{"a comparison inside", nested, "give that folder instead"},
		{"unknown kind", odd, `manifest kind "banana"`},
		{"missing", filepath.Join(empty, "nope"), "no such file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(tc.dir)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Read(%s) = %v, want an error with %q", tc.dir, err, tc.want)
			}
		})
	}
}

func TestReadNamesTheBadFile(t *testing.T) {
	for _, c := range []struct{ value, want string }{
		{"many", `value "many" is not a number`},
		{"+Inf", `value "+Inf" is infinite; allowed: a finite number or NA`},
		{"-inf", `value "-inf" is infinite`},
	} {
		dir := handRuns(t)
		if err := os.WriteFile(filepath.Join(dir, "nabijheid", "monthly.csv"), []byte("scenario,policy,seed,replicate,month,rung_1\nx,nabijheid,1,0,0,"+c.value+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Read(dir)
		if err == nil || !strings.Contains(err.Error(), "monthly.csv: line 2") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("value %s: error %v does not name the file, the line and %q", c.value, err, c.want)
		}
	}
}

func TestBuildRefusesUnknownLanguage(t *testing.T) {
	res, err := Read(handCompare(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Build(res, "de"); err == nil || !strings.Contains(err.Error(), "allowed: nl, en") {
		t.Errorf("Build in de: %v", err)
	}
}
