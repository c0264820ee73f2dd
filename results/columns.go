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
	// Value reads the column from a month's statistics; Derive, set
	// instead for an outcome of an outcome file, computes the column for
	// every month of a run.
	Value  func(*sim.MonthStats) float64
	Derive func([]sim.MonthStats) []float64
}

// Values returns the column's value in each month of stats.
func (c Column) Values(stats []sim.MonthStats) []float64 {
	if c.Derive != nil {
		return c.Derive(stats)
	}
	out := make([]float64, len(stats))
	for t := range stats {
		out[t] = c.Value(&stats[t])
	}
	return out
}

// MonthColumns returns the variables of the monthly series of the built-in
// outcomes, in file order (Columns of the built-in registry).
func MonthColumns() []Column { return Columns(nil) }

// Columns returns the variables of the monthly series, in file order: the
// month, then every monthly series of the outcome registry reg (nil: the
// built-in one), those of outcome files last.
func Columns(reg *outcomes.Registry) []Column {
	series := reg.Series()
	cols := make([]Column, 0, 1+len(series))
	cols = append(cols, Column{Name: "month", Unit: "month", Doc: "months since the start; 0 is the initial state", Integer: true,
		Value: func(s *sim.MonthStats) float64 { return float64(s.Month) }})
	for _, o := range series {
		cols = append(cols, Column{Name: o.Key, Unit: o.Unit.Key, Doc: o.Doc, Integer: o.Integer(), Value: o.Value, Derive: o.Derive})
	}
	return cols
}

// columnTable holds each column's values for each month of a run, working
// out the columns of outcome files once.
type columnTable struct {
	cols    []Column
	stats   []sim.MonthStats
	derived [][]float64
}

func newColumnTable(cols []Column, stats []sim.MonthStats) *columnTable {
	ct := &columnTable{cols: cols, stats: stats, derived: make([][]float64, len(cols))}
	for j, c := range cols {
		if c.Derive != nil {
			ct.derived[j] = c.Derive(stats)
		}
	}
	return ct
}

// at returns column j in month t.
func (ct *columnTable) at(j, t int) float64 {
	if d := ct.derived[j]; d != nil {
		return d[t]
	}
	return ct.cols[j].Value(&ct.stats[t])
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
