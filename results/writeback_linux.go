package results

import (
	"os"

	"golang.org/x/sys/unix"
)

// startWriteback asks the kernel to begin writing n bytes of f from off to
// disk, without waiting for them (sync_file_range with
// SYNC_FILE_RANGE_WRITE). It is a hint: the sync before the rename still
// waits for every byte and reports any error, so callers may ignore its
// error.
func startWriteback(f *os.File, off, n int64) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	ctlErr := rc.Control(func(fd uintptr) {
		err = unix.SyncFileRange(int(fd), off, n, unix.SYNC_FILE_RANGE_WRITE)
	})
	if ctlErr != nil {
		return ctlErr
	}
	return err
}
