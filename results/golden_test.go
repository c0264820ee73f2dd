package results

import (
	"strconv"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/internal/golden"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

// goldenMonths is the horizon of the golden runs: short enough to be quick,
// long enough for sanctions, exits and re-entries to happen.
const goldenMonths = 24

// TestEndOfRunGolden pins the end-of-run statistics of every built-in
// policy on every embedded scenario (seed 1, replicate 0, 24 months): every
// monthly outcome at the end, the first year, what became of those who
// left, and the outcomes by kind of resident. Any change to the model's
// results shows here; a deliberate one regenerates the file with -update.
func TestEndOfRunGolden(t *testing.T) {
	var b strings.Builder
	b.WriteString("scenario,policy,part,outcome,value\n")
	for _, name := range scenarios.Names() {
		sc, err := scenarios.Load(name, scenarios.Options{Set: []string{"months=" + strconv.Itoa(goldenMonths)}})
		if err != nil {
			t.Fatal(err)
		}
		for _, pol := range policies.Builtins() {
			m, err := sim.New(sc.Params, pol.Policy, 1, 0, sim.Options{})
			if err != nil {
				t.Fatal(err)
			}
			m.Run()
			s := Summarize(FromModel(sc, m, 1, 0))
			write := func(part string, ms Metrics) {
				for _, x := range ms {
					b.WriteString(name + "," + pol.Name + "," + part + "," + x.Name + ",")
					b.Write(formatValue(nil, x.Value, false))
					b.WriteByte('\n')
				}
			}
			write("end", s.End)
			write("first_year", s.FirstYear)
			write("after_exit", s.AfterExit)
			for _, k := range s.ByKind {
				write("kind:"+k.Kind, k.Outcomes)
			}
		}
	}
	golden.Check(t, "end_of_run", []byte(b.String()))
}
