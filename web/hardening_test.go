package web

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestSlowClientsAreCut: a client that promises a request body and sends
// nothing used to hold its connection open for ever; the server closes it
// after the ReadTimeout. An event stream still outlives both timeouts.
func TestSlowClientsAreCut(t *testing.T) {
	lim := testLimits()
	lim.ReadTimeout, lim.RequestWriteTimeout = 300*time.Millisecond, 300*time.Millisecond
	_, ts := startServer(t, lim)
	addr := strings.TrimPrefix(ts.URL, "http://")
	for _, req := range []string{
		"POST /api/runs HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n",
		"POST /api/export HTTP/1.1\r\nHost: %s\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n{",
		"GET / HTTP/1.1\r\nHost: %s\r\nContent-Length: 100000\r\n\r\n",
	} {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if _, err := fmt.Fprintf(conn, req, addr); err != nil {
			t.Fatal(err)
		}
		// The server must close the connection; the test waits far longer
		// than the timeout, so machine speed does not matter.
		conn.SetReadDeadline(time.Now().Add(30 * time.Second))
		_, err = io.Copy(io.Discard, conn)
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			t.Errorf("%q: the connection was still open after 30 s", strings.SplitN(req, "\r\n", 2)[0])
		}
	}

	// A run of 24 months at 16 months a second streams for 1.5 s, five
	// times the timeouts, and arrives whole.
	client := ts.Client()
	id := create(t, client, ts.URL, classRun(24, 16, true))
	res := openEvents(t, context.Background(), client, ts.URL, id)
	defer res.Body.Close()
	months := 0
	r := newSSEReader(res.Body)
	for {
		ev, err := r.next()
		if err != nil {
			t.Fatalf("the stream broke after %d months: %v", months, err)
		}
		if ev.Name == "month" {
			months++
		}
		if ev.Name == "end" {
			break
		}
	}
	if months < 24 {
		t.Errorf("%d months streamed, want 24", months)
	}
}

// TestHostOriginAndPathChecks: the server answers only under the hosts it
// serves (DNS rebinding), refuses requests sent by pages of another
// origin, and answers a path that is not UTF-8 with 400 (it was 500).
func TestHostOriginAndPathChecks(t *testing.T) {
	lim := testLimits()
	lim.AllowedHosts = []string{"klas-3.local"}
	_, ts := startServer(t, lim)
	addr := strings.TrimPrefix(ts.URL, "http://")
	_, port, _ := net.SplitHostPort(addr)
	body := `{"scenario":"assendelft","policies":["afstand","nabijheid"],"set":{"months":12}}`
	for _, tc := range []struct {
		name, method, path, host, origin string
		want                             int
	}{
		{"page by IP", "GET", "/", addr, "", http.StatusOK},
		{"page as localhost", "GET", "/", "localhost:" + port, "", http.StatusOK},
		{"page by an allowed name", "GET", "/", "KLAS-3.local:" + port, "", http.StatusOK},
		{"page by IPv6", "GET", "/api/health", "[::1]:" + port, "", http.StatusOK},
		{"rebinding name", "GET", "/api/meta", "evil.example:" + port, "", http.StatusMisdirectedRequest},
		{"rebinding name, no port", "POST", "/api/runs", "evil.example", "", http.StatusMisdirectedRequest},
		{"same origin", "POST", "/api/export", addr, "http://" + addr, http.StatusOK},
		{"other origin", "POST", "/api/runs", addr, "http://evil.example", http.StatusForbidden},
		{"other port", "POST", "/api/runs", addr, "http://127.0.0.1:1", http.StatusForbidden},
		{"null origin", "POST", "/api/runs", addr, "null", http.StatusForbidden},
		{"invalid UTF-8 path", "GET", "/%c0%ae%c0%ae/etc/passwd", addr, "", http.StatusBadRequest},
		{"NUL in path", "GET", "/index.html%00.js", addr, "", http.StatusBadRequest},
		{"dot dot", "GET", "/..%2f..%2fetc/passwd", addr, "", http.StatusNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			req := fmt.Sprintf("%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n", tc.method, tc.path, tc.host)
			if tc.origin != "" {
				req += "Origin: " + tc.origin + "\r\n"
			}
			if tc.method == "POST" {
				req += fmt.Sprintf("Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
			} else {
				req += "\r\n"
			}
			if _, err := io.WriteString(conn, req); err != nil {
				t.Fatal(err)
			}
			res, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tc.want {
				t.Errorf("%s %s (Host %s, Origin %q): %d %.200s; want %d", tc.method, tc.path, tc.host, tc.origin, res.StatusCode, b, tc.want)
			}
			if tc.want == http.StatusMisdirectedRequest && !strings.Contains(string(b), "--allow-host evil.example") {
				t.Errorf("the refusal does not say how to allow the name: %s", b)
			}
		})
	}
}
