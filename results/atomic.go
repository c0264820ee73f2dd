package results

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

// WriteFileAtomic writes the file at path with the output of write. The data
// goes to a temporary file in the same directory, is synced, and is renamed
// over path only when write succeeded, so readers see the old file or the
// complete new one, never a partial one.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	return writeAtomic([]string{path}, func(ws []io.Writer) error { return write(ws[0]) }, true)
}

// WriteFileAtomicNoSync is WriteFileAtomic without the sync: the file is
// still complete or absent after the writing process is killed, but a crash
// of the whole machine may leave it empty. It suits many small files whose
// reader can tell an empty one from a good one and redo it, such as the run
// records of a sweep.
func WriteFileAtomicNoSync(path string, write func(io.Writer) error) error {
	return writeAtomic([]string{path}, func(ws []io.Writer) error { return write(ws[0]) }, false)
}

// WriteFilesAtomic writes the files at paths in one pass: write gets a
// writer for each path, in the same order. Each file is written as
// WriteFileAtomic writes one; when write fails, none of them is replaced.
func WriteFilesAtomic(paths []string, write func([]io.Writer) error) error {
	return writeAtomic(paths, write, true)
}

func writeAtomic(paths []string, write func([]io.Writer) error, sync bool) error {
	st, err := stageAtomic(paths, write, sync)
	if err != nil {
		return err
	}
	return st.commit()
}

// staged is files written to temporary files beside their paths, complete
// (and synced, if asked), that commit renames over the paths and abort
// removes.
type staged struct {
	paths []string
	tmps  []string
}

// stageAtomic writes the files at paths as writeAtomic does, up to the
// renames: on success the new files wait in their temporary files until
// commit; on failure none is left.
func stageAtomic(paths []string, write func([]io.Writer) error, sync bool) (st *staged, err error) {
	tmps := make([]*os.File, 0, len(paths))
	defer func() {
		if err != nil {
			for _, tmp := range tmps {
				tmp.Close()
				os.Remove(tmp.Name())
			}
		}
	}()
	for _, path := range paths {
		tmp, err := createTemp(path)
		if err != nil {
			return nil, fmt.Errorf("write %s: %w", path, err)
		}
		tmps = append(tmps, tmp)
	}
	bws := make([]*bufio.Writer, len(paths))
	ws := make([]io.Writer, len(paths))
	for i, tmp := range tmps {
		var w io.Writer = tmp
		if sync {
			w = &writebackWriter{f: tmp, start: startWriteback}
		}
		bws[i] = bufio.NewWriterSize(w, 1<<14)
		ws[i] = bws[i]
	}
	if err = write(ws); err != nil {
		return nil, fmt.Errorf("write %s: %w", describePaths(paths), err)
	}
	for i, path := range paths {
		if err = bws[i].Flush(); err != nil {
			return nil, fmt.Errorf("write %s: %w", path, err)
		}
		if sync {
			if err = tmps[i].Sync(); err != nil {
				return nil, fmt.Errorf("write %s: sync: %w", path, err)
			}
		}
	}
	names := make([]string, len(tmps))
	for i, path := range paths {
		if err = tmps[i].Close(); err != nil {
			return nil, fmt.Errorf("write %s: close: %w", path, err)
		}
		names[i] = tmps[i].Name()
	}
	return &staged{paths: paths, tmps: names}, nil
}

// commit renames the staged files over their paths, in order; after a
// failed rename the files not yet renamed are removed.
func (st *staged) commit() error {
	for i, path := range st.paths {
		step()
		if err := os.Rename(st.tmps[i], path); err != nil {
			for _, tmp := range st.tmps[i:] {
				os.Remove(tmp)
			}
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	return nil
}

// abort removes the staged files.
func (st *staged) abort() {
	for _, tmp := range st.tmps {
		os.Remove(tmp)
	}
}

// writebackEvery is how many bytes a synced file gets between the starts
// of their writeback (writebackWriter).
const writebackEvery = 1 << 20

// writebackWriter writes to a file that will be synced, and starts writing
// each writebackEvery bytes back to disk as soon as they are written, so
// that the disk works while the rest is formatted and the sync at the end
// of a large file waits for its last part only.
type writebackWriter struct {
	f                  *os.File
	start              func(f *os.File, off, n int64) error // startWriteback; a hint, so its error is ignored
	written, startedTo int64
}

func (w *writebackWriter) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	w.written += int64(n)
	if w.written-w.startedTo >= writebackEvery {
		_ = w.start(w.f, w.startedTo, w.written-w.startedTo)
		w.startedTo = w.written
	}
	return n, err
}

// describePaths names the files of one write: the path of a single file,
// the first and how many more otherwise.
func describePaths(paths []string) string {
	if len(paths) == 1 {
		return paths[0]
	}
	return fmt.Sprintf("%s and %d other files", paths[0], len(paths)-1)
}

// createTemp creates a new file ".NAME.tmp-RANDOM" beside path, readable by
// all (0644 before the umask) so that no chmod is needed before the rename.
// The random part only keeps concurrent writers apart; it affects no result.
func createTemp(path string) (*os.File, error) {
	dir, base := filepath.Split(path)
	for range 100 {
		name := filepath.Join(dir, "."+base+".tmp-"+strconv.FormatUint(rand.Uint64(), 36))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, fmt.Errorf("no free temporary name beside %s", path)
}
