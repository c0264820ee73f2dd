package experiment

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/gofrs/flock"
)

// LockFile is the advisory lock of a sweep folder. A sweep or a merge that
// writes the folder's tables holds it alone; the shards of a sharded sweep
// hold it together, each also holding a lock of its own shard in shards/.
// The lock is the operating system's (flock), so it is released when its
// process ends, however it ends; the file only tells who holds it: the
// process id, the host and the command.
const LockFile = "wijksim.lock"

// folderLock is a held lock of a sweep folder.
type folderLock struct {
	locks []*flock.Flock
}

// ErrLocked is returned when another process holds a sweep folder's lock.
var ErrLocked = errors.New("the sweep folder is in use")

// lockFolder takes the lock of the sweep folder out: alone (shards 0 or 1),
// or shared with the other shards plus shard's own lock. command is written
// into the lock file for whoever is refused.
func lockFolder(out string, shard, shards int, command []string) (*folderLock, error) {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, fmt.Errorf("sweep folder: %w", err)
	}
	main := flock.New(filepath.Join(out, LockFile))
	l := &folderLock{}
	if shards <= 1 {
		ok, err := main.TryLock()
		if err := lockError(out, ok, err, main); err != nil {
			return nil, err
		}
		l.locks = append(l.locks, main)
		if err := writeHolder(main, command); err != nil {
			l.unlock()
			return nil, err
		}
		return l, nil
	}
	ok, err := main.TryRLock()
	if err := lockError(out, ok, err, main); err != nil {
		return nil, err
	}
	l.locks = append(l.locks, main)
	if err := os.MkdirAll(filepath.Join(out, shardsDir), 0o755); err != nil {
		l.unlock()
		return nil, fmt.Errorf("sweep folder: %w", err)
	}
	own := flock.New(filepath.Join(out, shardsDir, fmt.Sprintf("lock-%04d-of-%04d", shard, shards)))
	ok, err = own.TryLock()
	if err := lockError(out, ok, err, own); err != nil {
		l.unlock()
		return nil, fmt.Errorf("shard %d of %d: %w", shard, shards, err)
	}
	l.locks = append(l.locks, own)
	if err := writeHolder(own, command); err != nil {
		l.unlock()
		return nil, err
	}
	return l, nil
}

// lockError turns the outcome of a TryLock into the error to return: nil
// when the lock was taken, or when the file system has no locks at all
// (some cluster file systems are mounted so), where a sweep still runs,
// unprotected.
func lockError(out string, ok bool, err error, held *flock.Flock) error {
	switch {
	case ok:
		return nil
	case err != nil && (errors.Is(err, syscall.ENOSYS) || errors.Is(err, syscall.EOPNOTSUPP) || errors.Is(err, syscall.ENOLCK)):
		return nil
	case err != nil:
		return fmt.Errorf("sweep folder %s: lock %s: %w", out, held.Path(), err)
	}
	return fmt.Errorf("sweep folder %s: %w by %s; wait for it to end or stop it (the lock goes with the process, and a folder is never shared by two sweeps or a sweep and a merge)", out, ErrLocked, holders(out, held))
}

// writeHolder writes who holds the lock into its file.
func writeHolder(l *flock.Flock, command []string) error {
	host, _ := os.Hostname()
	text := fmt.Sprintf("pid %d on host %s since %s: %s\n", os.Getpid(), host, time.Now().Format(time.RFC3339), strings.Join(command, " "))
	if err := os.WriteFile(l.Path(), []byte(text), 0o644); err != nil {
		return fmt.Errorf("sweep folder: write the lock's holder: %w", err)
	}
	return nil
}

// holders describes the processes that hold the locks of the folder out:
// the folder's own lock file, or, when shards hold it, the lock files of
// the shards that are running.
func holders(out string, held *flock.Flock) string {
	read := func(path string) string {
		b, err := os.ReadFile(path)
		if err != nil || len(b) == 0 {
			return "another process"
		}
		return strings.TrimSpace(string(b))
	}
	if filepath.Base(held.Path()) != LockFile {
		return read(held.Path())
	}
	// Shards hold the folder's lock together: name those still running.
	paths, _ := filepath.Glob(filepath.Join(out, shardsDir, "lock-*"))
	sort.Strings(paths)
	var running []string
	for _, p := range paths {
		probe := flock.New(p)
		if ok, err := probe.TryLock(); err == nil && ok {
			probe.Unlock()
			continue
		}
		running = append(running, read(p))
	}
	if len(running) > 0 {
		return fmt.Sprintf("%d shard(s): %s", len(running), strings.Join(running, "; "))
	}
	return read(held.Path())
}

// unlock releases the locks; their files stay, to be taken next time.
func (l *folderLock) unlock() {
	for i := len(l.locks) - 1; i >= 0; i-- {
		l.locks[i].Unlock()
	}
	l.locks = nil
}
