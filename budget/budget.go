// Package budget estimates, before anything is allocated, the memory and
// the processor time that simulation runs will take, from their
// parameters, and refuses what exceeds the limits with an error that says
// the estimate, the limit and how to raise it.
//
// The estimates are deliberately simple: memory grows with the resident
// slots of a run (residents at the start plus the inflow over the run),
// time with resident-months. The constants behind them are measured on
// the model (budget_test.go checks them against real allocations), so the
// estimates are upper bounds of the order of magnitude, not predictions to
// the megabyte. They exist to turn an input that would crash the process
// (an out-of-memory kill cannot be caught) or run for years into a clear
// error up front.
package budget

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"unsafe"

	"github.com/dustin/go-humanize"

	"github.com/wijksim/wijksim/sim"
)

// Measured costs of the model, with a margin (see budget_test.go).
const (
	// BytesPerSlot is the memory of one resident slot of a run.
	BytesPerSlot = 340
	// RunOverheadBytes is the memory of a run besides its residents.
	RunOverheadBytes = 64 << 10
	// EventBytesPerResidentMonth is the event log's memory per
	// resident-month, when a run keeps it.
	EventBytesPerResidentMonth = 1.5
	// SecondsPerResidentMonth is the processor time of one resident-month.
	SecondsPerResidentMonth = 100e-9
)

// Limits bound what a command may plan to use. A zero field means no limit.
type Limits struct {
	// MaxMemory is the memory, in bytes, that the runs at once and the
	// bookkeeping of a command may take together.
	MaxMemory int64
	// MaxCoreHours is the processor time, in core-hours, a command may plan.
	MaxCoreHours float64
}

// Validate reports a limit that cannot be met: a negative one or NaN.
func (l Limits) Validate() error {
	if l.MaxMemory < 0 {
		return fmt.Errorf("--max-memory %d; allowed: a positive size", l.MaxMemory)
	}
	if !(l.MaxCoreHours >= 0) {
		return fmt.Errorf("--max-core-hours %v; allowed: a positive number (0: no limit)", l.MaxCoreHours)
	}
	return nil
}

// Default limits of the command line: 4 GiB and 1,000 core-hours, far
// above what the examples need and below what crashes a laptop.
const (
	DefaultMaxMemory    = 4 << 30
	DefaultMaxCoreHours = 1000
)

// DefaultLimits returns the limits of the command line.
func DefaultLimits() Limits {
	return Limits{MaxMemory: DefaultMaxMemory, MaxCoreHours: DefaultMaxCoreHours}
}

// Cost is an estimate of memory and processor time. Bytes is a float64 so
// that sums and products of huge inputs cannot overflow.
type Cost struct {
	Bytes       float64
	CoreSeconds float64
}

// Add returns the sum of two costs.
func (c Cost) Add(d Cost) Cost {
	return Cost{Bytes: c.Bytes + d.Bytes, CoreSeconds: c.CoreSeconds + d.CoreSeconds}
}

// Slots returns the resident slots of a run: the residents at the start
// plus the inflow over the run. It is a float64, to be safe from overflow.
func Slots(p *sim.Params) float64 {
	return float64(p.Population.Residents) + float64(p.Population.InflowPerMonth)*float64(p.Months)
}

// Run estimates one run with parameters p, keeping its event log or not.
func Run(p *sim.Params, events bool) Cost {
	slots := Slots(p)
	rm := slots * float64(p.Months)
	bytes := slots*BytesPerSlot + RunOverheadBytes + float64(p.Months+1)*float64(unsafe.Sizeof(sim.MonthStats{}))
	if events {
		bytes += rm * EventBytesPerResidentMonth
	}
	return Cost{Bytes: bytes, CoreSeconds: rm * SecondsPerResidentMonth}
}

// Exceeded is the error of a run or a plan over the limits. A sweep
// records a run refused so as failed, and runs it again when it is resumed
// with higher limits.
type Exceeded struct{ msg string }

