package sim

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"sync"
)

// ParamKind is the type of value a parameter takes.
type ParamKind int

// The kinds of parameter value.
const (
	Float ParamKind = iota
	Int
	Bool
)

func (k ParamKind) String() string {
	switch k {
	case Int:
		return "integer"
	case Bool:
		return "boolean"
	default:
		return "number"
	}
}

// ParamSpec describes one parameter: its key in a scenario file, what it
// means, its unit, the range it may take and where its default comes from.
type ParamSpec struct {
	Key    string
	Kind   ParamKind
	Min    float64
	Max    float64
	Unit   string
	Doc    string
	Source string

	f64 func(*Params) *float64
	i   func(*Params) *int
	b   func(*Params) *bool
	// regime is set for the settings of a policy's regime (RegimeSpecs),
	// which are written by copying the regime into Params.Policies.
	regime *regimeAccess
}

// Get returns the parameter's value in p as a float64 (booleans as 0 or 1).
func (s ParamSpec) Get(p *Params) float64 {
	switch s.Kind {
	case Int:
		return float64(*s.i(p))
	case Bool:
		if *s.b(p) {
			return 1
		}
		return 0
	default:
		return *s.f64(p)
	}
}

// Value returns the parameter's value in p as a Go value of its kind
// (float64, int or bool).
func (s ParamSpec) Value(p *Params) any {
	switch s.Kind {
	case Int:
		return *s.i(p)
	case Bool:
		return *s.b(p)
	default:
		return *s.f64(p)
	}
}

// ValueError is the error of ParamSpec.Set: a value of the wrong type or
// outside the parameter's range. Callers that know where the value came
// from (a file and its line, an environment variable, --set) wrap it, and
// find it again with errors.As.
type ValueError struct {
	// Key is the parameter's key.
	Key string
	// Value is the value refused.
	Value any
	// Problem says what is wrong, for example "is out of range" or "is
	// not a number".
	Problem string
	// Allowed says what is allowed, for example "number in [0, 1]".
	Allowed string
	// WrongType is set when the value's type is wrong; the message then
	// names the type.
	WrongType bool
}

// Error names the key and says what is wrong, for example
// "trust.gain_per_contact: value 2 is out of range; allowed: number in [0, 1]".
func (e *ValueError) Error() string { return e.Key + ": " + e.Message() }

// Message says what is wrong without naming the key, for callers that name
// it themselves: "value 2 is out of range; allowed: number in [0, 1]".
func (e *ValueError) Message() string {
	v := "value " + fmt.Sprint(e.Value)
	switch x := e.Value.(type) {
	case nil:
		v = "an empty value"
	case []any:
		v = "a list"
	case map[string]any:
		v = "a mapping"
	case string:
		if e.WrongType {
			v = "value " + strconv.Quote(x) + " (text)"
		}
	default:
		if e.WrongType {
			v += fmt.Sprintf(" (%T)", e.Value)
		}
	}
	return v + " " + e.Problem + "; allowed: " + e.Allowed
}

// Set stores v in p. It returns a *ValueError if v has the wrong type or
// lies outside the allowed range; p is unchanged then.
func (s ParamSpec) Set(p *Params, v any) error {
	if a := s.regime; a != nil {
		r := a.base
		if cur, ok := p.Policies.lookup(a.id); ok {
			r = cur
		}
		for _, f := range RegimeSettings(&r) {
			if f.Key == a.name {
				f.Key = s.Key
				if err := f.Set(nil, v); err != nil {
					return err
				}
				p.Policies.SetRegime(a.id.policy, a.id.phase, r)
				return nil
			}
		}
		return fmt.Errorf("%s: no such regime setting", s.Key)
	}
	bad := func(value any, problem string, wrongType bool) error {
		return &ValueError{Key: s.Key, Value: value, Problem: problem, Allowed: s.Allowed(), WrongType: wrongType}
	}
	switch s.Kind {
	case Bool:
		b, ok := v.(bool)
		if !ok {
			return bad(v, "is not a boolean", true)
		}
		*s.b(p) = b
		return nil
	case Int:
		var n int
		switch x := v.(type) {
		case int:
			n = x
		case int64:
			n = int(x)
		case uint64:
			if x > math.MaxInt64 {
				return bad(x, "is out of range", false)
			}
			n = int(x)
		case float64:
			if x != math.Trunc(x) || math.IsInf(x, 0) {
				return bad(x, "is not a whole number", false)
			}
			if x < s.Min || x > s.Max { // before the conversion, which overflows for huge x
				return bad(x, "is out of range", false)
			}
			n = int(x)
		default:
			return bad(v, "is not an integer", true)
		}
		if float64(n) < s.Min || float64(n) > s.Max {
			return bad(n, "is out of range", false)
		}
		*s.i(p) = n
		return nil
	default:
		var x float64
		switch y := v.(type) {
		case float64:
			x = y
		case int:
			x = float64(y)
		case int64:
			x = float64(y)
		case uint64:
			x = float64(y)
		default:
			return bad(v, "is not a number", true)
		}
		if math.IsNaN(x) || x < s.Min || x > s.Max {
			return bad(x, "is out of range", false)
		}
		*s.f64(p) = x
		return nil
	}
}

