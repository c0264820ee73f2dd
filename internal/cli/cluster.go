package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"text/template"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/wijksim/wijksim/budget"
	"github.com/wijksim/wijksim/experiment"
	"github.com/wijksim/wijksim/internal/names"
	"github.com/wijksim/wijksim/results"
)

type mergeFlags struct {
	gzip    bool
	parquet bool
	limits  budget.Limits
}

func newMergeCmd(e *env) *cobra.Command {
	var f mergeFlags
	cmd := &cobra.Command{
		Use:   "merge DIR",
		Short: "Check and merge the shards of a sweep into one result",
		Long: `Check that every shard of a sharded sweep (wijksim sweep --shard i/n, or a
Slurm array) has finished, that the shards ran the same spec and the same
version of wijksim, and merge their runs into the folder's tables. The result
is identical to the same sweep run on one machine.

When runs are missing, merge names them and the shards to resubmit, and
merges nothing; a resubmitted shard redoes only its unfinished runs. Runs
that failed are listed; they are part of the result, with their error.`,
		Example: `  wijksim merge /scratch/sweep
  wijksim merge out/sweep-caseload-by-places --parquet`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := f.limits.Validate(); err != nil {
				return err
			}
			ctx, stop := signalContext(cmd.Context())
			defer stop()
			rep, err := experiment.Merge(ctx, args[0], experiment.SweepOptions{Gzip: f.gzip, Parquet: f.parquet, Command: e.args, Limits: f.limits})
			if errors.Is(err, experiment.ErrIncomplete) {
				missing := preview(rep.MissingRuns)
				if missing == "" {
					missing = "none (shards that did not finish have no manifest)"
				}
				fmt.Fprintf(e.stdout, "Missing runs: %s\n", missing)
				fmt.Fprintf(e.stdout, "Shards to resubmit: %s\n", strings.Trim(fmt.Sprint(rep.ResubmitShards), "[]"))
				if scripts, _ := filepath.Glob(filepath.Join(args[0], "wijksim-*.sbatch")); len(scripts) == 1 {
					fmt.Fprintf(e.stdout, "Resubmit them with: sbatch --array=%s %s\n", arrayRanges(rep.ResubmitShards), shellQuote(scripts[0]))
				}
				return err
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "Merged %d runs from %d shards (%d failed)\n", rep.Runs, rep.Shards, len(rep.FailedRuns))
			failed := slices.Sorted(maps.Keys(rep.FailedRuns))
			for _, i := range failed[:min(len(failed), 20)] {
				fmt.Fprintf(e.stdout, "  run %d failed: %s\n", i, firstLine(rep.FailedRuns[i]))
			}
			if len(failed) > 20 {
				fmt.Fprintf(e.stdout, "  ... (%d in all; see the status and error columns of the summaries)\n", len(failed))
			}
			_, err = fmt.Fprintf(e.stdout, "Results written to %s: %s\n", args[0], strings.Join(rep.Files, ", "))
			return err
		},
	}
	cmd.Flags().BoolVar(&f.gzip, "gzip", false, "gzip the merged CSV files")
	cmd.Flags().BoolVar(&f.parquet, "parquet", false, "also write the tables as Parquet: summaries, and monthly and events when the spec asks for them")
	addLimitFlags(cmd.Flags(), &f.limits)
	return cmd
}

func preview(xs []int) string {
	const show = 20
	s := strings.Trim(fmt.Sprint(xs[:min(len(xs), show)]), "[]")
	if len(xs) > show {
		s += fmt.Sprintf(" ... (%d in all)", len(xs))
	}
	return s
}

