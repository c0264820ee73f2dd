// Command mutants applies the curated mutants of package sim listed in
// tools/mutants/mutants.yaml, one at a time, to a copy of the module, runs
// the tests of sim on each, and reports which mutants the tests kill. It
// exits with status 1 if any mutant survives, or if a mutant does not apply
// (its text must occur exactly once), so that the list stays current.
//
// Usage, from the module root:
//
//	go run ./tools/mutants [-list tools/mutants/mutants.yaml] [-only id,...] [-timeout 10m]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// mutant is one entry of the list.
type mutant struct {
	ID   string `yaml:"id"`
	What string `yaml:"what"`
	File string `yaml:"file"`
	From string `yaml:"from"`
	To   string `yaml:"to"`
}

func main() {
	list := flag.String("list", "tools/mutants/mutants.yaml", "the curated mutants")
	only := flag.String("only", "", "comma-separated ids to run (default all)")
	timeout := flag.Duration("timeout", 10*time.Minute, "time limit of the tests of one mutant")
	flag.Parse()
	if err := run(*list, *only, *timeout); err != nil {
		fmt.Fprintln(os.Stderr, "mutants:", err)
		os.Exit(1)
	}
}

func run(listPath, only string, timeout time.Duration) error {
	raw, err := os.ReadFile(listPath)
	if err != nil {
		return err
	}
	var ms []mutant
	dec := yaml.NewDecoder(strings.NewReader(string(raw)))
	dec.KnownFields(true)
	if err := dec.Decode(&ms); err != nil {
		return fmt.Errorf("%s: %w", listPath, err)
	}
	if only != "" {
		keep := map[string]bool{}
		for _, id := range strings.Split(only, ",") {
			keep[strings.TrimSpace(id)] = true
		}
		var sel []mutant
		for _, m := range ms {
			if keep[m.ID] {
				sel = append(sel, m)
			}
		}
		ms = sel
	}
	work, err := os.MkdirTemp("", "wijksim-mutants-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	if err := copyModule(".", work); err != nil {
		return fmt.Errorf("copy the module: %w", err)
	}
	// A clean copy must pass, or every mutant would look killed.
	if out, err := testSim(work, timeout); err != nil {
		return fmt.Errorf("the tests of sim fail without any mutant:\n%s", out)
	}
	killed, survived, broken := 0, []string{}, []string{}
	for k, m := range ms {
		path := filepath.Join(work, m.File)
		orig, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if n := strings.Count(string(orig), m.From); n != 1 {
			broken = append(broken, fmt.Sprintf("%s: %q occurs %d times in %s, want once", m.ID, m.From, n, m.File))
			continue
		}
		if err := os.WriteFile(path, []byte(strings.Replace(string(orig), m.From, m.To, 1)), 0o644); err != nil {
			return err
		}
		start := time.Now()
		out, testErr := testSim(work, timeout)
		if err := os.WriteFile(path, orig, 0o644); err != nil {
			return err
		}
		verdict := "killed"
		switch {
		case testErr == nil:
			verdict = "SURVIVED"
			survived = append(survived, m.ID+": "+m.What)
		case strings.Contains(out, "[build failed]") || strings.Contains(out, "[setup failed]"):
			verdict = "does not compile"
			broken = append(broken, m.ID+": the mutant does not compile")
		default:
			killed++
		}
		fmt.Printf("%2d/%d %-24s %-17s %5.1fs  %s\n", k+1, len(ms), m.ID, verdict, time.Since(start).Seconds(), m.What)
	}
	fmt.Printf("\ncurated mutants of sim: %d of %d killed (%.0f%%)\n", killed, len(ms)-len(broken), 100*float64(killed)/float64(max(1, len(ms)-len(broken))))
	for _, s := range survived {
		fmt.Println("  survived:", s)
	}
	for _, b := range broken {
		fmt.Println("  not applied:", b)
	}
	if len(survived) > 0 || len(broken) > 0 {
		return errors.New("not every mutant was killed")
	}
	return nil
}

// testSim runs the tests of sim in the copy and returns their output.
func testSim(dir string, timeout time.Duration) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "test", "-count=1", "-failfast", "./sim/")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// copyModule copies the Go files, go.mod and go.sum, and testdata of the
// module at src into dst, skipping results, tools' node packages and VCS
// folders.
func copyModule(src, dst string) error {
	skip := map[string]bool{".git": true, "out": true, "node_modules": true, "bin": true}
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		if d.IsDir() {
			if skip[d.Name()] && rel != "." {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
}
