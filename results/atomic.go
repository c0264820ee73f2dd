package results

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteFileAtomic writes the file at path with the output of write. The data
// goes to a temporary file in the same directory, is synced, and is renamed
// over path only when write succeeded, so readers see the old file or the
// complete new one, never a partial one.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	return writeAtomic(path, write, true)
}

// WriteFileAtomicNoSync is WriteFileAtomic without the sync: the file is
// still complete or absent after the writing process is killed, but a crash
// of the whole machine may leave it empty. It suits many small files whose
// reader can tell an empty one from a good one and redo it, such as the run
// records of a sweep.
func WriteFileAtomicNoSync(path string, write func(io.Writer) error) error {
	return writeAtomic(path, write, false)
}

func writeAtomic(path string, write func(io.Writer) error, sync bool) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<16)
	if err = write(bw); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if sync {
		if err = tmp.Sync(); err != nil {
			return fmt.Errorf("write %s: sync: %w", path, err)
		}
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: close: %w", path, err)
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
