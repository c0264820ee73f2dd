package sim

import (
	"fmt"
	"strings"
)

// Policy is a way of activating residents. A policy says how the team meets
// residents (its Regime) and when a resident who falls short of the
// tegenprestatie is sanctioned. To add a policy, write a type with these
// methods in a file of its own and add it to the list in Policies.
type Policy interface {
	// Name is the policy's identifier, for example "nabijheid".
	Name() string
	// Summary describes the policy in one line, in Dutch ("nl") or English.
	Summary(lang string) string
	// Regime returns how the team meets residents under this policy.
	Regime(p *Params) Regime
	// Sanction reports whether the resident in c is sanctioned.
	Sanction(c SanctionCase) bool
}

// SanctionCase is a resident met this month who is below the rung the
// policy demands.
type SanctionCase struct {
	Capacity    float64 // true load capacity, unknown to the professional
	Judged      float64 // the professional's noisy judgement of Capacity
	Needed      float64 // capacity the demanded rung needs
	Probability float64 // the regime's sanction probability
	U           float64 // a uniform draw in [0, 1) from the resident's sanction stream
}

// Policies returns the built-in policies, baseline first.
func Policies() []Policy {
	return []Policy{Afstand{}, MoreleVerplichting{}, Sanctie{}, Maatwerk{}, Nabijheid{}}
}

// PolicyNames returns the names of the built-in policies, baseline first.
func PolicyNames() []string {
	ps := Policies()
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name()
	}
	return names
}

// PolicyByName returns the built-in policy with the given name.
func PolicyByName(name string) (Policy, error) {
	for _, p := range Policies() {
		if p.Name() == name {
			return p, nil
		}
	}
	return nil, fmt.Errorf("unknown policy %q; allowed: %s", name, strings.Join(PolicyNames(), ", "))
}

func pick(lang, nl, en string) string {
	if lang == "nl" {
		return nl
	}
	return en
}

// Afstand is the baseline of bureaucratic distance: a yearly call-up, a short
// conversation, usually exemption.
type Afstand struct{}

// Name implements Policy.
func (Afstand) Name() string { return "afstand" }

// Summary implements Policy.
func (Afstand) Summary(lang string) string {
	return pick(lang, "jaarlijkse oproep op afstand, kort gesprek, meestal ontheffing",
		"yearly call-up from a distant office, a short talk, usually exemption")
}

// Regime implements Policy.
func (Afstand) Regime(p *Params) Regime { return p.Policies.Afstand }

// Sanction implements Policy.
func (Afstand) Sanction(c SanctionCase) bool { return c.U < c.Probability }

// MoreleVerplichting calls everyone to the team, explains the tegenprestatie
// and appeals to duty, without sanctions.
type MoreleVerplichting struct{}

// Name implements Policy.
func (MoreleVerplichting) Name() string { return "morele-verplichting" }

// Summary implements Policy.
func (MoreleVerplichting) Summary(lang string) string {
	return pick(lang, "iedereen opgeroepen, tegenprestatie uitgelegd, beroep op plicht, geen sanctie",
		"everyone called in, tegenprestatie explained, appeal to duty, no sanction")
}

// Regime implements Policy.
func (MoreleVerplichting) Regime(p *Params) Regime { return p.Policies.MoreleVerplichting }

// Sanction implements Policy.
func (MoreleVerplichting) Sanction(c SanctionCase) bool { return c.U < c.Probability }

// Sanctie demands the tegenprestatie and cuts the benefit of who does not
// deliver it.
type Sanctie struct{}

// Name implements Policy.
func (Sanctie) Name() string { return "sanctie" }

// Summary implements Policy.
func (Sanctie) Summary(lang string) string {
	return pick(lang, "tegenprestatie leveren of de uitkering wordt verlaagd",
		"deliver the tegenprestatie or the benefit is cut")
}

// Regime implements Policy.
func (Sanctie) Regime(p *Params) Regime { return p.Policies.Sanctie }

// Sanction implements Policy: anyone below the demanded rung risks a sanction.
func (Sanctie) Sanction(c SanctionCase) bool { return c.U < c.Probability }

// Maatwerk lets the professional decide when to sanction, taking the
// resident's circumstances into account as far as they can be judged.
type Maatwerk struct{}

// Name implements Policy.
func (Maatwerk) Name() string { return "maatwerk" }

// Summary implements Policy.
func (Maatwerk) Summary(lang string) string {
	return pick(lang, "de professional beslist over een sanctie, rekening houdend met de omstandigheden",
		"the professional decides on a sanction, weighing the resident's circumstances")
}

// Regime implements Policy.
func (Maatwerk) Regime(p *Params) Regime { return p.Policies.Maatwerk }

// Sanction implements Policy: only a resident judged able to deliver the
// demanded step risks a sanction.
func (Maatwerk) Sanction(c SanctionCase) bool {
	return c.Judged >= c.Needed && c.U < c.Probability
}

// Nabijheid is close coaching by the neighbourhood team: frequent contact,
// barriers first, trust built over time.
type Nabijheid struct{}

// Name implements Policy.
func (Nabijheid) Name() string { return "nabijheid" }

// Summary implements Policy.
func (Nabijheid) Summary(lang string) string {
	return pick(lang, "dichtbij in de wijk: vaak contact, eerst belemmeringen weg, vertrouwen opbouwen",
		"close coaching in the neighbourhood: frequent contact, barriers first, trust over time")
}

// Regime implements Policy.
func (Nabijheid) Regime(p *Params) Regime { return p.Policies.Nabijheid }

// Sanction implements Policy.
func (Nabijheid) Sanction(c SanctionCase) bool { return c.U < c.Probability }
