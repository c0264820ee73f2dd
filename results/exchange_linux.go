package results

import (
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// canExchange tells that the system can exchange two folders in one step.
const canExchange = true

// exchange exchanges the files or folders a and b, in one step: each name
// is at every moment the one or the other (renameat2 with RENAME_EXCHANGE).
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if err != nil {
		return &os.LinkError{Op: "exchange", Old: a, New: b, Err: err}
	}
	return nil
}

// sameDevice reports whether a and b are on the same file system, as a
// rename between them needs.
func sameDevice(a, b string) bool {
	var sa, sb syscall.Stat_t
	if syscall.Stat(a, &sa) != nil || syscall.Stat(b, &sb) != nil {
		return false
	}
	return sa.Dev == sb.Dev
}
