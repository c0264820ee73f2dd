package main

import (
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestMakeBuildIsStatic builds the binary as `make build` does and checks
// that it is statically linked: no program interpreter (the dynamic
// loader, whose glibc version older cluster nodes lack) and no dynamic
// section. docs/cluster.md promises a binary that runs on any x86-64 Linux.
func TestMakeBuildIsStatic(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the static ELF binary is built and checked on Linux")
	}
	makeCmd, err := exec.LookPath("make")
	if err != nil {
		t.Fatalf("make is not installed: %v", err)
	}
	goCmd := filepath.Join(runtime.GOROOT(), "bin", "go")
	bin := filepath.Join(t.TempDir(), "wijksim")
	cmd := exec.Command(makeCmd, "-C", filepath.Join("..", ".."), "build", "BIN="+bin, "GO="+goCmd)
	// The test may run with CGO_ENABLED=1 (the race detector needs it): the
	// Makefile must turn cgo off itself.
	cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("make build: %v\n%s", err, out)
	}

	f, err := elf.Open(bin)
	if err != nil {
		t.Fatalf("open the built binary: %v", err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		switch p.Type {
		case elf.PT_INTERP:
			t.Errorf("%s has a program interpreter (PT_INTERP): it is dynamically linked", bin)
		case elf.PT_DYNAMIC:
			t.Errorf("%s has a dynamic section (PT_DYNAMIC): it is dynamically linked", bin)
		}
	}
	if libs, err := f.ImportedLibraries(); err == nil && len(libs) > 0 {
		t.Errorf("%s needs shared libraries %v", bin, libs)
	}

	// What the issue asks of `file bin/wijksim`, where file is installed.
	if file, err := exec.LookPath("file"); err == nil {
		out, err := exec.Command(file, bin).Output()
		if err != nil {
			t.Fatalf("file %s: %v", bin, err)
		}
		if !strings.Contains(string(out), "statically linked") {
			t.Errorf("file says %q, want a statically linked binary", strings.TrimSpace(string(out)))
		}
	}
}
