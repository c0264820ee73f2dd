package sim

import "testing"

// TestProfessionalsPerCaseload (5): the team has ceil(residents /
// caseload) professionals, spread over the neighbourhoods as evenly as
// possible and at least one in each.
func TestProfessionalsPerCaseload(t *testing.T) {
	for _, c := range []struct {
		residents, caseload, hoods int
		want                       int
		perHood                    []int
	}{
		{1080, 40, 11, 27, []int{3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2}},
		{1081, 40, 11, 28, []int{3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2}},
		{1119, 40, 11, 28, nil},
		{1120, 40, 11, 28, nil},
		{400, 40, 4, 10, []int{3, 3, 2, 2}},
		{100, 120, 3, 3, []int{1, 1, 1}}, // one professional would do; each neighbourhood has its own
		{20, 20, 1, 1, []int{1}},
	} {
		p := Defaults()
		p.Population.Residents, p.Professionals.Caseload, p.Population.Neighbourhoods = c.residents, c.caseload, c.hoods
		m, err := New(p, builtin("afstand"), 1, 0, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if m.profs != c.want {
			t.Errorf("%d residents, caseload %d, %d neighbourhoods: %d professionals, want %d", c.residents, c.caseload, c.hoods, m.profs, c.want)
		}
		if c.perHood != nil {
			for h, k := range c.perHood {
				if m.profsIn[h] != k {
					t.Errorf("%d residents, caseload %d: neighbourhood %d has %d professionals, want %d (%v)", c.residents, c.caseload, h, m.profsIn[h], k, c.perHood)
				}
			}
		}
	}
}

// TestParamRangeText: the allowed range is written with every digit its
// bounds need.
func TestParamRangeText(t *testing.T) {
	for _, c := range []struct {
		spec ParamSpec
		want string
	}{
		{ParamSpec{Kind: Float, Min: 0, Max: 1}, "[0, 1]"},
		{ParamSpec{Kind: Float, Min: 0.25, Max: 1.5}, "[0.25, 1.5]"},
		{ParamSpec{Kind: Int, Min: 12, Max: 1200}, "[12, 1200]"},
		{ParamSpec{Kind: Float, Min: 0.0001, Max: 0.035}, "[0.0001, 0.035]"},
		{ParamSpec{Kind: Bool}, "true or false"},
	} {
		if got := c.spec.Range(); got != c.want {
			t.Errorf("range of %+v: %q, want %q", c.spec, got, c.want)
		}
	}
}
