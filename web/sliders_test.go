package web

import (
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/scenarios"
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
