package analysis

import (
	"math"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/design"
	"github.com/wijksim/wijksim/prim"
	"github.com/wijksim/wijksim/sensitivity"
)

// TestAnalysisTablesAreTyped: sensitivity.csv and prim_trajectory.csv
// follow the project's CSV typing (results.NewCSVWriter), so that R and
// pandas read every column alike: a double is written with a decimal
// point even when whole ("0.0", not "0", or an all-zero column is read as
// integers), a count without one, and a missing value, the minus policy
// of a target that is no difference included, as NA, never as an empty
// field.
func TestAnalysisTablesAreTyped(t *testing.T) {
	nan := math.NaN()
	morris := func(muStar, lo, hi, mu, sigma float64) *sensitivity.MorrisIndex {
		return &sensitivity.MorrisIndex{MuStar: muStar, MuStarLo: lo, MuStarHi: hi, Mu: mu, Sigma: sigma}
	}
	tests := []struct {
		name string
		res  TargetResult
		want string
	}{
		{"a policy, all zero", TargetResult{Target: Target{Outcome: "trust_mean", Policy: "afstand"}, Factors: []FactorResult{{Factor: "trust.loss_sanction", Morris: morris(0, 0, 0, 0, 0)}}},
			"trust_mean,afstand,NA,trust.loss_sanction,0.0,0.0,0.0,0.0,0.0,NA,NA,NA,NA,NA,NA"},
		{"a difference, whole and fractional", TargetResult{Target: Target{Outcome: "cum_exits_without_work", Policy: "nabijheid", Minus: "afstand"}, Factors: []FactorResult{{Factor: "work.lock_in", Morris: morris(160, 150, 170.5, -160, 1e-20)}}},
			"cum_exits_without_work,nabijheid,afstand,work.lock_in,160.0,150.0,170.5,-160.0,1e-20,NA,NA,NA,NA,NA,NA"},
		{"sobol, an index without value", TargetResult{Target: Target{Outcome: "trust_mean", Policy: "nabijheid"}, Factors: []FactorResult{{Factor: "pressure.per_contact", Sobol: &sensitivity.SobolIndex{S1: nan, S1Lo: nan, S1Hi: nan, ST: 1, STLo: 0, STHi: 1.25}}}},
			"trust_mean,nabijheid,NA,pressure.per_contact,NA,NA,NA,NA,NA,NA,NA,NA,1.0,0.0,1.25"},
	}
	const header = "outcome,policy,minus,factor,mu_star,mu_star_ci_low,mu_star_ci_high,mu,sigma,s1,s1_ci_low,s1_ci_high,st,st_ci_low,st_ci_high"
	for _, tc := range tests {
		t.Run("sensitivity.csv: "+tc.name, func(t *testing.T) {
			var b strings.Builder
			if err := WriteSensitivityCSV(&b, []TargetResult{tc.res}); err != nil {
				t.Fatal(err)
			}
			if want := header + "\n" + tc.want + "\n"; b.String() != want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), want)
			}
		})
	}

	d := &Discovery{
		Factors: []design.Factor{{Key: "exit.pressure_resistance"}, {Key: "policies.nabijheid.contact_interval_months", Integer: true}},
		Result: &prim.Result{Selected: 1, Trajectory: []prim.Step{
			{Box: prim.Box{Lo: []float64{0, 1}, Hi: []float64{0.03, 6}}, Coverage: 1, Density: 0.975, Support: 1, Points: 200},
			{Box: prim.Box{Lo: []float64{0.0015, 1}, Hi: []float64{0.03, 6}}, Coverage: 0.974, Density: 1, Support: 0.95, Points: 190},
		}},
	}
	var b strings.Builder
	if err := d.WriteTrajectoryCSV(&b); err != nil {
		t.Fatal(err)
	}
	want := "step,selected,coverage,density,support,points,exit.pressure_resistance_min,exit.pressure_resistance_max,policies.nabijheid.contact_interval_months_min,policies.nabijheid.contact_interval_months_max\n" +
		"0,false,1.0,0.975,1.0,200,0.0,0.03,1.0,6.0\n" +
		"1,true,0.974,1.0,0.95,190,0.0015,0.03,1.0,6.0\n"
	if b.String() != want {
		t.Errorf("prim_trajectory.csv: got\n%s\nwant\n%s", b.String(), want)
	}
}
