package report

import (
	"math"
	"testing"

	"github.com/wijksim/wijksim/experiment"
	"github.com/wijksim/wijksim/outcomes"
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
