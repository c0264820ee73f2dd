//go:build linux

package experiment

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// killSweep is a sweep of 1,000 short runs that keep every output: a few
// seconds on one worker, so it can be stopped midway.
const killSweep = `name: kill
seed: 21
replicates: 2
policies: all
set:
  months: 36
  population.residents: 300
design:
  kind: factorial
  parameters:
    - key: professionals.caseload
      levels: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    - key: trust.gain_per_contact
      levels: [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1]
outputs: [summary, monthly, events]
`

// startSweep starts `wijksim sweep` on spec into out.
func startSweep(t *testing.T, spec, out string, workers int, extra ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	return startSweepWith(t, wijksimBinary(t), spec, out, workers, extra...)
}

// startSweepWith starts `wijksim sweep` of the binary bin on spec into out.
func startSweepWith(t *testing.T, bin, spec, out string, workers int, extra ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	args := append([]string{"sweep", "--spec", spec, "--out", out, "--workers", strconv.Itoa(workers), "--quiet"}, extra...)
	cmd := exec.Command(bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &stdout, &stderr
}

// stopSweepAt sends sig to a running sweep once its folder holds at least
// records finished runs, and waits for it to end. It does not race the
// sweep: before each count the sweep is frozen with SIGSTOP, and it runs on
// (SIGCONT) only when fewer runs are stored, so the signal always arrives
// with the wanted number of runs stored, however fast or slow the machine.
func stopSweepAt(t *testing.T, cmd *exec.Cmd, out string, records int, sig syscall.Signal) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	ended := func(err error) {
		t.Helper()
		t.Fatalf("the sweep ended (%v) before %d runs were stored and it could be stopped", err, records)
	}
	counter := &lineCounter{dir: out}
	deadline := time.Now().Add(10 * time.Minute) // a guard against a hang only
	for {
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatalf("the sweep did not store %d runs in 10 minutes", records)
		}
		if err := cmd.Process.Signal(syscall.SIGSTOP); err != nil {
			ended(<-done)
		}
		if !waitStopped(cmd.Process.Pid) {
			ended(<-done)
		}
		n, err := counter.count()
		if err != nil {
			_ = cmd.Process.Kill()
			t.Fatal(err)
		}
		if n >= records {
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			_ = cmd.Process.Signal(syscall.SIGCONT)
			return <-done
		}
		if err := cmd.Process.Signal(syscall.SIGCONT); err != nil {
			ended(<-done)
		}
		select {
		case err := <-done:
			ended(err)
		case <-time.After(time.Millisecond):
		}
	}
}

// waitStopped waits until every thread of process pid is stopped by a
// signal. It reports false if the process has exited instead.
func waitStopped(pid int) bool {
	for {
		tasks, err := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/stat", pid))
		if err != nil || len(tasks) == 0 {
			return false
		}
		stopped := true
		for _, task := range tasks {
			b, err := os.ReadFile(task)
			if err != nil {
				return false
			}
			// The state follows the command name in parentheses.
			i := bytes.LastIndexByte(b, ')')
			if i < 0 || i+2 >= len(b) {
				return false
			}
			switch b[i+2] {
			case 'T', 't':
			case 'Z', 'X':
				return false
			default:
				stopped = false
			}
		}
		if stopped {
			return true
		}
		runtime.Gosched()
	}
}

// lineCounter counts the complete lines of a sweep folder's run logs (a
// record is one line; JSON strings hold no raw newline), reading only what
// was appended since its last count.
type lineCounter struct {
	dir   string
	read  map[string]int64
	lines int
}

func (c *lineCounter) count() (int, error) {
	if c.read == nil {
		c.read = make(map[string]int64)
	}
	logs, err := filepath.Glob(filepath.Join(c.dir, runsDir, logPattern))
	if err != nil {
		return 0, err
	}
	buf := make([]byte, 1<<16)
	for _, path := range logs {
		f, err := os.Open(path)
		if err != nil {
			return 0, err
		}
		off := c.read[path]
		for {
			k, err := f.ReadAt(buf, off)
			c.lines += bytes.Count(buf[:k], []byte("\n"))
			off += int64(k)
			if err != nil {
				break
			}
		}
		f.Close()
		c.read[path] = off
	}
	return c.lines, nil
}

// checkRecords checks that every complete line of the run logs is a whole
// record (only a log's last line may be cut short by a kill, and it does not
// count), and returns the number of runs stored.
func checkRecords(t *testing.T, out string) int {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(out, runsDir, logPattern))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		lines := bytes.SplitAfter(b, []byte("\n"))
		for i, line := range lines {
			if len(line) == 0 || line[len(line)-1] != '\n' {
				if i != len(lines)-1 {
					t.Errorf("run log %s: line %d is cut short but is not the last", filepath.Base(p), i+1)
				}
				continue
			}
			var rec runRecord
			if err := json.Unmarshal(line, &rec); err != nil {
				t.Errorf("run log %s: line %d is not a whole record: %v", filepath.Base(p), i+1, err)
			}
		}
	}
	return countRecords(out)
}

