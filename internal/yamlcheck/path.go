package yamlcheck

import (
	"os"
	"path"
	"strings"
)

// IsPath reports whether ref names a file rather than something embedded
// in the binary (a built-in scenario or policy): it ends in .yaml or .yml,
// holds a path separator, or names an existing file.
func IsPath(ref string) bool {
	if ext := path.Ext(ref); ext == ".yaml" || ext == ".yml" {
		return true
	}
	if strings.ContainsRune(ref, os.PathSeparator) || strings.ContainsRune(ref, '/') {
		return true
	}
	st, err := os.Stat(ref)
	return err == nil && !st.IsDir()
}
