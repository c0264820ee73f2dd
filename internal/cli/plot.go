package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/wijksim/wijksim/internal/names"
	"github.com/wijksim/wijksim/plots"
	"github.com/wijksim/wijksim/results"
)

type plotFlags struct {
	out     string
	lang    string
	formats []string
}

func newPlotCmd(e *env) *cobra.Command {
	var f plotFlags
	cmd := &cobra.Command{
		Use:   "plot DIR",
		Short: "Draw the charts of a results folder as SVG, PNG and PDF",
		Long: `Draw every chart that a results folder supports, each as SVG, PNG and PDF.
DIR is a folder written by 'wijksim run', 'compare' or 'sweep', or a folder
that holds one run folder per policy (what 'wijksim run --policies all' writes).

The charts are the ladder distribution over time (one panel per policy),
each outcome's trajectory with its 95% band, the end-of-run outcomes with
their intervals and paired differences from the baseline, the trade-off view
with the policies that no other policy beats, the outcomes by kind of
resident, heatmaps over two swept parameters (sweeps that vary two or more
numeric parameters) and Kaplan-Meier curves of the time to the first move up
and to exit to work (folders with an event log). A single run has no
confidence intervals: its charts show lines without bands. A sweep over
chosen points (factorial, one at a time, scenarios) gets each end outcome
per design point (points-*), not pooled over the design.

Every policy has the same colour-blind-safe colour in every chart, and every
axis names its unit. Charts that the folder cannot support are listed with
the reason.`,
		Example: `  wijksim plot out/default
  wijksim plot out/compare --lang nl --formats svg,pdf
  wijksim plot out/factorial --out figures/factorial`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runPlot(e, args[0], f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.out, "out", "", "folder for the charts (default DIR/charts)")
	addLangFlag(fl, &f.lang)
	fl.StringSliceVar(&f.formats, "formats", plots.Formats, "comma-separated formats: svg, png, pdf")
	return cmd
}

// maxFailedShown is how many failed runs plot and report list in the
// terminal; the report lists more.
const maxFailedShown = 20

// warn prints to stderr what the results leave out: failed runs and
// folders without a manifest.
func warn(e *env, res *plots.Results) {
	for _, w := range res.Warnings(maxFailedShown) {
		fmt.Fprintln(e.stderr, "wijksim: warning:", w)
	}
}

// sameFolder reports whether the paths a and b name one folder.
func sameFolder(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(sa, sb)
}

func runPlot(e *env, dir string, f plotFlags) error {
	if err := checkLang(f.lang); err != nil {
		return err
	}
	if len(f.formats) == 0 {
		return fmt.Errorf("--formats: none given; allowed: %s", strings.Join(plots.Formats, ", "))
	}
	for _, format := range f.formats {
		if err := names.Check("format", format, plots.Formats); err != nil {
			return fmt.Errorf("--formats: %w", err)
		}
	}
	if f.out != "" && !sameFolder(f.out, dir) && results.HoldsResultFiles(f.out) {
		return fmt.Errorf("--out %s holds results of its own; allowed: a folder for the charts alone (the default is %s)", f.out, filepath.Join(dir, "charts"))
	}
	res, err := plots.Read(dir)
	if err != nil {
		return err
	}
	warn(e, res)
	charts, err := plots.Build(res, f.lang)
	if err != nil {
		return err
	}
	out := f.out
	if out == "" {
		out = filepath.Join(dir, "charts")
	}
	paths, err := plots.Save(charts, out, f.formats)
	if err != nil {
		return err
	}
	for _, m := range charts.Missing {
		fmt.Fprintln(e.stdout, cliText("not.drawn", f.lang), m)
	}
	_, err = fmt.Fprintf(e.stdout, cliText("charts", f.lang)+"\n", len(charts.All()), len(paths), strings.Join(f.formats, ", "), out)
	return err
}
