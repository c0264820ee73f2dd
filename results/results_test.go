package results

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

func TestWriteFileAtomicKeepsOldFileOnError(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "data.csv")
	if err := os.WriteFile(path, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("disk on fire")
	err := WriteFileAtomic(path, func(w io.Writer) error {
		io.WriteString(w, "half a new fi")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("error = %v, want it to wrap %v", err, boom)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "old\n" {
		t.Errorf("file = %q after a failed write, want the old content", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries after a failed write, want only the old file", len(entries))
	}
	if err := WriteFileAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, "new\n"); return err }); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "new\n" {
		t.Errorf("file = %q, want the new content", got)
	}
}

func run(t *testing.T, policy string, months int, events bool) Run {
	t.Helper()
	sc, err := scenarios.Load("assendelft", scenarios.Options{Set: []string{"months=" + strconv.Itoa(months)}})
	if err != nil {
		t.Fatal(err)
	}
	pol, err := policies.Builtin(policy)
	if err != nil {
		t.Fatal(err)
	}
	m, err := sim.New(sc.Params, pol.Policy, 7, 2, sim.Options{RecordEvents: events})
	if err != nil {
		t.Fatal(err)
	}
	m.Run()
	return FromModel(sc, m, 7, 2)
}

func TestWriteRunFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	r := run(t, "sanctie", 24, true)
	man, err := WriteRun(dir, r, []string{"wijksim", "run"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{MonthlyFile, SummaryFile, EventsFile, ManifestFile} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
	// The manifest lists every data file with its size and hash.
	if len(man.Files) != 3 {
		t.Fatalf("manifest lists %d files, want 3", len(man.Files))
	}
	for _, f := range man.Files {
		b, err := os.ReadFile(filepath.Join(dir, f.Name))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		if hex.EncodeToString(sum[:]) != f.SHA256 || int64(len(b)) != f.Bytes {
			t.Errorf("%s: manifest hash or size does not match the file", f.Name)
		}
	}
	back, err := ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if back.Scenario.Name != "assendelft" || back.Seed != 7 || back.Replicate != 2 || back.Policy != "sanctie" {
		t.Errorf("manifest identity = %+v", back)
	}
	if len(back.Params) != len(scenarios.Specs()) {
		t.Errorf("manifest has %d parameters, want all %d", len(back.Params), len(scenarios.Specs()))
	}
	if back.Scenario.Overrides[0] != "months=24" {
		t.Errorf("overrides = %v", back.Scenario.Overrides)
	}
}

func TestMonthlyCSVIsTidy(t *testing.T) {
	r := run(t, "nabijheid", 24, false)
	var buf bytes.Buffer
	if err := WriteMonthlyCSV(&buf, r, true); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+25 {
		t.Fatalf("%d rows, want a header and months 0-24", len(rows))
	}
	header := rows[0]
	if len(header) != 4+len(MonthColumns()) {
		t.Errorf("header has %d columns, want %d", len(header), 4+len(MonthColumns()))
	}
	col := map[string]int{}
	for i, h := range header {
		if _, dup := col[h]; dup {
			t.Errorf("column %q twice", h)
		}
		col[h] = i
	}
	for m, row := range rows[1:] {
		if row[col["month"]] != strconv.Itoa(m) {
			t.Errorf("row %d has month %s", m, row[col["month"]])
		}
		if row[col["policy"]] != "nabijheid" || row[col["scenario"]] != "assendelft" {
			t.Errorf("row %d identity %v", m, row[:4])
		}
	}
	// Month 0 has no movers yet: the activation cost per mover is missing, as NA.
	if got := rows[1][col["activation_cost_per_mover"]]; got != "NA" {
		t.Errorf("activation_cost_per_mover at month 0 = %q, want NA", got)
	}
}

func TestSummaryJSONWritesNullForNaN(t *testing.T) {
	r := run(t, "afstand", 1, true)
	r.Stats[len(r.Stats)-1].ActivationCostPerMover = math.NaN()
	var buf bytes.Buffer
	if err := WriteSummaryJSON(&buf, r); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("summary is not valid JSON: %v\n%s", err, buf.String())
	}
	end := got["end"].(map[string]any)
	if v, ok := end["activation_cost_per_mover"]; !ok || v != nil {
		t.Errorf("activation_cost_per_mover = %v, want null", v)
	}
	kinds := got["by_kind"].([]any)
	if len(kinds) != sim.NumKinds {
		t.Fatalf("by_kind has %d entries, want %d", len(kinds), sim.NumKinds)
	}
	total := 0.0
	for _, k := range kinds {
		total += k.(map[string]any)["outcomes"].(map[string]any)["residents"].(float64)
	}
	if int(total) != r.Scenario.Params.Population.Residents {
		t.Errorf("residents by kind add up to %v, want %d", total, r.Scenario.Params.Population.Residents)
	}
}

func TestEventsCSV(t *testing.T) {
	r := run(t, "sanctie", 36, true)
	var buf bytes.Buffer
	if err := WriteEventsCSV(&buf, r, true); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows)-1 != len(r.Events) {
		t.Fatalf("%d rows for %d events", len(rows)-1, len(r.Events))
	}
	allowed := map[string]bool{"step-up": true, "step-down": true, "sanction": true, "exit-to-work": true, "exit-without-work": true, "re-entry": true, "tegenprestatie": true, "refusal": true, "exit-under-pressure": true, "exit-after-sanction": true, "job-loss": true}
	seen := map[string]bool{}
	for _, row := range rows[1:] {
		if !allowed[row[7]] {
			t.Fatalf("unknown event %q", row[7])
		}
		seen[row[7]] = true
	}
	if !seen["sanction"] {
		t.Errorf("a sanctie run of 36 months logged no sanction")
	}
}
