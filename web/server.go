package web

import (
	"context"
	"crypto/rand"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/wijksim/wijksim/internal/names"
	"github.com/wijksim/wijksim/labels"
	"github.com/wijksim/wijksim/outcomes"
	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/scenarios"
)

//go:embed assets
var assets embed.FS

// Server is the classroom page and its API. Create it with New; it is an
// http.Handler. The routes are:
//
//	GET  /                          the page and its assets (embedded)
//	GET  /api/meta                  scenarios, policies, sliders, presets, labels, limits
//	GET  /api/health                runs open now and the limits
//	POST /api/runs                  create a run (JSON RunConfig, speed, play) → 201 {id}
//	GET  /api/runs/{id}/events      the run as server-sent events; closing it ends the run
//	POST /api/runs/{id}/control     {action: play|pause|step|speed, speed}
//	POST /api/policies              check a policy file (JSON PolicyFile) → 200 PolicyInfo
//	POST /api/export                a zip with the scenario file, the policy files, a sweep spec and commands
//	                                (JSON RunConfig and lang, the README's language)
//
// Every error answer is JSON ({"error": ...}) that says what was wrong and
// what is allowed; a refusal of a new run for want of room also names its
// reason and limit, which the page words in its own language. Under /api/, a path of no route answers 404 and another
// method 405 with an Allow header. HEAD on a run's events answers 405, for
// opening the stream would end the run.
type Server struct {
	ctx    context.Context
	limits Limits
	mux    *http.ServeMux
	meta   []byte
	// files are the policies read from files that the server offers
	// beside the built-in ones.
	files []*policies.Policy

	mu        sync.Mutex
	runs      map[string]*session
	perClient map[string]int
}

// New returns a Server bounded by lim. When ctx is done every open run ends
// and new runs are refused, so that an http.Server's Shutdown can finish.
// files are policies read from policy files (wijksim serve --policies),
// offered on the page beside the built-in policies; a page may also load
// policy files of its own.
func New(ctx context.Context, lim Limits, files ...*policies.Policy) (*Server, error) {
	if err := lim.check(); err != nil {
		return nil, err
	}
	for i, p := range files {
		switch {
		case p == nil || p.Builtin:
			return nil, fmt.Errorf("web: policy file %d: a built-in policy or none; allowed: policies read from files", i)
		case slices.Contains(policies.NamesOf(files[:i]), p.Name):
			return nil, fmt.Errorf("web: policy %q of %s is given twice; allowed: each policy once", p.Name, p.File)
		}
	}
	files = slices.Clone(files)
	meta, err := buildMeta(lim, files)
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	static, err := fs.Sub(assets, "assets")
	if err != nil {
		return nil, fmt.Errorf("web: embedded assets: %w", err)
	}
	s := &Server{ctx: ctx, limits: lim, mux: http.NewServeMux(), meta: meta, files: files,
		runs: map[string]*session{}, perClient: map[string]int{}}
	s.mux.Handle(pagePattern, http.FileServerFS(static))
	s.mux.HandleFunc("GET /api/meta", s.handleMeta)
	s.mux.HandleFunc("GET /api/health", s.handleHealth)
	s.mux.HandleFunc("POST /api/runs", s.handleCreate)
	s.mux.HandleFunc("GET /api/runs/{id}/events", s.handleEvents)
	s.mux.HandleFunc("POST /api/runs/{id}/control", s.handleControl)
	s.mux.HandleFunc("POST /api/policies", s.handlePolicy)
	s.mux.HandleFunc("POST /api/export", s.handleExport)
	return s, nil
}

// NewHTTPServer returns an http.Server for h on addr with timeouts:
// headers must arrive within 5 seconds, a whole request within the
// ReadTimeout and an answer must be written within the RequestWriteTimeout
// of h's Limits (of DefaultLimits if h is not a *Server), and idle
// connections close after a minute. An event stream lifts the read
// deadline once its request is read and sets a write deadline per event
// instead, so that a long stream is not cut.
func NewHTTPServer(addr string, h http.Handler) *http.Server {
	lim := DefaultLimits()
	if s, ok := h.(*Server); ok {
		lim = s.limits
	}
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: lim.ReadHeaderTimeout,
		ReadTimeout:       lim.ReadTimeout,
		WriteTimeout:      lim.RequestWriteTimeout,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
	}
}

