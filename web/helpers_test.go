package web

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// testLimits are DefaultLimits with short timeouts for tests.
func testLimits() Limits {
	l := DefaultLimits()
	l.AttachTimeout = 5 * time.Second
	l.KeepAlive = time.Second
	return l
}

// startServer serves a Server with lim on 127.0.0.1 through
// NewHTTPServer's settings. Its context ends before the listener closes,
// so that open streams do not hold up the test's end.
func startServer(t testing.TB, lim Limits) (*Server, *httptest.Server) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := New(ctx, lim)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(srv)
	ts.Config = NewHTTPServer("", srv)
	ts.Start()
	t.Cleanup(ts.Close)
	t.Cleanup(cancel) // runs first
	return srv, ts
}

// postJSON posts body (a string or a value to encode) and returns the
// status and the response body.
func postJSON(t testing.TB, client *http.Client, url string, body any) (int, []byte) {
	t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case string:
		r = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(data)
	}
	res, err := client.Post(url, "application/json", r)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, data
}

// classRun is a small run request: assendelft (100 residents), two
// policies, months long, at speed (months per second, 0 = max).
func classRun(months int, speed float64, play bool) map[string]any {
	return map[string]any{
		"scenario": "assendelft", "policies": []string{"afstand", "nabijheid"}, "seed": 3,
		"set": map[string]any{"months": months}, "speed": speed, "play": play,
	}
}

// create posts a run and returns its id; it fails the test unless 201.
func create(t testing.TB, client *http.Client, base string, req any) string {
	t.Helper()
	code, body := postJSON(t, client, base+"/api/runs", req)
	if code != http.StatusCreated {
		t.Fatalf("create: %d %s", code, body)
	}
	var c created
	if err := json.Unmarshal(body, &c); err != nil {
		t.Fatal(err)
	}
	return c.ID
}

// sseEvent is one server-sent event.
type sseEvent struct {
	Name string
	Data []byte
}

// sseReader reads server-sent events from a stream.
type sseReader struct {
	sc       *bufio.Scanner
	comments int
}

func newSSEReader(r io.Reader) *sseReader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	return &sseReader{sc: sc}
}

// next returns the next event, skipping comments; io.EOF at the end.
func (s *sseReader) next() (sseEvent, error) {
	for {
		ev, comment, err := s.nextOrComment()
		if err != nil || !comment {
			return ev, err
		}
	}
}

// nextOrComment returns the next event, or reports a comment line (which
// it counts) as soon as it is read; io.EOF at the end.
func (s *sseReader) nextOrComment() (ev sseEvent, comment bool, err error) {
	for s.sc.Scan() {
		line := s.sc.Text()
		switch {
		case line == "":
			if ev.Name != "" || ev.Data != nil {
				return ev, false, nil
			}
		case strings.HasPrefix(line, ":"):
			s.comments++
			if ev.Name == "" && ev.Data == nil {
				return ev, true, nil
			}
		case strings.HasPrefix(line, "event: "):
			ev.Name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			ev.Data = append(ev.Data, strings.TrimPrefix(line, "data: ")...)
		}
	}
	if err := s.sc.Err(); err != nil {
		return ev, false, err
	}
	return ev, false, io.EOF
}

// openEvents opens a run's event stream with ctx.
func openEvents(t testing.TB, ctx context.Context, client *http.Client, base, id string) *http.Response {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/runs/"+id+"/events", nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// settleTimeout bounds waitFor where the server must reach a state on its
// own (runs ending after their clients went): a guard against a hang, far
// above what a loaded machine needs.
const settleTimeout = time.Minute

// waitFor polls cond every 10 ms until it holds or d passes.
func waitFor(d time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if cond() {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return cond()
}
