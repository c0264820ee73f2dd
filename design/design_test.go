package design

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

// noPanic calls f and turns a panic into a test error, so that one broken
// case does not stop the other tests.
func noPanic[T any](t *testing.T, what string, f func() T) (out T, ok bool) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("%s panicked: %v", what, r)
			ok = false
		}
	}()
	return f(), true
}

// TestFactorialSizeDoesNotOverflow: the product of the numbers of levels
// used to wrap around (16 factors of 16 levels gave 0 points) or to ask for
// an impossible slice (16 x 10 levels, 54 x 2 panicked in makeslice).
func TestFactorialSizeDoesNotOverflow(t *testing.T) {
	factors := func(n, levels int) []Factor {
		fs := make([]Factor, n)
		for i := range fs {
			fs[i] = Factor{Key: fmt.Sprint("f", i), Levels: make([]float64, levels)}
		}
		return fs
	}
	for _, tc := range []struct {
		n, levels int
		size      int
		ok        bool
	}{
		{3, 4, 64, true},
		{10, 16, 1 << 40, true},
		{16, 16, 0, false},
		{16, 10, 0, false},
		{54, 2, 0, false},
		{2, 0, 0, true},
	} {
		size, ok := FactorialSize(factors(tc.n, tc.levels))
		if size != tc.size || ok != tc.ok {
			t.Errorf("FactorialSize(%d x %d levels) = %d, %v; want %d, %v", tc.n, tc.levels, size, ok, tc.size, tc.ok)
		}
		if tc.ok {
			continue
		}
		points, ran := noPanic(t, "Factorial", func() []Point {
			p, err := Factorial(factors(tc.n, tc.levels))
			if err == nil {
				t.Errorf("Factorial(%d x %d levels) gave %d points and no error", tc.n, tc.levels, len(p))
			}
			return p
		})
		if ran && len(points) > 0 {
			t.Errorf("Factorial(%d x %d levels) gave %d points", tc.n, tc.levels, len(points))
		}
	}
}

func TestFactorial(t *testing.T) {
	a := Factor{Key: "a", Levels: []float64{1, 2}}
	b := Factor{Key: "b", Levels: []float64{10, 20, 30}}
	c := Factor{Key: "c", Levels: []float64{0, 1}}
	one := Factor{Key: "one", Levels: []float64{7}}
	none := Factor{Key: "none"}
	for _, tc := range []struct {
		name    string
		factors []Factor
		want    []Point // nil: only the count is checked
		count   int
	}{
		{name: "no factors", factors: nil, count: 0},
		{name: "one factor", factors: []Factor{b}, want: []Point{{10}, {20}, {30}}, count: 3},
		{name: "last factor fastest", factors: []Factor{a, b}, want: []Point{
			{1, 10}, {1, 20}, {1, 30}, {2, 10}, {2, 20}, {2, 30},
		}, count: 6},
		{name: "three factors", factors: []Factor{a, b, c}, count: 12},
		{name: "a single level", factors: []Factor{one, a}, want: []Point{{7, 1}, {7, 2}}, count: 2},
		{name: "a factor without levels", factors: []Factor{a, none}, count: 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := noPanic(t, "Factorial", func() []Point {
				points, err := Factorial(tc.factors)
				if err != nil {
					t.Fatal(err)
				}
				return points
			})
			if !ok {
				return
			}
			if len(got) != tc.count {
				t.Fatalf("%d points, want %d: %v", len(got), tc.count, got)
			}
			if tc.want != nil && !slices.EqualFunc(got, tc.want, slices.Equal) {
				t.Errorf("points %v, want %v", got, tc.want)
			}
			// Every combination exactly once.
			seen := map[string]bool{}
			for _, p := range got {
				if len(p) != len(tc.factors) {
					t.Fatalf("point %v has %d values, want %d", p, len(p), len(tc.factors))
				}
				for i, v := range p {
					if !slices.Contains(tc.factors[i].Levels, v) {
						t.Errorf("point %v: value %v is not a level of %s", p, v, tc.factors[i].Key)
					}
				}
				k := fmt.Sprint(p)
				if seen[k] {
					t.Errorf("point %v twice", p)
				}
				seen[k] = true
			}
		})
	}
}