// Allowed says what values the parameter takes, for example "number in
// [0, 1]" or "true or false".
func (s ParamSpec) Allowed() string {
	if s.Kind == Bool {
		return s.Range()
	}
	return s.Kind.String() + " in " + s.Range()
}

// Range formats the allowed range, for example "[0, 1]".
func (s ParamSpec) Range() string {
	if s.Kind == Bool {
		return "true or false"
	}
	return "[" + strconv.FormatFloat(s.Min, 'g', -1, 64) + ", " + strconv.FormatFloat(s.Max, 'g', -1, 64) + "]"
}

// Lookup returns the specification of the parameter with the given key.
func Lookup(key string) (ParamSpec, bool) {
	i, ok := registry().index[key]
	if !ok {
		return ParamSpec{}, false
	}
	return registry().specs[i], true
}

// specRegistry is the parameter table, built once; it is never changed.
type specRegistry struct {
	specs []ParamSpec
	index map[string]int
}

var registry = sync.OnceValue(func() specRegistry {
	r := specRegistry{specs: buildSpecs(), index: map[string]int{}}
	for i, s := range r.specs {
		r.index[s.Key] = i
	}
	return r
})

// Validate checks every parameter against its range and the rules that tie
// parameters together. The error names the key, the value and what is allowed.
func Validate(p *Params) error {
	for _, s := range registry().specs {
		if err := s.Set(p, s.Value(p)); err != nil {
			return err
		}
	}
	in := p.Initial
	if sum := in.Rung1 + in.Rung2 + in.Rung3 + in.Rung4; math.Abs(sum-1) > 1e-9 {
		return fmt.Errorf("initial.rung_1 .. initial.rung_4: shares add up to %v; allowed: they must add up to 1", sum)
	}
	if c := p.Population.ShareCeiling3 + p.Population.ShareCeiling4; c > 1 {
		return fmt.Errorf("population.share_ceiling_3 + population.share_ceiling_4: %v; allowed: at most 1", c)
	}
	if pp := p.Population; pp.Neighbourhoods > pp.Residents+pp.InflowPerMonth*p.Months {
		// Every neighbourhood has professionals and places of its own: one
		// that no resident ever reaches would cost them and serve no one.
		return fmt.Errorf("population.neighbourhoods %d > population.residents %d + population.inflow_per_month %d x months %d; allowed: at most one neighbourhood per resident of the run", pp.Neighbourhoods, pp.Residents, pp.InflowPerMonth, p.Months)
	}
	if pp := p.Population; pp.KindToSeeker > pp.KindToResistant {
		return fmt.Errorf("population.kind_to_seeker %v > population.kind_to_resistant %v; allowed: kind_to_seeker <= kind_to_resistant", pp.KindToSeeker, pp.KindToResistant)
	}
	l := p.Ladder
	if !(l.Need2 <= l.Need3 && l.Need3 <= l.Need4 && l.Need4 <= l.Need5) {
		return fmt.Errorf("ladder.capacity_need_2 .. ladder.capacity_need_5: %v, %v, %v, %v; allowed: non-decreasing", l.Need2, l.Need3, l.Need4, l.Need5)
	}
	return nil
}

func float(key string, min, max float64, unit, doc, source string, f func(*Params) *float64) ParamSpec {
	return ParamSpec{Key: key, Kind: Float, Min: min, Max: max, Unit: unit, Doc: doc, Source: source, f64: f}
}

func integer(key string, min, max float64, unit, doc, source string, f func(*Params) *int) ParamSpec {
	return ParamSpec{Key: key, Kind: Int, Min: min, Max: max, Unit: unit, Doc: doc, Source: source, i: f}
}

func boolean(key, doc, source string, f func(*Params) *bool) ParamSpec {
	return ParamSpec{Key: key, Kind: Bool, Max: 1, Unit: "-", Doc: doc, Source: source, b: f}
}

