package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/experiment"
)

// clusterSpec is a small factorial sweep: 2 points x 2 policies x 2
// replicates = 8 runs, in 3 shards of 3, 3 and 2.
const clusterSpec = `name: cluster-test
seed: 3
replicates: 2
policies: [afstand, nabijheid]
set:
  months: 12
  population.residents: 60
design:
  kind: factorial
  parameters:
    - key: professionals.caseload
      levels: [20, 60]
outputs: [summary, monthly]
`

func writeClusterSpec(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "cluster-test.yaml")
	if err := os.WriteFile(path, []byte(clusterSpec), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// scriptLines reads an sbatch script into its lines.
func scriptLines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimRight(string(b), "\n"), "\n")
}

func TestSlurmWritesArrayScript(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeClusterSpec(t, dir)
	out := filepath.Join(dir, "sweep out") // a space, to check the quoting
	const bin = "/opt/wijksim/bin/wijksim"
	tests := []struct {
		name    string
		args    []string
		want    []string // #SBATCH lines, in order
		without []string
	}{
		{
			name:    "defaults",
			args:    []string{"--shards", "4"},
			want:    []string{"#SBATCH --job-name=wijksim-cluster-test", "#SBATCH --array=0-3", "#SBATCH --cpus-per-task=1", "#SBATCH --mem=1G", "#SBATCH --time=01:00:00", "#SBATCH --output=\"" + out + "/slurm/%A_%a.out\""},
			without: []string{"--partition", "--account"},
		},
		{
			name:    "resources",
			args:    []string{"--shards", "8", "--cpus", "4", "--mem", "500M", "--time", "00:30:00"},
			want:    []string{"#SBATCH --job-name=wijksim-cluster-test", "#SBATCH --array=0-7", "#SBATCH --cpus-per-task=4", "#SBATCH --mem=500M", "#SBATCH --time=00:30:00", "#SBATCH --output=\"" + out + "/slurm/%A_%a.out\""},
			without: []string{"--partition", "--account"},
		},
		{
			name: "partition and account",
			args: []string{"--shards", "1", "--partition", "short", "--account", "proj-42"},
			want: []string{"#SBATCH --job-name=wijksim-cluster-test", "#SBATCH --array=0-0", "#SBATCH --cpus-per-task=1", "#SBATCH --mem=1G", "#SBATCH --time=01:00:00", "#SBATCH --output=\"" + out + "/slurm/%A_%a.out\"", "#SBATCH --partition=short", "#SBATCH --account=proj-42"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Relative paths: the script must hold absolute ones.
			args := append([]string{"slurm", "--spec", "cluster-test.yaml", "--out", "sweep out", "--binary", bin}, tt.args...)
			code, stdout, stderr := wijksim(t, nil, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			script := filepath.Join(out, "wijksim-cluster-test.sbatch")
			for _, w := range []string{"Wrote " + script, "Submit it with: sbatch " + shellQuote(script), "wijksim merge " + shellQuote(out)} {
				if !strings.Contains(stdout, w) {
					t.Errorf("output lacks %q:\n%s", w, stdout)
				}
			}
			lines := scriptLines(t, script)
			if lines[0] != "#!/bin/bash" {
				t.Errorf("first line %q, want #!/bin/bash", lines[0])
			}
			var sbatch []string
			for _, l := range lines {
				if strings.HasPrefix(l, "#SBATCH") {
					sbatch = append(sbatch, l)
				}
			}
			if !slices.Equal(sbatch, tt.want) {
				t.Errorf("#SBATCH lines\n  %s\nwant\n  %s", strings.Join(sbatch, "\n  "), strings.Join(tt.want, "\n  "))
			}
			for _, w := range tt.without {
				if strings.Contains(strings.Join(lines, "\n"), w) {
					t.Errorf("the script has %s, which was not given", w)
				}
			}
			n := strings.TrimPrefix(tt.want[1], "#SBATCH --array=0-")
			shards := map[string]string{"3": "4", "7": "8", "0": "1"}[n]
			exec := "exec " + bin + " sweep --spec " + filepath.Join(dir, "cluster-test.yaml") + " --out '" + out + `' --shard "${SLURM_ARRAY_TASK_ID}/` + shards + `" --workers "${SLURM_CPUS_PER_TASK:-1}" --max-memory ` + map[string]string{"3": "1G", "7": "500M", "0": "1G"}[n] + ` --quiet`
			if last := lines[len(lines)-1]; last != exec {
				t.Errorf("last line\n  %s\nwant\n  %s", last, exec)
			}
			if _, err := os.Stat(filepath.Join(out, "slurm")); err != nil {
				t.Errorf("the folder for the tasks' logs was not created: %v", err)
			}
		})
	}
}

// TestSlurmScriptRunsItsShard runs the script as Slurm would, for task 2 of
// the array and again as a task resubmitted alone, with a stand-in for the
// binary that records its arguments.
func TestSlurmScriptRunsItsShard(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Fatalf("bash is needed to run the generated script: %v", err)
	}
	dir := t.TempDir()
	spec := writeClusterSpec(t, dir)
	bin := filepath.Join(dir, "fake-wijksim")
	argsFile := filepath.Join(dir, "args")
	if err := os.WriteFile(bin, []byte("#!/bin/sh\nprintf '%s\\n' \"$@\" > "+argsFile+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if code, _, stderr := wijksim(t, nil, "slurm", "--spec", spec, "--out", out, "--shards", "4", "--cpus", "3", "--binary", bin); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	script := filepath.Join(out, "wijksim-cluster-test.sbatch")
	for name, env := range map[string][]string{
		"in the array": {"SLURM_ARRAY_TASK_ID=2", "SLURM_ARRAY_TASK_COUNT=4", "SLURM_ARRAY_TASK_MIN=0", "SLURM_ARRAY_TASK_MAX=3", "SLURM_CPUS_PER_TASK=3"},
		"resubmitted":  {"SLURM_ARRAY_TASK_ID=2", "SLURM_ARRAY_TASK_COUNT=1", "SLURM_ARRAY_TASK_MIN=2", "SLURM_ARRAY_TASK_MAX=2", "SLURM_CPUS_PER_TASK=3"},
	} {
		os.Remove(argsFile)
		cmd := exec.Command(bash, script)
		cmd.Env = append([]string{"PATH=" + os.Getenv("PATH")}, env...)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, msg)
		}
		b, err := os.ReadFile(argsFile)
		if err != nil {
			t.Fatalf("%s: the binary was not run: %v", name, err)
		}
		got := strings.Fields(string(b))
		want := []string{"sweep", "--spec", spec, "--out", out, "--shard", "2/4", "--workers", "3", "--max-memory", "1G", "--quiet"}
		if !slices.Equal(got, want) {
			t.Errorf("%s: the script ran wijksim %v, want %v", name, got, want)
		}
	}
}

