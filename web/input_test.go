package web

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// goInternals are fragments of encoding/json's and Go's own words that an
// error answer must not show.
var goInternals = []string{"Go struct", "Go value", "json:", "uint64", "float64", "EOF", "createRequest", "RunConfig", "cannot unmarshal"}

// TestBodyErrorsSayWhatIsAllowed: a body of the wrong JSON types used to
// be answered with encoding/json's error, which names Go's types and
// struct fields; the answer names the field by its JSON name, what was
// given and what is allowed.
func TestBodyErrorsSayWhatIsAllowed(t *testing.T) {
	_, ts := startServer(t, testLimits())
	c := ts.Client()
	id := create(t, c, ts.URL, classRun(12, 1, false))
	fields := "scenario, policies, policy_files (each with name, yaml), seed, set, speed, play"
	tests := []struct {
		name, path, body string
		want             []string
	}{
		{"negative seed", "/api/runs", `{"policies":["afstand","sanctie"],"seed":-1}`,
			[]string{"seed: -1 is not allowed; allowed: a whole number in [0, 999999999]"}},
		{"fractional seed", "/api/runs", `{"policies":["afstand","sanctie"],"seed":0.5}`, []string{"seed: 0.5 is not allowed; allowed: a whole number"}},
		{"seed as text", "/api/runs", `{"policies":["afstand","sanctie"],"seed":"5"}`, []string{"seed: text is not allowed; allowed: a whole number"}},
		{"seed too large for any number", "/api/export", `{"policies":["afstand","sanctie"],"seed":1e400}`, []string{"seed: 1e400 is not allowed"}},
		{"speed as text", "/api/runs", `{"policies":["afstand","sanctie"],"speed":"fast"}`,
			[]string{"speed: text is not allowed; allowed: months per second, a number in [0, 1000]"}},
		{"play as text", "/api/runs", `{"policies":["afstand","sanctie"],"play":"yes"}`, []string{"play: text is not allowed; allowed: true or false"}},
		{"policies as text", "/api/runs", `{"policies":"afstand"}`, []string{"policies: text is not allowed; allowed: a list of 2 to 4 policy names"}},
		{"a number among the policies", "/api/runs", `{"policies":["afstand",3]}`, []string{"policies: a number in the list is not allowed"}},
		{"set as a list", "/api/runs", `{"policies":["afstand","sanctie"],"set":[]}`, []string{"set: a list is not allowed; allowed: an object of slider keys"}},
		{"a file's name as a number", "/api/runs", `{"policies":["afstand","sanctie"],"policy_files":[{"name":3}]}`,
			[]string{"policy_files.name: a number is not allowed; allowed: the policy file's name"}},
		{"a list for an object", "/api/runs", `[]`, []string{"request body: a list is not allowed; allowed: a JSON object with " + fields}},
		{"empty", "/api/runs", ``, []string{"request body: empty; allowed: a JSON object with " + fields}},
		{"cut short", "/api/runs", `{"policies":["afstand"`, []string{"request body: the JSON ends early; allowed: a JSON object with"}},
		{"not JSON", "/api/runs", `policies=afstand`, []string{"request body: not JSON at byte 1", "allowed: a JSON object with"}},
		{"unknown field", "/api/runs", `{"policies":["afstand","sanctie"],"foo":1}`, []string{`request body: unknown field "foo"; allowed: ` + fields}},
		{"a typo of a field", "/api/export", `{"policies":["afstand","sanctie"],"sed":1}`, []string{`unknown field "sed"; did you mean "seed"?`}},
		{"a typo of a file's field", "/api/runs", `{"policies":["afstand","sanctie"],"policy_files":[{"nam":"x.yaml"}]}`, []string{`unknown field "nam"; did you mean "name"?`}},
		{"speed of a control as text", "/api/runs/" + id + "/control", `{"action":"speed","speed":"3"}`, []string{"speed: text is not allowed; allowed: months per second"}},
		{"action as a number", "/api/runs/" + id + "/control", `{"action":1}`, []string{"action: a number is not allowed; allowed: play, pause, step or speed"}},
		{"empty control", "/api/runs/" + id + "/control", ``, []string{"request body: empty; allowed: a JSON object with action, speed"}},
		{"a policy file's name as a list", "/api/policies", `{"name":["x.yaml"],"yaml":""}`, []string{"name: a list is not allowed; allowed: the policy file's name"}},
		{"a policy file with an unknown field", "/api/policies", `{"name":"x.yaml","text":""}`, []string{`unknown field "text"; allowed: name, yaml`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body := postJSON(t, c, ts.URL+tt.path, tt.body)
			msg := message(t, body)
			if code != http.StatusBadRequest {
				t.Errorf("%d %s; want 400", code, body)
			}
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error\n  %s\nwant it to contain\n  %s", msg, w)
				}
			}
			for _, g := range goInternals {
				if strings.Contains(msg, g) {
					t.Errorf("error shows Go's internals (%q): %s", g, msg)
				}
			}
		})
	}
}