// ServeHTTP implements http.Handler. Before any route it refuses a
// request for a host the server does not serve (checkHost), from a page
// of another origin (checkOrigin), and for a path that is not valid UTF-8;
// a path under /api/ that no route takes is answered in JSON (apiMiss).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	if err := s.checkHost(r.Host); err != nil {
		writeError(w, http.StatusMisdirectedRequest, "%v", err)
		return
	}
	if err := checkOrigin(r); err != nil {
		writeError(w, http.StatusForbidden, "%v", err)
		return
	}
	if !utf8.ValidString(r.URL.Path) || strings.ContainsRune(r.URL.Path, 0) {
		writeError(w, http.StatusBadRequest, "path %s is not valid UTF-8", names.Quote(r.URL.Path))
		return
	}
	if s.apiMiss(w, r) {
		return
	}
	s.mux.ServeHTTP(w, r)
}

// checkHost accepts the hosts a browser names when the page was opened on
// purpose: an IP address (typed, or printed by wijksim serve), localhost,
// or a name of Limits.AllowedHosts. Any other name can only come from a
// page that made its own name resolve to this server (DNS rebinding).
func (s *Server) checkHost(hostport string) error {
	if hostport == "" {
		return errors.New("the request names no host (its Host header is missing or empty); allowed: a Host header naming the IP address, localhost or a name of wijksim serve --allow-host, as a browser sends it")
	}
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	if net.ParseIP(host) != nil {
		return nil
	}
	lower := strings.ToLower(host)
	if lower == "localhost" || strings.HasSuffix(lower, ".localhost") {
		return nil
	}
	for _, a := range s.limits.AllowedHosts {
		if strings.EqualFold(strings.TrimSuffix(a, "."), host) {
			return nil
		}
	}
	if !plainHostName(host) {
		return fmt.Errorf("host %s is not served here; open the page by IP address or localhost", names.Quote(host))
	}
	return fmt.Errorf("host %s is not served here; open the page by IP address or localhost, or start wijksim serve with --allow-host %s", names.Quote(host), host)
}

// plainHostName reports whether host is short and made of the letters,
// digits, dots, hyphens and underscores of a host name, so that an error
// may suggest it for --allow-host.
func plainHostName(host string) bool {
	if host == "" || names.Clip(host) != host {
		return false
	}
	for _, c := range host {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// checkOrigin refuses a request that a page of another origin sent: its
// Origin header, when there is one, must name the host it was sent to.
func checkOrigin(r *http.Request) error {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return nil
	}
	u, err := url.Parse(origin)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !strings.EqualFold(u.Host, r.Host) {
		return fmt.Errorf("requests from origin %s are refused; the page can only be used from %s itself", names.Quote(origin), names.Clip(r.Host))
	}
	return nil
}

// apiRoutes lists the API's routes for the error of a path that has none.
const apiRoutes = "GET /api/meta, GET /api/health, POST /api/runs, GET /api/runs/ID/events, POST /api/runs/ID/control, POST /api/policies, POST /api/export"

// apiMiss answers a request under /api/ that no API route takes, in JSON
// like every error answer of the API: 405 with an Allow header when a
// route takes the path with another method, else 404. It reports whether
// it answered.
func (s *Server) apiMiss(w http.ResponseWriter, r *http.Request) bool {
	if p := path.Clean(r.URL.Path); p != "/api" && !strings.HasPrefix(p, "/api/") {
		return false
	}
	if s.apiRoute(r, r.Method) {
		return false
	}
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		if s.apiRoute(r, m) {
			allow = append(allow, m)
		}
	}
	if len(allow) == 0 {
		writeError(w, http.StatusNotFound, "no API path %s; allowed: %s", names.Quote(r.URL.Path), apiRoutes)
		return true
	}
	w.Header().Set("Allow", strings.Join(allow, ", "))
	writeError(w, http.StatusMethodNotAllowed, "method %s of %s; allowed: %s", names.Quote(r.Method), names.Quote(r.URL.Path), strings.Join(allow, ", "))
	return true
}

// apiRoute reports whether a route of the API, not the page's files,
// takes the path of r with method.
func (s *Server) apiRoute(r *http.Request, method string) bool {
	probe := *r
	probe.Method = method
	_, pattern := s.mux.Handler(&probe)
	return pattern != "" && pattern != pagePattern
}

// pagePattern is the route of the page's files.
const pagePattern = "GET /"

// Runs reports how many runs exist now, streaming or waiting for their stream.
func (s *Server) Runs() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.runs)
}

