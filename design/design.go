// Package design generates the points of experimental designs over model
// parameters: full factorial grids, one-at-a-time variation, Latin
// hypercubes, and Sobol and Halton quasi-random sequences. Points are
// generated in a fixed order from a seed, so a design is reproducible.
package design

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distmv"
	"gonum.org/v1/gonum/stat/samplemv"
)

// Factor is one varied parameter: either a list of levels (for factorial
// and one-at-a-time designs) or a range [Min, Max] (for sampled designs).
type Factor struct {
	Key    string    `json:"key"`
	Levels []float64 `json:"levels,omitempty"`
	Min    float64   `json:"min,omitempty"`
	Max    float64   `json:"max,omitempty"`
	// Integer factors are rounded to the nearest whole number when sampled.
	Integer bool `json:"integer,omitempty"`
}

// Point is one combination of factor values, in the order of the factors.
type Point []float64

// MaxPoints is the most points a design may generate: far beyond what
// any machine can run, it only keeps a size computation from overflowing.
const MaxPoints = 1 << 40

// FactorialSize returns the number of points of the full factorial design
// over the factors (the product of their numbers of levels), and false if
// it exceeds MaxPoints. It allocates nothing, so a design can be sized
// before it is generated.
func FactorialSize(factors []Factor) (int, bool) {
	if len(factors) == 0 {
		return 0, true
	}
	n := 1
	for _, f := range factors {
		l := len(f.Levels)
		if l == 0 {
			return 0, true // a factor without levels leaves no combination
		}
		if n > MaxPoints/l {
			return 0, false
		}
		n *= l
	}
	return n, true
}

// Factorial returns every combination of the factors' levels; the last
// factor varies fastest. A design of more than MaxPoints points is an
// error; check FactorialSize against the memory at hand first.
func Factorial(factors []Factor) ([]Point, error) {
	n, ok := FactorialSize(factors)
	if !ok {
		return nil, fmt.Errorf("design: a full factorial of %d factors has more than %d points", len(factors), MaxPoints)
	}
	if n == 0 {
		return nil, nil
	}
	points := make([]Point, 0, n)
	idx := make([]int, len(factors))
	for {
		p := make(Point, len(factors))
		for i, f := range factors {
			p[i] = f.Levels[idx[i]]
		}
		points = append(points, p)
		i := len(factors) - 1
		for ; i >= 0; i-- {
			idx[i]++
			if idx[i] < len(factors[i].Levels) {
				break
			}
			idx[i] = 0
		}
		if i < 0 {
			return points, nil
		}
	}
}

// OneAtATime returns the base point, then for each factor in turn every
// level that differs from its base value with the other factors at base.
func OneAtATime(factors []Factor, base Point) []Point {
	points := []Point{append(Point(nil), base...)}
	for i, f := range factors {
		for _, v := range f.Levels {
			if v == base[i] {
				continue
			}
			p := append(Point(nil), base...)
			p[i] = v
			points = append(points, p)
		}
	}
	return points
}

// Sampler names a space-filling design over the factors' ranges.
type Sampler string

// The sampled designs.
const (
	LatinHypercube Sampler = "lhs"
	Sobol          Sampler = "sobol"
	Halton         Sampler = "halton"
)

// Sample returns n points of the sampler over the factors' ranges. Latin
// hypercube and Halton (Owen-scrambled) use gonum with a generator seeded
// from seed; Sobol is the unscrambled Joe-Kuo sequence, skipping the origin.
func Sample(s Sampler, factors []Factor, n int, seed uint64) ([]Point, error) {
	d := len(factors)
	if d == 0 || n <= 0 {
		return nil, fmt.Errorf("design: %d factors and %d samples; need at least one of each", d, n)
	}
	var unit [][]float64
	switch s {
	case LatinHypercube, Halton:
		src := rand.NewPCG(seed, 0x6a09e667f3bcc909)
		batch := mat.NewDense(n, d, nil)
		q := distmv.NewUnitUniform(d, rand.New(src))
		if s == LatinHypercube {
			samplemv.LatinHypercube{Q: q, Src: rand.New(src)}.Sample(batch)
		} else {
			samplemv.Halton{Kind: samplemv.Owen, Q: q, Src: rand.New(src)}.Sample(batch)
		}
		unit = make([][]float64, n)
		for i := range unit {
			unit[i] = batch.RawRowView(i)
		}
	case Sobol:
		seq, err := NewSobol(d)
		if err != nil {
			return nil, err
		}
		seq.Next() // the origin
		unit = make([][]float64, n)
		for i := range unit {
			unit[i] = append([]float64(nil), seq.Next()...)
		}
	default:
		return nil, fmt.Errorf("design: unknown sampler %q; allowed: lhs, sobol, halton", s)
	}
	points := make([]Point, n)
	for i, u := range unit {
		p := make(Point, d)
		for j, f := range factors {
			p[j] = Scale(f, u[j])
		}
		points[i] = p
	}
	return points, nil
}

// Scale maps u in [0, 1) onto the factor's range, rounding integer factors.
func Scale(f Factor, u float64) float64 {
	if f.Integer {
		// Equal-width bins over the whole numbers Min..Max.
		k := math.Floor(f.Min + u*(f.Max-f.Min+1))
		return math.Min(k, f.Max)
	}
	return f.Min + u*(f.Max-f.Min)
}
