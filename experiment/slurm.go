package experiment

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"text/template"
	"unicode"

	"github.com/wijksim/wijksim/internal/names"
)

// SlurmJob is a Slurm job array that runs a sweep in shards: task k runs
// shard k of Shards, on CPUs cores, writing into Out, which all nodes must
// share.
type SlurmJob struct {
	// Spec is the sweep, read from SpecPath.
	Spec     *Spec
	SpecPath string
	Out      string
	// Binary is the path of the wijksim binary on the nodes.
	Binary string
	Shards int
	CPUs   int
	// Mem, Time, Partition and Account are sbatch's --mem, --time,
	// --partition and --account; Partition and Account may be empty.
	Mem, Time, Partition, Account string
}

// Safe sets for the values of #SBATCH lines that are not paths.
var (
	slurmSize = regexp.MustCompile(`^[0-9]+[KMGT]?$`)
	slurmTime = regexp.MustCompile(`^[0-9]+(-[0-9]+)?(:[0-9]+){0,2}$`)
	slurmName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.,-]*$`)
)

// Check refuses resources outside Slurm's syntax and paths with control
// characters, before anything is written; errors name sbatch's option.
func (j *SlurmJob) Check() error {
	switch {
	case j.Shards < 1:
		return fmt.Errorf("--shards %d; allowed: at least 1", j.Shards)
	case j.CPUs < 1:
		return fmt.Errorf("--cpus %d; allowed: at least 1", j.CPUs)
	case !slurmSize.MatchString(j.Mem):
		return fmt.Errorf("--mem %s; allowed: a whole number with an optional unit K, M, G or T, such as 500M", names.Quote(j.Mem))
	case strings.Trim(j.Mem, "0KMGT") == "":
		return fmt.Errorf("--mem %s: Slurm's whole node, which a task's --max-memory cannot follow; allowed: a size above 0, such as 500M", j.Mem)
	case !slurmTime.MatchString(j.Time):
		return fmt.Errorf("--time %s; allowed: Slurm's minutes, MM:SS, HH:MM:SS or D-HH:MM:SS", names.Quote(j.Time))
	case j.Partition != "" && !slurmName.MatchString(j.Partition):
		return fmt.Errorf("--partition %s; allowed: letters, digits, '_', '.', ',' and '-'", names.Quote(j.Partition))
	case j.Account != "" && !slurmName.MatchString(j.Account):
		return fmt.Errorf("--account %s; allowed: letters, digits, '_', '.', ',' and '-'", names.Quote(j.Account))
	}
	for flag, path := range map[string]string{"--spec": j.SpecPath, "--out": j.Out, "--binary": j.Binary} {
		if strings.IndexFunc(path, unicode.IsControl) >= 0 {
			return fmt.Errorf("%s %s: the path holds a control character (a newline?); allowed: paths without them, which a script can hold", flag, names.Quote(path))
		}
	}
	return nil
}

// ScriptName is the file name of the job's script.
func (j *SlurmJob) ScriptName() string { return "wijksim-" + j.Spec.Name + ".sbatch" }

// Script writes the sbatch script of the job array, checked (see
// CheckScript). Every value in it is checked against a safe set of
// characters or quoted.
func (j *SlurmJob) Script() ([]byte, error) {
	if err := j.Check(); err != nil {
		return nil, err
	}
	// The spec's name is checked against a safe set when it is read; the
	// script relies on it.
	if !SafeName(j.Spec.Name) {
		return nil, fmt.Errorf("spec %s: name %s; allowed: %s", j.Spec.Source, names.Quote(j.Spec.Name), SafeNameRule)
	}
	data := map[string]any{
		"Name": j.Spec.Name, "Shards": j.Shards, "Last": j.Shards - 1, "CPUs": j.CPUs, "Mem": j.Mem,
		"Time": j.Time, "Partition": j.Partition, "Account": j.Account,
		// A task refuses what does not fit in its --mem (in MB without a unit).
		"MaxMemory": maxMemoryOf(j.Mem),
		"Binary":    ShellQuote(j.Binary), "Spec": ShellQuote(j.SpecPath), "Out": ShellQuote(j.Out),
		// Slurm expands %A and %a in --output; a % of the path is %%.
		"Output": sbatchQuote(strings.ReplaceAll(filepath.Join(j.Out, "slurm"), "%", "%%") + "/%A_%a.out"),
	}
	var script bytes.Buffer
	if err := sbatchTemplate.Execute(&script, data); err != nil {
		return nil, fmt.Errorf("slurm: %w", err)
	}
	if err := CheckScript(script.Bytes()); err != nil {
		return nil, err
	}
	return script.Bytes(), nil
}

// sbatchTemplate is the job array script. Every value in it is either
// checked against a safe set of characters (the spec's name, the
// resources) or quoted: for bash (ShellQuote) in commands and comments,
// and for sbatch's own reading of #SBATCH lines (sbatchQuote), which
// groups with double quotes and knows no single quotes. No value may hold a
// control character, so none can end a line.
var sbatchTemplate = template.Must(template.New("sbatch").Parse(`#!/bin/bash
# Sweep {{.Name}} as a Slurm job array of {{.Shards}} tasks, written by wijksim.
# Merge when all tasks are done: {{.Binary}} merge {{.Out}}
#SBATCH --job-name=wijksim-{{.Name}}
#SBATCH --array=0-{{.Last}}
#SBATCH --cpus-per-task={{.CPUs}}
#SBATCH --mem={{.Mem}}
#SBATCH --time={{.Time}}
#SBATCH --output={{.Output}}
{{- if .Partition}}
#SBATCH --partition={{.Partition}}
{{- end}}
{{- if .Account}}
#SBATCH --account={{.Account}}
{{- end}}
set -euo pipefail
# The shard count is written out, not read from SLURM_ARRAY_TASK_COUNT, so
# that a task resubmitted alone (sbatch --array=K) still runs shard K of {{.Shards}}.
exec {{.Binary}} sweep --spec {{.Spec}} --out {{.Out}} --shard "${SLURM_ARRAY_TASK_ID}/{{.Shards}}" --workers "${SLURM_CPUS_PER_TASK:-1}" --max-memory {{.MaxMemory}} --quiet
`))

// ShellQuote quotes s for a POSIX shell when it needs it.
func ShellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r == '/' || r == '.' || r == '-' || r == '_' || r == ':' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// sbatchQuote quotes s for an #SBATCH line as sbatch reads it: in double
// quotes, with backslashes and double quotes escaped by a backslash.
func sbatchQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// maxMemoryOf is the --max-memory of a task given Slurm's --mem, which
// counts a number without a unit in megabytes.
func maxMemoryOf(mem string) string {
	if strings.Trim(mem, "0123456789") == "" {
		return mem + "M"
	}
	return mem
}

// CheckScript checks a generated script: bash must read it (bash -n, when
// bash is installed), and its #SBATCH lines must come before any command,
// where sbatch stops reading them.
func CheckScript(script []byte) error {
	lines := strings.Split(string(script), "\n")
	for i, l := range lines[1:] {
		if strings.HasPrefix(l, "set -euo pipefail") {
			break
		}
		if !strings.HasPrefix(l, "#") {
			return fmt.Errorf("slurm: line %d of the script is not a comment before the #SBATCH lines end: %s", i+2, names.Quote(l))
		}
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		return nil // nothing more to check with
	}
	cmd := exec.Command(bash, "-n")
	cmd.Stdin = bytes.NewReader(script)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("slurm: bash cannot read the script it would write (%v): %s", err, strings.TrimSpace(string(msg)))
	}
	return nil
}
