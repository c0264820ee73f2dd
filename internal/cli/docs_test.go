package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/scenarios"
)

// TestDocsCitePublicationsNotFiles: the documentation cites the field
// documents as publications (docs/ODD.md section 11), never as files that
// are not in the repository or as notes that were never published.
func TestDocsCitePublicationsNotFiles(t *testing.T) {
	root := filepath.Join("..", "..")
	paths, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	paths = append(paths, filepath.Join(root, "README.md"), filepath.Join(root, "scenarios", "targets", "nl-benefit.yaml"))
	texts := map[string]string{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts[p] = string(b)
	}
	var table bytes.Buffer
	if err := scenarios.WriteParamMarkdown(&table); err != nil {
		t.Fatal(err)
	}
	texts["wijksim params --markdown"] = table.String()
	if len(texts) < 6 {
		t.Fatalf("found only %d documents to check", len(texts))
	}
	for name, text := range texts {
		for _, bad := range []string{"seeds/", "MODEL.md", "issue brief", "given in the issue", "issue:"} {
			if i := strings.Index(text, bad); i >= 0 {
				line := strings.Count(text[:i], "\n") + 1
				t.Errorf("%s:%d cites %q, not a publication", name, line, bad)
			}
		}
	}
}
