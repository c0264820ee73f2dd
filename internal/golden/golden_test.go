package golden

import (
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
