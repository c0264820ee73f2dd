package results

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// RunWrite writes the results of one `wijksim run` of one or more
// policies: the files of one policy straight into the results folder, those
// of several into a subfolder each, named after the policy. Each policy's
// files are staged when its run ends (Stage); the results folder changes
// only in Commit, once every policy's files are complete, so that a run
// that fails or is stopped before (Abort) leaves it as it was.
//
// Where folders can be swapped (on Linux, see swapTarget), the new results
// folder is written whole into a hidden folder ".NAME.tmp-RANDOM" beside
// the results folder NAME, what NAME holds besides the run's results
// (charts, a report, folders of them) is linked into it, and Commit puts
// it in NAME's place in one step, exchanging the two folders: NAME holds at
// every moment either all the earlier results or all the new ones. The
// earlier folder, hidden then, is removed. A hidden folder that a killed
// run left is no one's results (IsTemporary) and is removed by the next
// run into NAME. Elsewhere the files are staged beside those they replace,
// and Commit removes the manifest of every policy's folder before it puts
// any file in place, and then each folder's files and, last, its new
// manifest: a process killed in between leaves folders without a manifest,
// which are told apart as unfinished runs, and which the next run into NAME
// rewrites.
type RunWrite struct {
	dir      string // the results folder
	policies []string
	stage    string           // the hidden folder the new results are written into; "" when written in place
	pending  []*pendingFolder // in place: each policy's staged files
	made     []string         // folders made for the results, removed by Abort if still empty
	left     []string         // hidden folders that killed runs left beside dir
	staged   []string         // the policies staged
	done     bool
}

// swapFolders turns the swap of folders off when false, so that tests can
// check the writes in place where folders can be swapped.
var swapFolders = true

