package names

import (
	"strings"
	"testing"
)

func TestClosest(t *testing.T) {
	allowed := []string{"share_rung_3_plus", "trust_mean", "resistance_mean", "afstand", "nabijheid", "pdf"}
	tests := []struct {
		name string
		want string
		ok   bool
	}{
		{"trust_meen", "trust_mean", true},
		{"nabijhied", "nabijheid", true},
		{"Afstand", "afstand", true},
		{"foo", "", false},
		{"gif", "", false}, // two edits from pdf: no typo of a three-letter name
		{"", "", false},
		{strings.Repeat("x", 5_000_000), "", false},
	}
	for _, tt := range tests {
		got, ok := Closest(tt.name, allowed)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Closest(%s) = %q, %v; want %q, %v", Quote(tt.name), got, ok, tt.want, tt.ok)
		}
	}
}

func TestUnknownSaysWhatIsAllowed(t *testing.T) {
	tests := []struct {
		name string
		want []string
	}{
		{"trust_meen", []string{`unknown outcome "trust_meen"`, `did you mean "trust_mean"?`, "allowed: trust_mean, share_rung_3_plus"}},
		{"foo", []string{`unknown outcome "foo"; allowed: trust_mean, share_rung_3_plus`}},
	}
	for _, tt := range tests {
		err := Check("outcome", tt.name, []string{"trust_mean", "share_rung_3_plus"})
		if err == nil {
			t.Fatalf("Check(%q) accepted it", tt.name)
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("Check(%q) = %q, lacks %q", tt.name, err, w)
			}
		}
	}
	if err := Check("outcome", "trust_mean", []string{"trust_mean"}); err != nil {
		t.Errorf("Check refused an allowed name: %v", err)
	}
}

func TestQuoteCutsLongNames(t *testing.T) {
	long := strings.Repeat("é", 1000)
	q := Quote(long)
	if len(q) > 2*maxShow || !strings.Contains(q, "(2000 bytes)") {
		t.Errorf("Quote of 2000 bytes = %q", q)
	}
	if got := Quote("a\nb"); got != `"a\nb"` {
		t.Errorf("Quote(a newline b) = %s", got)
	}
}