// TestSlurmScriptQuotesEveryValue: a spec name or a flag that would end a
// line of the script (and so run a command on the cluster, or end the
// #SBATCH lines early) is refused before anything is written; paths with
// spaces, quotes, dollars and percent signs are quoted so that bash, and
// sbatch in its #SBATCH lines, read them back unchanged.
func TestSlurmScriptQuotesEveryValue(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	dir := t.TempDir()
	spec := writeClusterSpec(t, dir)
	hostile := filepath.Join(dir, "hostile.yaml")
	if err := os.WriteFile(hostile, []byte("name: \"x\\ntouch INJECTED\\n#\"\n"+strings.SplitN(clusterSpec, "\n", 2)[1]), 0o644); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "out")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"hostile spec name", []string{"--spec", hostile, "--out", good}, `key "name": value "x\ntouch INJECTED\n#"; allowed: 1 to 64 letters`},
		{"hostile memory", []string{"--spec", spec, "--out", good, "--mem", "1G\ntouch INJECTED"}, "--mem \"1G\\ntouch INJECTED\"; allowed: a whole number"},
		{"hostile time", []string{"--spec", spec, "--out", good, "--time", "1:00 $(touch INJECTED)"}, "--time"},
		{"hostile partition", []string{"--spec", spec, "--out", good, "--partition", "a b"}, "--partition"},
		{"hostile account", []string{"--spec", spec, "--out", good, "--account", "x;touch INJECTED"}, "--account"},
		{"newline in the path", []string{"--spec", spec, "--out", filepath.Join(dir, "a\ntouch INJECTED")}, "control character"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := wijksim(t, nil, append([]string{"slurm", "--shards", "2", "--binary", "/bin/true"}, tc.args...)...)
			if code == 0 || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, %q; want an error with %q", code, stderr, tc.want)
			}
		})
	}
	if entries, _ := filepath.Glob(filepath.Join(dir, "*")); len(entries) != 2 {
		t.Errorf("refused commands wrote files: %v", entries)
	}

	// Paths that need quoting, for bash and for sbatch.
	odd := filepath.Join(dir, "out dir with 'single' \"double\" $HOME `x` %j 100%")
	bindir := filepath.Join(dir, "bin dir $(touch INJECTED)")
	if err := os.MkdirAll(bindir, 0o755); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(bindir, "fake wijksim")
	argsFile := filepath.Join(dir, "args")
	if err := os.WriteFile(bin, []byte("#!/bin/sh\nprintf '%s\\n' \"$@\" > "+shellQuote(argsFile)+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := wijksim(t, nil, "slurm", "--spec", spec, "--out", odd, "--shards", "4", "--binary", bin); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	script := filepath.Join(odd, "wijksim-cluster-test.sbatch")
	lines := scriptLines(t, script)
	wantOutput := `#SBATCH --output="` + strings.NewReplacer(`"`, `\"`, "%", "%%").Replace(odd) + `/slurm/%A_%a.out"`
	if !slices.Contains(lines, wantOutput) {
		t.Errorf("no line %s in the script:\n%s", wantOutput, strings.Join(lines, "\n"))
	}
	if msg, err := exec.Command(bash, "-n", script).CombinedOutput(); err != nil {
		t.Fatalf("bash -n: %v\n%s", err, msg)
	}
	cmd := exec.Command(bash, script)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=/nowhere", "SLURM_ARRAY_TASK_ID=1", "SLURM_CPUS_PER_TASK=2"}
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the script failed: %v\n%s", err, msg)
	}
	b, err := os.ReadFile(argsFile)
	if err != nil {
		t.Fatalf("the binary was not run: %v", err)
	}
	got := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	want := []string{"sweep", "--spec", spec, "--out", odd, "--shard", "1/4", "--workers", "2", "--max-memory", "1G", "--quiet"}
	if !slices.Equal(got, want) {
		t.Errorf("the script ran wijksim with\n  %q\nwant\n  %q", got, want)
	}
	if found, _ := filepath.Glob(filepath.Join(dir, "**", "INJECTED")); len(found) > 0 {
		t.Errorf("a command in a name was run: %v", found)
	}
	if _, err := os.Stat(filepath.Join(dir, "INJECTED")); err == nil {
		t.Errorf("a command in a name was run")
	}
}

