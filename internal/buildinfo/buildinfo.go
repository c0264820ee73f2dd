// Package buildinfo reports the version of the running wijksim binary.
package buildinfo

import (
	"runtime"
	"runtime/debug"
)

// Version returns the module version, or for a development build the VCS
// revision, with "+dirty" when the working tree had local changes.
func Version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if v == "" || v == "(devel)" {
		v = "devel"
		if rev != "" {
			v += "-" + rev
		}
		if modified == "true" {
			v += "+dirty"
		}
	}
	return v
}

// GoVersion returns the Go release the binary was built with.
func GoVersion() string { return runtime.Version() }
