package termtable_test

import (
	"os"

	"github.com/wijksim/wijksim/termtable"
)

func ExampleTable_Write() {
	t := termtable.Table{Head: []string{"Outcome at the end", "afstand", "nabijheid"}}
	t.AddRow("Trust (level 0-1)", "0.305", "0.430")
	t.AddRow("Exits to work (total) (count)", "9", "10")
	_ = t.Write(os.Stdout, termtable.Options{Width: 40})
	// Output:
	// Outcome at the
	// end               afstand  nabijheid
	// ----------------  -------  ---------
	// Trust (level        0.305      0.430
	//   0-1)
	// Exits to work           9         10
	//   (total)
	//   (count)
}
