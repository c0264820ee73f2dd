package cli

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/wijksim/wijksim/budget"
	"github.com/wijksim/wijksim/experiment"
	"github.com/wijksim/wijksim/internal/buildinfo"
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
		Long: `Check that every run of a sharded sweep (wijksim sweep --shard i/n, or a
Slurm array) is stored, that the shards ran the same spec and the same
version of wijksim, and merge their runs into the folder's tables. The result
is identical to the same sweep run on one machine.

When runs are missing, merge names them and the shards they belong to, to
resubmit, and merges nothing; a resubmitted shard redoes only its unfinished
runs. A shard whose runs are all stored needs nothing more, whether it wrote
its manifest or not. Runs that failed are listed; they are part of the
result, with their error.`,
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
				fmt.Fprintf(e.stdout, "Missing runs: %s\n", preview(rep.MissingRuns))
				fmt.Fprintf(e.stdout, "Shards to resubmit: %s\n", strings.Trim(fmt.Sprint(rep.ResubmitShards), "[]"))
				if scripts, _ := filepath.Glob(filepath.Join(args[0], "wijksim-*.sbatch")); len(scripts) == 1 {
					fmt.Fprintf(e.stdout, "Resubmit them with: sbatch --array=%s %s\n", arrayRanges(rep.ResubmitShards), shellQuote(scripts[0]))
				}
				return err
			}
			if err != nil {
				return err
			}
			if rep.Shards > 0 {
				fmt.Fprintf(e.stdout, "Merged %d runs from %d shards (%d failed)\n", rep.Runs, rep.Shards, len(rep.FailedRuns))
			} else {
				fmt.Fprintf(e.stdout, "Merged %d runs (%d failed)\n", rep.Runs, len(rep.FailedRuns))
			}
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

func runSlurm(e *env, f slurmFlags) error {
	job := experiment.SlurmJob{Shards: f.shards, CPUs: f.cpus, Mem: f.mem, Time: f.time, Partition: f.partition, Account: f.account,
		SpecPath: f.spec, Out: f.out, Binary: f.binary}
	if err := job.Check(); err != nil {
		return err
	}
	spec, err := experiment.LoadSpec(f.spec)
	if err != nil {
		return err
	}
	// sbatch passes its environment on to the tasks.
	warnIgnoredEnvironment(e, "the array's tasks (wijksim sweep) take", f.spec, spec)
	job.Spec = spec
	if job.SpecPath, err = filepath.Abs(f.spec); err != nil {
		return err
	}
	if job.Out, err = filepath.Abs(f.out); err != nil {
		return err
	}
	if _, _, err := spec.Size(); err != nil {
		return err
	}
	plan, err := spec.Expand()
	if err != nil {
		return err
	}
	if runs := len(plan.Jobs); f.shards > runs {
		return fmt.Errorf("--shards %d: more than the %d runs of the sweep, which would leave tasks without runs; allowed: at most %d", f.shards, len(plan.Jobs), len(plan.Jobs))
	}
	// The tasks run this binary, unless --binary names another, whose
	// version the shards check themselves.
	var model *buildinfo.Model
	if job.Binary == "" {
		m, err := buildinfo.CurrentModel()
		if err != nil {
			return err
		}
		model = &m
	}
	if err := experiment.CheckSweepFolder(job.Out, spec, model); err != nil {
		return err
	}
	if job.Binary == "" {
		if job.Binary, err = os.Executable(); err != nil {
			return fmt.Errorf("find the wijksim binary: %w; give --binary", err)
		}
	}
	script, err := job.Script()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(job.Out, "slurm"), 0o755); err != nil {
		return fmt.Errorf("slurm: %w", err)
	}
	path := filepath.Join(job.Out, job.ScriptName())
	if err := results.WriteFileAtomic(path, func(w io.Writer) error { _, err := w.Write(script); return err }); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Wrote %s (%d array tasks)\n", path, f.shards)
	if !f.submit {
		_, err = fmt.Fprintf(e.stdout, "Submit it with: sbatch %s\nMerge when done: wijksim merge %s\n", shellQuote(path), shellQuote(job.Out))
		return err
	}
	cmd := exec.Command("sbatch", "--parsable", path)
	cmd.Stderr = e.stderr
	id, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("sbatch %s: %w", path, err)
	}
	jobID := strings.TrimSpace(string(id))
	if num, _, _ := strings.Cut(jobID, ";"); num == "" || strings.Trim(num, "0123456789") != "" {
		return fmt.Errorf("sbatch %s: no job id in its answer %s; check with squeue whether the array was submitted", path, names.Quote(jobID))
	}
	_, err = fmt.Fprintf(e.stdout, "Submitted job array %s\nMerge when done: wijksim merge %s\n", jobID, shellQuote(job.Out))
	return err
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string { return experiment.ShellQuote(s) }
