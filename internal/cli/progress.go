package cli

import (
	"io"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progress reports runs done: a bar with an ETA on a terminal, and plain
// log lines at most every interval otherwise (batch jobs, CI logs).
type progress struct {
	mu       sync.Mutex
	bar      *progressbar.ProgressBar
	log      *slog.Logger
	what     string
	interval time.Duration
	last     time.Time
	start    time.Time
	planned  int
}

func newProgress(w io.Writer, what string, quiet bool) *progress {
	p := &progress{what: what, interval: 10 * time.Second, start: time.Now()}
	switch {
	case quiet:
	case isTerminal(w):
		p.bar = progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription(what),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	default:
		p.log = slog.New(slog.NewTextHandler(w, nil))
	}
	return p
}

// update records that done of planned runs are finished.
func (p *progress) update(done, planned int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		if planned != p.planned {
			p.bar.ChangeMax(planned)
			p.planned = planned
		}
		_ = p.bar.Set(done)
		return
	}
	if p.log == nil {
		return
	}
	now := time.Now()
	if done < planned && now.Sub(p.last) < p.interval {
		return
	}
	p.last = now
	elapsed := now.Sub(p.start)
	var eta time.Duration
	if done > 0 {
		eta = time.Duration(float64(elapsed) / float64(done) * float64(planned-done)).Round(time.Second)
	}
	p.log.Info(p.what, "done", done, "planned", planned, "elapsed", elapsed.Round(time.Second).String(), "eta", eta.String())
}

// finish removes the bar from the terminal.
func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
