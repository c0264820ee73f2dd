package sim

import (
	"fmt"
	"strings"
)

// Policy is a way of activating residents, as data: a sequence of phases,
// each a regime (how the team meets residents) with a sanction rule, and
// the lever settings the policy switches on. Most policies have one phase.
// A policy of several phases changes course: from a month of the run (the
// municipality changes its policy), or per resident after some months since
// the first contact or below a rung (escalation). Phases only move forward
// (ODD 7.17).
//
// Package policies reads policies from YAML files; the five built-in
// policies are such files, embedded in the binary.
type Policy struct {
	// Name identifies the policy in results and on the command line, for
	// example "nabijheid": lower-case letters, digits and dashes.
	Name string
	// Phases are the policy's phases in order; the first has no entry
	// condition, every later one has one. At most MaxPhases.
	Phases []Phase
	// Levers are settings of levers.* keys that the policy overrides in
	// the scenario, for the whole run (ODD 7.18).
	Levers []Setting
}

// Phase is one stage of a policy: the regime and sanction rule that apply
// to a resident from the moment the entry condition holds.
type Phase struct {
	// Name names the phase; it may be empty in a policy of one phase.
	Name string
	// When is the condition for entering the phase; the zero value (no
	// condition) belongs to the first phase only.
	When Entry
	// Regime is how the team meets residents in this phase.
	Regime Regime
	// Sanction says who, of the residents who refuse the tegenprestatie,
	// risks a sanction.
	Sanction SanctionRule
}

// Entry is the condition for entering a phase. Every part that is set
// (non-zero) must hold; a resident enters the phase in the first month, on
// the benefit, in which they all hold, checked at the start of the month
// (ODD 3 and 7.17).
type Entry struct {
	// FromMonth: from this month of the run on (the municipality changes
	// course).
	FromMonth int
	// MonthsSinceFirstContact: at least this many months after the
	// resident's first contact (the intake); never before a first contact.
	MonthsSinceFirstContact int
	// BelowRung: the resident stands below this rung (2-5).
	BelowRung int
	// MonthsBelowRung, with BelowRung: the resident has been found below
	// that rung at this many checks in a row (months on the benefit).
	MonthsBelowRung int
}

// IsZero reports whether e sets no condition.
func (e Entry) IsZero() bool { return e == Entry{} }

// String describes the condition in words, for example "from month 24" or
// "12 months after the first contact and below rung 3".
func (e Entry) String() string {
	var parts []string
	if e.FromMonth > 0 {
		parts = append(parts, fmt.Sprintf("from month %d", e.FromMonth))
	}
	if e.MonthsSinceFirstContact > 0 {
		parts = append(parts, fmt.Sprintf("%d months after the first contact", e.MonthsSinceFirstContact))
	}
	if e.BelowRung > 0 {
		s := fmt.Sprintf("below rung %d", e.BelowRung)
		if e.MonthsBelowRung > 0 {
			s += fmt.Sprintf(" for %d months", e.MonthsBelowRung)
		}
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return "from the start"
	}
	return strings.Join(parts, " and ")
}

// Setting is one parameter key with its value, as a scenario file would
// give it: a float64, int or bool.
type Setting struct {
	Key   string
	Value any
}

// SanctionRule decides which residents who refused the tegenprestatie risk
// a sanction (ODD 7.6).
type SanctionRule uint8

// The sanction rules.
const (
	// NoSanction: a refusal is never sanctioned, and there is no threat;
	// the regime's sanction probability must be 0.
	NoSanction SanctionRule = iota
	// BelowDemand: anyone who refuses risks a sanction with the regime's
	// probability.
	BelowDemand
	// JudgedAble: only a resident whom the professional's noisy judgement
	// finds able to carry the demanded rung risks a sanction (maatwerk).
	JudgedAble
)

var sanctionRuleNames = [...]string{"none", "below_demand", "judged_able"}

// SanctionRules lists the names of the sanction rules, as policy files
// write them.
func SanctionRules() []string { return sanctionRuleNames[:] }

// String returns the rule's name as policy files write it: "none",
// "below_demand" or "judged_able".
func (r SanctionRule) String() string {
	if int(r) < len(sanctionRuleNames) {
		return sanctionRuleNames[r]
	}
	return fmt.Sprintf("SanctionRule(%d)", r)
}

