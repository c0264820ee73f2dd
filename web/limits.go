package web

import (
	"fmt"
	"strings"
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
	// MaxBodyBytes is the largest request body accepted; a run's request
	// carries the policy files the page loaded.
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
	// ReadHeaderTimeout bounds the reading of a request's headers,
	// ReadTimeout the reading of a whole request, body included, and
	// RequestWriteTimeout the writing of an answer other than an event
	// stream (which sets a deadline per event instead), so that clients
	// that send or read nothing do not hold connections open.
	ReadHeaderTimeout   time.Duration
	ReadTimeout         time.Duration
	RequestWriteTimeout time.Duration
	// AllowedHosts are host names, besides IP addresses and localhost,
	// under which the page may be opened, such as a classroom computer's
	// name. Requests naming another host are refused, so that a web page
	// elsewhere cannot reach the server through a name of its own that
	// resolves here (DNS rebinding).
	AllowedHosts []string
}

// DefaultLimits are the limits of `wijksim serve`: class-sized runs (at
// most 5,000 residents and 240 months), 64 runs at once, 8 per client.
func DefaultLimits() Limits {
	return Limits{
		MaxResidents:     5000,
		MaxMonths:        240,
		MaxRuns:          64,
		MaxRunsPerClient: 8,
		MaxBodyBytes:     256 << 10,
		MaxRunDuration:   2 * time.Hour,
		AttachTimeout:    15 * time.Second,
		WriteTimeout:     10 * time.Second,
		KeepAlive:        15 * time.Second,

		ReadHeaderTimeout:   5 * time.Second,
		ReadTimeout:         15 * time.Second,
		RequestWriteTimeout: 30 * time.Second,
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
	case l.MaxRunDuration <= 0 || l.AttachTimeout <= 0 || l.WriteTimeout <= 0 || l.KeepAlive <= 0 || l.ReadHeaderTimeout <= 0 || l.ReadTimeout <= 0 || l.RequestWriteTimeout <= 0:
		return fmt.Errorf("limits: MaxRunDuration, AttachTimeout, WriteTimeout, KeepAlive, ReadHeaderTimeout, ReadTimeout and RequestWriteTimeout must be positive")
	}
	for _, h := range l.AllowedHosts {
		if h == "" || strings.ContainsAny(h, ":/ ") {
			return fmt.Errorf("limits: allowed host %q; allowed: a host name without port, such as klas-3.local", h)
		}
	}
	return nil
}
