package results

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// TestWriteOrdered checks that the chunks arrive whole and in order, for
// any number of chunks and goroutines, and that each chunk starts from an
// empty buffer even when buffers are reused.
func TestWriteOrdered(t *testing.T) {
	for _, procs := range []int{1, 2, 4} {
		for _, n := range []int{0, 1, 2, 7, 100} {
			t.Run(fmt.Sprintf("procs %d, %d chunks", procs, n), func(t *testing.T) {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
				var want, got bytes.Buffer
				for i := range n {
					fmt.Fprintf(&want, "chunk %d: %s\n", i, strings.Repeat("x", i%13))
				}
				err := WriteOrdered(&got, n, func(i int, b []byte) []byte {
					if len(b) != 0 {
						t.Errorf("chunk %d starts from %d bytes, want an empty buffer", i, len(b))
					}
					b = append(b, "chunk "...)
					b = strconv.AppendInt(b, int64(i), 10)
					b = append(b, ": "...)
					b = append(b, strings.Repeat("x", i%13)...)
					return append(b, '\n')
				})
				if err != nil {
					t.Fatal(err)
				}
				if got.String() != want.String() {
					t.Errorf("wrote\n%s\nwant\n%s", got.String(), want.String())
				}
			})
		}
	}
}

// TestWriteOrderedConcurrent checks that chunks are formatted at once: chunk
// 0 waits until chunk 1 has been formatted (one goroutine at a time would
// wait for ever), and is still written first.
func TestWriteOrderedConcurrent(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	second := make(chan struct{})
	var got bytes.Buffer
	err := WriteOrdered(&got, 2, func(i int, b []byte) []byte {
		if i == 0 {
			<-second
		} else {
			defer close(second)
		}
		return strconv.AppendInt(b, int64(i), 10)
	})
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != "01" {
		t.Errorf("wrote %q, want %q", got.String(), "01")
	}
}

// failingWriter fails from its write number failAt on (counted from 0).
type failingWriter struct {
	writes, failAt int
	written        []string
}

var errDiskFull = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	defer func() { w.writes++ }()
	if w.writes >= w.failAt {
		return 0, errDiskFull
	}
	w.written = append(w.written, string(p))
	return len(p), nil
}

// TestWriteOrderedError checks that the first write error is returned and
// that nothing is written after it.
func TestWriteOrderedError(t *testing.T) {
	w := &failingWriter{failAt: 3}
	err := WriteOrdered(w, 10, func(i int, b []byte) []byte {
		return strconv.AppendInt(b, int64(i), 10)
	})
	if !errors.Is(err, errDiskFull) {
		t.Fatalf("error %v, want %v", err, errDiskFull)
	}
	if w.writes != 4 {
		t.Errorf("%d writes, want 4: the three that succeeded and the one that failed", w.writes)
	}
	if got := strings.Join(w.written, ","); got != "0,1,2" {
		t.Errorf("wrote %q, want %q", got, "0,1,2")
	}
}

// TestWriteOrderedStopsAfterError: after a write fails, the chunks not yet
// begun are not formatted: of 10,000, at most those handed out before the
// first write returned, which the stream bounds at procs+2 (chunk 0, being
// written, and the procs+1 its queue holds).
func TestWriteOrderedStopsAfterError(t *testing.T) {
	for _, procs := range []int{1, 2, 4} {
		t.Run(fmt.Sprintf("procs=%d", procs), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			var formatted atomic.Int64
			w := &failingWriter{failAt: 0}
			err := WriteOrdered(w, 10_000, func(i int, b []byte) []byte {
				formatted.Add(1)
				return strconv.AppendInt(b, int64(i), 10)
			})
			if !errors.Is(err, errDiskFull) {
				t.Fatalf("error %v, want %v", err, errDiskFull)
			}
			if max := int64(procs + 2); formatted.Load() > max {
				t.Errorf("%d chunks formatted after the first write failed, want at most %d", formatted.Load(), max)
			}
		})
	}
}

// ExampleWriteOrdered writes a table whose rows are formatted concurrently,
// in order.
func ExampleWriteOrdered() {
	squares := func(i int, b []byte) []byte {
		return fmt.Appendf(b, "%d,%d\n", i, i*i)
	}
	if err := WriteOrdered(os.Stdout, 4, squares); err != nil {
		fmt.Println(err)
	}
	// Output:
	// 0,0
	// 1,1
	// 2,4
	// 3,9
}
