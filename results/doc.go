// Package results writes the outputs of wijksim runs: monthly series as tidy
// CSV, end-of-run summaries as JSON, per-resident event logs and a manifest
// that makes every results folder reproducible. Every file is written
// atomically (a temporary file renamed into place), so an interrupted write
// never leaves a partial file behind; the manifest is written last and lists
// the other files with their SHA-256.
package results