// arrayRanges writes sorted task ids as a Slurm --array list: 1,3-5,9.
func arrayRanges(ids []int) string {
	var parts []string
	for i := 0; i < len(ids); {
		j := i
		for j+1 < len(ids) && ids[j+1] == ids[j]+1 {
			j++
		}
		if j == i {
			parts = append(parts, fmt.Sprint(ids[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d", ids[i], ids[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

type slurmFlags struct {
	spec      string
	out       string
	shards    int
	partition string
	time      string
	mem       string
	cpus      int
	account   string
	binary    string
	submit    bool
}

func newSlurmCmd(e *env) *cobra.Command {
	var f slurmFlags
	cmd := &cobra.Command{
		Use:   "slurm",
		Short: "Write (and submit) a Slurm job array that runs a sweep in shards",
		Long: `Write an sbatch script that runs a sweep as a Slurm job array of --shards
tasks. Task k runs shard k of the sweep (wijksim sweep reads the shard from
SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT) on --cpus cores, writing
into --out, which must be on a file system all nodes share. With --submit the
script is submitted with sbatch. When all tasks are done, 'wijksim merge
OUT' checks and merges them; a failed task can be resubmitted alone
(sbatch --array=K SCRIPT) and redoes only its unfinished runs.

See docs/cluster.md for resource advice.`,
		Example: `  wijksim slurm --spec sweep.yaml --out /scratch/me/sweep --shards 20 --time 01:00:00 --mem 1G --cpus 4
  wijksim slurm --spec sweep.yaml --out /scratch/me/sweep --shards 20 --partition short --submit`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runSlurm(e, f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.spec, "spec", "", "experiment spec (YAML)")
	fl.StringVar(&f.out, "out", "", "results folder on a shared file system")
	fl.IntVar(&f.shards, "shards", 0, "number of array tasks")
	fl.StringVar(&f.partition, "partition", "", "Slurm partition (default: the cluster's)")
	fl.StringVar(&f.time, "time", "01:00:00", "time limit per task")
	fl.StringVar(&f.mem, "mem", "1G", "memory per task")
	fl.IntVar(&f.cpus, "cpus", 1, "cores per task (workers)")
	fl.StringVar(&f.account, "account", "", "Slurm account to charge")
	fl.StringVar(&f.binary, "binary", "", "path of the wijksim binary on the nodes (default: this binary)")
	fl.BoolVar(&f.submit, "submit", false, "submit the script with sbatch")
	_ = cmd.MarkFlagRequired("spec")
	_ = cmd.MarkFlagRequired("out")
	_ = cmd.MarkFlagRequired("shards")
	return cmd
}

// sbatchTemplate is the job array script. Every value in it is either
// checked against a safe set of characters (the spec's name, the
// resources) or quoted: for bash (shellQuote) in commands and comments,
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

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
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

// Safe sets for the values of #SBATCH lines that are not paths.
var (
	slurmSize = regexp.MustCompile(`^[0-9]+[KMGT]?$`)
	slurmTime = regexp.MustCompile(`^[0-9]+(-[0-9]+)?(:[0-9]+){0,2}$`)
	slurmName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.,-]*$`)
)

// checkSlurmFlags refuses resources outside Slurm's syntax and paths with
// control characters, before anything is written.
func checkSlurmFlags(f slurmFlags) error {
	switch {
	case !slurmSize.MatchString(f.mem):
		return fmt.Errorf("--mem %s; allowed: a whole number with an optional unit K, M, G or T, such as 500M", names.Quote(f.mem))
	case !slurmTime.MatchString(f.time):
		return fmt.Errorf("--time %s; allowed: Slurm's minutes, MM:SS, HH:MM:SS or D-HH:MM:SS", names.Quote(f.time))
	case f.partition != "" && !slurmName.MatchString(f.partition):
		return fmt.Errorf("--partition %s; allowed: letters, digits, '_', '.', ',' and '-'", names.Quote(f.partition))
	case f.account != "" && !slurmName.MatchString(f.account):
		return fmt.Errorf("--account %s; allowed: letters, digits, '_', '.', ',' and '-'", names.Quote(f.account))
	}
	for flag, path := range map[string]string{"--spec": f.spec, "--out": f.out, "--binary": f.binary} {
		if strings.IndexFunc(path, unicode.IsControl) >= 0 {
			return fmt.Errorf("%s %s: the path holds a control character (a newline?); allowed: paths without them, which a script can hold", flag, names.Quote(path))
		}
	}
	return nil
}

// maxMemoryOf is the --max-memory of a task given Slurm's --mem, which
// counts a number without a unit in megabytes.
func maxMemoryOf(mem string) string {
	if strings.Trim(mem, "0123456789") == "" {
		return mem + "M"
	}
	return mem
}

// checkScript checks a generated script: bash must read it (bash -n, when
// bash is installed), and its #SBATCH lines must come before any command,
// where sbatch stops reading them.
func checkScript(script []byte) error {
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

func runSlurm(e *env, f slurmFlags) error {
	if f.shards < 1 {
		return fmt.Errorf("--shards %d; allowed: at least 1", f.shards)
	}
	if f.cpus < 1 {
		return fmt.Errorf("--cpus %d; allowed: at least 1", f.cpus)
	}
	if err := checkSlurmFlags(f); err != nil {
		return err
	}
	spec, err := experiment.LoadSpec(f.spec)
	if err != nil {
		return err
	}
	specPath, err := filepath.Abs(f.spec)
	if err != nil {
		return err
	}
	out, err := filepath.Abs(f.out)
	if err != nil {
		return err
	}
	bin := f.binary
	if bin == "" {
		if bin, err = os.Executable(); err != nil {
			return fmt.Errorf("find the wijksim binary: %w; give --binary", err)
		}
	}
	if strings.IndexFunc(bin, unicode.IsControl) >= 0 {
		return fmt.Errorf("--binary %s: the path holds a control character; allowed: paths without them", names.Quote(bin))
	}
	// The spec's name is checked against a safe set when it is read; the
	// script relies on it.
	if !experiment.SafeName(spec.Name) {
		return fmt.Errorf("spec %s: name %s; allowed: %s", spec.Source, names.Quote(spec.Name), experiment.SafeNameRule)
	}
	data := map[string]any{
		"Name": spec.Name, "Shards": f.shards, "Last": f.shards - 1, "CPUs": f.cpus, "Mem": f.mem,
		"Time": f.time, "Partition": f.partition, "Account": f.account,
		// A task refuses what does not fit in its --mem (in MB without a unit).
		"MaxMemory": maxMemoryOf(f.mem),
		"Binary":    shellQuote(bin), "Spec": shellQuote(specPath), "Out": shellQuote(out),
		// Slurm expands %A and %a in --output; a % of the path is %%.
		"Output": sbatchQuote(strings.ReplaceAll(filepath.Join(out, "slurm"), "%", "%%") + "/%A_%a.out"),
	}
	var script bytes.Buffer
	if err := sbatchTemplate.Execute(&script, data); err != nil {
		return fmt.Errorf("slurm: %w", err)
	}
	if err := checkScript(script.Bytes()); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(out, "slurm"), 0o755); err != nil {
		return fmt.Errorf("slurm: %w", err)
	}
	path := filepath.Join(out, "wijksim-"+spec.Name+".sbatch")
	if err := results.WriteFileAtomic(path, func(w io.Writer) error { _, err := w.Write(script.Bytes()); return err }); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Wrote %s (%d array tasks)\n", path, f.shards)
	if !f.submit {
		_, err = fmt.Fprintf(e.stdout, "Submit it with: sbatch %s\nMerge when done: wijksim merge %s\n", shellQuote(path), shellQuote(out))
		return err
	}
	cmd := exec.Command("sbatch", "--parsable", path)
	cmd.Stderr = e.stderr
	id, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("sbatch %s: %w", path, err)
	}
	job := strings.TrimSpace(string(id))
	if num, _, _ := strings.Cut(job, ";"); num == "" || strings.Trim(num, "0123456789") != "" {
		return fmt.Errorf("sbatch %s: no job id in its answer %s; check with squeue whether the array was submitted", path, names.Quote(job))
	}
	_, err = fmt.Fprintf(e.stdout, "Submitted job array %s\nMerge when done: wijksim merge %s\n", job, shellQuote(out))
	return err
}
