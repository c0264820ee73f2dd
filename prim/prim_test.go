package prim

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestPeelFindsAKnownBox(t *testing.T) {
	// The condition holds exactly in x1 > 0.6 and x2 < 0.3, x3 irrelevant.
	rng := rand.New(rand.NewPCG(1, 2))
	n := 4000
	x := make([][]float64, n)
	y := make([]bool, n)
	for i := range x {
		x[i] = []float64{rng.Float64(), rng.Float64(), rng.Float64()}
		y[i] = x[i][0] > 0.6 && x[i][1] < 0.3
	}
	res, err := Peel(x, y, Options{})
	if err != nil {
		t.Fatal(err)
	}
	res.Select(0.8)
	s := res.Trajectory[res.Selected]
	// Tolerance 0.05 on each limit; density and coverage of the chosen box
	// at least 0.9 and 0.8.
	const tol = 0.05
	want := Box{Lo: []float64{0.6, 0, 0}, Hi: []float64{1, 0.3, 1}}
	for j := range want.Lo {
		if math.Abs(s.Box.Lo[j]-want.Lo[j]) > tol || math.Abs(s.Box.Hi[j]-want.Hi[j]) > tol {
			t.Errorf("factor %d: box [%.3f, %.3f], want [%.2f, %.2f] within %v", j+1, s.Box.Lo[j], s.Box.Hi[j], want.Lo[j], want.Hi[j], tol)
		}
	}
	if s.Density < 0.9 || s.Coverage < 0.8 {
		t.Errorf("selected box: density %.3f coverage %.3f", s.Density, s.Coverage)
	}
	// Along the trajectory coverage never rises and support falls.
	for i := 1; i < len(res.Trajectory); i++ {
		a, b := res.Trajectory[i-1], res.Trajectory[i]
		if b.Coverage > a.Coverage+1e-12 || b.Support >= a.Support {
			t.Fatalf("step %d: coverage %v -> %v, support %v -> %v", i, a.Coverage, b.Coverage, a.Support, b.Support)
		}
	}
	first := res.Trajectory[0]
	if first.Coverage != 1 || first.Support != 1 {
		t.Errorf("the first box should hold everything: %+v", first)
	}
}

func TestPeelErrors(t *testing.T) {
	if _, err := Peel([][]float64{{0}, {1}}, []bool{false, false}, Options{}); err == nil {
		t.Error("a condition that never holds was accepted")
	}
	if _, err := Peel([][]float64{{0}}, []bool{true, false}, Options{}); err == nil {
		t.Error("mismatched lengths were accepted")
	}
}
