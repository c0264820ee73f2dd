package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestPoliciesDocShowsRealOutput runs every command of docs/policies.md
// that reads files of the repository (`$ wijksim ...` in a code block,
// lines ending in \ continued) and checks that the block shows what the
// command prints: its first lines (the doc leaves out the cost table that
// follows), or its first and last lines around a line "...". A change of
// results or of the tables fails here until the page is regenerated.
func TestPoliciesDocShowsRealOutput(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "docs", "policies.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```\n(\\$ wijksim .*?)\n```").FindAllStringSubmatch(string(raw), -1)
	t.Chdir(filepath.Join("..", ".."))
	out := t.TempDir()
	ran := 0
	for _, b := range blocks {
		lines := strings.Split(b[1], "\n")
		cmd := ""
		for len(lines) > 0 {
			l := strings.TrimPrefix(lines[0], "$ ")
			lines = lines[1:]
			cmd += strings.TrimSuffix(strings.TrimSpace(l), "\\") + " "
			if !strings.HasSuffix(l, "\\") {
				break
			}
		}
		if strings.Contains(cmd, "mijn-") { // files the reader writes
			continue
		}
		args := strings.Fields(cmd)[1:]
		for i, a := range args {
			if strings.HasPrefix(a, "out/") {
				args[i] = filepath.Join(out, a)
			}
		}
		t.Run(strings.Join(args[:min(3, len(args))], " "), func(t *testing.T) {
			code, stdout, stderr := wijksim(t, nil, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			got := strings.Split(strings.TrimRight(stdout, "\n"), "\n")
			head, tail := lines, []string(nil)
			for i, l := range lines {
				if l == "..." {
					head, tail = lines[:i], lines[i+1:]
				}
			}
			if len(got) < len(head)+len(tail) {
				t.Fatalf("printed %d lines, the doc shows %d:\n%s", len(got), len(head)+len(tail), stdout)
			}
			for i, want := range head {
				if got[i] != want {
					t.Fatalf("line %d:\n got %q\nwant %q (docs/policies.md)", i+1, got[i], want)
				}
			}
			for i, want := range tail {
				if g := got[len(got)-len(tail)+i]; g != want {
					t.Fatalf("line %d from the end:\n got %q\nwant %q (docs/policies.md)", len(tail)-i, g, want)
				}
			}
		})
		ran++
	}
	if ran < 6 {
		t.Errorf("%d commands of docs/policies.md run; want the example policies and outcomes (at least 6)", ran)
	}
}
