package calibrate

import (
	"encoding/json"
	"math"
)

// nullable returns nil for NaN and infinities, which JSON cannot hold.
func nullable(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

func nullables(xs []float64) []*float64 {
	out := make([]*float64, len(xs))
	for i, x := range xs {
		out[i] = nullable(x)
	}
	return out
}

// MarshalJSON writes undefined values (NaN) as null.
func (f TargetFit) MarshalJSON() ([]byte, error) {
	type plain TargetFit
	return json.Marshal(struct {
		plain
		Simulated *float64   `json:"simulated"`
		SimSE     *float64   `json:"sim_se"`
		Z         *float64   `json:"z"`
		Values    []*float64 `json:"values"`
	}{plain(f), nullable(f.Simulated), nullable(f.SimSE), nullable(f.Z), nullables(f.Values)})
}

// MarshalJSON writes undefined values (NaN) as null.
func (r Result) MarshalJSON() ([]byte, error) {
	type plain Result
	return json.Marshal(struct {
		plain
		SD       []*float64 `json:"sd"`
		TargetSE []*float64 `json:"target_se"`
	}{plain(r), nullables(r.SD), nullables(r.TargetSE)})
}
