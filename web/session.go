package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/wijksim/wijksim/internal/names"
)

// Bounds of the controls of a running run.
const (
	defaultSpeed = 8    // months per second
	maxSpeed     = 1000 // months per second; 0 means as fast as the server computes
	maxPending   = 24   // single steps queued while paused
)

// session is a created run: its plan, who created it, and the state of its
// controls. The race itself exists only while its event stream is open.
type session struct {
	id     string
	client string
	plan   *plan
	// expiry drops the session if no stream attaches in time; guarded by
	// the Server's mutex together with attached.
	expiry   *time.Timer
	attached bool

	mu      sync.Mutex
	playing bool
	speed   float64
	pending int
	wake    chan struct{}
}

func newSession(id, client string, pl *plan, speed float64, play bool) *session {
	return &session{id: id, client: client, plan: pl, speed: speed, playing: play, wake: make(chan struct{}, 1)}
}

// Control is a request to a running run: action "play", "pause", "step"
// (one month forward, pausing) or "speed" (months per second in Speed; 0
// is as fast as possible).
type Control struct {
	Action string   `json:"action"`
	Speed  *float64 `json:"speed,omitempty"`
}

// ControlState is the state of a run's controls after a Control.
type ControlState struct {
	Playing bool    `json:"playing"`
	Speed   float64 `json:"speed"`
}

// checkSpeed validates a speed in months per second.
func checkSpeed(v float64) error {
	if !(v >= 0 && v <= maxSpeed) {
		return badf("speed %v: out of range; allowed: months per second in [0, %d], 0 for as fast as possible", v, maxSpeed)
	}
	return nil
}

// control applies c and wakes the run.
func (s *session) control(c Control) (ControlState, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch c.Action {
	case "play":
		s.playing = true
	case "pause":
		s.playing, s.pending = false, 0
	case "step":
		s.playing = false
		s.pending = min(s.pending+1, maxPending)
	case "speed":
		if c.Speed == nil {
			return ControlState{}, badf("action speed: missing speed; allowed: months per second in [0, %d]", maxSpeed)
		}
		if err := checkSpeed(*c.Speed); err != nil {
			return ControlState{}, err
		}
		s.speed = *c.Speed
	default:
		return ControlState{}, badf("action %s: unknown; allowed: play, pause, step, speed", names.Quote(c.Action))
	}
	select {
	case s.wake <- struct{}{}:
	default:
	}
	return ControlState{Playing: s.playing, Speed: s.speed}, nil
}

// next reports what the run should do now: step (a single step was asked
// for, which it consumes), or play at a speed, or wait.
func (s *session) next() (step, playing bool, speed float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pending > 0 {
		s.pending--
		return true, false, s.speed
	}
	return false, s.playing, s.speed
}

// startEvent opens a stream: what the page needs to draw the run.
type startEvent struct {
	Run       string       `json:"run"`
	Scenario  string       `json:"scenario"`
	Seed      uint64       `json:"seed"`
	Months    int          `json:"months"`
	Residents int          `json:"residents"`
	Policies  []PolicyInfo `json:"policies"`
	Playing   bool         `json:"playing"`
	Speed     float64      `json:"speed"`
}

// endEvent closes a stream.
type endEvent struct {
	Month  int    `json:"month"`
	Reason string `json:"reason"`
}

// stream runs the race and writes it to out, one "month" event a month,
// paced by the controls, until the horizon ("end" event), or until ctx is
// done (the page closed, the server stops, or the run took too long). It
// returns the month the run reached, for an end event its caller sends.
func (s *session) stream(ctx context.Context, out *eventWriter, keepAlive time.Duration) (int, error) {
	r, err := newRace(s.plan)
	if err != nil {
		return 0, out.send("failure", map[string]string{"error": err.Error()})
	}
	_, playing, speed := s.next()
	start := startEvent{Run: s.id, Scenario: s.plan.Scenario.Name, Seed: s.plan.Config.Seed,
		Months: r.months(), Residents: s.plan.Scenario.Params.Population.Residents, Playing: playing, Speed: speed}
	for _, p := range s.plan.Policies {
		start.Policies = append(start.Policies, policyInfo(p))
	}
	if err := out.send("start", start); err != nil {
		return r.month(), err
	}
	if err := out.send("month", r.frame()); err != nil {
		return r.month(), err
	}
	ping := time.NewTicker(keepAlive)
	defer ping.Stop()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	last := time.Now()
	advance := func() error {
		r.step()
		last = time.Now()
		return out.send("month", r.frame())
	}
	for !r.done() {
		if err := ctx.Err(); err != nil {
			return r.month(), err
		}
		step, playing, speed := s.next()
		var wait time.Duration
		if playing && speed > 0 {
			wait = time.Duration(float64(time.Second)/speed) - time.Since(last)
		}
		if step || (playing && wait <= 0) {
			if err := advance(); err != nil {
				return r.month(), err
			}
			continue
		}
		var tick <-chan time.Time
		if playing {
			timer.Reset(wait)
			tick = timer.C
		}
		select {
		case <-ctx.Done():
			return r.month(), ctx.Err()
		case <-s.wake:
		case <-tick:
			if err := advance(); err != nil {
				return r.month(), err
			}
		case <-ping.C:
			if err := out.comment("keep-alive"); err != nil {
				return r.month(), err
			}
		}
		// Since Go 1.23 a stopped timer delivers no stale tick.
		timer.Stop()
	}
	return r.month(), out.send("end", endEvent{Month: r.month(), Reason: "done"})
}

// eventWriter writes server-sent events, each with its own write deadline
// and flushed at once.
type eventWriter struct {
	w       http.ResponseWriter
	rc      *http.ResponseController
	timeout time.Duration
}

func (e *eventWriter) write(b []byte) error {
	if err := e.rc.SetWriteDeadline(time.Now().Add(e.timeout)); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return err
	}
	if _, err := e.w.Write(b); err != nil {
		return err
	}
	return e.rc.Flush()
}

// send writes one event with v as its JSON data.
func (e *eventWriter) send(event string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s event: %w", event, err)
	}
	b := make([]byte, 0, len(data)+len(event)+16)
	b = append(b, "event: "...)
	b = append(b, event...)
	b = append(b, "\ndata: "...)
	b = append(b, data...)
	b = append(b, "\n\n"...)
	return e.write(b)
}

// comment writes a comment line, which clients ignore.
func (e *eventWriter) comment(text string) error {
	return e.write([]byte(": " + text + "\n\n"))
}
