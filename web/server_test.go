package web

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"math"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wijksim/wijksim/outcomes"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

func TestStaticAndMeta(t *testing.T) {
	srv, err := New(context.Background(), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		method, path string
		code         int
		ctype        string
		contains     string
	}{
		{"GET", "/", 200, "text/html", `<script type="module" src="app.js">`},
		{"GET", "/app.js", 200, "text/javascript", "EventSource"},
		{"GET", "/charts.js", 200, "text/javascript", "LadderChart"},
		{"GET", "/style.css", 200, "text/css", "projector"},
		{"GET", "/api/meta", 200, "application/json", `"sliders"`},
		{"GET", "/api/health", 200, "application/json", `"max_runs":64`},
		{"GET", "/nope.txt", 404, "", ""},
		{"GET", "/go.mod", 404, "", ""},
		{"GET", "/web/server.go", 404, "", ""},
		{"POST", "/api/meta", 405, "", ""},
		{"DELETE", "/api/meta", 405, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(tt.method, tt.path, nil)
			req.Host = "127.0.0.1:8080" // httptest's example.com is not served
			srv.ServeHTTP(rec, req)
			if rec.Code != tt.code {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.code, rec.Body)
			}
			if !strings.Contains(rec.Header().Get("Content-Type"), tt.ctype) {
				t.Errorf("Content-Type %q, want %q", rec.Header().Get("Content-Type"), tt.ctype)
			}
			if !strings.Contains(rec.Body.String(), tt.contains) {
				t.Errorf("body lacks %q", tt.contains)
			}
			if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
				t.Errorf("Content-Security-Policy %q", csp)
			}
		})
	}
}

func TestMetaDescribesEveryScenarioAndPolicy(t *testing.T) {
	m := defaultMeta(t)
	if len(m.Scenarios) != len(scenarios.Names()) || len(m.Policies) != len(policies.Builtins()) {
		t.Fatalf("%d scenarios, %d policies", len(m.Scenarios), len(m.Policies))
	}
	for _, p := range m.Policies {
		if !strings.HasPrefix(p.Colour, "#") || p.Label.NL == "" || p.Summary.EN == "" {
			t.Errorf("policy %+v incomplete", p)
		}
	}
	if m.Policies[0].Colour != "#000000" {
		t.Errorf("afstand's colour %s, want labels' black", m.Policies[0].Colour)
	}
	for _, sc := range m.Scenarios {
		vals := m.Values[sc.Name]
		if len(vals) != len(m.Sliders) {
			t.Errorf("%s: %d slider values for %d sliders", sc.Name, len(vals), len(m.Sliders))
		}
	}
	if got := m.Values["poelenburg"]["caseload"]; got != 100 {
		t.Errorf("poelenburg caseload %v, want 100", got)
	}
	if len(m.Outcomes) == 0 {
		t.Error("no outcomes to chart")
	}
	for _, o := range m.Outcomes {
		if o.Label.NL == "" || o.Label.EN == "" || o.Unit.NL == "" || o.Unit.EN == "" || o.Better == "" {
			t.Errorf("outcome %+v lacks a label, a unit or a direction", o)
		}
		if !slices.Contains([]string{"level", "count", "euro"}, o.Axis) {
			t.Errorf("outcome %s: axis %q", o.Key, o.Axis)
		}
	}
	if len(m.Rungs) != 6 || len(m.RungColour) != 6 {
		t.Errorf("%d rungs, %d colours", len(m.Rungs), len(m.RungColour))
	}
}

