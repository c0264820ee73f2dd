package sensitivity

import (
	"math"
	"testing"
)

// ishigami is the Ishigami function with a = 7, b = 0.1 on [-π, π]³, mapped
// from the unit cube. Its Sobol indices are known analytically.
func ishigami(u []float64) float64 {
	x := make([]float64, 3)
	for i := range x {
		x[i] = -math.Pi + 2*math.Pi*u[i]
	}
	return math.Sin(x[0]) + 7*math.Pow(math.Sin(x[1]), 2) + 0.1*math.Pow(x[2], 4)*math.Sin(x[0])
}

func TestSobolIshigami(t *testing.T) {
	// Analytical values (Ishigami and Homma 1990; a = 7, b = 0.1):
	// V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2, V1 = (1 + bπ⁴/5)²/2, V2 = a²/8,
	// V13 = b²π⁸(1/18 − 1/50), V3 = 0.
	a, b := 7.0, 0.1
	pi4, pi8 := math.Pow(math.Pi, 4), math.Pow(math.Pi, 8)
	v := a*a/8 + b*pi4/5 + b*b*pi8/18 + 0.5
	v1 := math.Pow(1+b*pi4/5, 2) / 2
	v2 := a * a / 8
	v13 := b * b * pi8 * (1.0/18 - 1.0/50)
	want := []struct{ s1, st float64 }{
		{v1 / v, (v1 + v13) / v},
		{v2 / v, v2 / v},
		{0, v13 / v},
	}
	sd, err := NewSaltelli(3, 1<<13)
	if err != nil {
		t.Fatal(err)
	}
	y := make([]float64, len(sd.Points))
	for i, p := range sd.Points {
		y[i] = ishigami(p)
	}
	got, err := sd.Sobol(y, 200, 1)
	if err != nil {
		t.Fatal(err)
	}
	// Tolerance 0.02 on every index with N = 8192 quasi-random base points.
	const tol = 0.02
	for i, w := range want {
		g := got[i]
		if math.Abs(g.S1-w.s1) > tol || math.Abs(g.ST-w.st) > tol {
			t.Errorf("x%d: S1 %.4f ST %.4f, want %.4f and %.4f within %v", i+1, g.S1, g.ST, w.s1, w.st, tol)
		}
		if !(g.S1Lo <= g.S1 && g.S1 <= g.S1Hi && g.STLo <= g.ST && g.ST <= g.STHi) {
			t.Errorf("x%d: bootstrap interval does not hold the estimate: %+v", i+1, g)
		}
	}
}

func TestMorrisLinear(t *testing.T) {
	// y = 3 x1 − 2 x2 + 0 x3 + 0.5 x4: every elementary effect of factor i is
	// exactly its coefficient, so mu* = |c|, mu = c and sigma = 0.
	coef := []float64{3, -2, 0, 0.5}
	md, err := NewMorris(len(coef), 20, 4, 9)
	if err != nil {
		t.Fatal(err)
	}
	y := make([]float64, len(md.Points))
	for k, p := range md.Points {
		for i, c := range coef {
			y[k] += c * p[i]
		}
	}
	got, err := md.Morris(y, 100, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range coef {
		g := got[i]
		if math.Abs(g.MuStar-math.Abs(c)) > 1e-9 || math.Abs(g.Mu-c) > 1e-9 || g.Sigma > 1e-9 {
			t.Errorf("x%d: mu* %v mu %v sigma %v, want %v, %v, 0", i+1, g.MuStar, g.Mu, g.Sigma, math.Abs(c), c)
		}
	}
}

func TestMorrisInteractionShowsInSigma(t *testing.T) {
	// y = x1·x2 + x3: factors 1 and 2 interact (sigma > 0), factor 3 does not.
	md, err := NewMorris(3, 30, 4, 2)
	if err != nil {
		t.Fatal(err)
	}
	y := make([]float64, len(md.Points))
	for k, p := range md.Points {
		y[k] = p[0]*p[1] + p[2]
	}
	got, err := md.Morris(y, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Sigma < 0.1 || got[1].Sigma < 0.1 || got[2].Sigma > 1e-9 {
		t.Errorf("sigmas %v %v %v: want interaction for x1 and x2 only", got[0].Sigma, got[1].Sigma, got[2].Sigma)
	}
}

func TestMorrisDesignStaysOnTheGrid(t *testing.T) {
	md, err := NewMorris(5, 10, 6, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(md.Points) != 10*6 {
		t.Fatalf("%d points, want %d", len(md.Points), 60)
	}
	for _, p := range md.Points {
		for _, x := range p {
			level := x * 5
			if x < -1e-12 || x > 1+1e-12 || math.Abs(level-math.Round(level)) > 1e-9 {
				t.Fatalf("point %v leaves the 6-level grid", p)
			}
		}
	}
	for tr := 0; tr < 10; tr++ {
		seen := map[int]bool{}
		for _, f := range md.Factor[tr] {
			seen[f] = true
		}
		if len(seen) != 5 {
			t.Errorf("trajectory %d moves factors %v, want each once", tr, md.Factor[tr])
		}
	}
}

func TestDesignErrors(t *testing.T) {
	if _, err := NewMorris(3, 1, 4, 1); err == nil {
		t.Error("one trajectory accepted")
	}
	if _, err := NewMorris(3, 4, 5, 1); err == nil {
		t.Error("odd number of levels accepted")
	}
	if _, err := NewSaltelli(11, 8); err == nil {
		t.Error("11 factors accepted; the 22-dimensional Sobol sequence is not available")
	}
}
