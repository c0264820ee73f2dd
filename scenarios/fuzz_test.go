package scenarios

import (
	"testing"

	"github.com/wijksim/wijksim/sim"
)

// fuzzSeeds are scenario files beside those of badInputs: the embedded
// scenarios and the hostile files of TestHostileFilesAreRefusedQuickly
// (small enough to keep in a corpus).
func fuzzSeeds(f *testing.F) {
	for _, name := range Names() {
		raw, err := Raw(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	for _, tc := range badInputs {
		f.Add([]byte(tc.file))
	}
	for _, s := range []string{
		"", "# nothing\n", "months: 12\n---\nmonths: 24\n",
		"trust:\n  gain_per_contact: 0.1\ntrust.gain_per_contact: 0.2\n",
		"months: 12\nMonths: 24\n", "trust: 3\ntrust.gain_per_contact: 0.2\n",
		"- months\n", "? [a, b]\n: 1\n", "a: &x {b: *x}\n", "months: 18446744073709551615\n",
		"months: 1e300\n", "population:\n  residents: -1\n", "<<: {months: 3}\n",
	} {
		f.Add([]byte(s))
	}
}

// FuzzParse: no scenario file makes Parse panic or hang, and whatever it
// accepts is a valid parameter set; its errors stay short.
func FuzzParse(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		s, err := Parse(raw, "fuzz.yaml", Options{})
		if err != nil {
			if len(err.Error()) > 2000 {
				t.Errorf("an error of %d bytes: %.200s", len(err.Error()), err)
			}
			return
		}
		if err := sim.Validate(&s.Params); err != nil {
			t.Errorf("Parse accepted invalid parameters: %v", err)
		}
	})
}

// FuzzSet: no --set pair makes the loader panic, and what it accepts is
// valid.
func FuzzSet(f *testing.F) {
	for _, tc := range badInputs {
		for _, kv := range tc.opt.Set {
			f.Add(kv)
		}
	}
	for _, kv := range []string{
		"months=18446744073709551615", "months=1e300", "months=-0", "months=0x10", "months=NaN",
		"trust.gain_per_contact=.inf", "levers.role_separation=yes", "months=[1, 2]", "months={a: 1}",
		"=3", "months=", "months==3", "months=12 # comment", "months=!!float 12", "months: 12",
	} {
		f.Add(kv)
	}
	base := []byte("months: 120\n")
	f.Fuzz(func(t *testing.T, kv string) {
		s, err := Parse(base, "fuzz.yaml", Options{Set: []string{kv}})
		if err != nil {
			if len(err.Error()) > 2000 {
				t.Errorf("an error of %d bytes: %.200s", len(err.Error()), err)
			}
			return
		}
		if err := sim.Validate(&s.Params); err != nil {
			t.Errorf("--set %q gave invalid parameters: %v", kv, err)
		}
	})
}
