package cli

import "testing"

// TestDefaultValidateFolder: without --out, the validation targets and any
// other target file (the trust target, a file of the user's) write to
// different folders, named by the --targets argument and never by the
// file's contents, so that checking one does not replace the results of
// the other and no name leads out of out/.
func TestDefaultValidateFolder(t *testing.T) {
	tests := []struct {
		targets, scenario string
		seed              uint64
		want              string
	}{
		{"validation", "default", 1, "validate-default-seed1"},
		{"validation", "poelenburg", 7, "validate-poelenburg-seed7"},
		{"scenarios/targets/validation.yaml", "default", 1, "validate-default-seed1"},
		{"trust", "default", 1, "validate-trust-default-seed1"},
		{"my-targets.yaml", "assendelft", 2, "validate-my-targets-assendelft-seed2"},
		{"../../up/x.y.yaml", "default", 1, "validate-x-y-default-seed1"},
		{"..", "default", 1, "validate---default-seed1"},
	}
	for _, tc := range tests {
		if got := defaultValidateFolder(tc.targets, tc.scenario, tc.seed); got != tc.want {
			t.Errorf("defaultValidateFolder(%q, %q, %d) = %q, want %q", tc.targets, tc.scenario, tc.seed, got, tc.want)
		}
	}
}

// TestValidateCommand: the header of an updated table names the flags that
// made it, so a trust table is not taken for the validation table.
func TestValidateCommand(t *testing.T) {
	tests := []struct {
		targets, scenario string
		want              string
	}{
		{"validation", "default", "wijksim validate --replicates 20 --seed 1"},
		{"trust", "default", "wijksim validate --targets trust --replicates 20 --seed 1"},
		{"validation", "poelenburg", "wijksim validate --scenario poelenburg --replicates 20 --seed 1"},
	}
	for _, tc := range tests {
		if got := validateCommand(tc.targets, tc.scenario, 20, 1); got != tc.want {
			t.Errorf("validateCommand(%q, %q) = %q, want %q", tc.targets, tc.scenario, got, tc.want)
		}
	}
}
