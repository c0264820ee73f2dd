package sensitivity

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// MorrisDesign is a set of Morris trajectories in the unit hypercube: each
// trajectory has d+1 points, and point k+1 differs from point k in the single
// factor Factor[t][k], by Delta[t][k] (plus or minus the grid jump).
type MorrisDesign struct {
	Dims   int
	Levels int
	Points [][]float64 // r*(d+1) points, trajectory by trajectory
	Factor [][]int     // [trajectory][step] factor moved
	Delta  [][]float64 // [trajectory][step] signed change of that factor
}

// NewMorris builds r trajectories over d factors on a grid of p levels
// (p even), with the jump Δ = p / (2(p − 1)) (Morris 1991), each factor
// moved once per trajectory in random order and direction, from a random
// grid start. The design depends only on its arguments.
func NewMorris(d, r, p int, seed uint64) (*MorrisDesign, error) {
	if d < 1 || r < 2 || p < 2 || p%2 != 0 {
		return nil, fmt.Errorf("morris: %d factors, %d trajectories, %d levels; need at least 1 factor, 2 trajectories and an even number of levels", d, r, p)
	}
	rng := rand.New(rand.NewPCG(seed, 0x3c6ef372fe94f82b))
	jump := float64(p) / (2 * float64(p-1))
	md := &MorrisDesign{Dims: d, Levels: p}
	for t := 0; t < r; t++ {
		x := make([]float64, d)
		for i := range x {
			x[i] = float64(rng.IntN(p)) / float64(p-1)
		}
		order := rng.Perm(d)
		factors := make([]int, d)
		deltas := make([]float64, d)
		md.Points = append(md.Points, append([]float64(nil), x...))
		for k, i := range order {
			step := jump
			switch {
			case x[i]+jump > 1+1e-12:
				step = -jump
			case x[i]-jump >= -1e-12 && rng.IntN(2) == 0:
				step = -jump
			}
			x[i] += step
			factors[k], deltas[k] = i, step
			md.Points = append(md.Points, append([]float64(nil), x...))
		}
		md.Factor = append(md.Factor, factors)
		md.Delta = append(md.Delta, deltas)
	}
	return md, nil
}

// Trajectories is the number of trajectories.
func (md *MorrisDesign) Trajectories() int { return len(md.Factor) }

// MorrisIndex is the Morris screening result for one factor. MuStar is the
// mean absolute elementary effect (importance), Mu the mean (direction) and
// Sigma the standard deviation (interaction or non-linearity). Effects are
// per unit of the factor's range. MuStarLo and MuStarHi bound a bootstrap
// 95% interval of MuStar.
type MorrisIndex struct {
	MuStar, Mu, Sigma  float64
	MuStarLo, MuStarHi float64
}

// Morris computes the indices from the outputs y at the design's points
// (NaN outputs drop the effects they take part in). The bootstrap resamples
// trajectories boot times with a generator seeded by seed.
func (md *MorrisDesign) Morris(y []float64, boot int, seed uint64) ([]MorrisIndex, error) {
	d, r := md.Dims, md.Trajectories()
	if len(y) != r*(d+1) {
		return nil, fmt.Errorf("morris: %d outputs for %d points", len(y), r*(d+1))
	}
	// ee[i][t] is the effect of factor i in trajectory t.
	ee := make([][]float64, d)
	for i := range ee {
		ee[i] = make([]float64, r)
	}
	for t := 0; t < r; t++ {
		base := t * (d + 1)
		for k := 0; k < d; k++ {
			i := md.Factor[t][k]
			ee[i][t] = (y[base+k+1] - y[base+k]) / md.Delta[t][k]
		}
	}
	out := make([]MorrisIndex, d)
	rng := rand.New(rand.NewPCG(seed, 0xa54ff53a5f1d36f1))
	sample := make([]float64, r)
	stars := make([]float64, boot)
	for i := range out {
		out[i].MuStar, out[i].Mu, out[i].Sigma = morrisMoments(ee[i])
		for b := 0; b < boot; b++ {
			for t := range sample {
				sample[t] = ee[i][rng.IntN(r)]
			}
			stars[b], _, _ = morrisMoments(sample)
		}
		out[i].MuStarLo, out[i].MuStarHi = percentileInterval(stars)
	}
	return out, nil
}

// morrisMoments returns mean |e|, mean e and the standard deviation of e,
// skipping NaN.
func morrisMoments(e []float64) (muStar, mu, sigma float64) {
	n := 0
	for _, x := range e {
		if math.IsNaN(x) {
			continue
		}
		n++
		muStar += math.Abs(x)
		mu += x
	}
	if n == 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	muStar /= float64(n)
	mu /= float64(n)
	if n < 2 {
		return muStar, mu, math.NaN()
	}
	for _, x := range e {
		if !math.IsNaN(x) {
			sigma += (x - mu) * (x - mu)
		}
	}
	return muStar, mu, math.Sqrt(sigma / float64(n-1))
}
