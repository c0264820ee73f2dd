package outcomes_test

import (
	"math"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/labels"
	"github.com/wijksim/wijksim/outcomes"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/results"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

// TestEveryColumnIsDeclared checks that every figure wijksim writes (the
// columns of monthly.csv, the end of the run by kind of resident, the
// first year and what became of those who left) has a declaration with a
// label in both languages, a unit and a better direction.
func TestEveryColumnIsDeclared(t *testing.T) {
	var names []string
	for _, c := range results.MonthColumns()[1:] {
		names = append(names, c.Name)
	}
	var zero sim.KindSummary
	for _, m := range results.KindMetrics(&zero) {
		names = append(names, m.Name)
	}
	for _, m := range results.AfterExitMetrics(nil) {
		names = append(names, m.Name)
	}
	sc, err := scenarios.Load("assendelft", scenarios.Options{Set: []string{"months=3"}})
	if err != nil {
		t.Fatal(err)
	}
	pol, _ := policies.Builtin("afstand")
	m, err := sim.New(sc.Params, pol.Policy, 1, 0, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m.Run()
	for _, ms := range results.Summarize(results.FromModel(sc, m, 1, 0)).FirstYear {
		names = append(names, ms.Name)
	}
	for _, name := range names {
		o, ok := outcomes.Lookup(name)
		if !ok {
			t.Errorf("%s is written but not declared in the outcome registry", name)
			continue
		}
		if o.Label.NL == "" || o.Label.EN == "" || o.Unit.Key == "" || o.Better.String() == "" {
			t.Errorf("%s lacks a label, a unit or a direction: %+v", name, o)
		}
	}
	kinds := map[string]bool{}
	for _, m := range results.KindMetrics(&zero) {
		kinds[m.Name] = true
	}
	for _, o := range outcomes.Shown(outcomes.ByKind) {
		if !kinds[o.Key] {
			t.Errorf("%s is shown by kind of resident, but is no outcome by kind", o.Key)
		}
	}
	if got, want := len(results.MonthColumns())-1, len(outcomes.Series()); got != want {
		t.Errorf("monthly.csv has %d outcome columns, the registry %d monthly series", got, want)
	}
}

func TestCheckRefusesIncompleteDeclarations(t *testing.T) {
	value := func(*sim.MonthStats) float64 { return 0 }
	good := outcomes.Outcome{Key: "x", Label: labels.Text{NL: "x", EN: "x"}, Unit: outcomes.Count,
		Better: outcomes.Lower, Timing: outcomes.Both, Value: value}
	if err := outcomes.Check([]outcomes.Outcome{good}); err != nil {
		t.Fatalf("a complete declaration is refused: %v", err)
	}
	tests := []struct {
		name   string
		change func(o *outcomes.Outcome)
		want   string
	}{
		{"no key", func(o *outcomes.Outcome) { o.Key = "" }, "no key"},
		{"no Dutch label", func(o *outcomes.Outcome) { o.Label.NL = "" }, "label"},
		{"no English label", func(o *outcomes.Outcome) { o.Label.EN = "" }, "label"},
		{"no unit", func(o *outcomes.Outcome) { o.Unit = outcomes.Unit{} }, "unit"},
		{"no direction", func(o *outcomes.Outcome) { o.Better = 0 }, "better direction"},
		{"no timing", func(o *outcomes.Outcome) { o.Timing = 0 }, "timing"},
		{"monthly without value", func(o *outcomes.Outcome) { o.Value = nil }, "without a Value"},
		{"end with value", func(o *outcomes.Outcome) { o.Timing = outcomes.End }, "with a Value"},
		{"trade-off without direction", func(o *outcomes.Outcome) { o.Better, o.Shown = outcomes.Neither, outcomes.Tradeoff }, "trade-off"},
		{"table of an end figure", func(o *outcomes.Outcome) { o.Timing, o.Value, o.Shown = outcomes.End, nil, outcomes.Table }, "no monthly series"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := good
			tt.change(&o)
			err := outcomes.Check([]outcomes.Outcome{o})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one about %q", err, tt.want)
			}
		})
	}
	if err := outcomes.Check([]outcomes.Outcome{good, good}); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("a key declared twice: error %v", err)
	}
	if err := outcomes.Check(outcomes.All()); err != nil {
		t.Errorf("the registry: %v", err)
	}
}

