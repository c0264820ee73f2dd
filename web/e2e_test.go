package web

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

const chromiumPath = "/usr/bin/chromium"

// moduleRoot returns the folder of go.mod, from `go env GOMOD`.
func moduleRoot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		t.Fatal("go env GOMOD: not in a module")
	}
	return filepath.Dir(gomod)
}

// TestClassroomInChromium drives the page in Debian's headless Chromium
// with tools/e2e/classroom.mjs (Playwright): load, move a slider, play,
// see the charts change, step, export, switch language, projector mode, no
// console errors, and a screenshot; then projector mode on screens of
// 1280 x 720 and 1920 x 1080, where every chart must be at least 300 px
// wide and inside the window, with readable ticks, a month label and the
// policies' legend in view, and a screenshot of each; last, a lecturer
// loads a policy file (a bad one is refused with its line and key,
// examples/policies/zaanstad-2019.yaml races the default policies in a
// colour of its own) and the export keeps it; and a page loses its server
// (a second one, stopped as a crash would stop it: its connections cut
// and its port closed) and says so in its own language. A third server
// ends runs at a short time limit, which the page words as such, not as a
// run's normal end; a fourth cuts its streams and then hangs, never
// answering, where the page must still say, after its probe of
// /api/health times out, that wijksim no longer answers. It is skipped when
// Node, the npm packages (npm ci --prefix tools/e2e) or Chromium are
// missing, except on CI (CI=true), where that is a failure. The
// screenshots are kept with `go test -run Chromium -artifacts -outputdir
// DIR ./web`.
func TestClassroomInChromium(t *testing.T) {
	root := moduleRoot(t)
	script := filepath.Join(root, "tools", "e2e", "classroom.mjs")
	missing := []string{}
	if _, err := exec.LookPath("node"); err != nil {
		missing = append(missing, "node")
	}
	if _, err := os.Stat(filepath.Join(root, "tools", "e2e", "node_modules", "playwright-core")); err != nil {
		missing = append(missing, "tools/e2e/node_modules (run npm ci --prefix tools/e2e)")
	}
	if _, err := os.Stat(chromiumPath); err != nil {
		missing = append(missing, chromiumPath+" (run bash .ci/install-browser.sh)")
	}
	if len(missing) > 0 {
		msg := "browser test needs " + strings.Join(missing, ", ")
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}

	_, ts := startServer(t, testLimits())
	_, doomed := startServer(t, testLimits())
	stop := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		doomed.Listener.Close()
		doomed.CloseClientConnections()
		w.WriteHeader(http.StatusNoContent)
	}))
	defer stop.Close()
	limited := testLimits()
	limited.MaxRunDuration = 4 * time.Second
	_, short := startServer(t, limited)
	hangs, hang := hangingServer(t)
	dir := t.ArtifactDir()
	ctx, cancel := context.WithTimeout(t.Context(), 180*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", script, ts.URL+"/", dir, doomed.URL+"/", stop.URL+"/", short.URL+"/", hangs.URL+"/", hang.URL+"/")
	cmd.Dir = root
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	t.Logf("classroom.mjs:\n%s", out.String())
	if err != nil {
		t.Fatalf("node %s: %v", script, err)
	}
	for _, tc := range []struct {
		name string
		w, h int // 0: any size
	}{
		{"classroom.png", 0, 0},
		{"projector-1280x720.png", 1280, 720},
		{"projector-1920x1080.png", 1920, 1080},
	} {
		shot := filepath.Join(dir, tc.name)
		img := checkScreenshot(t, shot)
		if b := img.Bounds(); tc.w > 0 && (b.Dx() != tc.w || b.Dy() != tc.h) {
			t.Errorf("%s is %dx%d, want %dx%d", tc.name, b.Dx(), b.Dy(), tc.w, tc.h)
		}
		t.Logf("screenshot: %s", shot)
	}
}

// hangingServer returns a server of the page and the address that makes
// it hang: the request to that address cuts the server's connections, its
// event streams among them, after which the server accepts requests but
// answers none until the test ends.
func hangingServer(t *testing.T) (page, hang *httptest.Server) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := New(ctx, testLimits())
	if err != nil {
		t.Fatal(err)
	}
	var hanging atomic.Bool
	release := make(chan struct{})
	page = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hanging.Load() {
			select {
			case <-r.Context().Done():
			case <-release:
			}
			return
		}
		srv.ServeHTTP(w, r)
	}))
	hang = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hanging.Store(true)
		page.CloseClientConnections()
		w.WriteHeader(http.StatusNoContent)
	}))
	// Cleanups run last first: the hung requests are let go, and the
	// server's runs end, before the servers close.
	t.Cleanup(page.Close)
	t.Cleanup(hang.Close)
	t.Cleanup(func() { close(release) })
	t.Cleanup(cancel)
	return page, hang
}

// checkScreenshot fails unless path is a PNG with something drawn on it:
// many distinct colours, and not one colour on nearly every pixel. It
// returns the image.
func checkScreenshot(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	b := img.Bounds()
	if b.Dx() < 800 || b.Dy() < 600 {
		t.Fatalf("screenshot is %dx%d", b.Dx(), b.Dy())
	}
	counts := map[uint32]int{}
	total := 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			counts[key(img, x, y)]++
			total++
		}
	}
	most := 0
	for _, n := range counts {
		most = max(most, n)
	}
	if len(counts) < 50 || float64(most)/float64(total) > 0.97 {
		t.Errorf("screenshot %s looks blank: %d colours, the commonest on %.1f%% of pixels", filepath.Base(path), len(counts), 100*float64(most)/float64(total))
	}
	return img
}

func key(img image.Image, x, y int) uint32 {
	r, g, b, _ := img.At(x, y).RGBA()
	return (r>>8)<<16 | (g>>8)<<8 | b>>8
}
