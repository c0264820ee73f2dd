package calibrate

import (
	"context"
	"math"
	"reflect"
	"strings"
	"testing"
)

// smallTargets are three targets in two groups of runs: afstand (with and
// without inflow) and sanctie.
func smallTargets() []Target {
	return []Target{
		{Name: "first_year", Kind: KindCohortExitShare, Policy: "afstand", Observed: 0.3, SE: 0.05,
			Set:       []string{"population.inflow_per_month=10", "months=18"},
			Statistic: CohortExitShare{ArrivalFrom: 1, ArrivalTo: 6, Within: 12}},
		{Name: "long_term", Kind: KindLongTermExitRate, Policy: "afstand", Observed: 0.08, SE: 0.01,
			Statistic: LongTermExitShare{At: []int{0}, OverMonths: 36, Within: 12}},
		{Name: "to_work_hr", Kind: KindSanctionHazard, Policy: "sanctie", Observed: 2.4, SE: 0.5,
			Set:       []string{"work.job_finding=0"}, // no route to work from rungs 1-2
			Statistic: SanctionHazardRatio{Outcome: OutcomeWork, Months: 3}},
	}
}

// The objective is a deterministic function of the parameters: the same
// values give the same evaluation, whatever the number of workers.
func TestEvaluateIsDeterministic(t *testing.T) {
	params := []Parameter{{Key: "exit.base_rate", Min: 0.001, Max: 0.02}}
	var evals []*Evaluation
	for _, workers := range []int{1, 3, 1} {
		p, err := NewProblem(Config{Base: smallBase(), Targets: smallTargets(), Params: params, Seed: 5, Replicates: 3, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		if got := p.RunsPerEvaluation(); got != 9 {
			t.Errorf("runs per evaluation %d, want 3 groups x 3 replicates", got)
		}
		ev, err := p.Evaluate(context.Background(), []float64{0.005})
		if err != nil {
			t.Fatal(err)
		}
		evals = append(evals, ev)
	}
	for i := 1; i < len(evals); i++ {
		for k := range evals[0].Targets {
			a, b := evals[0].Targets[k], evals[i].Targets[k]
			if !reflect.DeepEqual(nanless(a.Values), nanless(b.Values)) {
				t.Errorf("target %s: values %v with 1 worker, %v in evaluation %d", a.Name, a.Values, b.Values, i)
			}
		}
		if evals[0].Objective != evals[i].Objective {
			t.Errorf("objective %v, then %v", evals[0].Objective, evals[i].Objective)
		}
	}
}

// nanless replaces NaN by a sentinel so that DeepEqual can compare.
func nanless(xs []float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = x
		if math.IsNaN(x) {
			out[i] = -1e300
		}
	}
	return out
}

func TestObjective(t *testing.T) {
	ts := smallTargets()
	p, err := NewProblem(Config{Base: smallBase(), Targets: ts, Params: []Parameter{{Key: "exit.base_rate", Min: 0.001, Max: 0.02}},
		Seed: 5, Replicates: 2, UndefinedPenalty: 50})
	if err != nil {
		t.Fatal(err)
	}
	ev, err := p.Evaluate(context.Background(), []float64{0.005})
	if err != nil {
		t.Fatal(err)
	}
	// With job finding off, sanctioned residents (on rungs 1-2) never exit
	// to work: the statistic is undefined and costs the penalty.
	if hr := ev.Targets[2]; hr.Defined != 0 || !math.IsNaN(hr.Simulated) {
		t.Fatalf("to_work_hr: %+v, want undefined", hr)
	}
	want := 50.0
	for _, f := range ev.Targets[:2] {
		if f.Defined != 2 {
			t.Errorf("%s: defined in %d of 2 replicates", f.Name, f.Defined)
		}
		mean := (f.Values[0] + f.Values[1]) / 2
		sd := math.Abs(f.Values[0]-f.Values[1]) / math.Sqrt2
		if math.Abs(f.Simulated-mean) > 1e-12 || math.Abs(f.SimSE-sd/math.Sqrt2) > 1e-12 {
			t.Errorf("%s: mean %v ± %v, want %v ± %v", f.Name, f.Simulated, f.SimSE, mean, sd/math.Sqrt2)
		}
		z := (mean - f.Observed) / f.SE
		if math.Abs(f.Z-z) > 1e-12 {
			t.Errorf("%s: z %v, want %v", f.Name, f.Z, z)
		}
		want += z * z
	}
	if math.Abs(ev.Objective-want) > 1e-9 {
		t.Errorf("objective %v, want %v", ev.Objective, want)
	}

	// Report-only targets are computed but leave the objective.
	p, err = NewProblem(Config{Base: smallBase(), Targets: ts, Params: []Parameter{{Key: "exit.base_rate", Min: 0.001, Max: 0.02}},
		Seed: 5, Replicates: 2, ReportOnly: []string{"to_work_hr"}})
	if err != nil {
		t.Fatal(err)
	}
	ev2, err := p.Evaluate(context.Background(), []float64{0.005})
	if err != nil {
		t.Fatal(err)
	}
	if got := ev2.Objective; math.Abs(got-(want-50)) > 1e-9 || ev2.Targets[2].Fitted {
		t.Errorf("with to_work_hr report-only: objective %v, want %v", got, want-50)
	}
}

func TestNewProblemErrors(t *testing.T) {
	ts := smallTargets()
	par := []Parameter{{Key: "exit.base_rate", Min: 0.001, Max: 0.02}}
	short := smallBase()
	short.Months = 6
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"no targets", Config{Base: smallBase(), Params: par, Replicates: 1}, "no targets"},
		{"no replicates", Config{Base: smallBase(), Targets: ts, Params: par}, "replicates 0"},
		{"fit and set", Config{Base: smallBase(), Targets: ts, Params: []Parameter{{Key: "months", Min: 1, Max: 2}}, Replicates: 1}, "cannot be fitted"},
		{"twice", Config{Base: smallBase(), Targets: ts, Params: append(par, par[0]), Replicates: 1}, "given twice"},
		{"report-only unknown", Config{Base: smallBase(), Targets: ts, Params: par, Replicates: 1, ReportOnly: []string{"x"}}, `report-only target "x": no such target`},
		{"runs too short", Config{Base: short, Targets: ts, Params: par, Replicates: 1}, "target long_term: runs of 6 months are too short; the statistic needs at least 12"},
	}
	conflict := smallTargets()
	conflict[1].Set = []string{"exit.base_rate=0.01"}
	tests = append(tests, struct {
		name string
		cfg  Config
		want string
	}{"set and fitted", Config{Base: smallBase(), Targets: conflict, Params: par, Replicates: 1}, "target long_term sets exit.base_rate, which is being fitted"})
	for _, tt := range tests {
		_, err := NewProblem(tt.cfg)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestTransformKeepsBounds(t *testing.T) {
	for _, x := range []float64{-1e3, -30, -1, 0, 0.5, 3, 30, 1e3} {
		v := toBounded(x, 0.001, 0.02)
		if v < 0.001 || v > 0.02 {
			t.Errorf("toBounded(%v) = %v, outside [0.001, 0.02]", x, v)
		}
	}
	for _, v := range []float64{0.001, 0.005, 0.0199} {
		if back := toBounded(toUnbounded(v, 0.001, 0.02), 0.001, 0.02); math.Abs(back-v) > 1e-9 {
			t.Errorf("round trip of %v gives %v", v, back)
		}
	}
	if got := roundWithin(0.0062714, 3, 0.001, 0.02); got != 0.00627 {
		t.Errorf("roundWithin = %v, want 0.00627", got)
	}
	if got := roundWithin(0.019996, 3, 0.001, 0.01999); got != 0.01999 {
		t.Errorf("roundWithin keeps the bound: got %v", got)
	}
}

// TargetSE is the delta method: with one parameter and one target, the
// target's se divided by the slope of the simulated target.
func TestTargetSE(t *testing.T) {
	ts := smallTargets()[1:2] // long_term, under afstand
	par := []Parameter{{Key: "exit.base_rate", Min: 0.001, Max: 0.02}}
	p, err := NewProblem(Config{Base: smallBase(), Targets: ts, Params: par, Seed: 5, Replicates: 3})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	se, J, err := TargetSE(ctx, p, []float64{0.005}, 0.02)
	if err != nil {
		t.Fatal(err)
	}
	h := 0.02 * (0.02 - 0.001)
	up, _ := p.Evaluate(ctx, []float64{0.005 + h})
	dn, _ := p.Evaluate(ctx, []float64{0.005 - h})
	slope := (up.Targets[0].Simulated - dn.Targets[0].Simulated) / (2 * h)
	if slope <= 0 || math.Abs(J.At(0, 0)-slope) > 1e-9 {
		t.Fatalf("J = %v, want the slope %v > 0", J.At(0, 0), slope)
	}
	if want := ts[0].SE / slope; math.Abs(se[0]-want) > 1e-9*want {
		t.Errorf("se %v, want %v", se[0], want)
	}

	// A parameter that no fitted target responds to is not pinned down.
	par = append(par, Parameter{Key: "sanction.job_push", Min: 0, Max: 5})
	p, err = NewProblem(Config{Base: smallBase(), Targets: ts, Params: par, Seed: 5, Replicates: 3})
	if err != nil {
		t.Fatal(err)
	}
	se, _, err = TargetSE(ctx, p, []float64{0.005, 1.5}, 0.02)
	if err != nil {
		t.Fatal(err)
	}
	if !math.IsNaN(se[1]) {
		t.Errorf("se of sanction.job_push %v from a target under afstand (no sanctions), want NaN", se[1])
	}
}
