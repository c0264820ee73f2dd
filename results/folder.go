package results

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// runFiles are the files that only a run folder holds.
var runFiles = []string{MonthlyFile, SummaryFile, EventsFile}

// HoldsResults reports whether dir itself holds results: a manifest, one of
// the files of a run, a temporary file that an interrupted write left, or
// results of another command (see otherResults).
func HoldsResults(dir string) bool {
	if HoldsResultFiles(dir) {
		return true
	}
	tmp, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*"))
	return len(tmp) > 0
}

// HoldsResultFiles reports whether dir itself holds results as
// HoldsResults does, leaving temporary files aside: for a folder that is
// to receive other files (charts), where a temporary left by an
// interrupted write of those files is no one's results.
func HoldsResultFiles(dir string) bool {
	for _, f := range append([]string{ManifestFile}, runFiles...) {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			return true
		}
	}
	return len(otherResults(dir)) > 0
}

// resultExtensions are the extensions of the files that results folders
// hold as results (tables, records, the lock of a sweep); charts and
// reports have others.
var resultExtensions = []string{".csv", ".json", ".parquet", ".lock"}

// otherResults lists, sorted, the files in dir that are results but neither
// the manifest nor a file of a run: the files of a comparison, a sweep
// (whose sweep.json is written before its first run), a validation or a
// calibration. Such a folder without manifest is another command's
// unfinished results, not an unfinished run.
func otherResults(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var other []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || name == ManifestFile || slices.Contains(runFiles, name) {
			continue
		}
		if slices.Contains(resultExtensions, filepath.Ext(name)) {
			other = append(other, name)
		}
	}
	return other
}

// ResultSubfolders lists, sorted, the subfolders of dir that hold results
// (see HoldsResults). A dir that does not exist has none.
func ResultSubfolders(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("results folder: %w", err)
	}
	var subs []string
	for _, e := range entries {
		if sub := filepath.Join(dir, e.Name()); e.IsDir() && HoldsResults(sub) {
			subs = append(subs, sub)
		}
	}
	sort.Strings(subs)
	return subs, nil
}

// CheckRunFolder refuses to write the runs of policies into dir when dir
// holds results that the runs would not replace, so that a folder never
// mixes runs of different commands (and `wijksim plot` never draws some of
// them and drops the rest). One policy writes straight into dir, several
// write one subfolder each, named after the policy. Allowed: a folder that
// does not exist or holds no results, and a folder that holds the same
// layout for the same policies, which is rewritten. Files that are not
// results (charts, a report) do not count.
func CheckRunFolder(dir string, policies []string) error {
	refuse := func(what string) error {
		return fmt.Errorf("results folder %s holds %s, which a run of %s would mix with its own; choose another --out, or remove what is there",
			dir, what, strings.Join(policies, ", "))
	}
	subs, err := ResultSubfolders(dir)
	if err != nil {
		return err
	}
	if len(policies) == 1 {
		if len(subs) > 0 {
			return refuse("results in " + describeFolders(subs))
		}
		man, err := ReadManifest(dir)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if other := otherResults(dir); len(other) > 0 {
				return refuse(describeOther(other))
			}
			return nil // nothing there, or a run that did not finish: rewritten
		case err != nil:
			return fmt.Errorf("results folder %s: %w", dir, err)
		case man.Kind != "run" || man.Policy != policies[0]:
			return refuse(describeManifest(dir, man))
		}
		return nil
	}
	if HoldsResults(dir) {
		if man, err := ReadManifest(dir); err == nil {
			return refuse(describeManifest(dir, man))
		}
		if other := otherResults(dir); len(other) > 0 {
			return refuse(describeOther(other))
		}
		return refuse("results of its own (files of a run, without manifest)")
	}
	var foreign []string
	for _, sub := range subs {
		name := filepath.Base(sub)
		man, err := ReadManifest(sub)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if !slices.Contains(policies, name) || len(otherResults(sub)) > 0 {
				foreign = append(foreign, sub)
			}
		case err != nil:
			return fmt.Errorf("results folder %s: %w", sub, err)
		case man.Kind != "run" || man.Policy != name || !slices.Contains(policies, name):
			foreign = append(foreign, sub)
		}
	}
	if len(foreign) > 0 {
		return refuse("results in " + describeFolders(foreign))
	}
	return nil
}

// describeOther says what a folder without manifest holds besides a run.
func describeOther(other []string) string {
	return "results without manifest that are not a run's (" + strings.Join(other, ", ") + "), left by a command that did not finish"
}

// describeManifest says what the results folder dir with manifest man is.
func describeManifest(dir string, man *Manifest) string {
	if man.Kind == "run" {
		return fmt.Sprintf("the run of policy %s (%s)", man.Policy, filepath.Join(dir, ManifestFile))
	}
	return fmt.Sprintf("the results of wijksim %s (%s)", man.Kind, filepath.Join(dir, ManifestFile))
}

// describeFolders names folders, with the policy of those that are runs.
func describeFolders(dirs []string) string {
	parts := make([]string, len(dirs))
	for i, d := range dirs {
		parts[i] = d
		if man, err := ReadManifest(d); err == nil && man.Kind == "run" {
			parts[i] += " (policy " + man.Policy + ")"
		} else if err == nil {
			parts[i] += " (" + man.Kind + ")"
		}
	}
	return strings.Join(parts, ", ")
}

// CheckFolder refuses to write the results of command kind (compare,
// sweep, ...) into dir when dir holds results of another command, so that
// a folder never mixes two commands' files: a manifest of another kind,
// the files of a run, results that are not among own (the names of the
// files kind writes itself), or subfolders with results other than
// ownDirs. Allowed: a folder that does not exist or holds no results, a
// folder with kind's manifest (rewritten), and kind's own files without a
// manifest (a write that did not finish). Temporary files and files that
// are not results (charts, a report) do not count.
func CheckFolder(dir, kind string, own, ownDirs []string) error {
	refuse := func(what string) error {
		return fmt.Errorf("results folder %s holds %s, which wijksim %s would mix with its own; choose another --out, or remove what is there", dir, what, kind)
	}
	man, err := ReadManifest(dir)
	switch {
	case err == nil && man.Kind == kind:
		return nil
	case err == nil:
		return refuse(describeManifest(dir, man))
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("results folder %s: %w", dir, err)
	}
	var foreign []string
	for _, name := range append(slices.Clone(runFiles), otherResults(dir)...) {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil && !slices.Contains(own, name) {
			foreign = append(foreign, name)
		}
	}
	if len(foreign) > 0 {
		return refuse("results without manifest that are not " + kind + "'s (" + strings.Join(foreign, ", ") + ")")
	}
	subs, err := ResultSubfolders(dir)
	if err != nil {
		return err
	}
	subs = slices.DeleteFunc(subs, func(sub string) bool { return slices.Contains(ownDirs, filepath.Base(sub)) })
	if len(subs) > 0 {
		return refuse("results in " + describeFolders(subs))
	}
	return nil
}
