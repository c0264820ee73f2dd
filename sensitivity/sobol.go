package sensitivity

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/wijksim/wijksim/design"
)

// SaltelliDesign holds the points of Saltelli's scheme for Sobol indices:
// N rows of matrix A, N rows of matrix B, then for each factor i the N rows
// of A with column i taken from B. Points has N(d+2) rows.
type SaltelliDesign struct {
	N, Dims int
	Points  [][]float64
}

// NewSaltelli builds the scheme from the first N points of the 2d-dimensional
// Sobol sequence after the origin (A the first d coordinates, B the last d),
// so 2d may be at most design.MaxSobolDim.
func NewSaltelli(d, n int) (*SaltelliDesign, error) {
	if d < 1 || 2*d > design.MaxSobolDim {
		return nil, fmt.Errorf("sobol indices: %d factors; allowed: 1 to %d", d, design.MaxSobolDim/2)
	}
	if n < 2 {
		return nil, fmt.Errorf("sobol indices: base sample %d; need at least 2", n)
	}
	seq, err := design.NewSobol(2 * d)
	if err != nil {
		return nil, err
	}
	seq.Next()
	a := make([][]float64, n)
	b := make([][]float64, n)
	for j := 0; j < n; j++ {
		u := seq.Next()
		a[j] = append([]float64(nil), u[:d]...)
		b[j] = append([]float64(nil), u[d:]...)
	}
	sd := &SaltelliDesign{N: n, Dims: d}
	sd.Points = append(sd.Points, a...)
	sd.Points = append(sd.Points, b...)
	for i := 0; i < d; i++ {
		for j := 0; j < n; j++ {
			ab := append([]float64(nil), a[j]...)
			ab[i] = b[j][i]
			sd.Points = append(sd.Points, ab)
		}
	}
	return sd, nil
}

// SobolIndex holds the first-order index S1 and total-order index ST of a
// factor, each with a bootstrap 95% interval.
type SobolIndex struct {
	S1, S1Lo, S1Hi float64
	ST, STLo, STHi float64
}

// Sobol estimates the indices from the outputs y at the design's points with
// Jansen's estimators: S1_i = 1 − mean((f_B − f_ABi)²) / (2V) and
// ST_i = mean((f_A − f_ABi)²) / (2V), where V is the variance of the outputs
// at A and B together. Rows with a NaN output are left out. The bootstrap
// resamples the N rows boot times, seeded by seed.
func (sd *SaltelliDesign) Sobol(y []float64, boot int, seed uint64) ([]SobolIndex, error) {
	n, d := sd.N, sd.Dims
	if len(y) != n*(d+2) {
		return nil, fmt.Errorf("sobol indices: %d outputs for %d points", len(y), n*(d+2))
	}
	fa, fb := y[:n], y[n:2*n]
	rows := make([]int, 0, n)
	for j := 0; j < n; j++ {
		ok := !math.IsNaN(fa[j]) && !math.IsNaN(fb[j])
		for i := 0; i < d && ok; i++ {
			ok = !math.IsNaN(y[(2+i)*n+j])
		}
		if ok {
			rows = append(rows, j)
		}
	}
	if len(rows) < 2 {
		return nil, fmt.Errorf("sobol indices: fewer than 2 complete rows")
	}
	out := make([]SobolIndex, d)
	for i := range out {
		out[i].S1, out[i].ST = jansen(y, n, i, rows)
	}
	rng := rand.New(rand.NewPCG(seed, 0x510e527fade682d1))
	s1 := make([][]float64, d)
	st := make([][]float64, d)
	sample := make([]int, len(rows))
	for b := 0; b < boot; b++ {
		for k := range sample {
			sample[k] = rows[rng.IntN(len(rows))]
		}
		for i := 0; i < d; i++ {
			a, t := jansen(y, n, i, sample)
			s1[i] = append(s1[i], a)
			st[i] = append(st[i], t)
		}
	}
	for i := range out {
		out[i].S1Lo, out[i].S1Hi = percentileInterval(s1[i])
		out[i].STLo, out[i].STHi = percentileInterval(st[i])
	}
	return out, nil
}

// jansen computes the first- and total-order index of factor i over rows.
func jansen(y []float64, n, i int, rows []int) (s1, st float64) {
	fa, fb, fab := y[:n], y[n:2*n], y[(2+i)*n:(3+i)*n]
	var mean float64
	for _, j := range rows {
		mean += fa[j] + fb[j]
	}
	m := float64(len(rows))
	mean /= 2 * m
	var v, first, total float64
	for _, j := range rows {
		v += (fa[j]-mean)*(fa[j]-mean) + (fb[j]-mean)*(fb[j]-mean)
		first += (fb[j] - fab[j]) * (fb[j] - fab[j])
		total += (fa[j] - fab[j]) * (fa[j] - fab[j])
	}
	v /= 2*m - 1
	if v == 0 {
		return math.NaN(), math.NaN()
	}
	return 1 - first/(2*m*v), total / (2 * m * v)
}

// percentileInterval returns the 2.5% and 97.5% percentiles of xs (NaN
// values left out), or NaN when there are none.
func percentileInterval(xs []float64) (lo, hi float64) {
	vals := make([]float64, 0, len(xs))
	for _, x := range xs {
		if !math.IsNaN(x) {
			vals = append(vals, x)
		}
	}
	if len(vals) == 0 {
		return math.NaN(), math.NaN()
	}
	slices.Sort(vals)
	at := func(q float64) float64 {
		pos := q * float64(len(vals)-1)
		k := int(pos)
		if k+1 >= len(vals) {
			return vals[len(vals)-1]
		}
		f := pos - float64(k)
		return vals[k]*(1-f) + vals[k+1]*f
	}
	return at(0.025), at(0.975)
}
