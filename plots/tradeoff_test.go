package plots

import (
	"math"
	"slices"
	"testing"
)

func TestPareto(t *testing.T) {
	up := []bool{true, true}
	nan := math.NaN()
	tests := []struct {
		name   string
		values [][]float64
		higher []bool
		want   []bool
	}{
		{"one beats the other on both", [][]float64{{1, 1}, {2, 2}}, up, []bool{false, true}},
		{"a trade-off: neither beaten", [][]float64{{1, 2}, {2, 1}}, up, []bool{true, true}},
		{"equal on one, better on the other", [][]float64{{1, 1}, {1, 2}}, up, []bool{false, true}},
		{"identical: neither beaten", [][]float64{{1, 1}, {1, 1}}, up, []bool{true, true}},
		{"lower is better", [][]float64{{1, 1}, {2, 2}}, []bool{false, false}, []bool{true, false}},
		{
			// Axes: rung 3+ (up), trust (up), exits without work (down),
			// net cost (down). C beats D everywhere; A, B and C trade off.
			name: "four axes",
			values: [][]float64{
				{0.20, 0.30, 280, -13e6}, // A: cheap and few exits, little progress
				{0.70, 0.80, 290, -12e6}, // B: most progress, most trust
				{0.50, 0.55, 350, -16e6}, // C: the largest saving
				{0.45, 0.50, 360, -15e6}, // D: worse than C on every axis
			},
			higher: []bool{true, true, false, false},
			want:   []bool{true, true, true, false},
		},
		{"NaN neither beats nor is beaten", [][]float64{{nan, 1}, {2, 2}, {1, 1}}, up, []bool{true, true, false}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Pareto(tc.values, tc.higher); !slices.Equal(got, tc.want) {
				t.Errorf("Pareto = %v, want %v", got, tc.want)
			}
		})
	}
}
