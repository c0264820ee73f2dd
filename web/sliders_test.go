package web

import (
	"encoding/json"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/outcomes"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

// fileLabel matches the numbers of the field documents' files (000 to 004)
// that sources once cited instead of the publications.
var fileLabel = regexp.MustCompile(`\b00[0-9]\b`)

func TestSlidersFitTheRegistry(t *testing.T) {
	want := []string{ // the parameters the issue asks for, at least
		"professionals.caseload", "places.activity", "places.volunteer", "sanction.benefit_cut",
		"policies.sanctie.sanction_probability", "policies.nabijheid.contact_interval_months",
		"trust.gain_per_contact", "trust.loss_sanction", "trust.loss_intrusion", "trust.word_of_mouth",
		"work.lock_in", "levers.collective_share", "levers.field_workers", "population.residents", "months",
	}
	keys := sliderKeys()
	for _, k := range want {
		if _, ok := keys[k]; !ok {
			t.Errorf("no slider sets %s", k)
		}
	}
	groupIDs := map[string]bool{}
	for _, g := range groups() {
		groupIDs[g.ID] = true
	}
	seen := map[string]bool{}
	for _, s := range sliders() {
		if seen[s.ID] {
			t.Errorf("slider %s: ID used twice", s.ID)
		}
		seen[s.ID] = true
		if !groupIDs[s.Group] {
			t.Errorf("slider %s: unknown group %q", s.ID, s.Group)
		}
		if s.Label.NL == "" || s.Label.EN == "" || s.Tip.NL == "" || s.Tip.EN == "" ||
			s.Unit.NL == "" || s.Unit.EN == "" || s.Source.NL == "" || s.Source.EN == "" {
			t.Errorf("slider %s: label, tooltip, unit or source missing in a language", s.ID)
		}
		// The Dutch tooltip is Dutch; sources cite publications, not the
		// numbers of files.
		for _, english := range []string{"assumption", "see ODD", "called", "residents", "persons", "per neighbourhood", "long enough", "recommendation", "weak ties", "strengthens"} {
			if strings.Contains(s.Unit.NL+" "+s.Source.NL+" "+s.Tip.NL, english) {
				t.Errorf("slider %s: the Dutch tooltip says %q", s.ID, english)
			}
		}
		if m := fileLabel.FindString(s.Source.NL + " " + s.Source.EN); m != "" {
			t.Errorf("slider %s: the source cites %q, not a publication", s.ID, m)
		}
		for _, k := range s.Keys {
			spec, ok := scenarios.Lookup(k)
			if !ok {
				t.Fatalf("slider %s: key %s not in the registry", s.ID, k)
			}
			if spec.Kind.String() != s.Kind {
				t.Errorf("slider %s: key %s is %s, slider is %s", s.ID, k, spec.Kind, s.Kind)
			}
			if s.Min < spec.Min || s.Max > spec.Max || s.Min >= s.Max || s.Step <= 0 {
				t.Errorf("slider %s: range [%v, %v] step %v; key %s allows %s", s.ID, s.Min, s.Max, s.Step, k, spec.Range())
			}
		}
	}
}

// TestSliderDefaultsLieOnTheirGrid: every embedded scenario's value of a
// slider's key is one the slider can show and return to, a whole number of
// steps above its minimum and within its range; a browser would otherwise
// snap the slider off the default, and the default could not be chosen
// again.
func TestSliderDefaultsLieOnTheirGrid(t *testing.T) {
	for _, name := range scenarios.Names() {
		sc, err := scenarios.Load(name, scenarios.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range sliders() {
			spec, _ := scenarios.Lookup(s.Keys[0])
			v := spec.Get(&sc.Params)
			steps := (v - s.Min) / s.Step
			if v < s.Min || v > s.Max || math.Abs(steps-math.Round(steps)) > 1e-6 {
				t.Errorf("scenario %s, slider %s: default %v is not on the grid from %v by %v to %v", name, s.ID, v, s.Min, s.Step, s.Max)
			}
		}
	}
}

func TestPresetsTellValidStories(t *testing.T) {
	byID := map[string]Slider{}
	for _, s := range sliders() {
		byID[s.ID] = s
	}
	lim := DefaultLimits()
	for _, p := range presets() {
		t.Run(p.ID, func(t *testing.T) {
			for i, line := range p.Story {
				if line.NL == "" || line.EN == "" {
					t.Errorf("story line %d missing in a language", i+1)
				}
			}
			if p.Title.NL == "" || p.Title.EN == "" || p.Source == "" {
				t.Errorf("title or source missing")
			}
			if m := fileLabel.FindString(p.Source); m != "" {
				t.Errorf("the source cites %q, not a publication", m)
			}
			set := map[string]json.RawMessage{}
			for id, v := range p.Values {
				s, ok := byID[id]
				if !ok {
					t.Fatalf("value for unknown slider %q", id)
				}
				if v < s.Min || v > s.Max {
					t.Errorf("slider %s: value %v outside the page's range [%v, %v]", id, v, s.Min, s.Max)
				}
				text := strconv.FormatFloat(v, 'g', -1, 64)
				if s.Kind == "boolean" {
					text = strconv.FormatBool(v == 1)
				}
				for _, k := range s.Keys {
					set[k] = json.RawMessage(text)
				}
			}
			if _, err := lim.resolve(RunConfig{Policies: p.Policies, Seed: 1, Set: set}); err != nil {
				t.Errorf("preset does not resolve: %v", err)
			}
		})
	}
	ids := []string{}
	for _, p := range presets() {
		ids = append(ids, p.ID)
	}
	for _, want := range []string{"zachte-aanpak", "te-weinig-plekken", "hechten"} {
		if !slices.Contains(ids, want) {
			t.Errorf("no preset %q", want)
		}
	}
}

// TestPresetsNameTheirDefaults checks that a story comparing with a
// default value names the parameter whose default it is, in both
// languages ("de standaard 0,02 voor verlies door controle", "the default
// loss by intrusion of 0.02"), and that the value is that parameter's
// default: trust gain and intrusion loss both default to 0.02, so "the
// default 0.02" alone does not say which.
func TestPresetsNameTheirDefaults(t *testing.T) {
	sc, err := scenarios.Load("default", scenarios.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// short is a slider's name without its group ("Vertrouwen: "), as a
	// story writes it.
	short := func(label string) string {
		if _, after, ok := strings.Cut(label, ": "); ok {
			label = after
		}
		return strings.ToLower(label)
	}
	langs := []struct {
		lang    string
		mention *regexp.Regexp // a default value, with the parameter it names
		number  int            // the submatch of the value
		name    int            // the submatch of the name, empty if none
	}{
		{"nl", regexp.MustCompile(`standaard(?:waarde)? (\d+(?:,\d+)?)(?: voor ([a-z ]+))?`), 1, 2},
		{"en", regexp.MustCompile(`default (?:([a-z ]+?) of )?(\d+(?:\.\d+)?)`), 2, 1},
	}
	for _, p := range presets() {
		for i, line := range p.Story {
			for _, l := range langs {
				text := line.NL
				if l.lang == "en" {
					text = line.EN
				}
				for _, m := range l.mention.FindAllStringSubmatch(text, -1) {
					var named []Slider
					for _, s := range sliders() {
						label := s.Label.NL
						if l.lang == "en" {
							label = s.Label.EN
						}
						if m[l.name] != "" && strings.HasPrefix(m[l.name], short(label)) {
							named = append(named, s)
						}
					}
					if len(named) != 1 {
						t.Errorf("preset %s, story line %d (%s): %q names no one parameter whose default it is", p.ID, i+1, l.lang, m[0])
						continue
					}
					v, err := strconv.ParseFloat(strings.Replace(m[l.number], ",", ".", 1), 64)
					if err != nil {
						t.Fatal(err)
					}
					spec, _ := scenarios.Lookup(named[0].Keys[0])
					if d := spec.Get(&sc.Params); math.Abs(d-v) > 1e-12 {
						t.Errorf("preset %s, story line %d (%s): %q, but the default of %s is %v", p.ID, i+1, l.lang, m[0], named[0].ID, d)
					}
				}
			}
		}
	}
}

// classRuns runs the default scenario with set under every built-in policy
// on one seed and returns each policy's months.
func classRuns(t *testing.T, set ...string) [][]sim.MonthStats {
	t.Helper()
	sc, err := scenarios.Load("default", scenarios.Options{Set: set})
	if err != nil {
		t.Fatal(err)
	}
	var out [][]sim.MonthStats
	for _, p := range policies.Builtins() {
		m, err := sim.New(sc.Params, p.Policy, 1, 0, sim.Options{})
		if err != nil {
			t.Fatal(err)
		}
		m.Run()
		out = append(out, m.Stats())
	}
	return out
}

// changedOutcomes returns the keys of the monthly outcomes that differ
// between two sets of runs in some month of some policy.
func changedOutcomes(a, b [][]sim.MonthStats) []string {
	var out []string
	for _, o := range outcomes.Series() {
	policy:
		for i := range a {
			if len(a[i]) != len(b[i]) {
				out = append(out, o.Key)
				break
			}
			for m := range a[i] {
				x, y := o.Value(&a[i][m]), o.Value(&b[i][m])
				if x != y && !(math.IsNaN(x) && math.IsNaN(y)) {
					out = append(out, o.Key)
					break policy
				}
			}
		}
	}
	return out
}

// isCost reports whether the outcome key is an amount of money.
func isCost(key string) bool {
	o, _ := outcomes.Lookup(key)
	return o.Unit == outcomes.Euro || o.Unit == outcomes.EuroPerMonth || o.Unit == outcomes.EuroPerPerson
}

// TestSlidersSayWhatTheyChange moves each slider in the default scenario
// under every built-in policy. A slider that changes only money (the
// severity of a sanction moves benefit from the municipality's account to
// the household's) says in both languages that it changes the accounts,
// not behaviour, and a preset that sets it talks of the costs; a slider
// that changes behaviour does not say it does not.
func TestSlidersSayWhatTheyChange(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the model")
	}
	sc, err := scenarios.Load("default", scenarios.Options{})
	if err != nil {
		t.Fatal(err)
	}
	base := classRuns(t)
	costOnly := map[string]bool{}
	for _, s := range sliders() {
		spec, _ := scenarios.Lookup(s.Keys[0])
		was := spec.Get(&sc.Params)
		now := s.Max
		if now == was {
			now = s.Min
		}
		var set []string
		for _, k := range s.Keys {
			v := strconv.FormatFloat(now, 'g', -1, 64)
			if s.Kind == "boolean" {
				v = strconv.FormatBool(now == 1)
			}
			set = append(set, k+"="+v)
		}
		changed := changedOutcomes(base, classRuns(t, set...))
		if len(changed) == 0 {
			t.Errorf("slider %s: from %v to %v changes nothing", s.ID, was, now)
			continue
		}
		costOnly[s.ID] = !slices.ContainsFunc(changed, func(k string) bool { return !isCost(k) })
		says := strings.Contains(s.Tip.NL, "niet het gedrag") && strings.Contains(s.Tip.EN, "not behaviour")
		switch {
		case costOnly[s.ID] && !says:
			t.Errorf("slider %s changes only %v, but its tooltip does not say that it changes the accounts, not behaviour:\n%s\n%s", s.ID, changed, s.Tip.NL, s.Tip.EN)
		case !costOnly[s.ID] && (strings.Contains(s.Tip.NL, "niet het gedrag") || strings.Contains(s.Tip.EN, "not behaviour")):
			t.Errorf("slider %s changes %v, but its tooltip says it changes no behaviour", s.ID, changed)
		}
	}
	for _, p := range presets() {
		for id := range p.Values {
			if costOnly[id] && (!strings.Contains(p.Story[1].NL, "kosten") || !strings.Contains(p.Story[1].EN, "cost")) {
				t.Errorf("preset %s sets %s, which changes only costs, but its story does not talk of costs: %q", p.ID, id, p.Story[1].NL)
			}
		}
	}
}

// TestSanctionSeverityMovesTheBill checks what the story of the preset
// "'Vernederende' verwachtingen" claims: with the severity set to 0, of
// the classroom's charts only the cost to the municipality changes (it
// rises), the cost to society does not.
func TestSanctionSeverityMovesTheBill(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the model")
	}
	var preset Preset
	for _, p := range presets() {
		if p.ID == "vernederend" {
			preset = p
		}
	}
	if preset.Values["sanction-cut"] == 0 || !strings.Contains(preset.Story[1].NL, "alleen de kosten voor de gemeente") {
		t.Fatalf("preset vernederend no longer sets the severity and tells what it changes: %+v", preset)
	}
	set := func(cut float64) []string {
		out := []string{"sanction.benefit_cut=" + strconv.FormatFloat(cut, 'g', -1, 64)}
		for _, k := range []string{"policies.sanctie.sanction_probability", "policies.maatwerk.sanction_probability"} {
			out = append(out, k+"="+strconv.FormatFloat(preset.Values["sanction-probability"], 'g', -1, 64))
		}
		return out
	}
	heavy, none := classRuns(t, set(preset.Values["sanction-cut"])...), classRuns(t, set(0)...)
	var charted []string
	for _, k := range changedOutcomes(heavy, none) {
		if slices.Contains(outcomes.ShownKeys(outcomes.Classroom), k) {
			charted = append(charted, k)
		}
	}
	if !slices.Equal(charted, []string{"cum_cost_municipality"}) {
		t.Errorf("the severity changes the classroom's charts %v, want only cum_cost_municipality", charted)
	}
	for i, p := range policies.Builtins() {
		h, n := heavy[i][len(heavy[i])-1], none[i][len(none[i])-1]
		if h.CumSanctions > 0 && !(n.CumCostMunicipality > h.CumCostMunicipality) {
			t.Errorf("%s: without the cut the municipality pays %v, with it %v; want more", p.Name, n.CumCostMunicipality, h.CumCostMunicipality)
		}
	}
}

// TestPresetsChangeWhatTheySet checks that each value of a preset differs
// from the default scenario's: a preset whose value is already the
// default tells a story the model does not show.
func TestPresetsChangeWhatTheySet(t *testing.T) {
	m := defaultMeta(t)
	for _, p := range m.Presets {
		for id, v := range p.Values {
			if v == m.Values["default"][id] {
				t.Errorf("preset %s sets %s to %v, the default scenario's value", p.ID, id, v)
			}
		}
	}
}

// TestClassroomWording pins the lecturer's wording of the sliders: one
// word for the team's professional within a tooltip, no advertising for
// neighbours' trust, and a group title that says what its sliders set.
func TestClassroomWording(t *testing.T) {
	for _, s := range sliders() {
		if strings.Contains(s.Label.NL+s.Tip.NL, "regisseur") && strings.Contains(s.Label.NL+s.Tip.NL, "professional") {
			t.Errorf("slider %s says both regisseur and professional in Dutch: %q, %q", s.ID, s.Label.NL, s.Tip.NL)
		}
		if strings.Contains(strings.ToLower(s.Label.NL), "reclame") {
			t.Errorf("slider %s: %q speaks of advertising", s.ID, s.Label.NL)
		}
	}
	for _, g := range groups() {
		if g.ID == "run" && (g.Title.NL != "Omvang en duur" || g.Title.EN != "Size and duration") {
			t.Errorf("group run is titled %+v; it holds the residents and the months", g.Title)
		}
	}
}
