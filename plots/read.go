package plots

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/wijksim/wijksim/results"
)

// Read reads the results folder dir: a folder written by `wijksim run`,
// `compare` or `sweep` (told apart by the kind in its manifest.json), or a
// folder that holds one run folder per policy, as `wijksim run` writes for
// several policies.
func Read(dir string) (*Results, error) {
	man, err := results.ReadManifest(dir)
	switch {
	case err == nil:
		switch man.Kind {
		case KindRun:
			return readRuns(dir, []string{dir})
		case KindCompare:
			return readCompare(dir, man)
		case KindSweep:
			return readSweep(dir, man)
		}
		return nil, fmt.Errorf("results folder %s: manifest kind %q; allowed: %s, %s or %s", dir, man.Kind, KindRun, KindCompare, KindSweep)
	case !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("results folder %s: %w", dir, err)
	}
	subs, err := runSubfolders(dir)
	if err != nil {
		return nil, err
	}
	return readRuns(dir, subs)
}

// runSubfolders lists the subfolders of dir that are run folders, sorted by
// name. It fails if dir has none, or holds results folders of another kind.
func runSubfolders(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("results folder: %w", err)
	}
	var subs []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		sub := filepath.Join(dir, e.Name())
		man, err := results.ReadManifest(sub)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("results folder %s: %w", sub, err)
		}
		if man.Kind != KindRun {
			return nil, fmt.Errorf("results folder %s: no manifest.json, and its subfolder %s is a %s folder; give that folder instead", dir, sub, man.Kind)
		}
		subs = append(subs, sub)
	}
	if len(subs) == 0 {
		return nil, fmt.Errorf("results folder %s: no manifest.json in it or in any subfolder; give a folder written by wijksim run, compare or sweep", dir)
	}
	sort.Strings(subs)
	return subs, nil
}
