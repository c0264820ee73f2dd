package plots

import (
	"math"
	"sort"
)

// Survival is a Kaplan-Meier estimate of a survival function: the share of
// subjects still without the event.
type Survival struct {
	// Subjects is the number of subjects at the start.
	Subjects int
	// Times are the distinct times at which an event happened, ascending.
	// S holds the estimate just after each of them, and Lo and Hi its
	// pointwise 95% interval (Greenwood's variance on the log(-log S)
	// scale). AtRisk and Events count the subjects at risk just before
	// each time and the events at it.
	Times     []float64
	S, Lo, Hi []float64
	AtRisk    []int
	Events    []int
}

// KaplanMeier estimates the survival function from each subject's time and
// whether that time is an event (true) or a censoring (false). At a time
// with both, the events come first: the censored subjects were still at
// risk.
func KaplanMeier(times []float64, events []bool) Survival {
	idx := make([]int, len(times))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return times[idx[a]] < times[idx[b]] })
	s := Survival{Subjects: len(times)}
	surv, greenwood := 1.0, 0.0
	atRisk := len(times)
	for k := 0; k < len(idx); {
		t := times[idx[k]]
		d, c := 0, 0
		for ; k < len(idx) && times[idx[k]] == t; k++ {
			if events[idx[k]] {
				d++
			} else {
				c++
			}
		}
		if d > 0 {
			surv *= 1 - float64(d)/float64(atRisk)
			if atRisk > d {
				greenwood += float64(d) / (float64(atRisk) * float64(atRisk-d))
			}
			lo, hi := logLogInterval(surv, greenwood)
			s.Times = append(s.Times, t)
			s.S = append(s.S, surv)
			s.Lo = append(s.Lo, lo)
			s.Hi = append(s.Hi, hi)
			s.AtRisk = append(s.AtRisk, atRisk)
			s.Events = append(s.Events, d)
		}
		atRisk -= d + c
	}
	return s
}

// logLogInterval returns the 95% interval of a survival estimate surv with
// Greenwood sum v, on the log(-log S) scale so that it stays in [0, 1].
func logLogInterval(surv, v float64) (lo, hi float64) {
	if surv <= 0 || surv >= 1 {
		return surv, surv
	}
	se := math.Sqrt(v) / math.Abs(math.Log(surv))
	const z = 1.959963984540054
	return math.Pow(surv, math.Exp(z*se)), math.Pow(surv, math.Exp(-z*se))
}

// At returns the estimate at time t: 1 before the first event.
func (s Survival) At(t float64) float64 {
	i := sort.Search(len(s.Times), func(i int) bool { return s.Times[i] > t })
	if i == 0 {
		return 1
	}
	return s.S[i-1]
}
