package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe to write from the command while the
// test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestServeServesThePageAndStopsCleanly(t *testing.T) {
	var out, errOut syncBuffer
	root := NewRoot(&out, &errOut, nil, nil)
	root.SetArgs([]string{"serve", "--addr", "127.0.0.1:0", "--policies", filepath.Join("..", "..", "examples", "policies", "escalatie.yaml")})
	ctx, stop := context.WithCancel(t.Context())
	defer stop()
	done := make(chan error, 1)
	go func() { done <- root.ExecuteContext(ctx) }()

	urlRE := regexp.MustCompile(`open (http://127\.0\.0\.1:\d+/) in a browser`)
	var url string
	deadline := time.Now().Add(time.Minute) // a guard against a hang, not a speed requirement
	for url == "" && time.Now().Before(deadline) {
		if m := urlRE.FindStringSubmatch(out.String()); m != nil {
			url = m[1]
		}
		time.Sleep(10 * time.Millisecond)
	}
	if url == "" {
		t.Fatalf("no URL printed; stdout %q, stderr %q", out.String(), errOut.String())
	}
	for path, want := range map[string]string{"": "<title>wijksim", "api/health": `"runs":0`, "api/meta": `"name":"escalatie"`} {
		res, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(body), want) {
			t.Errorf("GET /%s: %d, body lacks %q", path, res.StatusCode, want)
		}
	}
	// An open event stream must not hold up the shutdown.
	res, err := http.Post(url+"api/runs", "application/json", strings.NewReader(`{"policies":["afstand","nabijheid"],"speed":1,"play":true}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	id := regexp.MustCompile(`"id":"([A-Z0-9]+)"`).FindStringSubmatch(string(body))
	if id == nil {
		t.Fatalf("create: %d %s", res.StatusCode, body)
	}
	stream, err := http.Get(url + "api/runs/" + id[1] + "/events")
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()

	stop() // as SIGINT does
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("serve did not stop within a minute")
	}
	if !strings.Contains(out.String(), "wijksim classroom: stopped") {
		t.Errorf("stdout %q", out.String())
	}
	if errOut.String() != "" {
		t.Errorf("stderr %q on loopback", errOut.String())
	}
}

func TestServeRefusesBadAddresses(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"port out of range", []string{"serve", "--addr", "127.0.0.1:99999"}, "serve:"},
		{"no port", []string{"serve", "--addr", "127.0.0.1"}, "missing port"},
		{"arguments", []string{"serve", "now"}, "unknown command"},
		{"a built-in policy as a file", []string{"serve", "--policies", "sanctie"}, `--policies: "sanctie" is not a policy file`},
		{"a missing policy file", []string{"serve", "--policies", "geen.yaml"}, "--policies: load policy"},
		{"a bad policy file", []string{"serve", "--policies", filepath.Join("..", "..", "policies", "3-sanctie.yaml")}, `3-sanctie.yaml: line 10, column 9: key "colour"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := wijksim(t, nil, tt.args...)
			if code == 0 || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want failure with %q", code, errOut, tt.want)
			}
		})
	}
}

func TestServeHelp(t *testing.T) {
	code, out, _ := wijksim(t, nil, "serve", "--help")
	for _, want := range []string{"--addr", "127.0.0.1:8080", "wijksim serve", "Ctrl+C", "no network"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("serve --help lacks %q", want)
		}
	}
}