func TestCheckScriptRefusesABrokenScript(t *testing.T) {
	for _, tc := range []struct{ name, script, want string }{
		{"command among the directives", "#!/bin/bash\n#SBATCH --job-name=x\ntouch INJECTED\n#SBATCH --mem=1G\nset -euo pipefail\n", "not a comment"},
		{"bash syntax", "#!/bin/bash\n#SBATCH --job-name=x\nset -euo pipefail\nexec 'unterminated\n", "bash cannot read"},
	} {
		err := experiment.CheckScript([]byte(tc.script))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v; want an error with %q", tc.name, err, tc.want)
		}
	}
}

func TestSlurmRefusesBadFlags(t *testing.T) {
	dir := t.TempDir()
	spec := writeClusterSpec(t, dir)
	out := filepath.Join(dir, "out")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--spec", spec, "--out", out, "--shards", "0"}, "--shards 0; allowed: at least 1"},
		{[]string{"--spec", spec, "--out", out, "--shards", "4", "--cpus", "0"}, "--cpus 0; allowed: at least 1"},
		{[]string{"--spec", spec, "--out", out}, `"shards" not set`},
		{[]string{"--out", out, "--shards", "2"}, `"spec" not set`},
		{[]string{"--spec", filepath.Join(dir, "missing.yaml"), "--out", out, "--shards", "2"}, "missing.yaml"},
		{[]string{"--spec", spec, "--out", out, "--shards", "9"}, "--shards 9: more than the 8 runs of the sweep, which would leave tasks without runs; allowed: at most 8"},
		{[]string{"--spec", spec, "--out", out, "--shards", "2", "--mem", "0"}, "--mem 0: Slurm's whole node"},
		// A one-at-a-time design runs its base point once: 36 runs, not
		// the 54 of its levels.
		{[]string{"--spec", repoFile("examples", "sweeps", "oat.yaml"), "--out", out, "--shards", "37"}, "--shards 37: more than the 36 runs of the sweep"},
		{[]string{"--spec", spec, "--out", out, "--shards", "2", "--mem", "0G"}, "allowed: a size above 0"},
	}
	for _, tt := range tests {
		code, _, stderr := wijksim(t, nil, append([]string{"slurm"}, tt.args...)...)
		if code == 0 || !strings.Contains(stderr, tt.want) {
			t.Errorf("slurm %v: exit %d, %q; want an error with %q", tt.args, code, stderr, tt.want)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("refused commands created %s", out)
	}
}