func (e *Exceeded) Error() string { return e.msg }

func exceeded(format string, args ...any) error {
	return &Exceeded{msg: fmt.Sprintf(format, args...)}
}

// IsExceeded reports whether err is, or wraps, an Exceeded error.
func IsExceeded(err error) bool {
	var e *Exceeded
	return errors.As(err, &e)
}

// CheckRun refuses a single run whose memory exceeds the limit, naming the
// parameters that make it large. what names the run in the error.
func (l Limits) CheckRun(what string, p *sim.Params, events bool) error {
	c := Run(p, events)
	if l.MaxMemory > 0 && c.Bytes > float64(l.MaxMemory) {
		return exceeded("%s: population.residents %d + population.inflow_per_month %d x months %d = %s resident slots need about %s of memory; allowed: %s; lower them, or raise the limit with --max-memory %s if the machine has that memory",
			what, p.Population.Residents, p.Population.InflowPerMonth, p.Months, humanize.Comma(int64(math.Min(Slots(p), math.MaxInt64))),
			Size(c.Bytes), Size(float64(l.MaxMemory)), suggestSize(c.Bytes))
	}
	return nil
}

// Check refuses a plan whose cost exceeds the limits. what says what the
// plan is ("sweep x: 1,000 runs"), used in the error.
func (l Limits) Check(what string, c Cost) error {
	if l.MaxMemory > 0 && c.Bytes > float64(l.MaxMemory) {
		return exceeded("%s need about %s of memory; allowed: %s; make it smaller, or raise the limit with --max-memory %s if the machine has that memory",
			what, Size(c.Bytes), Size(float64(l.MaxMemory)), suggestSize(c.Bytes))
	}
	if hours := c.CoreSeconds / 3600; l.MaxCoreHours > 0 && hours > l.MaxCoreHours {
		return exceeded("%s take about %s core-hours; allowed: %s; make it smaller, split it over a cluster (wijksim slurm), or raise the limit with --max-core-hours %s",
			what, Hours(hours), Hours(l.MaxCoreHours), Hours(math.Ceil(hours*1.1)))
	}
	return nil
}

// Size formats a number of bytes for people, in powers of 1024: "4.0 GiB".
func Size(b float64) string {
	if b >= math.MaxUint64/2 {
		return fmt.Sprintf("%.3g bytes", b)
	}
	return humanize.IBytes(uint64(b))
}

// Hours formats a number of core-hours: "0.02", "1,234", "5.6e+08".
func Hours(h float64) string {
	switch {
	case h < 10:
		return fmt.Sprintf("%.2g", h)
	case h < 1e12:
		return humanize.Comma(int64(h))
	default:
		return fmt.Sprintf("%.2g", h)
	}
}

// suggestSize is a --max-memory value just above b, for the error.
func suggestSize(b float64) string {
	g := math.Ceil(b * 1.1 / (1 << 30))
	if g > 1e9 {
		return fmt.Sprintf("%.0fG", g)
	}
	return fmt.Sprintf("%dG", int64(g))
}

// ParseSize reads a memory size such as "4G", "512MiB", "1.5GB" or
// "1000000000"; a unit of K, M, G or T counts in powers of 1024, as
// Slurm's --mem does, and KB, MB, GB, TB in powers of 1000.
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	// humanize reads "G" as 10^9: make the single letters binary, like
	// Slurm and ulimit.
	if n := len(t); n > 0 {
		switch last := t[n-1]; last {
		case 'K', 'k', 'M', 'm', 'G', 'g', 'T', 't':
			t += "iB"
		}
	}
	v, err := humanize.ParseBytes(t)
	if err != nil || v == 0 || v > math.MaxInt64 {
		return 0, fmt.Errorf("size %q; allowed: a positive size such as 4G, 512M or 1.5GiB", s)
	}
	return int64(v), nil
}