// clientOf identifies the client of r by its remote IP address. Headers
// such as X-Forwarded-For are not trusted.
func clientOf(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// apiError is the JSON body of every error answer.
type apiError struct {
	Error string `json:"error"`
	// Reason names a refusal the page can word in the lecturer's language
	// (one of the reason constants), with Limit its number; empty for
	// other errors, whose message the page shows as it is.
	Reason string `json:"reason,omitempty"`
	Limit  int    `json:"limit,omitempty"`
}

// The reasons for refusing a new run (apiError.Reason).
const (
	reasonServerFull = "server_full" // the server has MaxRuns runs open
	reasonClientFull = "client_full" // this client has MaxRunsPerClient runs open
	reasonStopping   = "stopping"    // the server is shutting down
)

// reasonTimeLimit is the reason of the end event of a run whose stream
// was open for Limits.MaxRunDuration; the page words it.
const reasonTimeLimit = "time limit"

func writeJSON(w http.ResponseWriter, code int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, `{"error":"internal error"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	w.Write(append(b, '\n'))
}

func writeError(w http.ResponseWriter, code int, format string, args ...any) {
	writeJSON(w, code, apiError{Error: fmt.Sprintf(format, args...)})
}

func (s *Server) handleMeta(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(s.meta)
}

// health is the answer of /api/health.
type health struct {
	Runs             int `json:"runs"`
	MaxRuns          int `json:"max_runs"`
	MaxRunsPerClient int `json:"max_runs_per_client"`
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, health{Runs: s.Runs(), MaxRuns: s.limits.MaxRuns, MaxRunsPerClient: s.limits.MaxRunsPerClient})
}

// createRequest is the body of POST /api/runs.
type createRequest struct {
	RunConfig
	// Speed is months per second, 0 for as fast as possible; default 8.
	Speed *float64 `json:"speed,omitempty"`
	// Play starts playing as soon as the stream opens.
	Play bool `json:"play"`
}

// created is the answer of POST /api/runs.
type created struct {
	ID      string `json:"id"`
	Events  string `json:"events"`
	Control string `json:"control"`
}

func (s *Server) handleCreate(w http.ResponseWriter, r *http.Request) {
	var req createRequest
	if !s.decodeJSON(w, r, &req) {
		return
	}
	speed := float64(defaultSpeed)
	if req.Speed != nil {
		speed = *req.Speed
	}
	if err := checkSpeed(speed); err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	pl, err := s.limits.resolve(req.RunConfig, s.files...)
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	id := rand.Text()
	client := clientOf(r)
	sess := newSession(id, client, pl, speed, req.Play)
	if code, refusal := s.register(sess); code != 0 {
		w.Header().Set("Retry-After", "5")
		writeJSON(w, code, refusal)
		return
	}
	writeJSON(w, http.StatusCreated, created{ID: id, Events: "/api/runs/" + id + "/events", Control: "/api/runs/" + id + "/control"})
}

// register adds sess within the limits; it returns the status code and
// answer of a refusal, or 0.
func (s *Server) register(sess *session) (int, apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ctx.Err() != nil {
		return http.StatusServiceUnavailable, apiError{Error: "the server is stopping", Reason: reasonStopping}
	}
	if n := s.limits.MaxRuns; len(s.runs) >= n {
		return http.StatusTooManyRequests, apiError{Error: fmt.Sprintf("the server has its maximum of %d runs open; try again when one ends", n), Reason: reasonServerFull, Limit: n}
	}
	if n := s.limits.MaxRunsPerClient; s.perClient[sess.client] >= n {
		return http.StatusTooManyRequests, apiError{Error: fmt.Sprintf("this computer has its maximum of %d runs open; close a page or wait for a run to end", n), Reason: reasonClientFull, Limit: n}
	}
	s.runs[sess.id] = sess
	s.perClient[sess.client]++
	sess.expiry = time.AfterFunc(s.limits.AttachTimeout, func() { s.dropUnattached(sess.id) })
	return 0, apiError{}
}

// dropUnattached removes a run whose stream never opened.
func (s *Server) dropUnattached(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sess, ok := s.runs[id]; ok && !sess.attached {
		s.removeLocked(sess)
	}
}

func (s *Server) remove(sess *session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.removeLocked(sess)
}

func (s *Server) removeLocked(sess *session) {
	if s.runs[sess.id] != sess {
		return
	}
	delete(s.runs, sess.id)
	if s.perClient[sess.client]--; s.perClient[sess.client] <= 0 {
		delete(s.perClient, sess.client)
	}
	sess.expiry.Stop()
}

// lookup finds the run id of the client of r.
func (s *Server) lookup(r *http.Request) (*session, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sess, ok := s.runs[r.PathValue("id")]
	if !ok || sess.client != clientOf(r) {
		return nil, false
	}
	return sess, true
}

// attach marks the run id of the client of r as streaming; it returns the
// status code of a refusal, or 0.
func (s *Server) attach(r *http.Request) (*session, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sess, ok := s.runs[r.PathValue("id")]
	if !ok || sess.client != clientOf(r) {
		return nil, http.StatusNotFound
	}
	if sess.attached {
		return nil, http.StatusConflict
	}
	sess.attached = true
	sess.expiry.Stop()
	return sess, 0
}

// handleEvents streams a run. A HEAD request is refused: it would open
// the stream, which is the run's only, and close it at once, ending the
// run.
func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		writeError(w, http.StatusMethodNotAllowed, "method %s of a run's event stream; allowed: GET, which opens the run's only stream", r.Method)
		return
	}
	sess, code := s.attach(r)
	switch code {
	case http.StatusNotFound:
		writeError(w, code, "no run %s for this computer; it ended or was never created", names.Quote(r.PathValue("id")))
		return
	case http.StatusConflict:
		writeError(w, code, "run %s is already streaming to another page", names.Quote(r.PathValue("id")))
		return
	}
	defer s.remove(sess)

	ctx, cancel := context.WithTimeout(r.Context(), s.limits.MaxRunDuration)
	defer cancel()
	stop := context.AfterFunc(s.ctx, cancel)
	defer stop()

	rc := http.NewResponseController(w)
	// An event stream reads nothing more; no read deadline may cut it.
	if err := rc.SetReadDeadline(time.Time{}); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	out := &eventWriter{w: w, rc: rc, timeout: s.limits.WriteTimeout}
	if err := out.comment("wijksim run " + sess.id); err != nil {
		return
	}
	month, err := sess.stream(ctx, out, s.limits.KeepAlive)
	switch {
	case err == nil || r.Context().Err() != nil:
		// The run reached its end, or the page closed.
	case s.ctx.Err() != nil:
		// The page words why its run ended and what to do: start
		// wijksim serve again.
		out.send("end", endEvent{Month: month, Reason: reasonStopping})
	case errors.Is(err, context.DeadlineExceeded):
		out.send("end", endEvent{Month: month, Reason: reasonTimeLimit})
	}
}

func (s *Server) handleControl(w http.ResponseWriter, r *http.Request) {
	var c Control
	if !s.decodeJSON(w, r, &c) {
		return
	}
	sess, ok := s.lookup(r)
	if !ok {
		writeError(w, http.StatusNotFound, "no run %s for this computer; it ended or was never created", names.Quote(r.PathValue("id")))
		return
	}
	st, err := sess.control(c)
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}

// handlePolicy checks a policy file the page loads and describes its
// policy for the page's list: name, labels, summary and colour. A file may
// not take a built-in policy's name.
func (s *Server) handlePolicy(w http.ResponseWriter, r *http.Request) {
	var f PolicyFile
	if !s.decodeJSON(w, r, &f) {
		return
	}
	p, err := f.parse()
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	writeJSON(w, http.StatusOK, policyInfo(p))
}

// exportRequest is the body of POST /api/export.
type exportRequest struct {
	RunConfig
	// Lang is the language of the export's README.txt, the page's: "nl"
	// or "en"; empty means English.
	Lang string `json:"lang,omitempty"`
}

func (s *Server) handleExport(w http.ResponseWriter, r *http.Request) {
	var req exportRequest
	if !s.decodeJSON(w, r, &req) {
		return
	}
	if req.Lang != "" && req.Lang != "nl" && req.Lang != "en" {
		writeError(w, http.StatusBadRequest, "lang %s: unknown; allowed: nl or en", names.Quote(req.Lang))
		return
	}
	pl, err := s.limits.resolve(req.RunConfig, s.files...)
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	zip, name, err := exportZip(pl, req.Lang)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "export: %v", err)
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Header().Set("Cache-Control", "no-store")
	w.Write(zip)
}

// meta is the answer of /api/meta: everything the page needs to build its
// controls and label its charts, in both languages.
type meta struct {
	Scenarios  []scenarioMeta       `json:"scenarios"`
	Policies   []PolicyInfo         `json:"policies"`
	Defaults   []string             `json:"default_policies"`
	Groups     []Group              `json:"groups"`
	Sliders    []Slider             `json:"sliders"`
	Presets    []Preset             `json:"presets"`
	Outcomes   []outcomeMeta        `json:"outcomes"`
	Rungs      []Text               `json:"rungs"`
	RungColour []string             `json:"rung_colours"`
	Limits     map[string]float64   `json:"limits"`
	Values     map[string]sliderSet `json:"values"`
}

// scenarioMeta describes an embedded scenario.
type scenarioMeta struct {
	Name string `json:"name"`
	// Label is the scenario's name as the page lists it, in both
	// languages (scenarioLabel).
	Label       Text `json:"label"`
	Description Text `json:"description"`
}

// scenarioLabel names an embedded scenario on the page: a place keeps its
// name, capitalised; "default" is called so in each language.
func scenarioLabel(name string) Text {
	if name == "default" {
		return Text{"Standaard", "Default"}
	}
	l := strings.ToUpper(name[:1]) + name[1:]
	return Text{l, l}
}

// sliderSet holds each slider's value in one scenario, by slider ID.
type sliderSet map[string]float64

// outcomeMeta describes an outcome the page charts, one chart each, in the
// order of the outcome registry.
type outcomeMeta struct {
	Key string `json:"key"`
	// Label is the outcome's name, the chart's title; its unit is on the
	// axis (AxisUnit), not repeated in the title.
	Label  Text   `json:"label"`
	Unit   Text   `json:"unit"`
	Better string `json:"better"`
	// Axis is how the chart scales its axis: "level" (fixed 0 to 1),
	// "count" (whole numbers) or "euro".
	Axis string `json:"axis"`
	// AxisUnit is the unit the chart writes at the top of its value axis,
	// empty where it would only repeat the title ("Share on rung 3 or
	// higher", share) or the axis's own labels (euros, written €1k).
	AxisUnit Text `json:"axis_unit"`
}

// classroomOutcomes describes the outcomes the registry shows in the
// classroom.
func classroomOutcomes() []outcomeMeta {
	var out []outcomeMeta
	for _, o := range outcomes.Shown(outcomes.Classroom) {
		axis := "count"
		switch o.Unit {
		case outcomes.Level, outcomes.Share:
			axis = "level"
		case outcomes.Euro, outcomes.EuroPerMonth:
			axis = "euro"
		}
		m := outcomeMeta{
			Key: o.Key, Label: fromLabel(o.Label),
			Unit: fromLabel(o.Unit.Name), Better: o.Better.String(), Axis: axis,
		}
		if axis != "euro" && !repeats(m.Label.NL, m.Unit.NL) && !repeats(m.Label.EN, m.Unit.EN) {
			m.AxisUnit = m.Unit
		}
		out = append(out, m)
	}
	return out
}

// repeats reports whether title already names unit, in any case.
func repeats(title, unit string) bool {
	return strings.Contains(strings.ToLower(title), strings.ToLower(unit))
}

func buildMeta(lim Limits, files []*policies.Policy) ([]byte, error) {
	m := meta{
		Defaults:   []string{"afstand", "sanctie", "nabijheid"},
		Groups:     groups(),
		Sliders:    sliders(),
		Presets:    presets(),
		Outcomes:   classroomOutcomes(),
		RungColour: make([]string, len(labels.RungColours)),
		Values:     map[string]sliderSet{},
		Limits: map[string]float64{
			"max_residents": float64(lim.MaxResidents), "max_months": float64(lim.MaxMonths),
			"min_policies": minPolicies, "max_policies": maxPolicies, "max_seed": maxSeed, "max_speed": maxSpeed,
		},
	}
	for _, p := range append(policies.Builtins(), files...) {
		m.Policies = append(m.Policies, policyInfo(p))
	}
	for i, t := range labels.Rung {
		m.Rungs = append(m.Rungs, fromLabel(t))
		m.RungColour[i] = labels.Hex(labels.RungColours[i])
	}
	for _, name := range scenarios.Names() {
		sc, err := scenarios.Load(name, scenarios.Options{})
		if err != nil {
			return nil, err
		}
		m.Scenarios = append(m.Scenarios, scenarioMeta{Name: name, Label: scenarioLabel(name), Description: Text{sc.Description["nl"], sc.Description["en"]}})
		vals := sliderSet{}
		for _, sl := range m.Sliders {
			spec, _ := scenarios.Lookup(sl.Keys[0])
			vals[sl.ID] = spec.Get(&sc.Params)
		}
		m.Values[name] = vals
	}
	return json.Marshal(m)
}