// TestUnits checks the units that matter for reading a table: residents
// are persons, events are counts.
func TestUnits(t *testing.T) {
	tests := []struct {
		unit outcomes.Unit
		keys []string
	}{
		{outcomes.Persons, []string{"rung_1", "on_benefit", "on_tegenprestatie", "in_work", "left_without_work", "out_of_work", "resistant", "residents_reached", "cum_moved_up", "residents"}},
		{outcomes.Count, []string{"sanctions", "sanctions_misfit", "cum_sanctions", "moves_up", "moves_down", "exits_to_work", "exits_without_work",
			"exits_under_pressure", "exits_after_sanction", "cum_exits_to_work", "cum_exits_without_work", "job_losses",
			"reentries_after_work", "reentries_without_work", "demands", "demands_no_place", "placements", "refusals"}},
		{outcomes.Level, []string{"trust_mean", "resistance_sd", "pressure_mean"}},
		{outcomes.Share, []string{"share_rung_3_plus", "share_rung_3_plus_on_benefit", "share_moved_up", "work_in_work_12m", "reentry_6m_pushed"}},
		{outcomes.Euro, []string{"cum_cost_society", "cum_cost_municipality", "cum_activation_cost"}},
		{outcomes.EuroPerMonth, []string{"cost_society", "cost_municipality", "cost_elsewhere", "cost_shifted", "cost_benefits"}},
		{outcomes.HoursPerMonth, []string{"hours_used", "hours_admin", "hours_sanctions", "hours_idle", "hours_total"}},
	}
	for _, tt := range tests {
		for _, key := range tt.keys {
			o, ok := outcomes.Lookup(key)
			if !ok {
				t.Errorf("%s: not declared", key)
				continue
			}
			if o.Unit != tt.unit {
				t.Errorf("%s: unit %q, want %q", key, o.Unit.Key, tt.unit.Key)
			}
		}
	}
}

func TestDirections(t *testing.T) {
	tests := []struct {
		key  string
		want outcomes.Better
	}{
		{"cum_exits_to_work", outcomes.Higher},
		{"share_rung_3_plus", outcomes.Higher},
		{"trust_mean", outcomes.Higher},
		{"cum_exits_without_work", outcomes.Lower},
		{"cum_sanctions", outcomes.Lower},
		{"resistance_mean", outcomes.Lower},
		{"pressure_mean", outcomes.Lower},
		{"cum_cost_society", outcomes.Lower},
		{"cum_cost_municipality", outcomes.Lower},
		{"rung_2", outcomes.Neither},
		{"hours_total", outcomes.Neither},
		// The outcomes of life after the benefit and of the two accounts.
		{"exits_to_work", outcomes.Higher},
		{"exits_without_work", outcomes.Lower},
		{"exits_under_pressure", outcomes.Lower},
		{"exits_after_sanction", outcomes.Lower},
		{"job_losses", outcomes.Lower},
		{"out_of_work", outcomes.Lower},
		{"sanctions", outcomes.Lower},
		{"refusals", outcomes.Lower},
		{"demands_no_place", outcomes.Lower},
		{"cost_municipality", outcomes.Lower},
		{"cost_elsewhere", outcomes.Lower},
		{"cost_shifted", outcomes.Lower},
		{"cost_society", outcomes.Lower},
		{"share_rung_3_plus_on_benefit", outcomes.Higher},
		// How much a policy asks or spends in hours is no outcome for
		// residents: neither direction is better.
		{"hours_idle", outcomes.Neither},
		{"hours_admin", outcomes.Neither},
		{"demands", outcomes.Neither},
		{"placements", outcomes.Neither},
	}
	for _, tt := range tests {
		if got := outcomes.DirectionOf(tt.key); got != tt.want {
			t.Errorf("%s: better %v, want %v", tt.key, got, tt.want)
		}
	}
	judge := []struct {
		b    outcomes.Better
		d    float64
		want int
	}{
		{outcomes.Higher, 2, 1}, {outcomes.Higher, -2, -1}, {outcomes.Lower, 2, -1}, {outcomes.Lower, -2, 1},
		{outcomes.Neither, 2, 0}, {outcomes.Higher, 0, 0}, {outcomes.Lower, math.NaN(), 0},
	}
	for _, tt := range judge {
		if got := tt.b.Judge(tt.d); got != tt.want {
			t.Errorf("%v.Judge(%v) = %d, want %d", tt.b, tt.d, got, tt.want)
		}
	}
}

