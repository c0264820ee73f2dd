package report

import (
	"math"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/experiment"
	"github.com/wijksim/wijksim/outcomes"
	"github.com/wijksim/wijksim/plots"
)

// TestCellsFollowTheOutcomesUnit: the report's tables write an estimate
// and its interval in the outcome's unit (shares in percent, differences
// of shares in percentage points, levels with three decimals) and to one
// precision, with a typographic minus, and a difference that excludes
// zero marked and judged by the outcome's direction.
func TestCellsFollowTheOutcomesUnit(t *testing.T) {
	lookup := func(key string) outcomes.Outcome {
		t.Helper()
		o, ok := outcomes.Lookup(key)
		if !ok {
			t.Fatalf("no outcome %s", key)
		}
		return o
	}
	share, trust, exits := lookup("share_rung_3_plus"), lookup("trust_mean"), lookup("cum_exits_to_work")
	est := func(mean, lo, hi float64) experiment.Estimate {
		return experiment.Estimate{N: 10, Mean: mean, Lo: lo, Hi: hi}
	}
	tests := []struct {
		name        string
		got         cell
		value, ival string
		class       string
	}{
		{"share", estimateCell(share, est(0.391, 0.379, 0.404)), "39.1%", "[37.9, 40.4]", ""},
		{"share difference", diffCell(share, est(0.314, 0.3, 0.33)), "+31.4 pp *", "[+30.0, +33.0]", "better"},
		{"level", estimateCell(trust, est(0.3, 0.299, 0.306)), "0.300", "[0.299, 0.306]", ""},
		{"count difference, worse", diffCell(exits, est(-3.2, -6.7, -0.269)), "−3.2 *", "[−6.7, −0.3]", "worse"},
		{"count difference, not clear", diffCell(exits, est(0.667, -0.768, 2.1)), "+0.7", "[−0.8, +2.1]", ""},
		{"unknown outcome", estimateCell(outcomes.Outcome{Key: "mine"}, est(1234.6, 1000, 1500)), "1235", "[1000, 1500]", ""},
		{"undefined", estimateCell(share, est(math.NaN(), math.NaN(), math.NaN())), "–", "", ""},
	}
	for _, tc := range tests {
		if tc.got.Value != tc.value || tc.got.Interval != tc.ival || tc.got.Class() != tc.class {
			t.Errorf("%s: %q %q class %q, want %q %q class %q", tc.name, tc.got.Value, tc.got.Interval, tc.got.Class(), tc.value, tc.ival, tc.class)
		}
	}
}

// TestFrontAtAMonth: the policies no other beats on the trade-off's axes
// at a month of the run, from the monthly means; a policy beaten at the
// end may not be beaten at month 1, and a month past the series is no
// answer.
func TestFrontAtAMonth(t *testing.T) {
	est := func(means ...float64) []experiment.Estimate {
		out := make([]experiment.Estimate, len(means))
		for i, m := range means {
			out[i] = experiment.Estimate{N: 10, Mean: m}
		}
		return out
	}
	// Axis "up": higher is better; axis "cost": lower is better. Month 1:
	// X (5, 10), Y (4, 8), Z (3, 9): Z is beaten by Y. Month 2: X (5, 10),
	// Y (6, 8), Z (7, 12): no one beats Z (best on up), X is beaten by Y.
	res := &plots.Results{Monthly: map[string]map[string][]experiment.Estimate{
		"x": {"up": est(0, 5, 5), "cost": est(0, 10, 10)},
		"y": {"up": est(0, 4, 6), "cost": est(0, 8, 8)},
		"z": {"up": est(0, 3, 7), "cost": est(0, 9, 12)},
	}}
	chart := &plots.TradeoffChart{
		Axes:   []plots.TradeoffAxis{{Outcome: "up", HigherIsBetter: true}, {Outcome: "cost"}},
		Points: []plots.TradeoffPoint{{Policy: "x", Label: "X"}, {Policy: "y", Label: "Y"}, {Policy: "z", Label: "Z"}},
	}
	for _, tc := range []struct {
		month int
		want  string
		ok    bool
	}{{1, "X, Y", true}, {2, "Y, Z", true}, {3, "", false}} {
		front, ok := frontAt(res, chart, tc.month)
		if got := strings.Join(front, ", "); got != tc.want || ok != tc.ok {
			t.Errorf("month %d: %q, %v; want %q, %v", tc.month, got, ok, tc.want, tc.ok)
		}
	}
}
