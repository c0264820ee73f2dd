package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Bounds of the load test.
const (
	loadClients = 200
	// loadTimeout guards against a hang; it is no speed requirement, so it
	// is far above what the test takes on a busy 2-core machine.
	loadTimeout  = 5 * time.Minute
	heapInUseMax = 128 << 20 // bytes; runtime.MemStats.HeapInuse while 200 clients run
)

// TestLoad200Clients starts the handler on 127.0.0.1 and lets 200 clients
// at once each create a short run and read its stream: half read to the
// end at full speed, half read five months of a paced run and close the
// page. Every client must be served or cleanly refused with 429 (all
// clients share the loopback address, so the per-client limit matters),
// no request may fail otherwise, every run must be gone afterwards, and
// the heap in use must stay under heapInUseMax.
func TestLoad200Clients(t *testing.T) {
	// The server's clocks (a created run must be attached within
	// AttachTimeout, an event written within WriteTimeout, a request read
	// and answered within the read and write timeouts) are set to the
	// test's budget: on a loaded machine 200 clients may take long to be
	// scheduled, and the test is about how many runs are admitted, not how
	// fast. TestUnattachedRunsExpire and TestSlowClientsAreCut check the
	// clocks.
	patient := func(l Limits) Limits {
		l.AttachTimeout, l.WriteTimeout = loadTimeout, loadTimeout
		l.ReadHeaderTimeout, l.ReadTimeout, l.RequestWriteTimeout = loadTimeout, loadTimeout, loadTimeout
		return l
	}
	limits := func(total, perClient int) Limits {
		l := testLimits()
		l.MaxRuns, l.MaxRunsPerClient = total, perClient
		return patient(l)
	}
	tests := []struct {
		name      string
		limits    Limits
		minServed int
	}{
		{"64 runs, 8 per client (the defaults)", patient(testLimits()), 8},
		{"100 runs, no per-client limit", limits(100, 1000), 100},
		{"room for every client", limits(loadClients, loadClients), loadClients},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, ts := startServer(t, tt.limits)
			transport := &http.Transport{MaxIdleConnsPerHost: loadClients, MaxConnsPerHost: 0}
			t.Cleanup(transport.CloseIdleConnections)
			client := &http.Client{Transport: transport, Timeout: loadTimeout}
			ctx, cancel := context.WithTimeout(t.Context(), loadTimeout)
			defer cancel()

			var peak atomic.Uint64
			stopSampling := sampleHeap(&peak)
			var served, refused, events atomic.Int64
			errs := make(chan error, loadClients)
			var wg sync.WaitGroup
			begin := time.Now()
			for i := range loadClients {
				wg.Go(func() {
					n, err := loadClient(ctx, client, ts.URL, i)
					switch {
					case errors.Is(err, errRefused):
						refused.Add(1)
					case err != nil:
						errs <- fmt.Errorf("client %d: %w", i, err)
					default:
						served.Add(1)
						events.Add(int64(n))
					}
				})
			}
			wg.Wait()
			elapsed := time.Since(begin)
			close(errs)
			for err := range errs {
				t.Error(err)
			}
			if !waitFor(settleTimeout, func() bool { return srv.Runs() == 0 }) {
				t.Errorf("%d runs left after every client closed", srv.Runs())
			}
			stopSampling()
			t.Logf("%d clients in %v: %d served (%d events), %d refused with 429; peak HeapInuse %.1f MiB (bound %d MiB)",
				loadClients, elapsed.Round(time.Millisecond), served.Load(), events.Load(), refused.Load(),
				float64(peak.Load())/(1<<20), heapInUseMax>>20)
			if got := served.Load() + refused.Load(); got != loadClients {
				t.Errorf("%d of %d clients served or refused", got, loadClients)
			}
			if served.Load() < int64(tt.minServed) {
				t.Errorf("%d clients served, want at least %d", served.Load(), tt.minServed)
			}
			if peak.Load() > heapInUseMax {
				t.Errorf("peak HeapInuse %d bytes above the bound of %d", peak.Load(), heapInUseMax)
			}
		})
	}
}

var errRefused = errors.New("refused with 429")

// loadClient creates a run and reads its stream; even clients read a
// 24-month run at full speed to its end, odd clients read five months of
// a run paced at 100 months a second and then close the page. It returns
// the number of events read.
func loadClient(ctx context.Context, c *http.Client, base string, i int) (int, error) {
	months, speed, read := 24, 0.0, 1<<30
	if i%2 == 1 {
		months, speed, read = 120, 100, 5
	}
	body, _ := json.Marshal(classRun(months, speed, true))
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/runs", strings.NewReader(string(body)))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	data, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		return 0, err
	}
	switch res.StatusCode {
	case http.StatusCreated:
	case http.StatusTooManyRequests:
		if res.Header.Get("Retry-After") == "" || !strings.Contains(string(data), "maximum of") {
			return 0, fmt.Errorf("429 without Retry-After or reason: %s", data)
		}
		return 0, errRefused
	default:
		return 0, fmt.Errorf("create: %d %s", res.StatusCode, data)
	}
	var cr created
	if err := json.Unmarshal(data, &cr); err != nil {
		return 0, err
	}
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	req, err = http.NewRequestWithContext(sctx, http.MethodGet, base+cr.Events, nil)
	if err != nil {
		return 0, err
	}
	res, err = c.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("events: %d", res.StatusCode)
	}
	r := newSSEReader(res.Body)
	n, monthsRead := 0, 0
	for monthsRead < read {
		ev, err := r.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return n, err
		}
		n++
		switch ev.Name {
		case "month":
			monthsRead++
		case "end":
			if monthsRead != months+1 {
				return n, fmt.Errorf("end after %d months, want %d", monthsRead, months+1)
			}
		case "start":
		default:
			return n, fmt.Errorf("event %q: %s", ev.Name, ev.Data)
		}
	}
	if i%2 == 0 && monthsRead != months+1 {
		return n, fmt.Errorf("stream ended after %d of %d months", monthsRead, months+1)
	}
	return n, nil
}

// sampleHeap records the peak of runtime.MemStats.HeapInuse every 20 ms
// until the returned function is called.
func sampleHeap(peak *atomic.Uint64) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		var ms runtime.MemStats
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}
