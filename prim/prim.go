// Package prim implements the Patient Rule Induction Method (Friedman and
// Fisher 1999) for scenario discovery (Bryant and Lempert 2010): it finds a
// box in parameter space where a condition of interest holds much more often
// than elsewhere, by peeling small slices off the box one at a time and
// recording the trade-off between coverage and density along the way.
package prim

import (
	"fmt"
	"math"
	"slices"
)

// Box is a hyper-rectangle: factor j lies in [Lo[j], Hi[j]].
type Box struct {
	Lo, Hi []float64
}

func (b Box) contains(x []float64) bool {
	for j, v := range x {
		if v < b.Lo[j] || v > b.Hi[j] {
			return false
		}
	}
	return true
}

func (b Box) clone() Box {
	return Box{Lo: append([]float64(nil), b.Lo...), Hi: append([]float64(nil), b.Hi...)}
}

// Step is one box of the peeling trajectory. Coverage is the share of all
// cases of interest that lie in the box; Density the share of the points in
// the box that are cases of interest; Support the share of all points in the
// box.
type Step struct {
	Box      Box
	Coverage float64
	Density  float64
	Support  float64
	Points   int
}

// Options set the peeling.
type Options struct {
	// Alpha is the share of the box's points peeled in one step (0.05).
	Alpha float64
	// MinSupport stops the peeling when the box would hold fewer than this
	// share of the points (0.05).
	MinSupport float64
}

// Result is the peeling trajectory and the box it selects.
type Result struct {
	Trajectory []Step
	// Selected indexes the step with the highest density among those whose
	// coverage is at least MinCoverage (or the first step if none).
	Selected int
}

// Peel runs PRIM on points x (n rows of d factors) with y true for the
// cases of interest.
func Peel(x [][]float64, y []bool, opt Options) (*Result, error) {
	n := len(x)
	if n == 0 || len(y) != n {
		return nil, fmt.Errorf("prim: %d points and %d outcomes", n, len(y))
	}
	if opt.Alpha <= 0 || opt.Alpha >= 0.5 {
		opt.Alpha = 0.05
	}
	if opt.MinSupport <= 0 || opt.MinSupport >= 1 {
		opt.MinSupport = 0.05
	}
	d := len(x[0])
	total := 0
	for _, v := range y {
		if v {
			total++
		}
	}
	if total == 0 {
		return nil, fmt.Errorf("prim: the condition holds at no point; nothing to discover")
	}
	box := Box{Lo: make([]float64, d), Hi: make([]float64, d)}
	for j := 0; j < d; j++ {
		box.Lo[j], box.Hi[j] = math.Inf(1), math.Inf(-1)
		for _, p := range x {
			box.Lo[j] = math.Min(box.Lo[j], p[j])
			box.Hi[j] = math.Max(box.Hi[j], p[j])
		}
	}
	inside := make([]int, n)
	for i := range inside {
		inside[i] = i
	}
	res := &Result{}
	record := func(b Box, in []int) {
		hits := 0
		for _, i := range in {
			if y[i] {
				hits++
			}
		}
		res.Trajectory = append(res.Trajectory, Step{
			Box: b.clone(), Points: len(in),
			Coverage: float64(hits) / float64(total),
			Density:  float64(hits) / float64(len(in)),
			Support:  float64(len(in)) / float64(n),
		})
	}
	record(box, inside)
	vals := make([]float64, 0, n)
	for {
		best, bestDensity := -1, -1.0
		var bestBox Box
		var bestIn []int
		for j := 0; j < d; j++ {
			vals = vals[:0]
			for _, i := range inside {
				vals = append(vals, x[i][j])
			}
			slices.Sort(vals)
			k := int(math.Ceil(opt.Alpha * float64(len(vals))))
			for _, low := range []bool{true, false} {
				cand := box.clone()
				if low {
					cut := vals[min(k, len(vals)-1)]
					if cut <= box.Lo[j] {
						continue // ties: peeling would remove nothing or everything
					}
					cand.Lo[j] = cut
				} else {
					cut := vals[max(len(vals)-1-k, 0)]
					if cut >= box.Hi[j] {
						continue
					}
					cand.Hi[j] = cut
				}
				var in []int
				hits := 0
				for _, i := range inside {
					if cand.contains(x[i]) {
						in = append(in, i)
						if y[i] {
							hits++
						}
					}
				}
				if len(in) == 0 || float64(len(in)) < opt.MinSupport*float64(n) {
					continue
				}
				if dens := float64(hits) / float64(len(in)); dens > bestDensity {
					best, bestDensity, bestBox, bestIn = j, dens, cand, in
				}
			}
		}
		if best < 0 {
			break
		}
		box, inside = bestBox, bestIn
		record(box, inside)
	}
	return res, nil
}

// Select sets Selected to the densest step with coverage at least
// minCoverage, or the first step if none qualifies.
func (r *Result) Select(minCoverage float64) {
	r.Selected = 0
	for i, s := range r.Trajectory {
		if s.Coverage >= minCoverage && s.Density > r.Trajectory[r.Selected].Density {
			r.Selected = i
		}
	}
}