func TestOneAtATime(t *testing.T) {
	factors := []Factor{
		{Key: "a", Levels: []float64{0.02, 0.05, 0.1}},
		{Key: "b", Levels: []float64{0.1, 0.3, 0.5}},
		{Key: "flag", Levels: []float64{0, 1}},
	}
	for _, tc := range []struct {
		name string
		base Point
		want []Point
	}{
		{name: "base among the levels", base: Point{0.05, 0.3, 0}, want: []Point{
			{0.05, 0.3, 0},
			{0.02, 0.3, 0}, {0.1, 0.3, 0},
			{0.05, 0.1, 0}, {0.05, 0.5, 0},
			{0.05, 0.3, 1},
		}},
		{name: "base outside the levels", base: Point{0.07, 0.3, 1}, want: []Point{
			{0.07, 0.3, 1},
			{0.02, 0.3, 1}, {0.05, 0.3, 1}, {0.1, 0.3, 1},
			{0.07, 0.1, 1}, {0.07, 0.5, 1},
			{0.07, 0.3, 0},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := slices.Clone(tc.base)
			got := OneAtATime(factors, base)
			if !slices.EqualFunc(got, tc.want, slices.Equal) {
				t.Fatalf("points\n%v\nwant\n%v", got, tc.want)
			}
			if !slices.Equal(base, tc.base) {
				t.Errorf("the base point was changed to %v", base)
			}
			for _, p := range got[1:] {
				diff := 0
				for i := range p {
					if p[i] != tc.base[i] {
						diff++
					}
				}
				if diff != 1 {
					t.Errorf("point %v differs from the base in %d factors, want 1", p, diff)
				}
			}
			// The points do not share storage with each other or the base.
			got[0][0] = -1
			if got[1][0] == -1 || base[0] == -1 {
				t.Errorf("points share storage")
			}
		})
	}
}

var samplers = []Sampler{LatinHypercube, Halton, Sobol}

func sampleFactors() []Factor {
	return []Factor{
		{Key: "share", Min: 0.05, Max: 0.8},
		{Key: "caseload", Min: 3, Max: 9, Integer: true},
		{Key: "signed", Min: -1, Max: 1},
		{Key: "big", Min: 100, Max: 5000, Integer: true},
	}
}

func TestSamplePointsLieInTheirRanges(t *testing.T) {
	factors := sampleFactors()
	for _, s := range samplers {
		for _, n := range []int{1, 7, 64, 500} {
			t.Run(fmt.Sprintf("%s/n=%d", s, n), func(t *testing.T) {
				pts, err := Sample(s, factors, n, 42)
				if err != nil {
					t.Fatal(err)
				}
				if len(pts) != n {
					t.Fatalf("%d points, want %d", len(pts), n)
				}
				for _, p := range pts {
					if len(p) != len(factors) {
						t.Fatalf("point %v has %d values, want %d", p, len(p), len(factors))
					}
					for j, f := range factors {
						v := p[j]
						if math.IsNaN(v) || v < f.Min || v > f.Max {
							t.Errorf("%s = %v outside [%v, %v]", f.Key, v, f.Min, f.Max)
						}
						if f.Integer && v != math.Trunc(v) {
							t.Errorf("integer factor %s = %v is not whole", f.Key, v)
						}
					}
				}
			})
		}
	}
}

// TestSampleIntegerLevelsEqually checks that an integer factor gives every
// whole number of its range the same share of a Latin hypercube, the ends
// included (rounding u*(max-min) would give the ends half a share).
func TestSampleIntegerLevelsEqually(t *testing.T) {
	f := Factor{Key: "k", Min: 3, Max: 9, Integer: true} // 7 values
	const per = 10
	pts, err := Sample(LatinHypercube, []Factor{f}, 7*per, 5)
	if err != nil {
		t.Fatal(err)
	}
	count := map[float64]int{}
	for _, p := range pts {
		count[p[0]]++
	}
	for v := 3.0; v <= 9; v++ {
		if count[v] != per {
			t.Errorf("value %v drawn %d times, want %d (counts %v)", v, count[v], per, count)
		}
	}
}

