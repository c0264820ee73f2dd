package design

import (
	"fmt"
	"slices"
	"testing"
)

// TestSobolFirstPoints pins the start of the unscrambled Joe-Kuo sequence
// in Gray-code order, as printed by Joe and Kuo's own generator.
func TestSobolFirstPoints(t *testing.T) {
	want := [][]float64{
		{0, 0, 0},
		{0.5, 0.5, 0.5},
		{0.75, 0.25, 0.25},
		{0.25, 0.75, 0.75},
		{0.375, 0.375, 0.625},
		{0.875, 0.875, 0.125},
		{0.625, 0.125, 0.875},
		{0.125, 0.625, 0.375},
	}
	seq, err := NewSobol(3)
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range want {
		if got := seq.Next(); !slices.Equal(got, w) {
			t.Errorf("point %d = %v, want %v", i, got, w)
		}
	}
}

// TestSobolStratifies checks that in every dimension the first 2^k points
// fall one in each of 2^k equal bins: each one-dimensional projection of a
// Sobol sequence is a (0, m, 1)-net in base 2.
func TestSobolStratifies(t *testing.T) {
	seq, err := NewSobol(MaxSobolDim)
	if err != nil {
		t.Fatal(err)
	}
	const maxK = 10
	pts := make([][]float64, 1<<maxK)
	for i := range pts {
		pts[i] = slices.Clone(seq.Next())
	}
	for k := 1; k <= maxK; k++ {
		n := 1 << k
		for d := 0; d < MaxSobolDim; d++ {
			hits := make([]int, n)
			for _, p := range pts[:n] {
				if p[d] < 0 || p[d] >= 1 {
					t.Fatalf("dimension %d: value %v outside [0, 1)", d+1, p[d])
				}
				hits[int(p[d]*float64(n))]++
			}
			for b, h := range hits {
				if h != 1 {
					t.Errorf("dimension %d, first %d points: bin %d holds %d points, want 1", d+1, n, b, h)
					break
				}
			}
		}
	}
}

// TestSobolSampleSkipsOrigin checks that Sample uses the same sequence,
// from its second point, scaled onto the ranges.
func TestSobolSampleSkipsOrigin(t *testing.T) {
	factors := []Factor{{Key: "a", Min: 0, Max: 1}, {Key: "b", Min: 10, Max: 20}, {Key: "c", Min: 0, Max: 8, Integer: true}}
	pts, err := Sample(Sobol, factors, 7, 1)
	if err != nil {
		t.Fatal(err)
	}
	seq, _ := NewSobol(len(factors))
	seq.Next()
	for i, p := range pts {
		u := seq.Next()
		want := Point{u[0], 10 + 10*u[1], Scale(factors[2], u[2])}
		if !slices.Equal(p, want) {
			t.Errorf("point %d = %v, want %v", i, p, want)
		}
	}
}

func TestNewSobolDimensions(t *testing.T) {
	for _, dim := range []int{-1, 0, MaxSobolDim + 1} {
		if _, err := NewSobol(dim); err == nil {
			t.Errorf("NewSobol(%d): no error", dim)
		}
	}
	for dim := 1; dim <= MaxSobolDim; dim++ {
		seq, err := NewSobol(dim)
		if err != nil {
			t.Fatalf("NewSobol(%d): %v", dim, err)
		}
		if p := seq.Next(); len(p) != dim {
			t.Errorf("NewSobol(%d): point of %d values", dim, len(p))
		}
	}
}

// TestSobolPointsDistinct checks that the first 4096 points of all 21
// dimensions are distinct, which wrong direction numbers can break.
func TestSobolPointsDistinct(t *testing.T) {
	seq, _ := NewSobol(MaxSobolDim)
	seen := map[string]int{}
	for i := 0; i < 1<<12; i++ {
		k := fmt.Sprint(seq.Next())
		if j, dup := seen[k]; dup {
			t.Fatalf("points %d and %d coincide: %s", j, i, k)
		}
		seen[k] = i
	}
}

// TestSobolFirstTwoDimensionsFormNets checks that the first 2^m points of
// dimensions 1 and 2 form a (0, m, 2)-net in base 2: every elementary
// interval of area 2^-m, a 2^-a by 2^-(m-a) box, holds exactly one point.
func TestSobolFirstTwoDimensionsFormNets(t *testing.T) {
	seq, _ := NewSobol(2)
	const maxM = 10
	pts := make([][]float64, 1<<maxM)
	for i := range pts {
		pts[i] = slices.Clone(seq.Next())
	}
	for m := 1; m <= maxM; m++ {
		n := 1 << m
		for a := 0; a <= m; a++ {
			nx, ny := 1<<a, 1<<(m-a)
			hits := make([]int, n)
			for _, p := range pts[:n] {
				hits[int(p[0]*float64(nx))*ny+int(p[1]*float64(ny))]++
			}
			for b, h := range hits {
				if h != 1 {
					t.Errorf("m=%d, boxes %dx%d: box %d holds %d points, want 1", m, nx, ny, b, h)
					break
				}
			}
		}
	}
}