// TestLongInputsAreClipped: an error used to quote what the request gave
// in full, however long; it now quotes at most a short beginning of it.
func TestLongInputsAreClipped(t *testing.T) {
	srv, err := New(t.Context(), testLimits())
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("x", 200_000)
	digits := strings.Repeat("9", 200_000)
	run := func(extra string) string { return `{"policies":["afstand","sanctie"]` + extra + `}` }
	tests := []struct {
		name, method, path, body string
		header                   map[string]string
	}{
		{"scenario", "POST", "/api/runs", run(`,"scenario":"` + long + `"`), nil},
		{"policy", "POST", "/api/runs", `{"policies":["afstand","` + long + `"]}`, nil},
		{"set key", "POST", "/api/runs", run(`,"set":{"` + long + `":1}`), nil},
		{"unknown field", "POST", "/api/runs", run(`,"` + long + `":1}`), nil},
		{"integer value", "POST", "/api/runs", run(`,"set":{"months":` + digits + `}`), nil},
		{"fractional value", "POST", "/api/runs", run(`,"set":{"months":1.5` + digits + `}`), nil},
		{"number value", "POST", "/api/export", run(`,"set":{"trust.word_of_mouth":` + digits + `}`), nil},
		{"text value", "POST", "/api/export", run(`,"set":{"months":"` + long + `"}`), nil},
		{"seed", "POST", "/api/runs", run(`,"seed":` + digits), nil},
		{"policy file name", "POST", "/api/policies", `{"name":"` + long + `.yaml","yaml":""}`, nil},
		{"action", "POST", "/api/runs/x/control", `{"action":"` + long + `"}`, nil},
		{"content type", "POST", "/api/runs", run(""), map[string]string{"Content-Type": "text/" + long}},
		{"origin", "POST", "/api/runs", run(""), map[string]string{"Origin": "http://" + long}},
		{"host", "GET", "/api/meta", "", map[string]string{"Host": long + ".example"}},
		{"run id of a stream", "GET", "/api/runs/" + long + "/events", "", nil},
		{"run id of a control", "POST", "/api/runs/" + long + "/control", `{"action":"play"}`, nil},
		{"API path", "GET", "/api/" + long, "", nil},
		{"method", strings.ToUpper(long[:1000]), "/api/runs", "", nil},
		{"path not UTF-8", "GET", "/" + long + "%ff", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, strings.NewReader(tt.body))
			req.Host = "127.0.0.1:8080"
			req.Header.Set("Content-Type", "application/json")
			for k, v := range tt.header {
				if k == "Host" {
					req.Host = v
				}
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			if rec.Code < 400 {
				t.Fatalf("%d %.300s; want an error", rec.Code, rec.Body)
			}
			msg := message(t, rec.Body.Bytes())
			if len(msg) > 1500 || strings.Contains(msg, strings.Repeat("x", 100)) || strings.Contains(msg, strings.Repeat("X", 100)) || strings.Contains(msg, strings.Repeat("9", 100)) {
				t.Errorf("the error echoes the input (%d bytes): %.300s", len(msg), msg)
			}
		})
	}
}

// TestPolicyFileNamesAreLineSafe: a policy file's name reaches the README
// of an export and the page's list; names with line breaks or other
// control characters used to be taken, and a bare ".yaml" too.
func TestPolicyFileNamesAreLineSafe(t *testing.T) {
	_, ts := startServer(t, testLimits())
	good := examplePolicy(t, "zaanstad-2019.yaml")
	tests := []struct{ name, want string }{
		{"x\nwijksim run --out /.yaml", "not a file name; allowed: 1 to 100 characters without / or \\ or control and formatting characters"},
		{"x\r\nrm -rf ~.yaml", "formatting characters"},
		{"tab\there.yaml", "formatting characters"},
		{"bell\a.yaml", "formatting characters"},
		{"del\x7f.yaml", "formatting characters"},
		{"c1\u0085.yaml", "formatting characters"},
		{"line\u2028sep.yaml", "formatting characters"},
		{"\u202elmay.yaml", "formatting characters"},
		{".yaml", `policy file name ".yaml": no name before .yaml`},
		{" .yml ", `policy file name ".yml": no name before .yml`},
	}
	// Joiners are part of words (Persian names, emoji): allowed.
	for _, name := range []string{"beleid\u200cnieuw.yaml", "team\u200d.yaml"} {
		f := PolicyFile{Name: name, YAML: good.YAML}
		if code, body := postJSON(t, ts.Client(), ts.URL+"/api/policies", f); code != http.StatusOK {
			t.Errorf("%q: %d %s; want it accepted", name, code, body)
		}
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q", tt.name), func(t *testing.T) {
			f := PolicyFile{Name: tt.name, YAML: good.YAML}
			code, body := postJSON(t, ts.Client(), ts.URL+"/api/policies", f)
			if msg := message(t, body); code != http.StatusBadRequest || !strings.Contains(msg, tt.want) {
				t.Errorf("/api/policies: %d %s; want 400 with %q", code, body, tt.want)
			}
			run := RunConfig{Policies: []string{"afstand", "zaanstad-2019"}, PolicyFiles: []PolicyFile{f}}
			if code, body := postJSON(t, ts.Client(), ts.URL+"/api/export", run); code != http.StatusBadRequest {
				t.Errorf("/api/export: %d %.300s; want 400", code, body)
			}
		})
	}
}

