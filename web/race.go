package web

import (
	"encoding/json"
	"fmt"
	"math"
	"path"
	"strconv"

	"github.com/wijksim/wijksim/labels"
	"github.com/wijksim/wijksim/outcomes"
	"github.com/wijksim/wijksim/policies"
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
		m, err := sim.New(pl.Scenario.Params, pol.Policy, pl.Config.Seed, 0, sim.Options{})
		if err != nil {
			return nil, fmt.Errorf("policy %s: %w", pol.Name, err)
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

// PolicyFrame is what the page charts for one policy in one month: the
// residents per rung and those who left without work (the ladder), and the
// value of each outcome the outcome registry shows in the classroom. It is
// sent as one JSON object: "rungs", "left_without_work" and the outcome
// keys.
type PolicyFrame struct {
	// Rungs counts residents per rung 1-6; 5 and 6 have moved on to work.
	Rungs      [6]int
	LeftNoWork int
	// Outcomes holds the classroom outcomes by key.
	Outcomes map[string]number
}

func policyFrame(s *sim.MonthStats) PolicyFrame {
	f := PolicyFrame{Rungs: s.Rung, LeftNoWork: s.LeftNoWork, Outcomes: map[string]number{}}
	for _, o := range outcomes.Shown(outcomes.Classroom) {
		f.Outcomes[o.Key] = number(o.Value(s))
	}
	return f
}

// MarshalJSON implements json.Marshaler: the outcomes in registry order.
func (f PolicyFrame) MarshalJSON() ([]byte, error) {
	rungs, err := json.Marshal(f.Rungs)
	if err != nil {
		return nil, err
	}
	b := append([]byte(`{"rungs":`), rungs...)
	b = append(b, `,"left_without_work":`...)
	b = strconv.AppendInt(b, int64(f.LeftNoWork), 10)
	for _, key := range outcomes.ShownKeys(outcomes.Classroom) {
		v, ok := f.Outcomes[key]
		if !ok {
			continue
		}
		b = append(b, ',')
		b = strconv.AppendQuote(b, key)
		b = append(b, ':')
		num, err := v.MarshalJSON()
		if err != nil {
			return nil, err
		}
		b = append(b, num...)
	}
	return append(b, '}'), nil
}

// UnmarshalJSON implements json.Unmarshaler; null reads as NaN.
func (f *PolicyFrame) UnmarshalJSON(b []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*f = PolicyFrame{Outcomes: map[string]number{}}
	for key, v := range raw {
		var err error
		switch key {
		case "rungs":
			err = json.Unmarshal(v, &f.Rungs)
		case "left_without_work":
			err = json.Unmarshal(v, &f.LeftNoWork)
		default:
			var x *float64
			if err = json.Unmarshal(v, &x); err == nil {
				f.Outcomes[key] = number(math.NaN())
				if x != nil {
					f.Outcomes[key] = number(*x)
				}
			}
		}
		if err != nil {
			return fmt.Errorf("frame: %s: %w", key, err)
		}
	}
	return nil
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
// colour and names every chart of wijksim uses. File is the name of the
// policy's file, empty for a built-in policy.
type PolicyInfo struct {
	Name    string `json:"name"`
	Label   Text   `json:"label"`
	Summary Text   `json:"summary"`
	Colour  string `json:"colour"`
	File    string `json:"file,omitempty"`
}

func policyInfo(p *policies.Policy) PolicyInfo {
	name := p.Name
	info := PolicyInfo{
		Name:    name,
		Label:   Text{p.Label.NL, p.Label.EN},
		Summary: Text{p.Summary.NL, p.Summary.EN},
		Colour:  labels.Hex(labels.PolicyColour(name)),
	}
	if !p.Builtin {
		info.File = path.Base(p.File)
	}
	return info
}
