package sim

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
)

// TestParamRanges: every parameter takes the bounds of its range and
// nothing beyond them, by each Go type a scenario file can give; a value
// refused leaves the parameters unchanged (ODD 5, 10).
func TestParamRanges(t *testing.T) {
	specs := Specs()
	if len(specs) == 0 {
		t.Fatal("no parameters")
	}
	for _, s := range specs {
		if got, ok := Lookup(s.Key); !ok || got.Key != s.Key {
			t.Fatalf("Lookup(%q) = %q, %v", s.Key, got.Key, ok)
		}
		p := Defaults()
		orig := s.Get(&p)
		switch s.Kind {
		case Bool:
			if s.Range() != "true or false" || s.Kind.String() != "boolean" {
				t.Errorf("%s: range %q, kind %q", s.Key, s.Range(), s.Kind)
			}
			for _, v := range []bool{true, false} {
				if err := s.Set(&p, v); err != nil || s.Value(&p) != v || s.Get(&p) != map[bool]float64{true: 1, false: 0}[v] {
					t.Errorf("%s = %v: error %v, value %v, get %v", s.Key, v, err, s.Value(&p), s.Get(&p))
				}
			}
			for _, v := range []any{1, "true", 1.0} {
				if err := s.Set(&p, v); err == nil {
					t.Errorf("%s = %#v: no error", s.Key, v)
				}
			}
			continue
		case Int:
			if s.Kind.String() != "integer" {
				t.Errorf("%s: kind %q", s.Key, s.Kind)
			}
			for _, v := range []any{int(s.Min), int64(s.Max), uint64(s.Max), s.Min, s.Max} {
				if err := s.Set(&p, v); err != nil {
					t.Errorf("%s = %#v (in range %s): %v", s.Key, v, s.Range(), err)
				}
			}
			if err := s.Set(&p, s.Max); err != nil || s.Value(&p) != int(s.Max) || s.Get(&p) != s.Max {
				t.Errorf("%s = %v: error %v, value %v, get %v", s.Key, s.Max, err, s.Value(&p), s.Get(&p))
			}
			for _, v := range []any{int(s.Min) - 1, int64(s.Max) + 1, uint64(s.Max) + 1, s.Min - 1, s.Max + 1, s.Min + 0.5,
				math.Inf(1), math.NaN(), uint64(math.MaxInt64) + 1, "1", true} {
				q := p
				if err := s.Set(&q, v); err == nil {
					t.Errorf("%s = %#v (range %s): no error", s.Key, v, s.Range())
				} else if !strings.Contains(err.Error(), s.Key) || !reflect.DeepEqual(q, p) {
					t.Errorf("%s = %#v: error %q does not name the key, or the value changed", s.Key, v, err)
				}
			}
		default:
			if s.Kind.String() != "number" {
				t.Errorf("%s: kind %q", s.Key, s.Kind)
			}
			for _, v := range []any{s.Min, s.Max, int(math.Ceil(s.Min)), int64(s.Max), uint64(s.Max)} {
				if err := s.Set(&p, v); err != nil {
					t.Errorf("%s = %#v (in range %s): %v", s.Key, v, s.Range(), err)
				}
			}
			if err := s.Set(&p, s.Max); err != nil || s.Value(&p) != s.Max || s.Get(&p) != s.Max {
				t.Errorf("%s = %v: error %v, value %v, get %v", s.Key, s.Max, err, s.Value(&p), s.Get(&p))
			}
			for _, v := range []any{math.Nextafter(s.Min, math.Inf(-1)), math.Nextafter(s.Max, math.Inf(1)), math.NaN(), int(s.Max) + 1, "0.5", false} {
				q := p
				if err := s.Set(&q, v); err == nil {
					t.Errorf("%s = %#v (range %s): no error", s.Key, v, s.Range())
				} else if !strings.Contains(err.Error(), s.Key) || !reflect.DeepEqual(q, p) {
					t.Errorf("%s = %#v: error %q does not name the key, or the value changed", s.Key, v, err)
				}
			}
		}
		if want := fmt.Sprintf("[%v, %v]", s.Min, s.Max); s.Range() != want {
			t.Errorf("%s: range %q, want %q", s.Key, s.Range(), want)
		}
		if err := s.Set(&p, orig); err != nil {
			t.Errorf("%s: the default %v is refused: %v", s.Key, orig, err)
		}
	}
	if _, ok := Lookup("no.such.key"); ok {
		t.Error("Lookup of an unknown key succeeds")
	}
}

// TestValidateRules: the rules that tie parameters together (ODD 5), with
// their bounds: rung shares add up to 1 (within 1e-9), the two ceiling
// shares add up to at most 1, kind_to_seeker ≤ kind_to_resistant, the
// capacity needs do not decrease, and every neighbourhood gets a resident
// in the run.
func TestValidateRules(t *testing.T) {
	for _, c := range []struct {
		name string
		f    func(*Params)
		ok   bool
	}{
		{"defaults", func(*Params) {}, true},
		{"rung shares 1 + 1e-10", func(p *Params) { p.Initial.Rung4 += 1e-10 }, true},
		{"rung shares 1 − 1e-10", func(p *Params) { p.Initial.Rung4 -= 1e-10 }, true},
		{"rung shares 1 + 1e-8", func(p *Params) { p.Initial.Rung4 += 1e-8 }, false},
		{"rung shares 1 − 1e-8", func(p *Params) { p.Initial.Rung4 -= 1e-8 }, false},
		{"ceiling shares add up to 1", func(p *Params) { p.Population.ShareCeiling3, p.Population.ShareCeiling4 = 0.5, 0.5 }, true},
		{"ceiling shares above 1", func(p *Params) { p.Population.ShareCeiling3, p.Population.ShareCeiling4 = 0.5, 0.5000001 }, false},
		{"kind thresholds equal", func(p *Params) { p.Population.KindToSeeker, p.Population.KindToResistant = 0.5, 0.5 }, true},
		{"kind_to_seeker above kind_to_resistant", func(p *Params) { p.Population.KindToSeeker, p.Population.KindToResistant = 0.51, 0.5 }, false},
		{"needs all equal", func(p *Params) { p.Ladder.Need2, p.Ladder.Need3, p.Ladder.Need4, p.Ladder.Need5 = 0.5, 0.5, 0.5, 0.5 }, true},
		{"need 3 below need 2", func(p *Params) { p.Ladder.Need2, p.Ladder.Need3 = 0.5, 0.49 }, false},
		{"need 4 below need 3", func(p *Params) { p.Ladder.Need3, p.Ladder.Need4 = 0.56, 0.55 }, false},
		{"need 5 below need 4", func(p *Params) { p.Ladder.Need4, p.Ladder.Need5 = 0.71, 0.7 }, false},
		{"a parameter out of range", func(p *Params) { p.Trust.GainPerContact = 1.5 }, false},
		{"as many neighbourhoods as residents of the run", func(p *Params) {
			p.Population.Residents, p.Population.InflowPerMonth, p.Months, p.Population.Neighbourhoods = 5, 2, 10, 25
		}, true},
		{"a neighbourhood no resident reaches", func(p *Params) {
			p.Population.Residents, p.Population.InflowPerMonth, p.Months, p.Population.Neighbourhoods = 5, 2, 10, 26
		}, false},
	} {
		p := Defaults()
		c.f(&p)
		if err := Validate(&p); (err == nil) != c.ok {
			t.Errorf("%s: Validate says %v, want ok = %v", c.name, err, c.ok)
		}
	}
}
