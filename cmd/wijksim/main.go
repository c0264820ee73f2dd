// Command wijksim runs the wijksim model of activating people on social
// assistance. See `wijksim --help` and README.md.
package main

import (
	"os"

	"github.com/wijksim/wijksim/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr, os.Environ()))
}