func TestCreateValidates(t *testing.T) {
	lim := testLimits()
	lim.MaxBodyBytes = 2048
	_, ts := startServer(t, lim)
	c := ts.Client()
	tests := []struct {
		name  string
		ctype string
		body  string
		code  int
		want  string
	}{
		{"valid", "application/json", `{"policies":["afstand","nabijheid"]}`, 201, `"events":"/api/runs/`},
		{"bad policy count", "application/json", `{"policies":["afstand"]}`, 400, "policies: 1 given"},
		{"slider out of range", "application/json", `{"policies":["afstand","sanctie"],"set":{"trust.loss_sanction":1.5}}`, 400, "value 1.5 is out of range; allowed: number in [0, 1]"},
		{"population above the class limit", "application/json", `{"policies":["afstand","sanctie"],"set":{"population.residents":100000}}`, 400, "at most 5000"},
		{"unknown field", "application/json", `{"policies":["afstand","sanctie"],"file":"/etc/passwd"}`, 400, `unknown field "file"`},
		{"bad speed", "application/json", `{"policies":["afstand","sanctie"],"speed":-1}`, 400, "speed -1: out of range"},
		{"not JSON", "application/json", `policies=afstand`, 400, "request body"},
		{"two values", "application/json", `{"policies":["afstand","sanctie"]}{}`, 400, "more than one JSON value"},
		{"wrong content type", "text/plain", `{"policies":["afstand","sanctie"]}`, 415, "allowed: application/json"},
		{"body too large", "application/json", `{"policies":["afstand","sanctie"],"scenario":"` + strings.Repeat("x", 4096) + `"}`, 413, "larger than 2048 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Post(ts.URL+"/api/runs", tt.ctype, strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != tt.code || !strings.Contains(message(t, body), tt.want) {
				t.Errorf("got %d %s; want %d with %q", res.StatusCode, body, tt.code, tt.want)
			}
		})
	}
}

// message returns the error of an error answer, which must be
// {"error": ...}, or the body of any other answer.
func message(t *testing.T, body []byte) string {
	t.Helper()
	var e apiError
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("answer is not JSON: %s", body)
	}
	if e.Error != "" {
		return e.Error
	}
	return string(body)
}

// readRun reads a stream to its end and returns the start event and the
// frames.
func readRun(t *testing.T, body io.Reader) (startEvent, []Frame, endEvent) {
	t.Helper()
	r := newSSEReader(body)
	var (
		start  startEvent
		frames []Frame
		end    endEvent
	)
	for {
		ev, err := r.next()
		if errors.Is(err, io.EOF) {
			return start, frames, end
		}
		if err != nil {
			t.Fatal(err)
		}
		switch ev.Name {
		case "start":
			if err := json.Unmarshal(ev.Data, &start); err != nil {
				t.Fatal(err)
			}
		case "month":
			var f Frame
			if err := json.Unmarshal(ev.Data, &f); err != nil {
				t.Fatalf("month %s: %v", ev.Data, err)
			}
			frames = append(frames, f)
		case "end":
			if err := json.Unmarshal(ev.Data, &end); err != nil {
				t.Fatal(err)
			}
		default:
			t.Fatalf("unexpected event %q: %s", ev.Name, ev.Data)
		}
	}
}

func TestStreamIsTheModelMonthByMonth(t *testing.T) {
	srv, ts := startServer(t, testLimits())
	req := classRun(36, 0, true)
	req["policies"] = []string{"afstand", "sanctie", "nabijheid"}
	id := create(t, ts.Client(), ts.URL, req)
	res := openEvents(t, t.Context(), ts.Client(), ts.URL, id)
	defer res.Body.Close()
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("Content-Type %q", ct)
	}
	start, frames, end := readRun(t, res.Body)
	if start.Run != id || start.Months != 36 || start.Residents != 100 || len(start.Policies) != 3 || start.Policies[2].Colour != "#009E73" {
		t.Errorf("start event %+v", start)
	}
	if len(frames) != 37 || end.Month != 36 || end.Reason != "done" {
		t.Fatalf("%d frames, end %+v; want months 0-36 and done", len(frames), end)
	}
	// The frames are the model's own statistics: the same run straight
	// from sim gives the same numbers (common random numbers, one seed).
	sc, err := scenarios.Load("assendelft", scenarios.Options{Set: []string{"months=36"}})
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"afstand", "sanctie", "nabijheid"} {
		pol, _ := policies.Builtin(name)
		m, err := sim.New(sc.Params, pol.Policy, 3, 0, sim.Options{})
		if err != nil {
			t.Fatal(err)
		}
		m.Run()
		st := m.Stats()
		for month, f := range frames {
			if f.Month != month {
				t.Fatalf("frame %d has month %d", month, f.Month)
			}
			got, want := f.Policies[i], policyFrame(&st[month])
			if got.Rungs != want.Rungs || got.LeftNoWork != want.LeftNoWork || !sameOutcomes(got.Outcomes, want.Outcomes) {
				t.Fatalf("%s month %d: frame %+v, model %+v", name, month, got, want)
			}
		}
		// Every policy starts from the same residents.
		if frames[0].Policies[i].Rungs != frames[0].Policies[0].Rungs {
			t.Errorf("%s starts from other residents than afstand", name)
		}
	}
	if !waitFor(settleTimeout, func() bool { return srv.Runs() == 0 }) {
		t.Errorf("%d runs left after the stream ended", srv.Runs())
	}
}

