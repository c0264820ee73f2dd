package cli

import "testing"

// TestDefaultValidateFolder: without --out, the validation targets and any
// other target file (the trust target) write to different folders, so that
// checking one does not replace the results of the other.
func TestDefaultValidateFolder(t *testing.T) {
	tests := []struct {
		targets, scenario string
		seed              uint64
		want              string
	}{
		{"validation", "default", 1, "validate-default-seed1"},
		{"validation", "poelenburg", 7, "validate-poelenburg-seed7"},
		{"trust", "default", 1, "validate-trust-default-seed1"},
		{"my-targets", "assendelft", 2, "validate-my-targets-assendelft-seed2"},
	}
	for _, tc := range tests {
		if got := defaultValidateFolder(tc.targets, tc.scenario, tc.seed); got != tc.want {
			t.Errorf("defaultValidateFolder(%q, %q, %d) = %q, want %q", tc.targets, tc.scenario, tc.seed, got, tc.want)
		}
	}
}
