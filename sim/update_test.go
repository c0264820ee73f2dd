package sim

// The -update flag, so that `go test ./... -update` runs here too; sim's
// tests have no golden files of their own. Only this test file imports
// a project package (one without dependencies of its own): sim's code
// imports none.
import _ "github.com/wijksim/wijksim/internal/golden"