// TestSlurmRefusesAnotherSweepsFolder: a script whose tasks would all be
// refused, because the folder holds another sweep or another command's
// results, is not written; the folder of the same sweep is allowed.
func TestSlurmRefusesAnotherSweepsFolder(t *testing.T) {
	dir := t.TempDir()
	spec := writeClusterSpec(t, dir)
	other := filepath.Join(dir, "other.yaml")
	if err := os.WriteFile(other, []byte(strings.Replace(clusterSpec, "seed: 3", "seed: 4", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, run := filepath.Join(dir, "sweep"), filepath.Join(dir, "run")
	if code, _, stderr := wijksim(t, nil, "sweep", "--spec", other, "--out", out, "--quiet"); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, stderr := wijksim(t, nil, "run", "--scenario", "assendelft", "--set", "months=6", "--policies", "afstand", "--out", run, "--quiet"); code != 0 {
		t.Fatal(stderr)
	}
	for dir, want := range map[string]string{out: "holds another sweep", run: "holds the run of policy afstand"} {
		code, _, stderr := wijksim(t, nil, "slurm", "--spec", spec, "--out", dir, "--shards", "2")
		if code == 0 || !strings.Contains(stderr, want) {
			t.Errorf("slurm into %s: exit %d, %q; want %q", dir, code, stderr, want)
		}
		if scripts, _ := filepath.Glob(filepath.Join(dir, "*.sbatch")); len(scripts) > 0 {
			t.Errorf("a script was written into %s", dir)
		}
	}
	if code, _, stderr := wijksim(t, nil, "slurm", "--spec", other, "--out", out, "--shards", "2"); code != 0 {
		t.Errorf("slurm into its own sweep's folder: %s", stderr)
	}
}

// TestSlurmSubmit submits with a stand-in for sbatch on the PATH.
func TestSlurmSubmit(t *testing.T) {
	dir := t.TempDir()
	spec := writeClusterSpec(t, dir)
	fakeBin := filepath.Join(dir, "bin")
	if err := os.Mkdir(fakeBin, 0o755); err != nil {
		t.Fatal(err)
	}
	argsFile := filepath.Join(dir, "sbatch-args")
	sbatch := "#!/bin/sh\nprintf '%s\\n' \"$@\" > " + argsFile + "\nif [ -n \"$FAIL\" ]; then echo 'sbatch: error: invalid partition specified: nope' >&2; exit 1; fi\necho '4242;cluster'\n"
	if err := os.WriteFile(filepath.Join(fakeBin, "sbatch"), []byte(sbatch), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", fakeBin+string(os.PathListSeparator)+os.Getenv("PATH"))
	out := filepath.Join(dir, "out")
	script := filepath.Join(out, "wijksim-cluster-test.sbatch")

	code, stdout, stderr := wijksim(t, nil, "slurm", "--spec", spec, "--out", out, "--shards", "3", "--binary", "/bin/true", "--submit")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "Submitted job array 4242;cluster") || !strings.Contains(stdout, "wijksim merge "+out) {
		t.Errorf("output:\n%s", stdout)
	}
	b, err := os.ReadFile(argsFile)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Fields(string(b)); !slices.Equal(got, []string{"--parsable", script}) {
		t.Errorf("sbatch ran with %v, want --parsable %s", got, script)
	}

	t.Setenv("FAIL", "1")
	code, _, stderr = wijksim(t, nil, "slurm", "--spec", spec, "--out", out, "--shards", "3", "--binary", "/bin/true", "--partition", "nope", "--submit")
	if code == 0 || !strings.Contains(stderr, "invalid partition") || !strings.Contains(stderr, "sbatch "+script) {
		t.Errorf("a refused submission: exit %d, stderr %q; want sbatch's error and the script", code, stderr)
	}
}

// TestMergeCommand runs a sweep in 3 shards through the command line, one
// of them as a Slurm array task; merge first reports the shard that has not
// run, then merges into the same tables as the sweep run on one machine.
func TestMergeCommand(t *testing.T) {
	dir := t.TempDir()
	spec := writeClusterSpec(t, dir)
	out := filepath.Join(dir, "sharded")
	for _, shard := range []string{"0/3", "2/3"} {
		code, stdout, stderr := wijksim(t, nil, "sweep", "--spec", spec, "--out", out, "--shard", shard, "--workers", "2", "--quiet")
		if code != 0 {
			t.Fatalf("shard %s: exit %d: %s", shard, code, stderr)
		}
		want := "shard " + strings.Replace(shard, "/", " of ", 1) + ": 3 runs"
		if shard == "2/3" {
			want = "shard 2 of 3: 2 runs"
		}
		if !strings.Contains(stdout, want) || !strings.Contains(stdout, "wijksim merge "+out) {
			t.Errorf("shard %s said %q; want %q and how to merge", shard, stdout, want)
		}
	}
	// As if written by `wijksim slurm`: merge then says how to resubmit.
	if code, _, stderr := wijksim(t, nil, "slurm", "--spec", spec, "--out", out, "--shards", "3", "--binary", "/bin/true"); code != 0 {
		t.Fatalf("slurm: exit %d: %s", code, stderr)
	}

	code, stdout, stderr := wijksim(t, nil, "merge", out)
	if code == 0 {
		t.Fatalf("merge of an incomplete sweep exited 0:\n%s", stdout)
	}
	for _, w := range []string{"Missing runs: 1 4 7\n", "Shards to resubmit: 1\n", "Resubmit them with: sbatch --array=1 " + filepath.Join(out, "wijksim-cluster-test.sbatch")} {
		if !strings.Contains(stdout, w) {
			t.Errorf("merge output lacks %q:\n%s", w, stdout)
		}
	}
	if !strings.Contains(stderr, "incomplete") || !strings.Contains(stderr, "shards to resubmit: 1") {
		t.Errorf("merge error %q", stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "summaries.csv")); err == nil {
		t.Error("an incomplete merge wrote summaries.csv")
	}

	// The missing shard as a Slurm array task: the shard comes from the
	// environment.
	env := []string{"SLURM_ARRAY_TASK_ID=1", "SLURM_ARRAY_TASK_COUNT=3", "SLURM_ARRAY_TASK_MIN=0", "SLURM_ARRAY_TASK_MAX=2"}
	code, stdout, stderr = wijksim(t, env, "sweep", "--spec", spec, "--out", out, "--workers", "2", "--quiet")
	if code != 0 || !strings.Contains(stdout, "shard 1 of 3: 3 runs (0 resumed") {
		t.Fatalf("array task 1: exit %d, %q, %s", code, stdout, stderr)
	}
	// A gapped array is refused before anything runs.
	bad := []string{"SLURM_ARRAY_TASK_ID=2", "SLURM_ARRAY_TASK_COUNT=2", "SLURM_ARRAY_TASK_MIN=0", "SLURM_ARRAY_TASK_MAX=2"}
	if code, _, stderr := wijksim(t, bad, "sweep", "--spec", spec, "--out", out, "--quiet"); code == 0 || !strings.Contains(stderr, "contiguous") {
		t.Errorf("array task of a gapped array: exit %d, %q", code, stderr)
	}

	code, stdout, stderr = wijksim(t, nil, "merge", out)
	if code != 0 {
		t.Fatalf("merge: exit %d: %s\n%s", code, stderr, stdout)
	}
	for _, w := range []string{"Merged 8 runs from 3 shards (0 failed)", "Results written to " + out, "summaries.csv", "monthly.csv"} {
		if !strings.Contains(stdout, w) {
			t.Errorf("merge output lacks %q:\n%s", w, stdout)
		}
	}

	local := filepath.Join(dir, "local")
	if code, _, stderr := wijksim(t, nil, "sweep", "--spec", spec, "--out", local, "--quiet"); code != 0 {
		t.Fatalf("local sweep: exit %d: %s", code, stderr)
	}
	for _, name := range []string{"points.csv", "summaries.csv", "monthly.csv"} {
		a, errA := os.ReadFile(filepath.Join(local, name))
		b, errB := os.ReadFile(filepath.Join(out, name))
		if errA != nil || errB != nil || len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s of the merged shards differs from the sweep on one machine (%v, %v)", name, errA, errB)
		}
	}
}

// TestMergeCommandListsFailedRuns checks that failed runs are listed in
// run order.
func TestMergeCommandListsFailedRuns(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join(dir, "failing.yaml")
	text := strings.Replace(clusterSpec, "    - key: professionals.caseload\n      levels: [20, 60]", "    - key: initial.rung_1\n      levels: [0.9, 0.35]", 1)
	if err := os.WriteFile(spec, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	for _, shard := range []string{"0/2", "1/2"} {
		if code, _, stderr := wijksim(t, nil, "sweep", "--spec", spec, "--out", out, "--shard", shard, "--quiet"); code != 0 {
			t.Fatalf("shard %s: exit %d: %s", shard, code, stderr)
		}
	}
	code, stdout, stderr := wijksim(t, nil, "merge", out)
	if code != 0 {
		t.Fatalf("merge: exit %d: %s", code, stderr)
	}
	lines := strings.Split(stdout, "\n")
	if len(lines) < 6 || lines[0] != "Merged 8 runs from 2 shards (4 failed)" {
		t.Fatalf("merge output:\n%s", stdout)
	}
	for i, line := range lines[1:5] {
		prefix := "  run " + strconv.Itoa(i) + " failed: "
		if !strings.HasPrefix(line, prefix) || !strings.Contains(line, "shares add up to 1.55; allowed: they must add up to 1") {
			t.Errorf("line %d %q; want %q and the reason", i+2, line, prefix)
		}
	}
}

func TestArrayRanges(t *testing.T) {
	tests := []struct {
		ids  []int
		want string
	}{
		{nil, ""},
		{[]int{3}, "3"},
		{[]int{0, 1, 2, 3}, "0-3"},
		{[]int{1, 3, 4, 5, 9}, "1,3-5,9"},
		{[]int{0, 2, 4}, "0,2,4"},
		{[]int{7, 8, 10, 11}, "7-8,10-11"},
	}
	for _, tt := range tests {
		if got := arrayRanges(tt.ids); got != tt.want {
			t.Errorf("arrayRanges(%v) = %q, want %q", tt.ids, got, tt.want)
		}
	}
}

// TestMergeOfACompleteFolder: after shard 0 of 3, a sweep of the whole
// folder did the rest and merged; merge then printed "Missing runs: none"
// beside "Shards to resubmit: 1 2" and failed with "0 runs missing". A
// complete folder merges, whichever shards wrote manifests, and so does a
// folder of a sweep that was never sharded.
func TestMergeOfACompleteFolder(t *testing.T) {
	dir := t.TempDir()
	spec := writeClusterSpec(t, dir)
	mix, plain := filepath.Join(dir, "mix"), filepath.Join(dir, "plain")
	for _, args := range [][]string{
		{"sweep", "--spec", spec, "--out", mix, "--shard", "0/3", "--quiet"},
		{"sweep", "--spec", spec, "--out", mix, "--quiet"},
		{"sweep", "--spec", spec, "--out", plain, "--quiet"},
	} {
		if code, _, stderr := wijksim(t, nil, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
	}
	want, err := os.ReadFile(filepath.Join(plain, "summaries.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for out, merged := range map[string]string{mix: "Merged 8 runs from 3 shards (0 failed)", plain: "Merged 8 runs (0 failed)"} {
		code, stdout, stderr := wijksim(t, nil, "merge", out)
		if code != 0 || !strings.Contains(stdout, merged) || strings.Contains(stdout, "Missing") || strings.Contains(stdout, "resubmit") {
			t.Errorf("merge %s: exit %d, stdout %q, stderr %q; want %q and nothing to resubmit", out, code, stdout, stderr, merged)
		}
		if got, err := os.ReadFile(filepath.Join(out, "summaries.csv")); err != nil || !bytes.Equal(got, want) {
			t.Errorf("merge %s: summaries.csv differs from the sweep's (%v)", out, err)
		}
	}
}

// TestSlurmRefusesRunsOfAnotherVersion: an array whose tasks run this
// binary is not written into a folder whose runs another version made
// (each task would refuse to start); with --binary, whose version this
// binary cannot tell, the tasks check it themselves.
func TestSlurmRefusesRunsOfAnotherVersion(t *testing.T) {
	dir := t.TempDir()
	spec := writeClusterSpec(t, dir)
	out := filepath.Join(dir, "sweep")
	if code, _, stderr := wijksim(t, nil, "sweep", "--spec", spec, "--out", out, "--shard", "0/2", "--quiet"); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, stderr := wijksim(t, nil, "slurm", "--spec", spec, "--out", out, "--shards", "2"); code != 0 {
		t.Fatalf("slurm into a folder of this version: exit %d: %s", code, stderr)
	}
	path := filepath.Join(out, experiment.SweepSpecFile)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var id map[string]any
	if err := json.Unmarshal(b, &id); err != nil {
		t.Fatal(err)
	}
	id["model"] = map[string]string{"version": "v0.9.0"}
	if b, err = json.Marshal(id); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(out, "wijksim-cluster-test.sbatch")
	os.Remove(script)
	code, _, stderr := wijksim(t, nil, "slurm", "--spec", spec, "--out", out, "--shards", "2")
	if code == 0 || !strings.Contains(stderr, "holds runs made by wijksim v0.9.0") || !strings.Contains(stderr, "new --out") {
		t.Errorf("slurm into a folder of v0.9.0: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(script); err == nil {
		t.Errorf("a script was written into a folder of another version")
	}
	if code, _, stderr := wijksim(t, nil, "slurm", "--spec", spec, "--out", out, "--shards", "2", "--binary", "/bin/true"); code != 0 {
		t.Errorf("slurm --binary into a folder of v0.9.0: exit %d: %s", code, stderr)
	}
}
