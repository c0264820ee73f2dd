package web

import (
	"fmt"
	"time"
)

// Limits bound what requests may ask of a Server. The zero value is not
// useful; start from DefaultLimits and change what you need.
type Limits struct {
	// MaxResidents is the largest population at month 0 a run may have.
	MaxResidents int
	// MaxMonths is the longest horizon a run may have.
	MaxMonths int
	// MaxRuns is how many runs may exist at once over all clients; a run
	// exists from its creation until its event stream ends.
	MaxRuns int
	// MaxRunsPerClient is how many runs one client (remote IP address) may
	// have at once.
	MaxRunsPerClient int
	// MaxBodyBytes is the largest request body accepted.
	MaxBodyBytes int64
	// MaxRunDuration ends a run's event stream after this long, paused or
	// not, so that a forgotten page does not hold a run forever.
	MaxRunDuration time.Duration
	// AttachTimeout drops a created run whose event stream has not been
	// opened within this time.
	AttachTimeout time.Duration
	// WriteTimeout bounds the writing of one event to a client; a client
	// that does not read ends its run.
	WriteTimeout time.Duration
	// KeepAlive is the interval of comment lines sent on an idle stream, so
	// that a closed page is noticed while the run is paused.
	KeepAlive time.Duration
}

// DefaultLimits are the limits of `wijksim serve`: class-sized runs (at
// most 5,000 residents and 240 months), 64 runs at once, 8 per client.
func DefaultLimits() Limits {
	return Limits{
		MaxResidents:     5000,
		MaxMonths:        240,
		MaxRuns:          64,
		MaxRunsPerClient: 8,
		MaxBodyBytes:     16 << 10,
		MaxRunDuration:   2 * time.Hour,
		AttachTimeout:    15 * time.Second,
		WriteTimeout:     10 * time.Second,
		KeepAlive:        15 * time.Second,
	}
}

// check reports a limit that cannot work.
func (l Limits) check() error {
	switch {
	case l.MaxResidents < 1:
		return fmt.Errorf("limits: MaxResidents %d; allowed: at least 1", l.MaxResidents)
	case l.MaxMonths < 1:
		return fmt.Errorf("limits: MaxMonths %d; allowed: at least 1", l.MaxMonths)
	case l.MaxRuns < 1 || l.MaxRunsPerClient < 1:
		return fmt.Errorf("limits: MaxRuns %d, MaxRunsPerClient %d; allowed: at least 1 each", l.MaxRuns, l.MaxRunsPerClient)
	case l.MaxBodyBytes < 1024:
		return fmt.Errorf("limits: MaxBodyBytes %d; allowed: at least 1024", l.MaxBodyBytes)
	case l.MaxRunDuration <= 0 || l.AttachTimeout <= 0 || l.WriteTimeout <= 0 || l.KeepAlive <= 0:
		return fmt.Errorf("limits: MaxRunDuration, AttachTimeout, WriteTimeout and KeepAlive must be positive")
	}
	return nil
}
