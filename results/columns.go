package results

import (
	"math"
	"strconv"

	"github.com/wijksim/wijksim/outcomes"
	"github.com/wijksim/wijksim/sim"
)

// Column is one variable of the monthly series.
type Column struct {
	Name string
	Unit string
	Doc  string
	// Integer columns are counts and are written without a decimal point.
	Integer bool
	Value   func(*sim.MonthStats) float64
}

// MonthColumns returns the variables of the monthly series, in file order:
// the month, then every monthly series of the outcome registry.
func MonthColumns() []Column {
	series := outcomes.Series()
	cols := make([]Column, 0, 1+len(series))
	cols = append(cols, Column{Name: "month", Unit: "month", Doc: "months since the start; 0 is the initial state", Integer: true,
		Value: func(s *sim.MonthStats) float64 { return float64(s.Month) }})
	for _, o := range series {
		cols = append(cols, Column{Name: o.Key, Unit: o.Unit.Key, Doc: o.Doc, Integer: o.Integer(), Value: o.Value})
	}
	return cols
}

// formatValue writes x in its shortest exact form; NaN is "NA", which R and
// pandas read as missing.
func formatValue(buf []byte, x float64, integer bool) []byte {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return append(buf, "NA"...)
	case integer:
		return strconv.AppendInt(buf, int64(x), 10)
	default:
		return AppendDouble(buf, x)
	}
}
