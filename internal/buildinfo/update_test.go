package buildinfo

// The -update flag, so that `go test ./... -update` runs here too; this
// package's tests have no golden files of their own.
import _ "github.com/wijksim/wijksim/internal/golden"
