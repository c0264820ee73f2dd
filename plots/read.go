package plots

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/wijksim/wijksim/experiment"
	"github.com/wijksim/wijksim/results"
)

// Read reads the results folder dir: a folder written by `wijksim run`,
// `compare` or `sweep` (told apart by the kind in its manifest.json; the
// folder of `sensitivity` or `discover` is read as the sweep it holds), or a
// folder that holds one run folder per policy, as `wijksim run` writes for
// several policies.
func Read(dir string) (*Results, error) {
	man, err := results.ReadManifest(dir)
	switch {
	case err == nil:
		var res *Results
		switch man.Kind {
		case KindRun:
			res, err = readRuns(dir, []string{dir})
		case KindCompare:
			res, err = readCompare(dir, man)
		case KindSweep, experiment.KindSensitivity, experiment.KindDiscover:
			res, err = readSweep(dir, man)
		default:
			return nil, fmt.Errorf("results folder %s: manifest kind %q; allowed: %s, %s, %s, %s or %s", dir, man.Kind, KindRun, KindCompare, KindSweep, experiment.KindSensitivity, experiment.KindDiscover)
		}
		if err != nil {
			return nil, err
		}
		// Results in subfolders belong to other commands: a folder's own
		// manifest says what it holds, so they are not drawn, and said so.
		if res.Ignored, err = results.ResultSubfolders(dir); err != nil {
			return nil, err
		}
		return res, nil
	case !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("results folder %s: %w", dir, err)
	}
	subs, incomplete, err := runSubfolders(dir)
	if err != nil {
		return nil, err
	}
	res, err := readRuns(dir, subs)
	if err != nil {
		return nil, err
	}
	res.Incomplete = incomplete
	return res, nil
}

// resultFiles are files that only a run folder holds; a subfolder with one
// of them, or a temporary file, but no manifest is an incomplete run.
var resultFiles = []string{results.MonthlyFile, results.SummaryFile, results.EventsFile}

// incompleteRun reports whether the folder dir, which has no manifest,
// holds what a run leaves when it stops before its manifest is written.
func incompleteRun(dir string) bool {
	for _, f := range resultFiles {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			return true
		}
	}
	tmp, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*"))
	return len(tmp) > 0
}

// runSubfolders lists the subfolders of dir that are run folders, sorted by
// name, and those that hold an incomplete run (results without a
// manifest). It fails if dir has no run folder, or holds results folders
// of another kind.
func runSubfolders(dir string) (subs, incomplete []string, err error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("results folder: %w", err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		sub := filepath.Join(dir, e.Name())
		man, err := results.ReadManifest(sub)
		if errors.Is(err, fs.ErrNotExist) {
			if incompleteRun(sub) {
				incomplete = append(incomplete, sub)
			}
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("results folder %s: %w", sub, err)
		}
		if man.Kind != KindRun {
			return nil, nil, fmt.Errorf("results folder %s: no manifest.json, and its subfolder %s is a %s folder; give that folder instead", dir, sub, man.Kind)
		}
		subs = append(subs, sub)
	}
	if len(subs) == 0 {
		extra := ""
		if len(incomplete) > 0 {
			extra = fmt.Sprintf(" (%s hold results without a manifest: runs that did not finish writing)", strings.Join(incomplete, ", "))
		}
		return nil, nil, fmt.Errorf("results folder %s: no manifest.json in it or in any subfolder%s; give a folder written by wijksim run, compare or sweep", dir, extra)
	}
	sort.Strings(subs)
	sort.Strings(incomplete)
	return subs, incomplete, nil
}
