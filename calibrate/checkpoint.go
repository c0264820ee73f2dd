package calibrate

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/wijksim/wijksim/results"
)

// storedStart is a finished start as the checkpoint folder keeps it.
type storedStart struct {
	Key   string      `json:"key"`
	Start int         `json:"start"`
	Value StartResult `json:"result"`
}

// startPath is the file of start k in the checkpoint folder.
func (o FitOptions) startPath(k int) string {
	return filepath.Join(o.Checkpoint, fmt.Sprintf("start-%d.json", k+1))
}

// clearTemporaries removes the temporary files that a write into the
// checkpoint folder killed before its rename left behind.
func (o FitOptions) clearTemporaries() {
	if o.Checkpoint == "" {
		return
	}
	left, _ := filepath.Glob(filepath.Join(o.Checkpoint, ".start-*.json.tmp-*"))
	for _, tmp := range left {
		os.Remove(tmp)
	}
}

// loadStart returns start k from the checkpoint folder, if it is there
// under the options' key; anything else (no folder, no file, another key,
// a file that does not decode, as a killed write cannot leave) means the
// start is fitted again.
func (o FitOptions) loadStart(k int) (StartResult, bool) {
	if o.Checkpoint == "" {
		return StartResult{}, false
	}
	b, err := os.ReadFile(o.startPath(k))
	if err != nil {
		return StartResult{}, false
	}
	var s storedStart
	if err := json.Unmarshal(b, &s); err != nil || s.Key != o.CheckpointKey || s.Start != k || len(s.Value.Estimate) == 0 {
		return StartResult{}, false
	}
	return s.Value, true
}

// saveStart keeps start k in the checkpoint folder, written atomically.
// A start whose values JSON cannot hold (an infinite objective) is not
// kept: it is fitted again on resume.
func (o FitOptions) saveStart(k int, sr StartResult) error {
	if o.Checkpoint == "" {
		return nil
	}
	b, err := json.Marshal(storedStart{Key: o.CheckpointKey, Start: k, Value: sr})
	if err != nil {
		return nil
	}
	if err := os.MkdirAll(o.Checkpoint, 0o755); err != nil {
		return fmt.Errorf("checkpoint of start %d: %w", k+1, err)
	}
	if err := results.WriteFileAtomic(o.startPath(k), func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
		return fmt.Errorf("checkpoint of start %d: %w", k+1, err)
	}
	return nil
}
