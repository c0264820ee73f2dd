package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/wijksim/wijksim/plots"
	"github.com/wijksim/wijksim/report"
)

type reportFlags struct {
	out  string
	lang string
}

func newReportCmd(e *env) *cobra.Command {
	var f reportFlags
	cmd := &cobra.Command{
		Use:   "report DIR",
		Short: "Write a self-contained HTML report of a results folder",
		Long: `Write one HTML file that reports on a results folder: what was run (from its
manifest: version, command, scenario and its hash, seed, replicates,
policies), what each policy does, every chart of 'wijksim plot' as inline
SVG, the end-of-run outcomes with their 95% confidence intervals, the paired
differences from the baseline and which of them are statistically clear,
the outcomes by kind of resident and the survival tables.

DIR is a folder written by 'wijksim run', 'compare' or 'sweep', or a folder
that holds one run folder per policy. The file loads nothing from a network
or from other files, so it can be mailed or archived with the results; it is
set in large type for a projector and prints on A4 in landscape.`,
		Example: `  wijksim report out/compare
  wijksim report out/default --lang nl --out verslag.html
  wijksim report out/factorial --out out/factorial.html`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runReport(e, args[0], f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.out, "out", "", "the report file (default DIR/report.html)")
	addLangFlag(fl, &f.lang)
	return cmd
}

func runReport(e *env, dir string, f reportFlags) error {
	if err := checkLang(f.lang); err != nil {
		return err
	}
	if f.out != "" {
		if ext := strings.ToLower(filepath.Ext(f.out)); ext != ".html" && ext != ".htm" {
			return fmt.Errorf("--out %s: the report is one HTML file; allowed: a file path ending in .html", f.out)
		}
		if st, err := os.Stat(f.out); err == nil && st.IsDir() {
			return fmt.Errorf("--out %s: a folder; allowed: a file path ending in .html", f.out)
		}
	}
	res, err := plots.Read(dir)
	if err != nil {
		return err
	}
	warn(e, res)
	out := f.out
	if out == "" {
		out = filepath.Join(dir, "report.html")
	}
	if err := report.WriteFile(out, res, report.Options{Lang: f.lang}); err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, cliText("report", f.lang)+"\n", out)
	return err
}
