package cli

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// TestDocCommentsSitOnTheirFunctions checks that every exported function of
// the module has a doc comment and that each function's doc comment begins
// with its name, so that `go doc` prints the documentation of the function
// asked for and not of a helper above it.
func TestDocCommentsSitOnTheirFunctions(t *testing.T) {
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || !fd.Name.IsExported() {
				continue
			}
			if fd.Doc == nil {
				if fd.Recv == nil {
					t.Errorf("%s: exported function %s has no doc comment", fset.Position(fd.Pos()), fd.Name.Name)
				}
				continue
			}
			words := strings.Fields(fd.Doc.Text())
			if first := strings.TrimRight(words[0], ",:"); first != fd.Name.Name {
				t.Errorf("%s: the doc comment above %s begins with %q: it belongs elsewhere", fset.Position(fd.Pos()), fd.Name.Name, words[0])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