// TestIntegerSeriesAreWhole checks on a real run that the series written
// without a decimal point are whole numbers.
func TestIntegerSeriesAreWhole(t *testing.T) {
	sc, err := scenarios.Load("assendelft", scenarios.Options{Set: []string{"months=24"}})
	if err != nil {
		t.Fatal(err)
	}
	pol, _ := policies.Builtin("sanctie")
	m, err := sim.New(sc.Params, pol.Policy, 1, 0, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m.Run()
	for _, o := range outcomes.Series() {
		if !o.Integer() {
			continue
		}
		for i := range m.Stats() {
			if v := o.Value(&m.Stats()[i]); v != math.Trunc(v) {
				t.Errorf("%s is %v in month %d, not a whole number", o.Key, v, i)
				break
			}
		}
	}
}

func TestEveryPlaceHasOutcomes(t *testing.T) {
	for _, p := range []outcomes.Place{outcomes.Table, outcomes.Chart, outcomes.Tradeoff, outcomes.ByKind, outcomes.Classroom} {
		if len(outcomes.Shown(p)) == 0 {
			t.Errorf("nothing shown at %v", p)
		}
	}
	for _, o := range outcomes.Shown(outcomes.Chart | outcomes.Classroom | outcomes.Tradeoff) {
		if o.Timing&outcomes.Monthly == 0 {
			t.Errorf("%s is charted month by month but is no monthly series", o.Key)
		}
	}
}

func TestFormat(t *testing.T) {
	share, _ := outcomes.Lookup("share_rung_3_plus")
	trust, _ := outcomes.Lookup("trust_mean")
	cost, _ := outcomes.Lookup("cum_cost_society")
	count, _ := outcomes.Lookup("cum_sanctions")
	tests := []struct {
		o          outcomes.Outcome
		x          float64
		want, diff string
	}{
		{share, 0.6123, "61.2%", "+61.2 pp"},
		{share, -0.031, "-3.1%", "-3.1 pp"},
		{trust, 0.5, "0.500", "+0.500"},
		{cost, 47_203_000, "47.20M", "+47.20M"},
		{cost, -61_234, "-61.2k", "-61.2k"},
		{count, 57, "57", "+57"},
		{count, 57.35, "57.4", "+57.4"},
		{count, 0, "0", "0"},
		{count, math.NaN(), "-", "-"},
	}
	for _, tt := range tests {
		if got := tt.o.Format(tt.x); got != tt.want {
			t.Errorf("%s: Format(%v) = %q, want %q", tt.o.Key, tt.x, got, tt.want)
		}
		if got := tt.o.FormatChange(tt.x); got != tt.diff {
			t.Errorf("%s: FormatChange(%v) = %q, want %q", tt.o.Key, tt.x, got, tt.diff)
		}
	}
	if got := share.FormatInterval(0.1, 0.25, false); got != "[10.0, 25.0]" {
		t.Errorf("share interval %q", got)
	}
	if got := share.FormatInterval(-0.01, 0.02, true); got != "[-1.0, +2.0]" {
		t.Errorf("share change interval %q", got)
	}
	if got := cost.FormatInterval(-2e6, 3e6, true); got != "[-2.00M, +3.00M]" {
		t.Errorf("cost change interval %q", got)
	}
	// The bounds of an interval share the precision of the larger one.
	intervals := []struct {
		lo, hi float64
		change bool
		want   string
	}{
		{-6.7, 0.269, true, "[-6.7, +0.3]"},
		{0.269, 6.7, false, "[0.3, 6.7]"},
		{12, 14, false, "[12, 14]"},
		{9.5, 123.4, false, "[10, 123]"},
		{-61_234.5, 1_200.5, true, "[-61.2k, +1.2k]"},
		{-61_234, 1_200, true, "[-61.2k, +1.2k]"},
		{0.0123, 0.5, false, "[0.012, 0.500]"},
	}
	estimates := []struct {
		mean, lo, hi float64
		change       bool
		want         string
	}{
		{0.667, -0.768, 2.1, true, "+0.7 [-0.8, +2.1]"},
		{-3.2, -6.7, 0.269, true, "-3.2 [-6.7, +0.3]"},
		{17, 5.6, 28.4, true, "+17.0 [+5.6, +28.4]"},
		{-2600, -9059, 3859, true, "-2600 [-9059, +3859]"},
		{57.35, math.NaN(), math.NaN(), false, "57.4"},
		{3.3, 0.465, 6.2, false, "3.3 [0.5, 6.2]"},
		// A bound the shared precision would round to zero keeps its own.
		{3.2, 0.03, 6.4, true, "+3.2 [+0.030, +6.4]"},
		{-30_617.25, -61_234.5, 12.5, true, "-30.6k [-61.2k, +12.5]"},
		// Whole numbers share the precision from 10,000 on.
		{5000, 9000, 12_345, false, "5.0k [9.0k, 12.3k]"},
		// A bound that is not finite is written "-" and sets no precision.
		{1.5, 1, math.Inf(1), true, "+1.5 [+1.0, -]"},
	}
	for _, e := range estimates {
		if got := count.FormatEstimate(e.mean, e.lo, e.hi, e.change); got != e.want {
			t.Errorf("count.FormatEstimate(%v, %v, %v, %v) = %q, want %q", e.mean, e.lo, e.hi, e.change, got, e.want)
		}
	}
	if got := share.FormatEstimate(0.1, 0.05, 0.2, true); got != "+10.0 pp [+5.0, +20.0]" {
		t.Errorf("share.FormatEstimate = %q", got)
	}
	for _, iv := range intervals {
		if got := count.FormatInterval(iv.lo, iv.hi, iv.change); got != iv.want {
			t.Errorf("count.FormatInterval(%v, %v, %v) = %q, want %q", iv.lo, iv.hi, iv.change, got, iv.want)
		}
	}
}