func TestControls(t *testing.T) {
	_, ts := startServer(t, testLimits())
	c := ts.Client()
	id := create(t, c, ts.URL, classRun(24, 8, false))
	res := openEvents(t, t.Context(), c, ts.URL, id)
	defer res.Body.Close()
	r := newSSEReader(res.Body)
	month := func() int {
		t.Helper()
		for {
			ev, err := r.next()
			if err != nil {
				t.Fatal(err)
			}
			if ev.Name == "month" {
				var f Frame
				json.Unmarshal(ev.Data, &f)
				return f.Month
			}
		}
	}
	controlURL := ts.URL + "/api/runs/" + id + "/control"
	if m := month(); m != 0 {
		t.Fatalf("first frame month %d", m)
	}
	// Paused: two single steps give months 1 and 2.
	for want := 1; want <= 2; want++ {
		if code, body := postJSON(t, c, controlURL, Control{Action: "step"}); code != 200 {
			t.Fatalf("step: %d %s", code, body)
		}
		if m := month(); m != want {
			t.Fatalf("after step: month %d, want %d", m, want)
		}
	}
	speed := 0.0
	tests := []struct {
		body string
		code int
		want string
	}{
		{`{"action":"speed","speed":1000}`, 200, `"speed":1000`},
		{`{"action":"speed"}`, 400, "missing speed"},
		{`{"action":"speed","speed":5000}`, 400, "out of range"},
		{`{"action":"rewind"}`, 400, `action "rewind": unknown; allowed: play, pause, step, speed`},
		{`{"action":"play","extra":1}`, 400, "unknown field"},
	}
	for _, tt := range tests {
		if code, body := postJSON(t, c, controlURL, tt.body); code != tt.code || !strings.Contains(message(t, body), tt.want) {
			t.Errorf("%s: %d %s; want %d with %q", tt.body, code, body, tt.code, tt.want)
		}
	}
	code, body := postJSON(t, c, controlURL, Control{Action: "speed", Speed: &speed})
	if code != 200 || !strings.Contains(string(body), `"playing":false`) {
		t.Fatalf("speed: %d %s", code, body)
	}
	if code, body := postJSON(t, c, controlURL, Control{Action: "play"}); code != 200 || !strings.Contains(string(body), `"playing":true`) {
		t.Fatalf("play: %d %s", code, body)
	}
	last := 2
	for last < 24 {
		last = month()
	}
	if code, _ := postJSON(t, c, ts.URL+"/api/runs/NOSUCHRUN/control", Control{Action: "play"}); code != 404 {
		t.Errorf("control of an unknown run: %d, want 404", code)
	}
}

func TestPauseHoldsTheRun(t *testing.T) {
	lim := testLimits()
	lim.KeepAlive = 50 * time.Millisecond
	_, ts := startServer(t, lim)
	c := ts.Client()
	id := create(t, c, ts.URL, classRun(24, 0, false))
	ctx, cancel := context.WithTimeout(t.Context(), settleTimeout)
	defer cancel()
	res := openEvents(t, ctx, c, ts.URL, id)
	defer res.Body.Close()
	// Read until three keep-alive comments have come: the paused run
	// must send month 0 and nothing more in that time, however long it is.
	r := newSSEReader(res.Body)
	months := 0
	for r.comments < 3 {
		ev, _, err := r.nextOrComment()
		if err != nil {
			t.Fatalf("after %d keep-alive comments: %v", r.comments, err)
		}
		if ev.Name == "month" {
			months++
		}
	}
	if months != 1 {
		t.Errorf("a paused run sent %d month frames, want only month 0", months)
	}
}

func TestStreamRefusals(t *testing.T) {
	_, ts := startServer(t, testLimits())
	c := ts.Client()
	id := create(t, c, ts.URL, classRun(24, 1, false))
	first := openEvents(t, t.Context(), c, ts.URL, id)
	defer first.Body.Close()
	second := openEvents(t, t.Context(), c, ts.URL, id)
	second.Body.Close()
	if second.StatusCode != http.StatusConflict {
		t.Errorf("second stream of a run: %d, want 409", second.StatusCode)
	}
	unknown := openEvents(t, t.Context(), c, ts.URL, "NOSUCHRUN")
	unknown.Body.Close()
	if unknown.StatusCode != http.StatusNotFound {
		t.Errorf("stream of an unknown run: %d, want 404", unknown.StatusCode)
	}
}

