package outcomes

import (
	"math"
	"strconv"
	"strings"
)

// Format writes a value of the outcome for a table: shares as percentages,
// levels with three decimals, other numbers with about three significant
// digits (whole ones without decimals, large ones as 12.3k and 1.23M), and
// an undefined value (NaN) as "-".
func (o Outcome) Format(x float64) string {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return "-"
	case o.Unit == Share:
		return strconv.FormatFloat(100*x, 'f', 1, 64) + "%"
	case o.Unit == Level:
		return strconv.FormatFloat(x, 'f', 3, 64)
	}
	return Short(x)
}

// FormatChange writes a difference of the outcome with its sign: shares in
// percentage points (pp), the rest as Format does.
func (o Outcome) FormatChange(d float64) string {
	switch {
	case math.IsNaN(d) || math.IsInf(d, 0):
		return "-"
	case o.Unit == Share:
		return signed(strconv.FormatFloat(100*d, 'f', 1, 64)) + " pp"
	}
	return signed(o.Format(d))
}

// FormatInterval writes a 95% interval as "[lo, hi]" in the outcome's
// unit, shares in percent (of a level) or percentage points (of a change)
// without the sign of the unit; change gives the bounds their signs.
func (o Outcome) FormatInterval(lo, hi float64, change bool) string {
	f := o.Format
	if change {
		f = o.FormatChange
	}
	bare := func(x float64) string {
		s := f(x)
		return strings.TrimSuffix(strings.TrimSuffix(s, " pp"), "%")
	}
	return "[" + bare(lo) + ", " + bare(hi) + "]"
}

// Short writes x with about three significant digits: 1.23M, 12.3k, 123,
// 12.3, 0.123; a whole number below 10,000 without decimals.
func Short(x float64) string {
	ax := math.Abs(x)
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return "-"
	case ax >= 1e6:
		return strconv.FormatFloat(x/1e6, 'f', 2, 64) + "M"
	case ax >= 1e4:
		return strconv.FormatFloat(x/1e3, 'f', 1, 64) + "k"
	case x == math.Trunc(x):
		return strconv.FormatFloat(x, 'f', 0, 64)
	case ax >= 100:
		return strconv.FormatFloat(x, 'f', 0, 64)
	case ax >= 1:
		return strconv.FormatFloat(x, 'f', 1, 64)
	default:
		return strconv.FormatFloat(x, 'f', 3, 64)
	}
}

func signed(s string) string {
	if strings.HasPrefix(s, "-") || s == "0" || strings.Trim(s, "0.%kM") == "" {
		return s
	}
	return "+" + s
}