// ParseSanctionRule returns the rule with the given name.
func ParseSanctionRule(s string) (SanctionRule, error) {
	for i, n := range sanctionRuleNames {
		if n == s {
			return SanctionRule(i), nil
		}
	}
	return 0, fmt.Errorf("unknown sanction rule %q; allowed: %s", s, strings.Join(sanctionRuleNames[:], ", "))
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (r *SanctionRule) UnmarshalText(b []byte) error {
	v, err := ParseSanctionRule(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// MarshalText implements encoding.TextMarshaler.
func (r SanctionRule) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// sanctions reports whether a resident who refused is sanctioned: judged is
// the professional's judgement of the resident's capacity, need what the
// demanded rung needs, u a uniform draw and prob the regime's probability.
func (r SanctionRule) sanctions(judged, need, u, prob float64) bool {
	switch r {
	case BelowDemand:
		return u < prob
	case JudgedAble:
		return judged >= need && u < prob
	}
	return false
}

// MaxPhases is the most phases a policy may have.
const MaxPhases = 8

// ValidName reports whether s can name a policy or a phase: one to 40
// lower-case letters, digits and dashes, starting with a letter, without
// two dashes in a row or one at the end.
func ValidName(s string) bool {
	if len(s) == 0 || len(s) > 40 || s[0] < 'a' || s[0] > 'z' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// NameRule says in words what ValidName allows.
const NameRule = "1 to 40 lower-case letters, digits and single dashes, starting with a letter"

// Check reports the first problem of the policy: a name that is not valid,
// no phases or more than MaxPhases, a first phase with an entry condition
// or a later one without, a regime out of range, a sanction rule without a
// name, the rule none with a sanction probability above 0, or a lever
// setting that is not a levers.* key or is out of range. The error names
// the part, as in "phases[1].when: ...".
func (p *Policy) Check() error {
	if !ValidName(p.Name) {
		return fmt.Errorf("name %q: not a valid name; allowed: %s", p.Name, NameRule)
	}
	if len(p.Phases) == 0 || len(p.Phases) > MaxPhases {
		return fmt.Errorf("phases: %d given; allowed: 1 to %d", len(p.Phases), MaxPhases)
	}
	seen := map[string]bool{}
	for k := range p.Phases {
		if err := p.checkPhase(k, seen); err != nil {
			return fmt.Errorf("phases[%d]%w", k, err)
		}
	}
	for _, s := range p.Levers {
		spec, ok := Lookup(s.Key)
		if !ok || !strings.HasPrefix(s.Key, "levers.") {
			return fmt.Errorf("levers: key %q: not a lever; allowed: a levers.* key", s.Key)
		}
		scratch := Defaults()
		if err := spec.Set(&scratch, s.Value); err != nil {
			return fmt.Errorf("levers: %w", err)
		}
	}
	return nil
}

func (p *Policy) checkPhase(k int, seen map[string]bool) error {
	ph := &p.Phases[k]
	if len(p.Phases) > 1 {
		if !ValidName(ph.Name) {
			return fmt.Errorf(".name %q: not a valid name; allowed: %s", ph.Name, NameRule)
		}
		if seen[ph.Name] {
			return fmt.Errorf(".name %q: given to two phases; allowed: a name of its own", ph.Name)
		}
		seen[ph.Name] = true
	}
	w := ph.When
	switch {
	case k == 0 && !w.IsZero():
		return fmt.Errorf(".when: %s; allowed: no condition for the first phase, which applies from the start", w)
	case k > 0 && w.IsZero():
		return fmt.Errorf(".when: no condition; allowed: from_month, months_since_first_contact or below_rung (every phase after the first needs one)")
	case w.FromMonth < 0 || w.FromMonth > 1200:
		return fmt.Errorf(".when.from_month: %d; allowed: a month in [1, 1200]", w.FromMonth)
	case w.MonthsSinceFirstContact < 0 || w.MonthsSinceFirstContact > 1200:
		return fmt.Errorf(".when.months_since_first_contact: %d; allowed: months in [1, 1200]", w.MonthsSinceFirstContact)
	case w.BelowRung != 0 && (w.BelowRung < 2 || w.BelowRung > 5):
		return fmt.Errorf(".when.below_rung: %d; allowed: a rung in [2, 5]", w.BelowRung)
	case w.MonthsBelowRung < 0 || w.MonthsBelowRung > 1200:
		return fmt.Errorf(".when.months_below_rung: %d; allowed: months in [1, 1200]", w.MonthsBelowRung)
	case w.MonthsBelowRung > 0 && w.BelowRung == 0:
		return fmt.Errorf(".when.months_below_rung: %d without below_rung; allowed: only with below_rung", w.MonthsBelowRung)
	}
	if int(ph.Sanction) >= len(sanctionRuleNames) {
		return fmt.Errorf(".sanction: %v; allowed: %s", ph.Sanction, strings.Join(sanctionRuleNames[:], ", "))
	}
	if err := ph.Regime.Check(); err != nil {
		return fmt.Errorf(".regime.%w", err)
	}
	if ph.Sanction == NoSanction && ph.Regime.SanctionProbability > 0 {
		return fmt.Errorf(".regime.sanction_probability: %v with sanction none; allowed: 0 (or a sanction rule other than none)", ph.Regime.SanctionProbability)
	}
	return nil
}

// Regime is how a policy meets residents: how often, for how long, and with
// how much attention, control, work on barriers, moral appeal and demand.
type Regime struct {
	ContactInterval     int     `yaml:"contact_interval_months"`
	HoursPerContact     float64 `yaml:"hours_per_contact"`
	Attention           float64 `yaml:"attention"`
	Control             float64 `yaml:"control"`
	BarrierWork         float64 `yaml:"barrier_work"`
	Appeal              float64 `yaml:"appeal"`
	DemandRung          int     `yaml:"demand_rung"`
	SanctionProbability float64 `yaml:"sanction_probability"`
}

// regimeFields describes the settings of a regime: their keys, ranges,
// units and meaning. r returns the regime a spec reads and writes.
func regimeFields(source string, r func(*Params) *Regime) []ParamSpec {
	return []ParamSpec{
		integer("contact_interval_months", 1, 120, "month", "months between contacts", source, func(p *Params) *int { return &r(p).ContactInterval }),
		float("hours_per_contact", 0.1, 100, "hours", "professional hours per contact", source, func(p *Params) *float64 { return &r(p).HoursPerContact }),
		float("attention", 0, 1, level, "attention and feeling heard per contact", source, func(p *Params) *float64 { return &r(p).Attention }),
		float("control", 0, 1, level, "control and checking per contact", source, func(p *Params) *float64 { return &r(p).Control }),
		float("barrier_work", 0, 1, "share per contact", "share of each barrier removed per contact", source, func(p *Params) *float64 { return &r(p).BarrierWork }),
		float("appeal", 0, 1, level, "moral appeal: willingness added in a month with contact", source, func(p *Params) *float64 { return &r(p).Appeal }),
		integer("demand_rung", 0, 4, "rung", "rung the tegenprestatie demands (0: none, exemption)", source, func(p *Params) *int { return &r(p).DemandRung }),
		float("sanction_probability", 0, 1, "per contact", "probability of a sanction when a resident refuses the obligations (the tegenprestatie among them)", source, func(p *Params) *float64 { return &r(p).SanctionProbability }),
	}
}

// RegimeSettings returns the specifications of a regime's settings; each
// Key is the setting's name ("attention"), and the specs read and write
// the regime r (their *Params argument is ignored, and may be nil).
func RegimeSettings(r *Regime) []ParamSpec {
	return regimeFields("", func(*Params) *Regime { return r })
}

// Set sets the regime's setting called name ("hours_per_contact") to v, as
// a scenario file gives it. It returns a *ValueError for a value of the
// wrong type or out of range, and an error for an unknown name.
func (r *Regime) Set(name string, v any) error {
	for _, s := range RegimeSettings(r) {
		if s.Key == name {
			return s.Set(nil, v)
		}
	}
	return fmt.Errorf("unknown regime setting %q; allowed: %s", name, strings.Join(RegimeSettingNames(), ", "))
}

// RegimeSettingNames lists the names of a regime's settings in file order.
func RegimeSettingNames() []string {
	var r Regime
	specs := RegimeSettings(&r)
	out := make([]string, len(specs))
	for i, s := range specs {
		out[i] = s.Key
	}
	return out
}

// Check reports the first setting of the regime out of range, as a
// *ValueError naming the setting.
func (r *Regime) Check() error {
	c := *r
	for _, s := range RegimeSettings(&c) {
		if err := s.Set(nil, s.Value(nil)); err != nil {
			return err
		}
	}
	return nil
}

// PolicyKey returns the part of a parameter key that names the policy or
// phase name: the name with underscores for dashes, as in
// policies.morele_verplichting.attention.
func PolicyKey(name string) string { return strings.ReplaceAll(name, "-", "_") }

// RegimeSpecs returns the parameter specifications of the regimes of pol,
// for scenario keys that change them: policies.NAME.SETTING for a policy
// of one phase, policies.NAME.PHASE.SETTING for each phase of a policy of
// several (NAME and PHASE as PolicyKey writes them). A spec reads the
// regime that the Params set for the policy (Params.Policies) or, if they
// set none, the policy's own; setting a value stores a regime in the
// Params. source documents where the settings come from.
func RegimeSpecs(pol *Policy, source string) []ParamSpec {
	var out []ParamSpec
	for k := range pol.Phases {
		ph := &pol.Phases[k]
		prefix := "policies." + PolicyKey(pol.Name) + "."
		phase := ""
		if len(pol.Phases) > 1 {
			phase = ph.Name
			prefix += PolicyKey(phase) + "."
		}
		id := regimeID{policy: pol.Name, phase: phase}
		base := ph.Regime
		read := func(p *Params) *Regime {
			if r, ok := p.Policies.lookup(id); ok {
				return &r
			}
			r := base
			return &r
		}
		for _, f := range regimeFields(source, read) {
			f.regime = &regimeAccess{id: id, name: f.Key, base: base}
			f.Key = prefix + f.Key
			out = append(out, f)
		}
	}
	return out
}

// regimeAccess lets a ParamSpec write one setting of a policy's regime in
// Params.Policies, copying the regime first.
type regimeAccess struct {
	id   regimeID
	name string // the setting, as in RegimeSettings
	base Regime
}

// regimeID names the regime of one phase of one policy; phase is empty for
// a policy of one phase.
type regimeID struct{ policy, phase string }

// PolicySettings are the regimes that a scenario sets for policies, by
// their keys policies.NAME.SETTING (ParamSpecs from RegimeSpecs): a regime
// given here replaces the policy's own when the policy runs. The zero
// value sets none. A copy of a Params has its own settings: setting one in
// the copy never changes the original.
type PolicySettings struct {
	// set is never changed in place once shared: a write copies it.
	set []setRegime
}

type setRegime struct {
	id     regimeID
	regime Regime
}

func (s PolicySettings) lookup(id regimeID) (Regime, bool) {
	for _, r := range s.set {
		if r.id == id {
			return r.regime, true
		}
	}
	return Regime{}, false
}

// Regime returns the regime set for phase (empty for a policy of one
// phase) of the named policy, if one is set.
func (s PolicySettings) Regime(policy, phase string) (Regime, bool) {
	return s.lookup(regimeID{policy, phase})
}

// SetRegime sets the regime of phase (empty for a policy of one phase) of
// the named policy.
func (s *PolicySettings) SetRegime(policy, phase string, r Regime) {
	id := regimeID{policy, phase}
	set := make([]setRegime, 0, len(s.set)+1)
	for _, x := range s.set {
		if x.id != id {
			set = append(set, x)
		}
	}
	s.set = append(set, setRegime{id: id, regime: r})
}

// Len returns the number of regimes set.
func (s PolicySettings) Len() int { return len(s.set) }

// resolve returns the regimes of pol's phases, with those set in s in
// place of the policy's own.
func (s PolicySettings) resolve(pol *Policy) []Regime {
	out := make([]Regime, len(pol.Phases))
	for k := range pol.Phases {
		phase := ""
		if len(pol.Phases) > 1 {
			phase = pol.Phases[k].Name
		}
		if r, ok := s.lookup(regimeID{pol.Name, phase}); ok {
			out[k] = r
		} else {
			out[k] = pol.Phases[k].Regime
		}
	}
	return out
}