// TestSweepSurvivesKill stops a sweep with SIGTERM, then kills it with
// SIGKILL, resumes it to the end, and compares the result with a sweep that
// ran without interruption: the merged tables must be identical and no
// temporary file may be left.
func TestSweepSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds wijksim and runs sweeps of 1,000 runs: not in -short mode")
	}
	dir := t.TempDir()
	spec := writeSpecFile(t, dir, "kill.yaml", killSweep)
	ref, out := filepath.Join(dir, "uninterrupted"), filepath.Join(dir, "interrupted")

	start := time.Now()
	cmd, stdout, stderr := startSweep(t, spec, ref, 2)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("uninterrupted sweep: %v\n%s", err, stderr)
	}
	t.Logf("uninterrupted sweep of 1000 runs on 2 workers: %v", time.Since(start).Round(time.Millisecond))
	if !strings.Contains(stdout.String(), "1000 runs (0 resumed") {
		t.Fatalf("uninterrupted sweep: %s", stdout)
	}

	// SIGTERM: a clean stop that says how to resume.
	cmd, _, stderr = startSweep(t, spec, out, 1)
	err := stopSweepAt(t, cmd, out, 100, syscall.SIGTERM)
	if err == nil {
		t.Errorf("a sweep stopped by SIGTERM exited with status 0")
	}
	if !strings.Contains(stderr.String(), "run the same command again to resume") {
		t.Errorf("SIGTERM: stderr %q does not say how to resume", stderr)
	}
	n := checkRecords(t, out)
	if tmp := tempFiles(t, out); len(tmp) > 0 {
		t.Errorf("SIGTERM left temporary files: %v", tmp)
	}

	// SIGKILL: no clean-up at all.
	cmd, _, _ = startSweep(t, spec, out, 1)
	err = stopSweepAt(t, cmd, out, n+150, syscall.SIGKILL)
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("the sweep was not killed: %v", err)
	}
	killed := checkRecords(t, out)
	if killed >= 1000 {
		t.Fatalf("all runs finished before the kill")
	}
	if _, err := os.Stat(filepath.Join(out, SummariesFile)); err == nil {
		t.Errorf("a killed sweep has %s", SummariesFile)
	}

	cmd, stdout, stderr = startSweep(t, spec, out, 2)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("resumed sweep: %v\n%s", err, stderr)
	}
	m := regexp.MustCompile(`1000 runs \((\d+) resumed`).FindStringSubmatch(stdout.String())
	if m == nil {
		t.Fatalf("resumed sweep: %s", stdout)
	}
	if resumed, _ := strconv.Atoi(m[1]); resumed < killed {
		t.Errorf("%d runs resumed, but %d were stored before the kill", resumed, killed)
	}
	sameFiles(t, ref, out, mergedFiles)
	if tmp := tempFiles(t, out); len(tmp) > 0 {
		t.Errorf("temporary files left after the kill and the resumed sweep: %v", tmp)
	}
}

// TestResumeByAnotherBuildIsRefused: a sweep interrupted by one build and
// resumed by a build of changed sources used to finish, exit 0, with
// tables that mixed the two models' runs. Two binaries of the same devel
// version (the second is the first with bytes appended, as a rebuild
// differs) are told apart by their hashes: the other build is refused, as
// a whole sweep and as a shard, and stores nothing; the first finishes the
// sweep into the tables of an uninterrupted sweep; and the other merges
// the finished folder, since a merge runs nothing.
func TestResumeByAnotherBuildIsRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("builds wijksim and runs sweeps of 1,000 runs: not in -short mode")
	}
	dir := t.TempDir()
	spec := writeSpecFile(t, dir, "kill.yaml", killSweep)
	first := wijksimBinary(t)
	b, err := os.ReadFile(first)
	if err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "wijksim-other")
	if err := os.WriteFile(other, append(b, "another build"...), 0o755); err != nil {
		t.Fatal(err)
	}
	ref, out := filepath.Join(dir, "uninterrupted"), filepath.Join(dir, "interrupted")
	cmd, _, stderr := startSweep(t, spec, ref, 2)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("uninterrupted sweep: %v\n%s", err, stderr)
	}

	cmd, _, _ = startSweep(t, spec, out, 1)
	if err := stopSweepAt(t, cmd, out, 100, syscall.SIGINT); err == nil {
		t.Fatal("a sweep stopped by SIGINT exited with status 0")
	}
	stored := checkRecords(t, out)
	for _, extra := range [][]string{nil, {"--shard", "1/2"}} {
		cmd, stdout, stderr := startSweepWith(t, other, spec, out, 2, extra...)
		if err := cmd.Wait(); err == nil {
			t.Fatalf("another build resumed the sweep %v: %s", extra, stdout)
		}
		for _, w := range []string{"sweep folder " + out, "another build of wijksim devel", "the binary that started it", "new --out"} {
			if !strings.Contains(stderr.String(), w) {
				t.Errorf("another build %v: stderr %q lacks %q", extra, stderr, w)
			}
		}
	}
	if n := checkRecords(t, out); n != stored {
		t.Errorf("%d runs stored after the refusals, had %d", n, stored)
	}

	cmd, stdout, stderr := startSweep(t, spec, out, 2)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("the sweep resumed by its own build: %v\n%s", err, stderr)
	}
	if !strings.Contains(stdout.String(), fmt.Sprintf("1000 runs (%d resumed", stored)) {
		t.Errorf("the sweep resumed by its own build: %s; want %d runs resumed", stdout, stored)
	}
	sameFiles(t, ref, out, mergedFiles)

	merge := exec.Command(other, "merge", out)
	if msg, err := merge.CombinedOutput(); err != nil {
		t.Errorf("another build's merge of the finished folder: %v\n%s", err, msg)
	}
	sameFiles(t, ref, out, mergedFiles)
}

