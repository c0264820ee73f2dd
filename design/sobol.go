package design

import "fmt"

// joeKuo holds the direction numbers of Joe and Kuo (2008, file
// new-joe-kuo-6.21201) for dimensions 2 to 21: the degree s of the
// primitive polynomial, its coefficients a, and the initial numbers m.
var joeKuo = []struct {
	s, a uint32
	m    []uint32
}{
	{1, 0, []uint32{1}},
	{2, 1, []uint32{1, 3}},
	{3, 1, []uint32{1, 3, 1}},
	{3, 2, []uint32{1, 1, 1}},
	{4, 1, []uint32{1, 1, 3, 3}},
	{4, 4, []uint32{1, 3, 5, 13}},
	{5, 2, []uint32{1, 1, 5, 5, 17}},
	{5, 4, []uint32{1, 1, 5, 5, 5}},
	{5, 7, []uint32{1, 1, 7, 11, 19}},
	{5, 11, []uint32{1, 1, 5, 1, 1}},
	{5, 13, []uint32{1, 1, 1, 3, 11}},
	{5, 14, []uint32{1, 3, 5, 5, 31}},
	{6, 1, []uint32{1, 3, 3, 9, 7, 49}},
	{6, 13, []uint32{1, 1, 1, 15, 21, 21}},
	{6, 16, []uint32{1, 3, 1, 13, 27, 49}},
	{6, 19, []uint32{1, 1, 1, 15, 7, 5}},
	{6, 22, []uint32{1, 3, 1, 15, 13, 25}},
	{6, 25, []uint32{1, 1, 5, 5, 19, 61}},
	{7, 1, []uint32{1, 3, 7, 11, 23, 15, 103}},
	{7, 4, []uint32{1, 3, 7, 13, 13, 15, 69}},
}

// MaxSobolDim is the largest dimension NewSobol supports.
const MaxSobolDim = 21

const sobolBits = 32

// SobolSeq generates the Sobol sequence by Gray-code order (Antonov and
// Saleev), starting at the origin.
type SobolSeq struct {
	dim   int
	v     [][sobolBits]uint32 // direction numbers, per dimension
	x     []uint32
	index uint32
	point []float64
}

// NewSobol returns a generator of the dim-dimensional Sobol sequence.
func NewSobol(dim int) (*SobolSeq, error) {
	if dim < 1 || dim > MaxSobolDim {
		return nil, fmt.Errorf("design: Sobol sequence in %d dimensions; allowed: 1 to %d", dim, MaxSobolDim)
	}
	s := &SobolSeq{dim: dim, v: make([][sobolBits]uint32, dim), x: make([]uint32, dim), point: make([]float64, dim)}
	for i := 0; i < sobolBits; i++ {
		s.v[0][i] = 1 << (sobolBits - 1 - i)
	}
	for j := 1; j < dim; j++ {
		jk := joeKuo[j-1]
		deg := int(jk.s)
		for i := 0; i < deg && i < sobolBits; i++ {
			s.v[j][i] = jk.m[i] << (sobolBits - 1 - i)
		}
		for i := deg; i < sobolBits; i++ {
			v := s.v[j][i-deg] ^ (s.v[j][i-deg] >> deg)
			for k := 1; k < deg; k++ {
				if (jk.a>>(deg-1-k))&1 == 1 {
					v ^= s.v[j][i-k]
				}
			}
			s.v[j][i] = v
		}
	}
	return s, nil
}

// Next returns the next point; the slice is reused by the following call.
func (s *SobolSeq) Next() []float64 {
	if s.index > 0 {
		// The rightmost zero bit of index-1 picks the direction number.
		c := 0
		for i := s.index - 1; i&1 == 1; i >>= 1 {
			c++
		}
		for j := range s.x {
			s.x[j] ^= s.v[j][c]
		}
	}
	for j, x := range s.x {
		s.point[j] = float64(x) / (1 << sobolBits)
	}
	s.index++
	return s.point
}
