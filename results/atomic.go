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
	tmp, err := createTemp(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<14)
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
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
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
