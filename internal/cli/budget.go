package cli

import (
	"github.com/spf13/pflag"

	"github.com/wijksim/wijksim/budget"
)

// sizeValue is a memory size flag such as --max-memory 8G.
type sizeValue struct{ bytes *int64 }

func (v sizeValue) String() string {
	if v.bytes == nil {
		return ""
	}
	return budget.Size(float64(*v.bytes))
}

func (v sizeValue) Set(s string) error {
	b, err := budget.ParseSize(s)
	if err != nil {
		return err
	}
	*v.bytes = b
	return nil
}

func (v sizeValue) Type() string { return "size" }

// addLimitFlags adds --max-memory and --max-core-hours, which bound what a
// command may plan, to fl, with the defaults of budget.DefaultLimits.
func addLimitFlags(fl *pflag.FlagSet, lim *budget.Limits) {
	*lim = budget.DefaultLimits()
	fl.Var(sizeValue{&lim.MaxMemory}, "max-memory", "memory the runs at once and their bookkeeping may take, e.g. 8G or 512M; larger inputs are refused before they run")
	fl.Float64Var(&lim.MaxCoreHours, "max-core-hours", lim.MaxCoreHours, "processor time the command may plan, in core-hours; longer plans are refused before they run")
}
