package golden

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	tests := []struct {
		want, got string
		says      string
	}{
		{"a\nb\nc\n", "a\nx\nc\n", "line 2"},
		{"a\nb", "a\nb\nc", "2 lines in the golden file, 3 now"},
		{"a\nb\n", "a\nb\nc\n", "line 3"},
	}
	for _, tt := range tests {
		if d := Diff([]byte(tt.want), []byte(tt.got)); !strings.Contains(d, tt.says) {
			t.Errorf("Diff(%q, %q) = %q, want it to say %q", tt.want, tt.got, d, tt.says)
		}
	}
}

// TestEveryPackageTakesTheUpdateFlag: `go test ./... -update` fails in any
// package whose tests do not define -update, so every package with tests
// imports this one from a test file.
func TestEveryPackageTakesTheUpdateFlag(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	const self = "github.com/wijksim/wijksim/internal/golden"
	out, err := exec.Command(gobin, "list", "-f", `{{.ImportPath}}|{{len .TestGoFiles}}|{{len .XTestGoFiles}}|{{join .TestImports " "}} {{join .XTestImports " "}}`, "github.com/wijksim/wijksim/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.SplitN(line, "|", 4)
		if len(f) != 4 || f[0] == self || f[1] == "0" && f[2] == "0" {
			continue
		}
		checked++
		if !slices.Contains(strings.Fields(f[3]), self) {
			t.Errorf("%s: its tests do not import %s, so `go test ./... -update` fails there", f[0], self)
		}
	}
	if checked < 10 {
		t.Errorf("only %d packages with tests found", checked)
	}
}