func TestRunLimits(t *testing.T) {
	lim := testLimits()
	lim.MaxRuns, lim.MaxRunsPerClient = 3, 2
	srv, ts := startServer(t, lim)
	c := ts.Client()
	for i := 0; i < 2; i++ {
		create(t, c, ts.URL, classRun(12, 1, false))
	}
	code, body := postJSON(t, c, ts.URL+"/api/runs", classRun(12, 1, false))
	var got apiError
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatalf("third run of one client: %d %s: %v", code, body, err)
	}
	// The page words the refusal from its reason and limit.
	if code != http.StatusTooManyRequests || !strings.Contains(got.Error, "this computer has its maximum of 2 runs") || got.Reason != reasonClientFull || got.Limit != 2 {
		t.Errorf("third run of one client: %d %s, want 429 with reason %s and limit 2", code, body, reasonClientFull)
	}
	// Another client (as the server sees it) gets the last place in total,
	// then the total limit refuses.
	other := &session{id: "other", client: "192.0.2.1", plan: nil, wake: make(chan struct{}, 1)}
	if code, refusal := srv.register(other); code != 0 {
		t.Fatalf("other client refused: %d %+v", code, refusal)
	}
	third := &session{id: "third", client: "192.0.2.2", wake: make(chan struct{}, 1)}
	if code, refusal := srv.register(third); code != http.StatusTooManyRequests || !strings.Contains(refusal.Error, "maximum of 3 runs") || refusal.Reason != reasonServerFull || refusal.Limit != 3 {
		t.Errorf("fourth run in total: %d %+v, want 429 with reason %s and limit 3", code, refusal, reasonServerFull)
	}
	srv.remove(other)
	if srv.Runs() != 2 {
		t.Errorf("%d runs after removing one of 3", srv.Runs())
	}
}

func TestRunRefusedWhileStopping(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	srv, err := New(ctx, testLimits())
	if err != nil {
		t.Fatal(err)
	}
	sess := &session{id: "late", client: "192.0.2.1", wake: make(chan struct{}, 1)}
	if code, refusal := srv.register(sess); code != 0 {
		t.Fatalf("run before stopping refused: %d %+v", code, refusal)
	}
	srv.remove(sess)
	cancel()
	if code, refusal := srv.register(sess); code != http.StatusServiceUnavailable || refusal.Reason != reasonStopping {
		t.Errorf("run while stopping: %d %+v, want 503 with reason %s", code, refusal, reasonStopping)
	}
}

func TestUnattachedRunsExpire(t *testing.T) {
	lim := testLimits()
	lim.AttachTimeout = 50 * time.Millisecond
	srv, ts := startServer(t, lim)
	// create checks the 201 and the run's id; how many runs exist right
	// after it is not checked, since on a busy machine the 50 ms may
	// already have passed.
	id := create(t, ts.Client(), ts.URL, classRun(12, 1, false))
	if !waitFor(settleTimeout, func() bool { return srv.Runs() == 0 }) {
		t.Fatal("a run whose stream never opened was not dropped")
	}
	res := openEvents(t, t.Context(), ts.Client(), ts.URL, id)
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("stream of an expired run: %d, want 404", res.StatusCode)
	}
}

func TestClosingThePageCancelsTheRun(t *testing.T) {
	srv, ts := startServer(t, testLimits())
	c := ts.Client()
	id := create(t, c, ts.URL, classRun(240, 2, true)) // two minutes of run
	ctx, cancel := context.WithCancel(t.Context())
	res := openEvents(t, ctx, c, ts.URL, id)
	r := newSSEReader(res.Body)
	for ev, err := r.next(); ev.Name != "month"; ev, err = r.next() {
		if err != nil {
			t.Fatal(err)
		}
	}
	if srv.Runs() != 1 {
		t.Fatalf("%d runs while streaming", srv.Runs())
	}
	cancel() // the page closes
	res.Body.Close()
	if !waitFor(settleTimeout, func() bool { return srv.Runs() == 0 }) {
		t.Fatal("the run went on after its page closed")
	}
}

