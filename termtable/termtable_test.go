package termtable

import (
	"fmt"
	"strings"
	"testing"
)

func TestSmallTableAsItIs(t *testing.T) {
	tb := Table{Head: []string{"outcome", "afstand", "nabijheid"}}
	tb.AddRow("Trust (level 0-1)", "0.41", "0.63")
	tb.AddRow("Exits to work (total) (count)", "12", "19")
	var b strings.Builder
	if err := tb.Write(&b, Options{}); err != nil {
		t.Fatal(err)
	}
	want := `outcome                        afstand  nabijheid
-----------------------------  -------  ---------
Trust (level 0-1)                 0.41       0.63
Exits to work (total) (count)       12         19
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// wideTable has long labels and five columns of twenty characters.
func wideTable() *Table {
	tb := &Table{Head: []string{"outcome", "afstand (distance)", "morele verplichting (moral duty)", "sanctie (sanctions)", "maatwerk (tailored sanctions)", "nabijheid (proximity)"}}
	for i := range 6 {
		tb.AddRow(fmt.Sprintf("A rather long outcome label number %d with its unit (count)", i),
			"61.2k [60.1k, 62.3k]", "61.2k [60.1k, 62.3k]", "-47.20M [-48M, -46M]", "0.523 [0.51, 0.53]", "12.3 [11.0, 13.6]")
	}
	return tb
}

func TestFitsTheWidth(t *testing.T) {
	for _, width := range []int{60, 80, 100, 120} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			var b strings.Builder
			if err := wideTable().Write(&b, Options{Width: width}); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
				if n := runes(line); n > width {
					t.Errorf("line of %d characters, want at most %d: %q", n, width, line)
				}
			}
			// Every value is still there, and every label (wrapped).
			if got := strings.Count(out, "-47.20M"); got != 6 {
				t.Errorf("%d of 6 values of the sanctie column printed", got)
			}
			if got := strings.Count(out, "number 5"); got < 1 {
				t.Errorf("the last label is missing:\n%s", out)
			}
		})
	}
}

func TestBlocksRepeatTheLabels(t *testing.T) {
	var b strings.Builder
	if err := wideTable().Write(&b, Options{Width: 100}); err != nil {
		t.Fatal(err)
	}
	blocks := strings.Split(b.String(), "\n\n")
	if len(blocks) < 2 {
		t.Fatalf("%d block(s) at width 100, want the columns split:\n%s", len(blocks), b.String())
	}
	for i, bl := range blocks {
		if !strings.Contains(bl, "number 0") || !strings.Contains(bl, "outcome") {
			t.Errorf("block %d lacks the labels:\n%s", i, bl)
		}
	}
}

func TestWidePrintsOneBlockOnOneLineEach(t *testing.T) {
	var b strings.Builder
	if err := wideTable().Write(&b, Options{Wide: true, Width: 80}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 2+6 {
		t.Errorf("%d lines, want a header, a rule and 6 rows:\n%s", len(lines), b.String())
	}
	if strings.Contains(b.String(), "\n\n") {
		t.Error("--wide split the table into blocks")
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		s     string
		width int
		want  []string
	}{
		{"short", 10, []string{"short"}},
		{"one two three four", 9, []string{"one two", "  three", "  four"}},
		{"averyveryverylongword next", 5, []string{"averyveryverylongword", "  next"}},
	}
	for _, tt := range tests {
		if got := wrap(tt.s, tt.width, "  ", false); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("wrap(%q, %d) = %q, want %q", tt.s, tt.width, got, tt.want)
		}
	}
}

func TestTextColumnWraps(t *testing.T) {
	tb := Table{Head: []string{"key", "value", "meaning"}, Text: true}
	long := strings.Repeat("a long description of what the parameter means ", 4)
	tb.AddRow("trust.gain_per_contact", "0.05", long)
	tb.AddRow("months", "120", "simulated horizon")
	var b strings.Builder
	if err := tb.Write(&b, Options{Width: 80}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	for _, line := range lines {
		if runes(line) > 80 {
			t.Errorf("line of %d characters: %q", runes(line), line)
		}
	}
	if len(lines) < 5 || !strings.HasPrefix(lines[len(lines)-1], "months") || !strings.HasSuffix(lines[len(lines)-1], "simulated horizon") {
		t.Errorf("the description is not wrapped and left-aligned:\n%s", b.String())
	}
}

func TestParagraph(t *testing.T) {
	var b strings.Builder
	text := "\n" + strings.Repeat("word ", 30) + "end\n"
	if err := Paragraph(&b, text, Options{Width: 40}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.HasPrefix(out, "\nword") || !strings.HasSuffix(out, "end\n\n") {
		t.Errorf("the blank lines around the paragraph are lost: %q", out)
	}
	for _, line := range strings.Split(out, "\n") {
		if runes(line) > 40 {
			t.Errorf("line of %d characters: %q", runes(line), line)
		}
	}
}
