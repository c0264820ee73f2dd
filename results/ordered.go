package results

import (
	"io"
	"runtime"
	"sync/atomic"

	"github.com/sourcegraph/conc/stream"
)

// WriteOrdered writes chunk(0, b), chunk(1, b), ..., chunk(n-1, b) to w, in
// that order, formatting up to GOMAXPROCS chunks at once: a large table
// whose rows are independent (a comparison's monthly estimates) is written
// in a fraction of the time one goroutine takes. chunk appends chunk i to
// b (empty, with room to reuse) and returns it; it is called from several
// goroutines at once, so it must only read shared state. Writes happen on
// one goroutine, in order; after the first write error no more chunks are
// written, no new chunk is formatted, and WriteOrdered returns that error.
func WriteOrdered(w io.Writer, n int, chunk func(i int, b []byte) []byte) error {
	workers := runtime.GOMAXPROCS(0)
	// Buffers of written chunks are reused: at most workers chunks are
	// formatted and workers+1 wait to be written (the stream's bounds),
	// so this many buffers are enough to reuse every one.
	free := make(chan []byte, 2*workers+2)
	get := func() []byte {
		select {
		case b := <-free:
			return b[:0]
		default:
			return nil
		}
	}
	put := func(b []byte) {
		select {
		case free <- b:
		default:
		}
	}
	var err error // read and written by the callbacks only, which run one at a time
	var failed atomic.Bool
	s := stream.New().WithMaxGoroutines(workers)
	for i := range n {
		if failed.Load() {
			break
		}
		s.Go(func() stream.Callback {
			if failed.Load() {
				return func() {}
			}
			b := chunk(i, get())
			return func() {
				if err == nil {
					if _, err = w.Write(b); err != nil {
						failed.Store(true)
					}
				}
				put(b)
			}
		})
	}
	s.Wait()
	return err
}
