package report

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"html"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// chromium returns the path of Debian's headless Chromium. Without it the
// test is skipped, except on CI (CI=true), where .ci/run installs it.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed; .ci/install-browser.sh installs it")
	}
	t.Skip("chromium is not installed (apt-get install chromium, or bash .ci/install-browser.sh)")
	return ""
}

// runChromium runs headless Chromium on the report with extra arguments
// and returns what it wrote to stdout and stderr. Console messages go to
// stderr (--enable-logging=stderr) as lines with ":CONSOLE".
func runChromium(t *testing.T, bin, report string, args ...string) (stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	all := append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(), "--enable-logging=stderr", "--v=0",
	}, args...)
	all = append(all, "file://"+report)
	cmd := exec.CommandContext(ctx, bin, all...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %s: %v\n%s", strings.Join(args, " "), err, errOut.String())
	}
	return out.String(), errOut.String()
}

// consoleErrors returns the console messages and uncaught errors in
// Chromium's log. The report has no script, so any message is a fault.
func consoleErrors(log string) []string {
	var bad []string
	sc := bufio.NewScanner(strings.NewReader(log))
	sc.Buffer(make([]byte, 0, 1<<16), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.Contains(line, ":CONSOLE") || strings.Contains(line, "Uncaught") {
			bad = append(bad, line)
		}
	}
	return bad
}

func TestConsoleErrorsAreFound(t *testing.T) {
	log := `[1:1:1125/132058.557493:INFO:CONSOLE:1] "boom", source: file:///tmp/bad.html (1)
[1:1:1125/132058.173696:WARNING:ui/base/idle/idle_linux.cc:111] None of the known D-Bus ScreenSaver services could be used.
[1:1:1125/132058.559450:INFO:CONSOLE:1] "Uncaught ReferenceError: f is not defined", source: file:///tmp/bad.html (1)`
	if got := consoleErrors(log); len(got) != 2 {
		t.Errorf("found %d console messages, want 2: %q", len(got), got)
	}
}

func TestReportInHeadlessChromium(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "report.html")
	if err := WriteFile(path, compareFolder(t), Options{Lang: "nl"}); err != nil {
		t.Fatal(err)
	}

	shot := filepath.Join(dir, "report.png")
	_, log := runChromium(t, bin, path, "--screenshot="+shot, "--window-size=1280,2000", "--hide-scrollbars")
	if bad := consoleErrors(log); len(bad) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(bad, "\n"))
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v\n%s", err, log)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 2000 {
		t.Errorf("screenshot of %v, want 1280x2000", b)
	}
	colours := map[color.RGBA]bool{}
	inked := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			colours[c] = true
			if int(c.R)+int(c.G)+int(c.B) < 3*200 {
				inked++
			}
		}
	}
	if share := float64(inked) / float64(b.Dx()*b.Dy()); len(colours) < 50 || share < 0.01 {
		t.Errorf("the screenshot looks blank: %d colours, %.2f%% of the pixels inked", len(colours), 100*share)
	}

	// The DOM as Chromium built it: every chart is there as SVG.
	dom, log := runChromium(t, bin, path, "--dump-dom")
	if bad := consoleErrors(log); len(bad) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(bad, "\n"))
	}
	html, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Count(dom, "<svg "), strings.Count(string(html), "<svg "); got != want || want == 0 {
		t.Errorf("the browser built %d charts of %d", got, want)
	}
	if !strings.Contains(dom, tr("sec.clear", "nl")) {
		t.Error("the DOM lacks the section on clear differences")
	}
}

// TestBetterAndWorseLookDifferent opens the report in headless Chromium and
// reads the colours it gives the clear differences: the better ones share
// one colour, the worse ones another, neither is the page's white, and the
// legend's swatches show the same colours. The report has no script of its
// own; the test adds one to a copy to read the computed styles.
func TestBetterAndWorseLookDifferent(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "report.html")
	if err := WriteFile(path, compareFolder(t), Options{Lang: "nl"}); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const probe = `<script>
const out = {};
for (const cls of ['better', 'worse', 'clear']) {
  out[cls] = [...document.querySelectorAll('td.' + cls)].map((e) => getComputedStyle(e).backgroundColor);
  out['legend-' + cls] = [...document.querySelectorAll('p.legend .swatch.' + cls)].map((e) => getComputedStyle(e).backgroundColor);
}
const pre = document.createElement('pre');
pre.id = 'computed';
pre.textContent = JSON.stringify(out);
document.body.appendChild(pre);
</script>
</body>`
	probed := filepath.Join(dir, "probed.html")
	if err := os.WriteFile(probed, []byte(strings.Replace(string(page), "</body>", probe, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	dom, log := runChromium(t, bin, probed, "--dump-dom")
	if bad := consoleErrors(log); len(bad) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(bad, "\n"))
	}
	_, rest, ok := strings.Cut(dom, `<pre id="computed">`)
	raw, _, ok2 := strings.Cut(rest, "</pre>")
	if !ok || !ok2 {
		t.Fatalf("the probe wrote nothing; DOM:\n%.500s", dom)
	}
	var got map[string][]string
	if err := json.Unmarshal([]byte(html.UnescapeString(raw)), &got); err != nil {
		t.Fatalf("probe output %q: %v", raw, err)
	}
	one := func(key string) string {
		t.Helper()
		cs := got[key]
		if len(cs) == 0 {
			t.Fatalf("no %s cells or swatches in the report", key)
		}
		for _, c := range cs[1:] {
			if c != cs[0] {
				t.Errorf("%s: colours %q and %q", key, cs[0], c)
			}
		}
		return cs[0]
	}
	better, worse := one("better"), one("worse")
	if better == worse {
		t.Errorf("better and worse differences share the colour %s", better)
	}
	for name, c := range map[string]string{"better": better, "worse": worse} {
		if c == "rgb(255, 255, 255)" || c == "rgba(0, 0, 0, 0)" {
			t.Errorf("%s differences are not coloured: %s", name, c)
		}
		if legend := one("legend-" + name); legend != c {
			t.Errorf("the legend shows %s differences as %s, the table as %s", name, legend, c)
		}
	}
	for _, text := range []string{tr("legend.better", "nl"), tr("legend.worse", "nl")} {
		if !strings.Contains(dom, text) {
			t.Errorf("the DOM lacks the legend %q", text)
		}
	}
}
