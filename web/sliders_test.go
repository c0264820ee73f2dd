package web

import (
	"encoding/json"
	"slices"
	"strconv"
	"testing"

	"github.com/wijksim/wijksim/sim"
)

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
		if s.Label.NL == "" || s.Label.EN == "" || s.Tip.NL == "" || s.Tip.EN == "" {
			t.Errorf("slider %s: label or tooltip missing in a language", s.ID)
		}
		for _, k := range s.Keys {
			spec, ok := sim.Lookup(k)
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
