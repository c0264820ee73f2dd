package outcomes_test

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// anchor is the line of declarations() after which the throwaway outcome
// is declared.
const anchor = "\tlist = append(list, totals()...)\n"

// throwaway declares an outcome the way a developer adds one: a single
// declaration in the registry, read from an existing statistic.
const throwaway = `	list = append(list, Outcome{Key: "sanctions_misfit_share",
		Label: text("Aandeel sancties dat niet paste", "Share of sanctions that did not fit"), Unit: Share,
		Doc: "share of this month's sanctions that did not fit the resident's capacity", Better: Lower, Timing: Monthly,
		Shown: Table | Chart | Classroom,
		Value: func(s *sim.MonthStats) float64 { return float64(s.SanctionsMisfit) / float64(s.Sanctions) }})
`

// TestAThrowawayOutcomeShowsEverywhere adds one declaration to the registry
// (in a build overlay, so the source is not touched), builds wijksim with it
// and finds the new outcome in the monthly CSV, the compare table, the
// report and the classroom's metadata.
func TestAThrowawayOutcomeShowsEverywhere(t *testing.T) {
	if testing.Short() {
		t.Skip("builds wijksim; not in -short mode")
	}
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	out, err := exec.Command(gobin, "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	root := filepath.Dir(strings.TrimSpace(string(out)))
	registry := filepath.Join(root, "outcomes", "registry.go")
	src, err := os.ReadFile(registry)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(string(src), anchor) != 1 {
		t.Fatalf("%s: the line %q is not there once; the test declares its outcome after it", registry, anchor)
	}
	tmp := t.TempDir()
	changed := filepath.Join(tmp, "registry.go")
	if err := os.WriteFile(changed, []byte(strings.Replace(string(src), anchor, anchor+throwaway, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	overlay, _ := json.Marshal(map[string]map[string]string{"Replace": {registry: changed}})
	overlayFile := filepath.Join(tmp, "overlay.json")
	if err := os.WriteFile(overlayFile, overlay, 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(tmp, "wijksim")
	build := exec.Command(gobin, "build", "-overlay", overlayFile, "-o", bin, "./cmd/wijksim")
	build.Dir = root
	if msg, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build with the throwaway outcome: %v\n%s", err, msg)
	}
	wijksim := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Dir = tmp
		b, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("wijksim %s: %v\n%s", strings.Join(args, " "), err, b)
		}
		return string(b)
	}
	const key, label = "sanctions_misfit_share", "Share of sanctions that did not fit"
	scenario := []string{"--scenario", "assendelft", "--set", "months=12", "--policies", "afstand,sanctie"}

	wijksim(append([]string{"run", "--out", "run", "--quiet"}, scenario...)...)
	monthly, err := os.ReadFile(filepath.Join(tmp, "run", "sanctie", "monthly.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if header, _, _ := strings.Cut(string(monthly), "\n"); !strings.Contains(header, ","+key) {
		t.Errorf("monthly.csv header lacks %s: %s", key, header)
	}

	table := wijksim(append([]string{"compare", "--replicates", "2", "--out", "compare", "--quiet", "--wide"}, scenario...)...)
	if !strings.Contains(table, label) {
		t.Errorf("the compare table lacks %q:\n%s", label, table)
	}

	wijksim("report", "compare", "--out", "report.html")
	html, err := os.ReadFile(filepath.Join(tmp, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(html), label) {
		t.Errorf("the report lacks %q", label)
	}

	if meta := classroomMeta(t, bin); !strings.Contains(meta, `"key":"`+key+`"`) {
		t.Errorf("the classroom's metadata lacks %s:\n%s", key, meta)
	}
}

// classroomMeta starts wijksim serve on a free port, reads /api/meta once
// the server says where it listens, and stops it.
func classroomMeta(t *testing.T, bin string) string {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	}()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("wijksim serve printed no address: %v", err)
	}
	i := strings.Index(line, "http://")
	if i < 0 {
		t.Fatalf("wijksim serve printed %q, no address", line)
	}
	url := strings.Fields(line[i:])[0]
	client := &http.Client{Timeout: 30 * time.Second}
	res, err := client.Get(url + "api/meta")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