func TestServerContextEndsRuns(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv, err := New(ctx, testLimits())
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	id := create(t, ts.Client(), ts.URL, classRun(240, 1, false))
	res := openEvents(t, t.Context(), ts.Client(), ts.URL, id)
	defer res.Body.Close()
	r := newSSEReader(res.Body)
	stepTo(t, r, ts.Client(), ts.URL, id, 3)
	ended := make(chan endEvent, 1)
	go func() {
		var end endEvent
		for ev, err := r.next(); err == nil; ev, err = r.next() {
			if ev.Name == "end" {
				json.Unmarshal(ev.Data, &end)
			}
		}
		ended <- end
	}()
	cancel()
	select {
	case end := <-ended:
		// The page words this end from its reason: start wijksim serve
		// again; and keeps the month the run reached.
		if end.Reason != reasonStopping || end.Month != 3 {
			t.Errorf("end %+v, want reason %s at month 3", end, reasonStopping)
		}
	case <-time.After(settleTimeout):
		t.Fatal("the stream did not end when the server's context ended")
	}
	if code, body := postJSON(t, ts.Client(), ts.URL+"/api/runs", classRun(12, 1, false)); code != http.StatusServiceUnavailable {
		t.Errorf("create after the end: %d %s, want 503", code, body)
	}
}

func TestRunDurationLimit(t *testing.T) {
	lim := testLimits()
	// Long enough for two steps on a busy machine: the limit counts from
	// the stream's start, and the end must carry the month reached.
	lim.MaxRunDuration = 5 * time.Second
	_, ts := startServer(t, lim)
	id := create(t, ts.Client(), ts.URL, classRun(240, 1, false))
	res := openEvents(t, t.Context(), ts.Client(), ts.URL, id)
	defer res.Body.Close()
	r := newSSEReader(res.Body)
	stepTo(t, r, ts.Client(), ts.URL, id, 2)
	var end endEvent
	for ev, err := r.next(); err == nil; ev, err = r.next() {
		switch ev.Name {
		case "month":
			t.Errorf("month %s after two steps of a paused run", ev.Data)
		case "end":
			if err := json.Unmarshal(ev.Data, &end); err != nil {
				t.Fatal(err)
			}
		}
	}
	if end.Reason != reasonTimeLimit || end.Month != 2 {
		t.Errorf("end %+v, want reason %s at month 2, the month the run reached", end, reasonTimeLimit)
	}
}

// stepTo reads a paused run's stream r to its first month, steps the run
// n months and reads on until month n has arrived.
func stepTo(t *testing.T, r *sseReader, c *http.Client, base, id string, n int) {
	t.Helper()
	next := func(want int) {
		for {
			ev, err := r.next()
			if err != nil {
				t.Fatalf("stream before month %d: %v", want, err)
			}
			if ev.Name != "month" {
				continue
			}
			var f Frame
			if err := json.Unmarshal(ev.Data, &f); err != nil {
				t.Fatal(err)
			}
			if f.Month != want {
				t.Fatalf("month %d, want %d", f.Month, want)
			}
			return
		}
	}
	next(0)
	for m := 1; m <= n; m++ {
		if code, body := postJSON(t, c, base+"/api/runs/"+id+"/control", Control{Action: "step"}); code != http.StatusOK {
			t.Fatalf("step: %d %s", code, body)
		}
		next(m)
	}
}

func TestNumberEncoding(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0.5, "0.5"},
		{1.0 / 3, "0.333333"},
		{7563220.5, "7.56322e+06"},
		{0, "0"},
	}
	for _, tt := range tests {
		b, err := json.Marshal(number(tt.in))
		if err != nil || string(b) != tt.want {
			t.Errorf("number(%v) = %s, %v; want %s", tt.in, b, err, tt.want)
		}
	}
	nan, _ := json.Marshal(PolicyFrame{Outcomes: map[string]number{"trust_mean": number(zero() / zero())}})
	if !strings.Contains(string(nan), `"trust_mean":null`) {
		t.Errorf("NaN encodes as %s, want null", nan)
	}
}

func zero() float64 { return 0 }

// sameOutcomes reports whether two frames' outcomes agree, to the six
// digits a frame carries, NaN matching NaN.
func sameOutcomes(a, b map[string]number) bool {
	if len(a) != len(b) {
		return false
	}
	for k, x := range a {
		y, ok := b[k]
		if !ok {
			return false
		}
		fx, fy := float64(x), float64(y)
		if math.IsNaN(fx) || math.IsNaN(fy) {
			if math.IsNaN(fx) != math.IsNaN(fy) {
				return false
			}
			continue
		}
		if math.Abs(fx-fy) > 1e-5*math.Max(1, math.Abs(fy)) {
			return false
		}
	}
	return true
}

