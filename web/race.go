package web

import (
	"fmt"
	"math"
	"strconv"

	"github.com/wijksim/wijksim/labels"
	"github.com/wijksim/wijksim/sim"
)

// race is one class run: a model per policy, all on the same parameters,
// seed and replicate (common random numbers), stepped a month at a time.
type race struct {
	plan   *plan
	models []*sim.Model
}

// newRace draws the residents of every policy's model.
func newRace(pl *plan) (*race, error) {
	r := &race{plan: pl, models: make([]*sim.Model, 0, len(pl.Policies))}
	for _, pol := range pl.Policies {
		m, err := sim.New(pl.Scenario.Params, pol, pl.Config.Seed, 0, sim.Options{})
		if err != nil {
			return nil, fmt.Errorf("policy %s: %w", pol.Name(), err)
		}
		r.models = append(r.models, m)
	}
	return r, nil
}

// month is the last month simulated; 0 before the first step.
func (r *race) month() int { return r.models[0].Month() }

// months is the horizon.
func (r *race) months() int { return r.plan.Scenario.Params.Months }

// done reports whether the horizon is reached.
func (r *race) done() bool { return r.models[0].Done() }

// step advances every model by one month.
func (r *race) step() {
	for _, m := range r.models {
		m.Step()
	}
}

// frame reports the last month simulated.
func (r *race) frame() Frame {
	f := Frame{Month: r.month(), Policies: make([]PolicyFrame, len(r.models))}
	for i, m := range r.models {
		st := m.Stats()
		f.Policies[i] = policyFrame(&st[len(st)-1])
	}
	return f
}

// Frame is one month of a race, as the page receives it: one PolicyFrame per
// policy, in the order of the run's policies.
type Frame struct {
	Month    int           `json:"month"`
	Policies []PolicyFrame `json:"policies"`
}

// PolicyFrame is what the page charts for one policy in one month. The JSON
// names are the outcome names of package labels.
type PolicyFrame struct {
	// Rungs counts residents per rung 1-6; 5 and 6 have moved on to work.
	Rungs          [6]int `json:"rungs"`
	LeftNoWork     int    `json:"left_without_work"`
	ShareRung3Plus number `json:"share_rung_3_plus"`
	Trust          number `json:"trust_mean"`
	Resistance     number `json:"resistance_mean"`
	Pressure       number `json:"pressure_mean"`
	ExitsToWork    int    `json:"cum_exits_to_work"`
	ExitsNoWork    int    `json:"cum_exits_without_work"`
	Sanctions      int    `json:"cum_sanctions"`
	MovedUp        int    `json:"cum_moved_up"`
	ActivationCost number `json:"cum_activation_cost"`
	CostSociety    number `json:"cum_cost_society"`
	Reached        int    `json:"residents_reached"`
}

func policyFrame(s *sim.MonthStats) PolicyFrame {
	return PolicyFrame{
		Rungs:          s.Rung,
		LeftNoWork:     s.LeftNoWork,
		ShareRung3Plus: number(s.ShareRung3Plus()),
		Trust:          number(s.Trust.Mean),
		Resistance:     number(s.Resistance.Mean),
		Pressure:       number(s.Pressure.Mean),
		ExitsToWork:    s.CumExitsToWork,
		ExitsNoWork:    s.CumExitsNoWork,
		Sanctions:      s.CumSanctions,
		MovedUp:        s.CumMovedUp,
		ActivationCost: number(s.CumActivationCost),
		CostSociety:    number(s.CumCostSociety),
		Reached:        s.Reached,
	}
}

// number is a float64 that encodes as JSON with six significant digits,
// and as null where it is undefined (NaN, for example the mean trust when
// no one is on the benefit).
type number float64

// MarshalJSON implements json.Marshaler.
func (x number) MarshalJSON() ([]byte, error) {
	f := float64(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', 6, 64), nil
}

// PolicyInfo describes a policy of a run for the page's legends, with the
// colour and names every chart of wijksim uses.
type PolicyInfo struct {
	Name    string `json:"name"`
	Label   Text   `json:"label"`
	Summary Text   `json:"summary"`
	Colour  string `json:"colour"`
}

func policyInfo(p sim.Policy) PolicyInfo {
	name := p.Name()
	return PolicyInfo{
		Name:    name,
		Label:   Text{labels.PolicyName(name, "nl"), labels.PolicyName(name, "en")},
		Summary: Text{p.Summary("nl"), p.Summary("en")},
		Colour:  labels.Hex(labels.PolicyColour(name)),
	}
}
