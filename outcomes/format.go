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
// without the sign of the unit; change gives the bounds their signs. Both
// bounds are written to the same precision, that of the larger one
// (Short), so that an interval reads [-6.7, +0.3], not [-6.7, +0.269];
// whole bounds below 10,000 are written without decimals (sharedFormat).
func (o Outcome) FormatInterval(lo, hi float64, change bool) string {
	return interval(o.sharedFormat(change, lo, hi), lo, hi)
}

// interval writes "[lo, hi]" with f, without the sign of a share's unit.
func interval(f func(float64) string, lo, hi float64) string {
	bare := func(x float64) string {
		return strings.TrimSuffix(strings.TrimSuffix(f(x), " pp"), "%")
	}
	return "[" + bare(lo) + ", " + bare(hi) + "]"
}

// FormatEstimate writes an estimate with its 95% interval, "mean [lo,
// hi]", all three to the precision of the largest (see FormatInterval);
// change writes a difference (FormatChange). An undefined interval (NaN
// bounds) leaves the mean alone.
func (o Outcome) FormatEstimate(mean, lo, hi float64, change bool) string {
	value, iv := o.FormatParts(mean, lo, hi, change)
	if iv == "" {
		return value
	}
	return value + " " + iv
}

// FormatParts is FormatEstimate in its two parts, for a table that writes
// the interval under the estimate: the estimate, and its interval, empty
// when undefined (NaN bounds).
func (o Outcome) FormatParts(mean, lo, hi float64, change bool) (value, iv string) {
	if math.IsNaN(lo) || math.IsNaN(hi) {
		if change {
			return o.FormatChange(mean), ""
		}
		return o.Format(mean), ""
	}
	f := o.sharedFormat(change, mean, lo, hi)
	return f(mean), interval(f, lo, hi)
}

// sharedFormat returns the formatter of the outcome's numbers xs written
// side by side: Format or FormatChange, with numbers other than shares and
// levels (which have fixed decimals) at the precision of the largest
// finite one of xs, unless all are whole and below 10,000. A number that
// precision would round to zero is written at its own (Short), so that a
// small bound keeps its size and sign: [+0.030, +6.4], not [0.0, +6.4].
func (o Outcome) sharedFormat(change bool, xs ...float64) func(float64) string {
	f := o.Format
	if change {
		f = o.FormatChange
	}
	if o.Unit == Share || o.Unit == Level {
		return f
	}
	scale, whole := 0.0, true
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			continue
		}
		scale = max(scale, math.Abs(x))
		whole = whole && x == math.Trunc(x)
	}
	if whole && scale < 1e4 {
		return f
	}
	return func(x float64) string {
		s := shortAt(x, scale)
		if x != 0 && !math.IsNaN(x) && !math.IsInf(x, 0) && strings.Trim(s, "-0.kM") == "" {
			s = Short(x)
		}
		if change {
			return signed(s)
		}
		return s
	}
}

// Short writes x with about three significant digits: 1.23M, 12.3k, 123,
// 12.3, 0.123; a whole number below 10,000 without decimals.
func Short(x float64) string {
	if x == math.Trunc(x) && math.Abs(x) < 1e4 {
		return strconv.FormatFloat(x, 'f', 0, 64)
	}
	return shortAt(x, math.Abs(x))
}

// shortAt writes x with the precision Short gives a number of the size
// scale: the bounds of an interval share the precision of the larger.
func shortAt(x, scale float64) string {
	ax := scale
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return "-"
	case ax >= 1e6:
		return strconv.FormatFloat(x/1e6, 'f', 2, 64) + "M"
	case ax >= 1e4:
		return strconv.FormatFloat(x/1e3, 'f', 1, 64) + "k"
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