const (
	perMonth = "1/month"
	share    = "share 0-1"
	level    = "level 0-1"
	assumed  = "assumption (see ODD 7)"
)

// Specs returns the specification of every parameter, in the order of the
// scenario file.
func Specs() []ParamSpec { return slices.Clone(registry().specs) }

func buildSpecs() []ParamSpec {
	s := []ParamSpec{
		integer("months", 1, 1200, "month", "simulated horizon", "ten years: long enough for trust and lock-in to show", func(p *Params) *int { return &p.Months }),

		integer("population.residents", 1, 1_000_000, "persons", "residents on the benefit at month 0", "002: «rond de honderd per wijk» called; 11 wijkteams", func(p *Params) *int { return &p.Population.Residents }),
		integer("population.neighbourhoods", 1, 1000, "count", "neighbourhoods (wijken), each with its own team and places", "002: «elf in totaal» wijkteams in Zaanstad", func(p *Params) *int { return &p.Population.Neighbourhoods }),
		integer("population.block_size", 1, 1000, "persons", "residents per block (flat, street) who talk to each other", "002: «Mensen die weten niet eens dat ze naast elkaar wonen»; "+assumed, func(p *Params) *int { return &p.Population.BlockSize }),
		integer("population.inflow_per_month", 0, 100_000, "persons/month", "new recipients arriving each month", "Divosa: the bijstand has a steady inflow; 0 in the default scenario (a closed stock of long-term recipients)", func(p *Params) *int { return &p.Population.InflowPerMonth }),
		float("population.share_resistant", 0, 1, share, "share starting as long-term recipients with resistance (the rest want support)", "002: two kinds; no share given, "+assumed, func(p *Params) *float64 { return &p.Population.ShareResistant }),
		float("population.share_long_term", 0, 1, share, "share on the benefit for more than five years at month 0", "CBS: about half of the bijstand stock > 5 years", func(p *Params) *float64 { return &p.Population.ShareLongTerm }),
		float("population.share_language", 0, 1, share, "share with a language barrier", "002 Poelenburg: «problemen met de Nederlandse taal»", func(p *Params) *float64 { return &p.Population.ShareLanguage }),
		float("population.share_ceiling_3", 0, 1, share, "share for whom rung 3 is the highest reachable", "004: «waarvoor vrijwilligerswerk of deelname aan activiteiten het hoogst haalbare is»", func(p *Params) *float64 { return &p.Population.ShareCeiling3 }),
		float("population.share_ceiling_4", 0, 1, share, "share for whom rung 4 is the highest reachable", "004 (as above)", func(p *Params) *float64 { return &p.Population.ShareCeiling4 }),
		float("population.kind_to_resistant", 0, 1, level, "resistance above which a support-seeker counts as resistant", "002: the kinds are «niet als iets statisch»; "+assumed, func(p *Params) *float64 { return &p.Population.KindToResistant }),
		float("population.kind_to_seeker", 0, 1, level, "resistance below which a resistant resident counts as a support-seeker again", assumed, func(p *Params) *float64 { return &p.Population.KindToSeeker }),

		float("initial.spread", 0, 0.5, level, "half-width of the uniform spread around each kind's starting means", assumed, func(p *Params) *float64 { return &p.Initial.Spread }),
		float("initial.rung_1", 0, 1, share, "share on rung 1 (isolated) at month 0", "002: target group far from work; "+assumed, func(p *Params) *float64 { return &p.Initial.Rung1 }),
		float("initial.rung_2", 0, 1, share, "share on rung 2 (social contacts) at month 0", assumed, func(p *Params) *float64 { return &p.Initial.Rung2 }),
		float("initial.rung_3", 0, 1, share, "share on rung 3 (organised activities) at month 0", assumed, func(p *Params) *float64 { return &p.Initial.Rung3 }),
		float("initial.rung_4", 0, 1, share, "share on rung 4 (volunteer work) at month 0", assumed, func(p *Params) *float64 { return &p.Initial.Rung4 }),

		integer("professionals.caseload", 1, 10_000, "residents/professional", "residents per regisseur; sets the number of professionals", "002: «eigen caseload met diverse hulpvragen»; "+assumed, func(p *Params) *int { return &p.Professionals.Caseload }),
		float("professionals.hours_per_month", 1, 200, "hours/month", "hours a regisseur has for these residents each month", "002: generalist with diverse caseload; "+assumed, func(p *Params) *float64 { return &p.Professionals.HoursPerMonth }),
		float("professionals.case_admin_hours", 0, 10, "hours/case/month", "hours of case administration and checks per resident on the benefit per month, before any contact", "Berenschot 2018: about EUR 2,900 a year of municipal staff per benefit (about 38 hours at EUR 75), of which the team's part is "+assumed, func(p *Params) *float64 { return &p.Professionals.CaseAdminHours }),
		float("professionals.fte_hours", 1, 250, "hours/month", "paid hours of a full-time professional per month (converts collective hours to full-time equivalents)", "CAO Sociaal Werk: 36 hours a week (156 a month)", func(p *Params) *float64 { return &p.Professionals.FTEHours }),
		float("professionals.judgement_noise", 0, 2, "SD of capacity", "SD of the error in judging load capacity after one hour of contact", "002: «Die presenteren zich altijd als niet-kunners»", func(p *Params) *float64 { return &p.Professionals.JudgementNoise }),
		float("professionals.barrier_skill", 0, 3, "multiplier", "how well the team removes barriers (specialist > generalist)", "002: specialist participation team in Poelenburg", func(p *Params) *float64 { return &p.Professionals.BarrierSkill }),

		integer("places.activity", 0, 100_000, "places/neighbourhood", "places for organised activities (rung 3) per neighbourhood", "002: «lang niet altijd voldoende plekken»", func(p *Params) *int { return &p.Places.Activity }),
		integer("places.volunteer", 0, 100_000, "places/neighbourhood", "places for (light) volunteer work (rung 4) per neighbourhood", "002: «meer ‘licht’ vrijwilligerswerk»", func(p *Params) *int { return &p.Places.Volunteer }),

		float("barriers.durable_debts", 0, 1, share, "share of a resident's debt barrier at arrival that does not go away", "long-term debt arrangements (schuldsanering, 3 years) and recurring arrears; "+assumed, func(p *Params) *float64 { return &p.Barriers.DurableDebts }),
		float("barriers.durable_health", 0, 1, share, "share of the health barrier at arrival that does not go away (chronic conditions, age)", "002: «mensen die een tik op de neus hebben gehad»; chronic illness common among long-term recipients; "+assumed, func(p *Params) *float64 { return &p.Barriers.DurableHealth }),
		float("barriers.durable_care", 0, 1, share, "share of the care barrier at arrival that does not go away (care that lasts years)", "002: a mother «wordt zo gehinderd door de situatie met haar zoon»; "+assumed, func(p *Params) *float64 { return &p.Barriers.DurableCare }),
		float("barriers.durable_language", 0, 1, share, "share of the language barrier at arrival that does not go away (a language learnt late)", "002 Poelenburg: «voormalige gastarbeiders», «problemen met de Nederlandse taal»; "+assumed, func(p *Params) *float64 { return &p.Barriers.DurableLanguage }),
		float("attitudes.reversion", 0, 1, perMonth, "monthly pull of trust, resistance and self-efficacy back towards the resident's own baseline", "effects of guidance fade once it stops (CPB 2022, Verlaat & Zulkarnain); "+assumed, func(p *Params) *float64 { return &p.Attitudes.Reversion }),

		float("trust.gain_per_contact", 0, 1, "per contact", "trust gained per contact at full attention, times (1 - trust)", "002: «het kost meer tijd om met iemand een cruciale band op te bouwen»; set by hand to the trust target (docs/calibration.md, section 5.4: nabijheid minus afstand 0.2-0.6 SD at 24 months; Betkó et al. 2022)", func(p *Params) *float64 { return &p.Trust.GainPerContact }),
		float("trust.loss_sanction", 0, 1, "share of trust", "share of trust lost by a fitting sanction", "002: «verplichte karakter» strengthens the negative image", func(p *Params) *float64 { return &p.Trust.LossSanction }),
		float("trust.loss_intrusion", 0, 1, "per contact", "share of trust lost per contact, times control (intrusion)", "004: «kan het onderlinge vertrouwen tussen burger en overheid afnemen»", func(p *Params) *float64 { return &p.Trust.LossIntrusion }),
		float("trust.word_of_mouth", 0, 1, perMonth, "pull of trust toward the block's mean trust", "assumption; 002 weak ties", func(p *Params) *float64 { return &p.Trust.WordOfMouth }),

		float("resistance.gain_overload", 0, 1, perMonth, "rise per unit of pressure above load capacity, times (1 - resistance)", "002: «hoeveel druk kan iemand hebben»", func(p *Params) *float64 { return &p.Resistance.GainOverload }),
		float("resistance.gain_threat", 0, 1, "per contact", "rise when held to the obligations under a threat of a sanction, times the weight of the sanction's probability (sanction.threat_curvature) and (1 - resistance)", "reactance to a threatened freedom (Brehm 1966); as a fitting sanction's rise (resistance.gain_sanction), an assumption (ODD 7.5a)", func(p *Params) *float64 { return &p.Resistance.GainThreat }),
		float("resistance.gain_sanction", 0, 1, "per sanction", "rise per fitting sanction, times (1 - resistance)", "reactance; 002: «stimuleren vaak beter dan straffen»", func(p *Params) *float64 { return &p.Resistance.GainSanction }),
		float("resistance.fall_trust", 0, 1, perMonth, "fall per unit of trust above the threshold, times resistance", "002: time and a bond «om weerstand weg te nemen»", func(p *Params) *float64 { return &p.Resistance.FallTrust }),
		float("resistance.trust_threshold", 0, 1, level, "trust above which resistance falls", assumed, func(p *Params) *float64 { return &p.Resistance.TrustLevel }),
		float("resistance.fall_heard", 0, 1, "per contact", "fall per contact at full attention, times resistance", "002: «zich gehoord en gezien voelt»", func(p *Params) *float64 { return &p.Resistance.FallHeard }),

		float("ladder.capacity_need_2", 0, 1, level, "load capacity needed for rung 2", assumed, func(p *Params) *float64 { return &p.Ladder.Need2 }),
		float("ladder.capacity_need_3", 0, 1, level, "load capacity needed for rung 3", assumed, func(p *Params) *float64 { return &p.Ladder.Need3 }),
		float("ladder.capacity_need_4", 0, 1, level, "load capacity needed for rung 4", "002: «is vrijwilligerswerk voor sommigen te belastend»", func(p *Params) *float64 { return &p.Ladder.Need4 }),
		float("ladder.capacity_need_5", 0, 1, level, "load capacity needed for rung 5 (paid work with support)", "002: «niet binnen twee jaar een betaalde baan»", func(p *Params) *float64 { return &p.Ladder.Need5 }),
		float("ladder.self_rate", 0, 1, perMonth, "step-up hazard without support (at full readiness)", "002: under the yearly call-up little moved; "+assumed, func(p *Params) *float64 { return &p.Ladder.SelfRate }),
		float("ladder.support_rate", 0, 1, "per contact", "step-up probability added by a contact at full attention and readiness", "set by hand within the Nijmegen experiment's bound on close coaching against exemption (Betkó et al. 2023) where the patterns of ODD 1.2 hold (docs/calibration.md 5.5); 002: «je moet aan die belemmeringen gaan werken»", func(p *Params) *float64 { return &p.Ladder.SupportRate }),
		float("ladder.drop_rate", 0, 1, perMonth, "hazard of dropping out of rung 3 or 4, times (1 - self-efficacy)", assumed, func(p *Params) *float64 { return &p.Ladder.DropRate }),
		float("ladder.overload_drop", 0, 1, perMonth, "extra hazard of dropping out of rung 3 or 4 while load capacity is below the rung's need", "002: «Je krijgt een schop naar werk ... en dat gaat dan toch mis»; "+assumed, func(p *Params) *float64 { return &p.Ladder.OverloadDrop }),
		float("ladder.willingness_width", 0.01, 2, "level difference", "trust minus resistance that moves willingness from 0.5 to 1", assumed, func(p *Params) *float64 { return &p.Ladder.WillingWidth }),
		float("ladder.readiness_margin", 0.001, 1, level, "spare capacity above a rung's need over which readiness rises from 0 to 1", assumed, func(p *Params) *float64 { return &p.Ladder.ReadyMargin }),

		float("efficacy.gain_success", 0, 1, "per step", "self-efficacy gained by a step up, times (1 - efficacy)", "004: «zelfvertrouwen geeft, gebaseerd op wat ze wel kunnen»", func(p *Params) *float64 { return &p.Efficacy.GainSuccess }),
		float("efficacy.loss_failure", 0, 1, "per fall", "share of self-efficacy lost by a step down", "002: «een schop naar werk ... en dat gaat dan toch mis»", func(p *Params) *float64 { return &p.Efficacy.LossFailure }),
		float("efficacy.loss_humiliation", 0, 1, "per contact", "loss per contact per unit of demand above capacity (humiliating expectations)", "003: «‘Vernederende’ verwachtingen»", func(p *Params) *float64 { return &p.Efficacy.LossHumiliation }),
		float("efficacy.loss_sanction", 0, 1, "per sanction", "share of self-efficacy lost by a sanction", "003; "+assumed, func(p *Params) *float64 { return &p.Efficacy.LossSanction }),
		float("efficacy.peer_support", 0, 1, perMonth, "gain from group training with peers, times (1 - efficacy)", "002: «ontstaan een soort van maatjes»", func(p *Params) *float64 { return &p.Efficacy.PeerSupport }),

		float("pressure.per_contact", 0, 1, "per contact", "pressure added by any contact, times (1 - pressure)", "002: «iedere week even langskomen ... júist veel meer controle en dwang»", func(p *Params) *float64 { return &p.Pressure.PerContact }),
		float("pressure.per_control", 0, 1, "per contact", "pressure added per unit of the policy's control, times (1 - pressure)", "002: «extra ogen ... als controlerend ervaren»", func(p *Params) *float64 { return &p.Pressure.PerControl }),
		float("pressure.per_sanction", 0, 1, "per sanction", "pressure added by a sanction, times (1 - pressure)", assumed, func(p *Params) *float64 { return &p.Pressure.PerSanction }),
		float("pressure.decay", 0, 1, perMonth, "share of perceived pressure that fades each month", assumed, func(p *Params) *float64 { return &p.Pressure.Decay }),

		float("exit.base_rate", 0, 1, perMonth, "hazard of leaving the benefit without work for other reasons (a partner, another benefit, moving), times the early-spell factor of exit.early_excess", "calibrated: CBS, exits by duration on the benefit (docs/calibration.md)", func(p *Params) *float64 { return &p.Exit.BaseRate }),
		float("exit.early_excess", 0, 100, "factor", "extra exit hazard early in a benefit spell: the base rate is multiplied by 1 + excess x exp(-months on benefit / 12)", "CBS: exits fall with the duration on the benefit", func(p *Params) *float64 { return &p.Exit.EarlyExcess }),
		float("exit.pressure_resistance", 0, 1, perMonth, "hazard of leaving without work per unit of pressure x resistance, whatever the source of the pressure (a sanction, frequent visits)", "Arni, Lalive & van Ours 2013 (sanctions raise exits out of the labour force) and 002 («dat mensen ervoor kiezen hun uitkering te stoppen») give the direction; the size is an assumption, not identified by the calibration targets and checked by the validation targets", func(p *Params) *float64 { return &p.Exit.PressureResistance }),

		float("sanction.benefit_cut", 0, 1, share, "share of the benefit withheld while a sanction runs", "Participatiewet art. 18: verlaging; "+assumed, func(p *Params) *float64 { return &p.Sanction.BenefitCut }),
		integer("sanction.months", 1, 24, "month", "months a sanction runs", "Participatiewet: 1-3 months typical; "+assumed, func(p *Params) *int { return &p.Sanction.Months }),
		float("sanction.push", 0, 2, "level difference", "added to trust minus resistance in the willingness to step up and to comply while a sanction runs (short-term compliance)", "van den Berg et al. 2004: sanctions raise exits to work", func(p *Params) *float64 { return &p.Sanction.Push }),
		float("sanction.threat_curvature", 0.3, 1, "exponent", "curvature of the weight a resident gives the sanction probability p in the threat: w(p) = p^c / (p^c + (1-p)^c)^(1/c); small probabilities weigh more the smaller c, and at 1 the weight is p", "Tversky & Kahneman 1992: 0.69 for losses, from gambles with stated odds; borrowed, an assumption (ODD 7.5a)", func(p *Params) *float64 { return &p.Sanction.ThreatCurvature }),
		float("sanction.misfit_multiplier", 1, 10, "multiplier", "extra trust loss and resistance from a sanction that does not fit capacity", "002: «goed inschatten of de stap bij de bewoner past»", func(p *Params) *float64 { return &p.Sanction.MisfitMultiplier }),
		float("sanction.hours", 0, 100, "hours/sanction", "hours a sanction takes (the hard conversation, the decision, the letter): the team's, taken from next month's hours, or with role separation the enforcement department's (Naleving)", assumed, func(p *Params) *float64 { return &p.Sanction.Hours }),
		float("sanction.role_separation_shield", 0, 1, share, "share of a sanction's trust loss that role separation keeps away from the team", "002: «die van ‘Naleving’ die doet dan het hardere gesprek»", func(p *Params) *float64 { return &p.Sanction.RoleSeparationShield }),
		float("sanction.job_push", 0, 20, "factor", "extra job-finding hazard while a sanction runs: the hazard is multiplied by 1 + job_push", "calibrated: van den Berg, van der Klaauw & van Ours 2004, exit-to-work hazard x2.4 after a sanction; Svarer 2011, worn off after about 3 months", func(p *Params) *float64 { return &p.Sanction.JobPush }),

		float("tegenprestatie.assign_share", 0, 1, "per contact", "probability that a contact at which a resident below the demanded rung agrees to meet the obligations ends with a tegenprestatie assigned", "set by hand to CBS, Extra uitvraag tegenprestatie 2021-2024: 6-8 in 100 recipients do one (docs/calibration.md 5.5)", func(p *Params) *float64 { return &p.Tegenprestatie.AssignShare }),

		float("shocks.rate", 0, 1, perMonth, "hazard of a life event (illness, debts, family trouble)", "002: «mensen die een tik op de neus hebben gehad»; "+assumed, func(p *Params) *float64 { return &p.Shocks.Rate }),
		float("shocks.size", 0, 1, level, "rise of one barrier by a life event", assumed, func(p *Params) *float64 { return &p.Shocks.Size }),
		float("shocks.barrier_recovery", 0, 1, perMonth, "share of the passing part of each barrier (above its durable part) that resolves by itself each month", assumed, func(p *Params) *float64 { return &p.Shocks.BarrierRecovery }),

		float("work.job_demand", 0, 1, level, "regional demand: multiplies the step from rung 4 to rung 5", assumed, func(p *Params) *float64 { return &p.Work.JobDemand }),
		float("work.job_finding", 0, 1, perMonth, "hazard of finding a regular job straight from the benefit, at full load capacity, times the early-spell factor of exit.early_excess", "calibrated: CBS, about half of all exits from the bijstand are to work (docs/calibration.md)", func(p *Params) *float64 { return &p.Work.JobFinding }),
		float("work.lock_in", 0, 10, "per year", "lock-in on rung 4: step to rung 5 divided by (1 + lock_in x years on rung 4)", "003: «Hechten aan vrijwilligerswerk»; 000: «uitzicht op betaald werk daarbuiten?»", func(p *Params) *float64 { return &p.Work.LockIn }),
		float("work.lock_in_demanded", 0, 10, "per year", "extra lock-in on a place entered as a tegenprestatie: the step on from it is divided by (1 + lock_in_demanded x years on it)", "003: «Hechten aan vrijwilligerswerk»; «Maatschappelijk belang boven persoonlijk belang»; "+assumed, func(p *Params) *float64 { return &p.Work.LockInDemand }),
		float("work.to_regular", 0, 1, perMonth, "hazard of moving from supported (rung 5) to regular paid work (rung 6)", assumed, func(p *Params) *float64 { return &p.Work.ToRegular }),
		float("work.job_loss", 0, 1, perMonth, "hazard of losing the job found after the benefit, times the early factor of work.job_loss_early_excess", "calibrated: CBS, of those who left the bijstand for a job in 2021, 82% still worked after half a year and 72% after a year and a half (docs/calibration.md)", func(p *Params) *float64 { return &p.Work.JobLoss }),
		float("work.job_loss_early_excess", 0, 100, "factor", "extra job-loss hazard early in a job: the hazard is multiplied by 1 + excess x exp(-months since the exit / 6)", "calibrated (as work.job_loss)", func(p *Params) *float64 { return &p.Work.JobLossEarlyExcess }),

		float("reentry.after_job_loss", 0, 1, perMonth, "hazard of returning to the benefit after losing the job found, times the early factor of reentry.early_excess", "calibrated: CBS, 9% of those who left for a job were back on the bijstand after a year and a half (docs/calibration.md)", func(p *Params) *float64 { return &p.Reentry.AfterJobLoss }),
		float("reentry.no_work", 0, 1, perMonth, "hazard of returning to the benefit after leaving it without work, times the early factor of reentry.early_excess", "calibrated: Divosa, 15%, 22% and about 30% of all who leave the bijstand are back within 6, 12 and 24 months (docs/calibration.md)", func(p *Params) *float64 { return &p.Reentry.NoWork }),
		float("reentry.pushed_factor", 0, 20, "factor", "re-entry hazard of those pushed out (under pressure or while a sanction ran) relative to other exits without work", "calibrated: Divosa, 28% of exits by enforcement return within six months, twice the average (docs/calibration.md)", func(p *Params) *float64 { return &p.Reentry.PushedFactor }),
		float("reentry.early_excess", 0, 100, "factor", "extra re-entry hazard early after an exit: the hazard is multiplied by 1 + excess x exp(-months since the exit / 6)", "calibrated: Divosa, re-entry is highest in the first half year and levels off after two years", func(p *Params) *float64 { return &p.Reentry.EarlyExcess }),

		boolean("levers.role_separation", "Naleving, not the team, has the hard conversation about sanctions", "002: «makkelijker voor ons als wijkteam om de goeie te zijn»", func(p *Params) *bool { return &p.Levers.RoleSeparation }),
		float("levers.collective_share", 0, 0.9, share, "share of professional hours spent on opbouwwerk without caseload", "002 recommendation 2: «opbouwwerkers die zonder caseload»", func(p *Params) *float64 { return &p.Levers.CollectiveShare }),
		float("levers.places_per_fte", 0, 1000, "places/FTE", "places that one full-time equivalent (professionals.fte_hours) of collective work sustains", "004: «circa 400 buddytrajecten ... door 15 hulpverleners»", func(p *Params) *float64 { return &p.Levers.PlacesPerFTE }),
		integer("levers.collective_ramp_months", 1, 240, "month", "months until collective work yields all its places", assumed, func(p *Params) *int { return &p.Levers.CollectiveRampMonths }),
		boolean("levers.group_training", "group training (after an individual intake) for residents without strong resistance", "002: «talententraining» for «mensen die niet die weerstand hadden»", func(p *Params) *bool { return &p.Levers.GroupTraining }),
		float("levers.group_training_hours", 0, 200, "hours/month", "hours per professional per month that group training takes", assumed, func(p *Params) *float64 { return &p.Levers.GroupTrainingHours }),
		integer("levers.group_training_months", 0, 1200, "months", "months after the individual intake that a resident takes part in group training", "002: «talententraining»; "+assumed, func(p *Params) *int { return &p.Levers.GroupTrainingMonths }),
		integer("levers.field_workers", 0, 100, "per neighbourhood", "economic field workers per neighbourhood", "000: «Verbinder tussen vraag en aanbod in de wijk»", func(p *Params) *int { return &p.Levers.FieldWorkers }),
		float("levers.field_worker_jobs", 0, 100, "jobs/month", "latent jobs one field worker turns into paid work each month", "000: «Er is latent werk in de wijk»; "+assumed, func(p *Params) *float64 { return &p.Levers.FieldWorkerJobs }),
		float("levers.field_worker_relief", 0, 1, level, "how much lower the capacity needed for a neighbourhood job is than for rung 5", "000: «Klussen, eenzaamheid en ontmoeting, mantelzorg»", func(p *Params) *float64 { return &p.Levers.FieldWorkerRelief }),

		float("costs.benefit_per_month", 0, 10_000, "euro/month", "benefit paid per resident per month", "Participatiewet norm, single adult 2026 (rounded)", func(p *Params) *float64 { return &p.Costs.BenefitPerMonth }),
		float("costs.supported_work_share", 0, 1, share, "share of the benefit still paid on rung 5 (supported work)", assumed, func(p *Params) *float64 { return &p.Costs.SupportedWorkShare }),
		float("costs.hour_cost", 0, 1000, "euro/hour", "full cost of one professional hour", assumed, func(p *Params) *float64 { return &p.Costs.HourCost }),
		float("costs.place_per_month", 0, 10_000, "euro/month", "cost of one participation place per month", assumed, func(p *Params) *float64 { return &p.Costs.PlacePerMonth }),
		float("costs.elsewhere_per_month", 0, 100_000, "euro/month", "society's account: costs borne elsewhere (debt assistance, health and care) for each month a resident is out of work after leaving the benefit", "Panteia, Hogeschool Utrecht & Nibud 2024: problem debts cost society about EUR 11,600 a household a year; about 30% of those out of work without a benefit assumed to have them", func(p *Params) *float64 { return &p.Costs.ElsewherePerMonth }),
		float("costs.shifted_share", 0, 1, share, "society's account: share of the benefit not paid to a resident out of work after leaving it that is shifted (to other benefits, or as income the household lost) rather than saved", "CBS 2024: of those out of work after leaving the bijstand, some live on WW or a partner; Inspectie SZW 2021: a third of non-takers live on at most 20% of the norm; "+assumed, func(p *Params) *float64 { return &p.Costs.ShiftedShare }),
		float("costs.field_worker_per_month", 0, 100_000, "euro/month", "cost of one economic field worker per month", assumed, func(p *Params) *float64 { return &p.Costs.FieldWorkerPerMonth }),
	}
	return s
}