func TestAssetsNeedNoNetwork(t *testing.T) {
	// The only absolute URL allowed is the SVG namespace, which is a name,
	// not a request.
	external := regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}`)
	entries, err := fs.ReadDir(assets, "assets")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 4 {
		t.Fatalf("%d embedded assets", len(entries))
	}
	for _, e := range entries {
		b, err := fs.ReadFile(assets, "assets/"+e.Name())
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range external.FindAllString(string(b), -1) {
			if m != "http://www.w3.org" {
				t.Errorf("%s refers to %s", e.Name(), m)
			}
		}
	}
}

func TestHTTPServerTimeouts(t *testing.T) {
	s := NewHTTPServer("127.0.0.1:0", http.NotFoundHandler())
	if s.ReadHeaderTimeout <= 0 || s.IdleTimeout <= 0 || s.MaxHeaderBytes <= 0 {
		t.Errorf("missing limits: %+v", s)
	}
	// Event streams lift these deadlines themselves (TestSlowClientsAreCut).
	if s.ReadTimeout <= 0 || s.WriteTimeout <= 0 {
		t.Errorf("ReadTimeout %v, WriteTimeout %v; want both set", s.ReadTimeout, s.WriteTimeout)
	}
}

// TestClassroomChartsTellPoliciesApart runs the default scenario under
// every built-in policy: each outcome the classroom charts must differ
// between the policies at the end, for a chart alike for every policy
// (the activation cost, paid team hours idle ones included) tells the
// class nothing. The two accounts of cost are among them.
func TestClassroomChartsTellPoliciesApart(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the model")
	}
	shown := outcomes.ShownKeys(outcomes.Classroom)
	for _, want := range []string{"cum_cost_municipality", "cum_cost_society"} {
		if !slices.Contains(shown, want) {
			t.Errorf("the classroom does not chart %s; it charts %v", want, shown)
		}
	}
	runs := classRuns(t)
	for _, o := range outcomes.Shown(outcomes.Classroom) {
		ends := map[float64]bool{}
		for _, r := range runs {
			ends[o.Value(&r[len(r)-1])] = true
		}
		if len(ends) < 2 {
			t.Errorf("%s ends alike for all %d policies: a chart that cannot tell them apart", o.Key, len(runs))
		}
	}
}

// TestChartTitlesDoNotRepeatTheirUnit checks the charts' titles: the name
// alone, without "(aandeel)" or "(aantal)", and the unit on the axis only
// where neither the title nor the axis's labels already say it.
func TestChartTitlesDoNotRepeatTheirUnit(t *testing.T) {
	for _, o := range classroomOutcomes() {
		for _, l := range []struct{ title, unit, axis string }{{o.Label.NL, o.Unit.NL, o.AxisUnit.NL}, {o.Label.EN, o.Unit.EN, o.AxisUnit.EN}} {
			if strings.HasSuffix(l.title, "("+l.unit+")") {
				t.Errorf("%s: title %q ends in its unit", o.Key, l.title)
			}
			if l.axis != "" && strings.Contains(strings.ToLower(l.title), strings.ToLower(l.axis)) {
				t.Errorf("%s: the axis's unit %q repeats the title %q", o.Key, l.axis, l.title)
			}
		}
		switch o.Key {
		case "share_rung_3_plus", "cum_cost_society":
			if o.AxisUnit != (Text{}) {
				t.Errorf("%s: axis unit %+v repeats the title or the axis's labels", o.Key, o.AxisUnit)
			}
		case "trust_mean":
			if o.AxisUnit.NL != "niveau 0-1" || o.AxisUnit.EN != "level 0-1" {
				t.Errorf("%s: axis unit %+v, want the level's", o.Key, o.AxisUnit)
			}
		}
	}
}

// TestScenariosAreNamedInBothLanguages checks that the page lists no
// scenario by an English name in Dutch.
func TestScenariosAreNamedInBothLanguages(t *testing.T) {
	m := defaultMeta(t)
	for _, sc := range m.Scenarios {
		if sc.Label.NL == "" || sc.Label.EN == "" || sc.Label.NL == "default" {
			t.Errorf("scenario %s is listed as %+v", sc.Name, sc.Label)
		}
	}
}

// defaultMeta is the page's description (GET /api/meta) with the default
// limits and no policy files, decoded as the page reads it.
func defaultMeta(t *testing.T) meta {
	t.Helper()
	b, err := buildMeta(DefaultLimits(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var m meta
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}
