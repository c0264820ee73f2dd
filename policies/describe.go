package policies

import (
	"fmt"
	"io"
	"strconv"

	"github.com/wijksim/wijksim/sim"
	"github.com/wijksim/wijksim/termtable"
)

// WriteList prints every built-in policy with its summary in Dutch and
// English.
func WriteList(w io.Writer, opt termtable.Options) error {
	t := termtable.Table{Head: []string{"policy", "", "what it does"}, Text: true}
	for _, p := range Builtins() {
		t.AddRow(p.Name, "nl", p.Summary.NL)
		t.AddRow("", "en", p.Summary.EN)
	}
	return t.Write(w, opt)
}

// WriteSettings prints the policy's resolved settings: what it is, where
// it was read, the levers it switches on, and each phase with its entry
// condition, sanction rule and regime, the regime as the parameters p set
// it for the policy (Params.Policies) or else as its file gives it, each
// setting beside its scenario key (for a policy file, a key of the
// scenarios loaded with it: scenarios.KeysFor). p may be nil for the
// policy's own regimes.
func (pol *Policy) WriteSettings(w io.Writer, p *sim.Params, opt termtable.Options) error {
	lang := opt.Lang
	head := termtable.Table{Head: []string{"policy", pol.Name}, Text: true}
	head.AddRow("label", pol.Label.In(lang))
	head.AddRow("summary", pol.Summary.In(lang))
	if pol.Source != "" {
		head.AddRow("source", pol.Source)
	}
	head.AddRow("file", pol.File)
	head.AddRow("sha256", pol.SHA256)
	if len(pol.Levers) == 0 {
		head.AddRow("levers", "none (the scenario's)")
	}
	for _, s := range pol.Levers {
		head.AddRow("levers", fmt.Sprintf("%s = %v", s.Key, s.Value))
	}
	if err := head.Write(w, opt); err != nil {
		return err
	}
	specs := map[string]sim.ParamSpec{}
	for _, s := range pol.RegimeSpecs() {
		specs[s.Key] = s
	}
	var set sim.PolicySettings
	if p != nil {
		set = p.Policies
	}
	for k, ph := range pol.Phases {
		title := "phase " + strconv.Itoa(k+1)
		if ph.Name != "" {
			title += " (" + ph.Name + ")"
		}
		phase := ""
		if len(pol.Phases) > 1 {
			phase = ph.Name
		}
		rg := ph.Regime
		if r, ok := set.Regime(pol.Name, phase); ok {
			rg = r
		}
		lines := fmt.Sprintf("\n%s\n  when:     %s\n  sanction: %s: %s\n\n", title, ph.When, ph.Sanction, sanctionMeaning[ph.Sanction])
		if _, err := io.WriteString(w, lines); err != nil {
			return err
		}
		t := termtable.Table{Head: []string{"regime", "value", "unit", "meaning"}, Text: true}
		key := "policies." + sim.PolicyKey(pol.Name) + "."
		if phase != "" {
			key += sim.PolicyKey(phase) + "."
		}
		for _, s := range sim.RegimeSettings(&rg) {
			meaning := s.Doc
			if _, ok := specs[key+s.Key]; ok {
				meaning += " (scenario key " + key + s.Key + ")"
			}
			t.AddRow(s.Key, fmt.Sprint(s.Value(nil)), s.Unit, meaning)
		}
		if err := t.Write(w, opt); err != nil {
			return err
		}
	}
	return nil
}

// sanctionMeaning says what each sanction rule does.
var sanctionMeaning = map[sim.SanctionRule]string{
	sim.NoSanction:  "a refusal is never sanctioned",
	sim.BelowDemand: "whoever refuses risks a sanction (sanction_probability)",
	sim.JudgedAble:  "only who is judged able to carry the demanded rung risks a sanction",
}