func TestScale(t *testing.T) {
	for _, tc := range []struct {
		f    Factor
		u    float64
		want float64
	}{
		{Factor{Min: 2, Max: 10}, 0, 2},
		{Factor{Min: 2, Max: 10}, 0.5, 6},
		{Factor{Min: -1, Max: 1}, 0.25, -0.5},
		{Factor{Min: 3, Max: 9, Integer: true}, 0, 3},
		{Factor{Min: 3, Max: 9, Integer: true}, 1.0 / 7, 4},
		{Factor{Min: 3, Max: 9, Integer: true}, 0.999999, 9},
		{Factor{Min: 3, Max: 9, Integer: true}, math.Nextafter(1, 0), 9},
		{Factor{Min: 0, Max: 1, Integer: true}, 0.49, 0},
		{Factor{Min: 0, Max: 1, Integer: true}, 0.5, 1},
	} {
		if got := Scale(tc.f, tc.u); got != tc.want {
			t.Errorf("Scale(%+v, %v) = %v, want %v", tc.f, tc.u, got, tc.want)
		}
	}
}

func TestLatinHypercubeStratifies(t *testing.T) {
	// Ranges whose width is a power of two, so that mapping a value back
	// to [0, 1) is exact.
	factors := []Factor{{Key: "a", Min: 0, Max: 1}, {Key: "b", Min: 0, Max: 4}, {Key: "c", Min: 0, Max: 0.5}}
	for _, n := range []int{1, 2, 10, 97, 1000} {
		for _, seed := range []uint64{1, 2, 3} {
			pts, err := Sample(LatinHypercube, factors, n, seed)
			if err != nil {
				t.Fatal(err)
			}
			for j, f := range factors {
				hits := make([]int, n)
				for _, p := range pts {
					u := (p[j] - f.Min) / (f.Max - f.Min)
					hits[int(math.Floor(u*float64(n)))]++
				}
				for b, h := range hits {
					if h != 1 {
						t.Errorf("n=%d seed %d factor %s: bin %d of %d holds %d points, want 1", n, seed, f.Key, b, n, h)
					}
				}
			}
		}
	}
}

// TestHaltonStratifies checks the van der Corput property that digit
// scrambling keeps: in dimension j (base b = the j-th prime) the first b^k
// points fall one in each of b^k equal bins.
func TestHaltonStratifies(t *testing.T) {
	factors := []Factor{{Key: "a", Min: 0, Max: 1}, {Key: "b", Min: 0, Max: 1}, {Key: "c", Min: 0, Max: 1}}
	for j, base := range []int{2, 3, 5} {
		n := 1
		for k := 1; n*base <= 1000; k++ {
			n *= base
			pts, err := Sample(Halton, factors, n, 9)
			if err != nil {
				t.Fatal(err)
			}
			hits := make([]int, n)
			for _, p := range pts {
				hits[int(math.Floor(p[j]*float64(n)))]++
			}
			for b, h := range hits {
				if h != 1 {
					t.Errorf("dimension %d (base %d), n=%d: bin %d holds %d points, want 1", j+1, base, n, b, h)
					break
				}
			}
		}
	}
}

func TestSampleIsDeterministic(t *testing.T) {
	factors := sampleFactors()
	for _, s := range samplers {
		a, err := Sample(s, factors, 50, 7)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := Sample(s, factors, 50, 7)
		if !slices.EqualFunc(a, b, slices.Equal) {
			t.Errorf("%s: two calls with seed 7 differ", s)
		}
		c, _ := Sample(s, factors, 50, 8)
		same := slices.EqualFunc(a, c, slices.Equal)
		if s == Sobol && !same {
			t.Errorf("sobol: the unscrambled sequence should not depend on the seed")
		}
		if s != Sobol && same {
			t.Errorf("%s: seeds 7 and 8 give the same points", s)
		}
	}
}

func TestSampleRefusesBadInput(t *testing.T) {
	f := sampleFactors()
	many := make([]Factor, MaxSobolDim+1)
	for i := range many {
		many[i] = Factor{Key: fmt.Sprint("f", i), Min: 0, Max: 1}
	}
	for _, tc := range []struct {
		name    string
		s       Sampler
		factors []Factor
		n       int
		want    string
	}{
		{"unknown sampler", "grid", f, 4, `unknown sampler "grid"; allowed: lhs, sobol, halton`},
		{"no factors", LatinHypercube, nil, 4, "0 factors"},
		{"no samples", Halton, f, 0, "0 samples"},
		{"negative samples", Sobol, f, -3, "-3 samples"},
		{"too many dimensions for sobol", Sobol, many, 4, "allowed: 1 to 21"},
	} {
		pts, err := Sample(tc.s, tc.factors, tc.n, 1)
		if err == nil {
			t.Errorf("%s: no error, %d points", tc.name, len(pts))
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %q does not say %q", tc.name, err, tc.want)
		}
	}
}