// rawRequest sends req as it is to the server at addr and returns the
// status and the body of the answer.
func rawRequest(t *testing.T, addr, req string) (*http.Response, []byte) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, req); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, b
}

// TestRequestWithoutHost: a request without a Host header was told to
// start wijksim serve with "--allow-host " and no name.
func TestRequestWithoutHost(t *testing.T) {
	_, ts := startServer(t, testLimits())
	addr := strings.TrimPrefix(ts.URL, "http://")
	for _, req := range []string{
		"GET /api/meta HTTP/1.0\r\n\r\n",
		"GET /api/meta HTTP/1.1\r\nHost:\r\nConnection: close\r\n\r\n",
	} {
		res, body := rawRequest(t, addr, req)
		msg := message(t, body)
		if res.StatusCode != http.StatusMisdirectedRequest || strings.HasSuffix(msg, "--allow-host ") || !strings.Contains(msg, "names no host") {
			t.Errorf("%q: %d %s; want 421 saying the request names no host", strings.SplitN(req, "\r\n", 2)[0], res.StatusCode, body)
		}
	}
}

// TestHeadDoesNotEndARun: a HEAD request on a run's events opened and
// closed its only stream, which removed the run.
func TestHeadDoesNotEndARun(t *testing.T) {
	srv, ts := startServer(t, testLimits())
	c := ts.Client()
	id := create(t, c, ts.URL, classRun(12, 0, true))
	res, err := c.Head(ts.URL + "/api/runs/" + id + "/events")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "GET" {
		t.Errorf("HEAD: %d, Allow %q; want 405, Allow GET", res.StatusCode, res.Header.Get("Allow"))
	}
	if srv.Runs() != 1 {
		t.Fatalf("%d runs after HEAD, want the run still there", srv.Runs())
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	stream := openEvents(t, ctx, c, ts.URL, id)
	defer stream.Body.Close()
	if stream.StatusCode != http.StatusOK {
		t.Fatalf("GET after HEAD: %d", stream.StatusCode)
	}
	if _, frames, end := readRun(t, stream.Body); len(frames) != 13 || end.Reason != "done" {
		t.Errorf("the run streamed %d frames and ended %q; want 13, done", len(frames), end.Reason)
	}
}

// TestAPIErrorsAreJSON: unknown paths and wrong methods under /api/ were
// answered in plain text by the router and the file server; every error
// answer of the API is JSON, a wrong method's with an Allow header.
func TestAPIErrorsAreJSON(t *testing.T) {
	_, ts := startServer(t, testLimits())
	tests := []struct {
		method, path string
		code         int
		allow, want  string
	}{
		{"GET", "/api/nope", http.StatusNotFound, "", `no API path "/api/nope"; allowed: GET /api/meta`},
		{"GET", "/api", http.StatusNotFound, "", "no API path"},
		{"POST", "/api/", http.StatusNotFound, "", "no API path"},
		{"GET", "/api/runs/x/nope", http.StatusNotFound, "", "no API path"},
		{"GET", "/api/runs", http.StatusMethodNotAllowed, "POST", `method "GET" of "/api/runs"; allowed: POST`},
		{"PUT", "/api/runs", http.StatusMethodNotAllowed, "POST", "allowed: POST"},
		{"POST", "/api/meta", http.StatusMethodNotAllowed, "GET", `method "POST" of "/api/meta"; allowed: GET`},
		{"DELETE", "/api/runs/x/events", http.StatusMethodNotAllowed, "GET", "allowed: GET"},
		{"GET", "/api/runs/x/control", http.StatusMethodNotAllowed, "POST", "allowed: POST"},
		{"OPTIONS", "/api/export", http.StatusMethodNotAllowed, "POST", "allowed: POST"},
		{"GET", "/api/runs/x/events", http.StatusNotFound, "", `no run "x" for this computer`},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, ts.URL+tt.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			res, err := ts.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			body, _ := io.ReadAll(res.Body)
			var e apiError
			if res.StatusCode != tt.code || res.Header.Get("Allow") != tt.allow || json.Unmarshal(body, &e) != nil || !strings.Contains(e.Error, tt.want) {
				t.Errorf("%d, Allow %q: %s; want %d, Allow %q, JSON with %q", res.StatusCode, res.Header.Get("Allow"), body, tt.code, tt.allow, tt.want)
			}
		})
	}
	// The page's files are not the API's: they keep the file server's answers.
	for path, code := range map[string]int{"/": 200, "/app.js": 200, "/nope.js": 404} {
		res, err := ts.Client().Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != code {
			t.Errorf("GET %s: %d, want %d", path, res.StatusCode, code)
		}
	}
}