// TestSweepCommandRefusesBadSpec checks that the command runs nothing and
// makes no folder for a spec with a mistake.
func TestSweepCommandRefusesBadSpec(t *testing.T) {
	dir := t.TempDir()
	spec := writeSpecFile(t, dir, "bad.yaml", strings.Replace(killSweep, "levels: [0.01,", "levels: [1.5,", 1))
	out := filepath.Join(dir, "out")
	cmd, _, stderr := startSweep(t, spec, out, 2)
	if err := cmd.Wait(); err == nil {
		t.Fatalf("a bad spec was accepted")
	}
	for _, want := range []string{spec, `key "design.parameters[1].levels[0]"`, "line 14", "allowed: number in [0, 1]"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr does not say %q: %s", want, stderr)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("the refused sweep made its folder")
	}
}

// TestSweepMemory runs a sweep of 20,000 runs keeping their summaries,
// then runs it again with --parquet (every run is resumed; the tables are
// merged again, with Parquet), and checks that the peak resident memory of
// each stays under 200 MB.
func TestSweepMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("a 20,000-run sweep: not in -short mode")
	}
	const samples, policies, limit = 4000, 5, 200_000_000
	const runs = samples * policies
	dir := t.TempDir()
	spec := writeSpecFile(t, dir, "memory.yaml", `name: memory
seed: 11
replicates: 1
policies: all
set:
  months: 12
  population.residents: 50
design:
  kind: lhs
  samples: `+strconv.Itoa(samples)+`
  parameters:
    - key: trust.gain_per_contact
      min: 0.01
      max: 0.2
    - key: professionals.caseload
      min: 10
      max: 80
`)
	out := filepath.Join(dir, "out")
	for _, tc := range []struct {
		what    string
		extra   []string
		resumed int
	}{
		{"sweep", nil, 0},
		{"merge with --parquet", []string{"--parquet"}, runs},
	} {
		start := time.Now()
		cmd, stdout, stderr := startSweep(t, spec, out, 2, tc.extra...)
		if err := cmd.Wait(); err != nil {
			t.Fatalf("%s: %v\n%s", tc.what, err, stderr)
		}
		elapsed := time.Since(start)
		if want := strconv.Itoa(runs) + " runs (" + strconv.Itoa(tc.resumed) + " resumed"; !strings.Contains(stdout.String(), want) {
			t.Fatalf("%s: %s, want %q", tc.what, stdout, want)
		}
		// The sweep reports its own peak resident memory (VmHWM). The
		// rusage of the child is no good here: the child is forked sharing
		// the test's memory, and its peak would include the test's.
		m := regexp.MustCompile(`Peak memory \(resident\): ([0-9.]+) MB`).FindStringSubmatch(stdout.String())
		if m == nil {
			t.Fatalf("%s: no peak memory in %q", tc.what, stdout)
		}
		peak, _ := strconv.ParseFloat(m[1], 64)
		t.Logf("%s of %d runs: %v, peak RSS %.1f MB", tc.what, runs, elapsed.Round(time.Millisecond), peak)
		if peak*1e6 >= limit {
			t.Errorf("%s of %d runs: peak RSS %.1f MB, want under %d MB", tc.what, runs, peak, limit/1_000_000)
		}
	}
	rows := readCSV(t, filepath.Join(out, SummariesFile))
	if len(rows)-1 != runs {
		t.Errorf("summaries.csv has %d rows, want %d", len(rows)-1, runs)
	}
	// The Parquet file, of several row groups, reads back with DuckDB.
	switch node, missing := findParquetReader(); {
	case missing == "":
		sameParquetAndCSV(t, node, filepath.Join(out, SummariesFile), filepath.Join(out, SummariesParquet))
	case os.Getenv("CI") == "true":
		t.Error(missing)
	default:
		t.Log(missing)
	}
}
