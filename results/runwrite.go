package results

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// RunWrite writes the results of one `wijksim run` of one or more
// policies: the files of one policy straight into the results folder, those
// of several into a subfolder each, named after the policy. Each policy's
// files are staged beside those they replace when its run ends (Stage);
// the results folder changes only in Commit, once every policy's files are
// complete, so that a run that fails or is stopped before (Abort) leaves it
// as it was. Commit removes the manifest of every policy's folder before it
// puts any file in place, and then each folder's files and, last, its new
// manifest: a process killed in between leaves folders without a manifest,
// which are told apart as unfinished runs, never a manifest over files that
// are not its own; the next run into the folder rewrites them. Files that
// are not a run's results (charts, a report) are left where they are.
type RunWrite struct {
	dir      string // the results folder
	policies []string
	pending  []*pendingFolder // each policy's staged files
	made     []string         // folders made for the results, removed by Abort if still empty
	staged   []string         // the policies staged
	done     bool
}

// NewRunWrite starts the write of the results of policies into dir.
func NewRunWrite(dir string, policies []string) (*RunWrite, error) {
	if len(policies) == 0 {
		return nil, errors.New("results folder: a run of no policy")
	}
	return &RunWrite{dir: dir, policies: slices.Clone(policies)}, nil
}

// Stage writes the results of r, one of the policies of the write, and
// returns their manifest. Writing stops with ctx's error once ctx (if not
// nil) is done.
func (w *RunWrite) Stage(ctx context.Context, r Run, command []string) (*Manifest, error) {
	if w.done {
		return nil, errors.New("results folder: a write staged after its commit or abort")
	}
	if !slices.Contains(w.policies, r.Policy) {
		return nil, fmt.Errorf("results folder %s: a run of policy %s, which is not among %s", w.dir, r.Policy, strings.Join(w.policies, ", "))
	}
	if slices.Contains(w.staged, r.Policy) {
		return nil, fmt.Errorf("results folder %s: policy %s staged twice", w.dir, r.Policy)
	}
	man, groups, stale := runFolder(r, command)
	groups = withContext(ctx, groups)
	sub := ""
	if len(w.policies) > 1 {
		sub = r.Policy
	}
	dir := filepath.Join(w.dir, sub)
	made, err := mkdirAll(dir)
	w.made = append(w.made, made...)
	if err != nil {
		return nil, fmt.Errorf("results folder: %w", err)
	}
	p, err := stageFolder(dir, man, groups, stale)
	if err != nil {
		return nil, err
	}
	w.pending = append(w.pending, p)
	w.staged = append(w.staged, r.Policy)
	return man, nil
}

// Commit puts the staged results in place (RunWrite).
func (w *RunWrite) Commit() error {
	if w.done {
		return errors.New("results folder: a write committed after its commit or abort")
	}
	if len(w.staged) < len(w.policies) {
		return fmt.Errorf("results folder %s: committed with %d of %d policies staged", w.dir, len(w.staged), len(w.policies))
	}
	// Every folder loses its manifest before any file changes, so that no
	// folder passes for complete while the others change.
	for _, p := range w.pending {
		if err := p.clear(); err != nil {
			return err
		}
	}
	for _, p := range w.pending {
		if err := p.place(); err != nil {
			return err
		}
	}
	w.pending = nil
	w.done = true
	return nil
}

// Abort removes the staged results, and the folders made for them if they
// are empty; after Commit it does nothing.
func (w *RunWrite) Abort() {
	if w.done {
		return
	}
	w.done = true
	for _, p := range w.pending {
		p.abort()
	}
	for _, dir := range slices.Backward(w.made) {
		os.Remove(dir)
	}
}

// mkdirAll makes dir and the folders above it that are missing, and
// returns those it made, the outermost first.
func mkdirAll(dir string) ([]string, error) {
	var missing []string
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil || filepath.Dir(d) == d {
			break
		}
		missing = append(missing, d)
	}
	slices.Reverse(missing)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return missing, nil
}

// withContext makes the writes of groups fail with ctx's error once ctx is
// done (checked once a megabyte or so); a nil ctx changes nothing.
func withContext(ctx context.Context, groups []FileGroup) []FileGroup {
	if ctx == nil || ctx.Done() == nil {
		return groups
	}
	out := make([]FileGroup, len(groups))
	for i, g := range groups {
		out[i] = FileGroup{Names: g.Names, Write: func(ws []io.Writer) error {
			cws := make([]io.Writer, len(ws))
			for j, w := range ws {
				cws[j] = &contextWriter{ctx: ctx, w: w}
			}
			return g.Write(cws)
		}}
	}
	return out
}

// contextWriter is a writer that fails once its context is done.
type contextWriter struct {
	ctx context.Context
	w   io.Writer
	n   int
}

func (c *contextWriter) Write(p []byte) (int, error) {
	c.n += len(p)
	if c.n >= 1<<20 {
		c.n = 0
		if err := c.ctx.Err(); err != nil {
			return 0, context.Cause(c.ctx)
		}
	}
	return c.w.Write(p)
}
