package cli

import (
	"strings"
	"testing"
)

// TestCompletionHasExamples: `completion` and its subcommand for each shell
// show examples in their --help, as every other command does.
func TestCompletionHasExamples(t *testing.T) {
	for _, args := range [][]string{
		{"completion", "--help"},
		{"completion", "bash", "--help"},
		{"completion", "zsh", "--help"},
		{"completion", "fish", "--help"},
		{"completion", "powershell", "--help"},
	} {
		code, out, stderr := wijksim(t, nil, args...)
		if code != 0 {
			t.Errorf("wijksim %s: exit %d: %s", strings.Join(args, " "), code, stderr)
			continue
		}
		if !strings.Contains(out, "Examples:") || !strings.Contains(out, "wijksim completion") {
			t.Errorf("wijksim %s lacks examples:\n%s", strings.Join(args, " "), out)
		}
	}
	// The completion script itself still comes out.
	code, out, stderr := wijksim(t, nil, "completion", "bash")
	if code != 0 || !strings.Contains(out, "bash completion") {
		t.Errorf("wijksim completion bash: exit %d, %s\n%.300s", code, stderr, out)
	}
}