// NewRunWrite starts the write of the results of policies into dir.
func NewRunWrite(dir string, policies []string) (*RunWrite, error) {
	if len(policies) == 0 {
		return nil, errors.New("results folder: a run of no policy")
	}
	w := &RunWrite{dir: dir, policies: slices.Clone(policies)}
	real, swap := swapTarget(dir)
	if real == "" {
		return w, nil
	}
	parent := filepath.Dir(real)
	w.left, _ = filepath.Glob(filepath.Join(parent, "."+filepath.Base(real)+".tmp-*"))
	if !swap || !swapFolders {
		return w, nil
	}
	made, err := mkdirAll(parent)
	w.made = made
	if err != nil {
		return nil, fmt.Errorf("results folder: %w", err)
	}
	if w.stage = newStage(real); w.stage != "" {
		w.dir = real
	}
	return w, nil
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
	if w.stage != "" {
		// A new folder that no one reads: the files go straight in.
		if err := writeFolder(filepath.Join(w.stage, sub), man, groups, nil); err != nil {
			return nil, err
		}
		w.staged = append(w.staged, r.Policy)
		return man, nil
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

// Commit puts the staged results in place, in one step where folders can
// be swapped (RunWrite).
func (w *RunWrite) Commit() error {
	if w.done {
		return errors.New("results folder: a write committed after its commit or abort")
	}
	if len(w.staged) < len(w.policies) {
		return fmt.Errorf("results folder %s: committed with %d of %d policies staged", w.dir, len(w.staged), len(w.policies))
	}
	if w.stage != "" {
		if err := w.keepOthers(); err != nil {
			return err
		}
		if err := swapFolder(w.stage, w.dir); err != nil {
			return err
		}
		w.stage = ""
	} else {
		// Every folder loses its manifest before any file changes, so
		// that no folder passes for complete while the others change.
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
	}
	w.done = true
	for _, dir := range w.left {
		step()
		os.RemoveAll(dir)
	}
	return nil
}

// Abort removes the staged results, and the folders made for them if they
// are empty; after Commit it does nothing.
func (w *RunWrite) Abort() {
	if w.done {
		return
	}
	w.done = true
	if w.stage != "" {
		os.RemoveAll(w.stage)
	}
	for _, p := range w.pending {
		p.abort()
	}
	for _, dir := range slices.Backward(w.made) {
		os.Remove(dir)
	}
}

// keepOthers links into the new results folder what the earlier one holds
// besides the run's results (charts, a report, folders of them), with the
// earlier folders' permissions. A folder of one policy keeps all but the
// files of a run; a folder of several keeps all, but only what the
// policies' folders keep of theirs. Temporary files and folders that
// killed writes left are not kept.
func (w *RunWrite) keepOthers() error {
	if _, err := os.Lstat(w.dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	step()
	if len(w.policies) == 1 {
		return keepOthers(w.dir, w.stage, nil)
	}
	return keepOthers(w.dir, w.stage, w.policies)
}

func keepOthers(from, to string, policies []string) error {
	info, err := os.Stat(from)
	if err != nil {
		return fmt.Errorf("results folder: %w", err)
	}
	if err := os.Chmod(to, modeOf(info)); err != nil {
		return fmt.Errorf("results folder: %w", err)
	}
	entries, err := os.ReadDir(from)
	if err != nil {
		return fmt.Errorf("results folder: %w", err)
	}
	for _, e := range entries {
		name := e.Name()
		src, dst := filepath.Join(from, name), filepath.Join(to, name)
		switch {
		case IsTemporary(name), policies == nil && (name == ManifestFile || slices.Contains(runFiles, name)):
		case policies != nil && e.IsDir() && slices.Contains(policies, name):
			err = keepOthers(src, dst, nil)
		default:
			err = linkTree(src, dst)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// linkTree makes dst a hard link to src, or, for a folder, a folder of
// links to what src holds; a file that cannot be linked is copied.
func linkTree(src, dst string) error {
	info, err := os.Lstat(src)
	if err != nil {
		return fmt.Errorf("results folder: keep %s: %w", src, err)
	}
	if !info.IsDir() {
		err := os.Link(src, dst)
		if err != nil && info.Mode().IsRegular() {
			err = copyFile(src, dst, info.Mode().Perm())
		}
		if err != nil {
			return fmt.Errorf("results folder: keep %s: %w", src, err)
		}
		return nil
	}
	if err := os.Mkdir(dst, 0o700); err != nil {
		return fmt.Errorf("results folder: keep %s: %w", src, err)
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		return fmt.Errorf("results folder: keep %s: %w", src, err)
	}
	for _, e := range entries {
		if err := linkTree(filepath.Join(src, e.Name()), filepath.Join(dst, e.Name())); err != nil {
			return err
		}
	}
	if err := os.Chmod(dst, modeOf(info)); err != nil {
		return fmt.Errorf("results folder: keep %s: %w", src, err)
	}
	return nil
}

// modeOf is the mode of a file that chmod sets.
func modeOf(info fs.FileInfo) fs.FileMode {
	return info.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
}

func copyFile(src, dst string, perm fs.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// IsTemporary reports whether name is that of a temporary file or folder
// of a write (".NAME.tmp-RANDOM"), which holds no one's results: a write
// in progress, or one that a killed process left.
func IsTemporary(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, ".tmp-")
}

// swapTarget returns the folder that the results folder dir is, absolute
// and with symbolic links resolved ("" if it cannot be told), and whether a
// new folder can take its place: not where the system cannot exchange
// folders, nor for the root, the current folder or a folder that holds it
// (whose processes would be left in a removed folder), nor for something
// other than a folder, nor for a folder mounted on its own (a new one
// beside it would be on another file system).
func swapTarget(dir string) (string, bool) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	parent := filepath.Dir(abs)
	if parent == abs {
		return "", false
	}
	if !canExchange {
		return abs, false
	}
	if cwd, err := os.Getwd(); err == nil {
		if real, err := filepath.EvalSymlinks(cwd); err == nil {
			cwd = real
		}
		if cwd == abs || strings.HasPrefix(cwd, abs+string(filepath.Separator)) {
			return abs, false
		}
	}
	info, err := os.Lstat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return abs, true
	case err != nil || !info.IsDir():
		return abs, false
	}
	return abs, sameDevice(abs, parent)
}

// newStage creates the hidden folder beside dir that a new dir is written
// into, and returns its path, or "" if none can be made there or the file
// system cannot exchange folders.
func newStage(dir string) string {
	parent, base := filepath.Split(dir)
	for range 100 {
		stage := filepath.Join(parent, "."+base+".tmp-"+strconv.FormatUint(rand.Uint64(), 36))
		err := os.Mkdir(stage, 0o755)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return ""
		}
		// Not every file system exchanges folders (NFS, some FUSE ones):
		// two empty folders in the stage tell.
		a, b := filepath.Join(stage, "a"), filepath.Join(stage, "b")
		err = errors.Join(os.Mkdir(a, 0o700), os.Mkdir(b, 0o700))
		if err == nil {
			err = exchange(a, b)
		}
		os.Remove(a)
		os.Remove(b)
		if err != nil {
			os.RemoveAll(stage)
			return ""
		}
		return stage
	}
	return ""
}

// swapFolder puts the folder stage in dir's place: it exchanges the two
// when dir exists, so that dir is at every moment the one or the other,
// and removes the earlier dir, now at stage; it renames stage to dir
// otherwise. The folders' entries are synced before, so that a crash of
// the machine cannot leave dir naming a folder whose files are lost.
func swapFolder(stage, dir string) error {
	syncTree(stage)
	step()
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(stage, dir); err != nil {
			return fmt.Errorf("results folder: %w", err)
		}
		syncDir(filepath.Dir(dir))
		return nil
	}
	if err := exchange(stage, dir); err != nil {
		return fmt.Errorf("results folder %s: put the new folder in place: %w", dir, err)
	}
	syncDir(filepath.Dir(dir))
	step()
	// The earlier results, hidden now; what is left of them is removed by
	// the next write.
	os.RemoveAll(stage)
	return nil
}

// syncTree syncs the folder dir and the folders in it, which holds new
// entries; an error is ignored, as some systems cannot sync folders.
func syncTree(dir string) {
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			syncDir(path)
		}
		return nil
	})
}

func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		_ = f.Sync()
		f.Close()
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
