package experiment

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/termtable"
)

// smallScenario is the default scenario on a short horizon and a small
// population.
func smallScenario(t testing.TB) *scenarios.Scenario {
	t.Helper()
	sc, err := scenarios.Load("default", scenarios.Options{Set: []string{"months=24", "population.residents=80"}})
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func mustCompare(t testing.TB, spec CompareSpec) *Comparison {
	t.Helper()
	c, err := Compare(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// closeTo reports whether x and y agree to about twelve digits.
func closeTo(x, y float64) bool {
	if math.IsNaN(x) || math.IsNaN(y) {
		return math.IsNaN(x) && math.IsNaN(y)
	}
	return math.Abs(x-y) <= 1e-12*math.Max(1, math.Max(math.Abs(x), math.Abs(y)))
}

func sameEstimate(a, b Estimate) bool {
	return a.N == b.N && closeTo(a.Mean, b.Mean) && closeTo(a.SD, b.SD) && closeTo(a.Lo, b.Lo) && closeTo(a.Hi, b.Hi)
}

// TestCompareCommonRandomNumbers checks the pairing: the baseline differs
// from itself by exactly zero in every month and outcome, all policies
// start from the same residents, and the other policies do differ.
func TestCompareCommonRandomNumbers(t *testing.T) {
	const n = 6
	c := mustCompare(t, CompareSpec{Scenario: smallScenario(t), Policies: policies.Names(), Seed: 4, Replicates: n, Workers: 2})
	if c.Spec.Baseline != "afstand" {
		t.Fatalf("baseline %q, want afstand", c.Spec.Baseline)
	}
	base := slices.Index(c.Spec.Policies, "afstand")
	zero := Estimate{N: n}
	for m := 0; m <= c.Months; m++ {
		for _, col := range c.Columns[1:] {
			// Outcomes undefined in some runs (the cost per mover before
			// anyone moved) count only the runs where they are defined.
			d, lv := c.Difference(base, m, col.Name), c.Level(base, m, col.Name)
			want := Estimate{N: lv.N, Mean: math.NaN(), SD: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
			if lv.N >= 1 {
				want.Mean = 0
			}
			if lv.N >= 2 {
				want.SD, want.Lo, want.Hi = 0, 0, 0
			}
			if !sameNaN(d, want) {
				t.Fatalf("month %d, %s: baseline minus itself = %+v, want %+v", m, col.Name, d, want)
			}
		}
	}
	// Month 0 is drawn before any policy acts: the same for every policy.
	for p := range c.Spec.Policies {
		for _, name := range []string{"rung_1", "rung_2", "rung_3", "rung_4", "trust_mean", "resistance_mean", "efficacy_mean"} {
			if d := c.Difference(p, 0, name); d != zero {
				t.Errorf("%s, month 0, %s: difference %+v from the baseline, want exactly 0", c.Spec.Policies[p], name, d)
			}
		}
	}
	differs := 0
	for p, pol := range c.Spec.Policies {
		if pol == "afstand" {
			continue
		}
		for _, col := range c.Columns[1:] {
			lv, lb, d := c.Level(p, c.Months, col.Name), c.Level(base, c.Months, col.Name), c.Difference(p, c.Months, col.Name)
			// The difference of two means of large numbers (costs in
			// millions) carries their rounding: compare at the scale of the
			// levels, not of the difference.
			scale := math.Max(math.Abs(lv.Mean), math.Abs(lb.Mean))
			if d.N == n && lv.N == n && lb.N == n && math.Abs(d.Mean-(lv.Mean-lb.Mean)) > 1e-12*math.Max(1, scale) {
				t.Errorf("%s, %s: mean difference %v, want the difference of means %v", pol, col.Name, d.Mean, lv.Mean-lb.Mean)
			}
			if d.N > 0 && d.Mean != 0 {
				differs++
			}
		}
	}
	if differs == 0 {
		t.Errorf("no policy differs from the baseline at the end")
	}
}

// TestCompareAgreesWithRunsCSV recomputes the estimates and paired
// differences of some outcomes directly from the end of every run.
func TestCompareAgreesWithRunsCSV(t *testing.T) {
	const n = 7
	pols := []string{"sanctie", "afstand", "nabijheid"}
	c := mustCompare(t, CompareSpec{Scenario: smallScenario(t), Policies: pols, Seed: 8, Replicates: n, Workers: 2})
	var buf bytes.Buffer
	if err := c.WriteRunsCSV(&buf); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows)-1 != n*len(pols) {
		t.Fatalf("runs.csv has %d rows, want %d", len(rows)-1, n*len(pols))
	}
	h := rows[0]
	for _, name := range []string{"cum_exits_to_work", "trust_mean", "share_rung_3_plus", "cum_cost_society"} {
		col := csvColumn(t, h, name)
		vals := map[string][]float64{}
		for i, row := range rows[1:] {
			// Replicate, then policy order.
			if row[1] != pols[i%len(pols)] || row[3] != strconv.Itoa(i/len(pols)) || row[2] != "8" {
				t.Fatalf("runs.csv row %d: %v", i+1, row[:4])
			}
			x, err := strconv.ParseFloat(row[col], 64)
			if err != nil {
				t.Fatalf("runs.csv row %d, %s: %v", i+1, name, err)
			}
			vals[row[1]] = append(vals[row[1]], x)
		}
		for p, pol := range pols {
			if got, want := c.Level(p, c.Months, name), Estimate95(vals[pol]); !sameEstimate(got, want) {
				t.Errorf("%s, %s: level %+v, from runs.csv %+v", pol, name, got, want)
			}
			if got, want := c.Difference(p, c.Months, name), PairedDifference(vals["afstand"], vals[pol]); !sameEstimate(got, want) {
				t.Errorf("%s, %s: difference %+v, from runs.csv %+v", pol, name, got, want)
			}
		}
	}
	// One estimate by hand: the mean and the t-interval of 7 values.
	xs := []float64{1, 2, 3, 4, 5, 6, 8}
	e := Estimate95(xs)
	sd := math.Sqrt(sumSq(xs, 29.0/7) / 6)
	h95 := 2.446911851144969 * sd / math.Sqrt(7)
	if !closeTo(e.Mean, 29.0/7) || !closeTo(e.SD, sd) || math.Abs(e.HalfWidth()-h95) > 1e-9 {
		t.Errorf("Estimate95(%v) = %+v, want mean %v, sd %v, half-width %v", xs, e, 29.0/7, sd, h95)
	}
}

func sumSq(xs []float64, mean float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += (x - mean) * (x - mean)
	}
	return s
}

// worstHalfWidth recomputes what precision mode checks: the largest 95%
// half-width at the end among the outcomes, of every policy's level and
// every other policy's difference from the baseline.
func worstHalfWidth(c *Comparison, outcomes []string) float64 {
	worst := 0.0
	for _, name := range outcomes {
		for p, pol := range c.Spec.Policies {
			worst = max(worst, c.Level(p, c.Months, name).HalfWidth())
			if pol != c.Spec.Baseline {
				worst = max(worst, c.Difference(p, c.Months, name).HalfWidth())
			}
		}
	}
	return worst
}

func monthlyCSV(t testing.TB, c *Comparison) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := c.WriteMonthlyCSV(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestComparePrecisionStopsWhenMet checks that precision mode adds
// replicates (doubling) until the half-widths are below the target and then
// stops, with the same estimates as a fixed run of that many replicates.
func TestComparePrecisionStopsWhenMet(t *testing.T) {
	sc := smallScenario(t)
	pols := []string{"afstand", "sanctie", "nabijheid"}
	outcomes := []string{"share_rung_3_plus", "trust_mean"}
	fixed := map[int]*Comparison{}
	worst := map[int]float64{}
	for _, n := range []int{2, 4, 8, 16} {
		fixed[n] = mustCompare(t, CompareSpec{Scenario: sc, Policies: pols, Seed: 3, Replicates: n, Workers: 2})
		worst[n] = worstHalfWidth(fixed[n], outcomes)
	}
	target := worst[8]
	stop := 0
	for _, n := range []int{2, 4, 8} {
		if worst[n] <= target {
			stop = n
			break
		}
	}
	if stop <= 2 {
		t.Fatalf("half-widths %v: the target %v is met at once; the test needs a case that adds replicates", worst, target)
	}
	var planned []int
	c := mustCompare(t, CompareSpec{Scenario: sc, Policies: pols, Seed: 3, Replicates: 2, Workers: 2,
		Precision: target, Outcomes: outcomes, MaxReplicates: 64,
		Progress: func(done, p int) { planned = append(planned, p) }})
	if c.Replicates != stop || !c.PrecisionReached {
		t.Errorf("stopped at %d replicates (reached %v), want %d: half-widths %v, target %v", c.Replicates, c.PrecisionReached, stop, worst, target)
	}
	if c.WorstHalfWidth != worst[stop] || c.WorstHalfWidth > target {
		t.Errorf("worst half-width %v, want %v <= %v", c.WorstHalfWidth, worst[stop], target)
	}
	if !bytes.Equal(monthlyCSV(t, c), monthlyCSV(t, fixed[stop])) {
		t.Errorf("the estimates after adding replicates differ from a fixed run of %d replicates", stop)
	}
	if last := planned[len(planned)-1]; last != stop*len(pols) {
		t.Errorf("progress planned %d runs at the end, want %d", last, stop*len(pols))
	}
	var js bytes.Buffer
	if err := c.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Replicates       int      `json:"replicates"`
		PrecisionReached bool     `json:"precision_reached"`
		WorstHalfWidth   *float64 `json:"worst_half_width"`
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Replicates != stop || !doc.PrecisionReached || doc.WorstHalfWidth == nil || *doc.WorstHalfWidth != c.WorstHalfWidth {
		t.Errorf("compare.json: %+v", doc)
	}
}

// TestComparePrecisionReportsTheCap asks for an unreachable precision: the
// comparison stops at the cap and says so.
func TestComparePrecisionReportsTheCap(t *testing.T) {
	outcomes := []string{"trust_mean"}
	c := mustCompare(t, CompareSpec{Scenario: smallScenario(t), Policies: []string{"afstand", "maatwerk"}, Seed: 1,
		Replicates: 2, Precision: 1e-9, Outcomes: outcomes, MaxReplicates: 6, Workers: 2})
	if c.Replicates != 6 || c.PrecisionReached {
		t.Errorf("%d replicates, precision reached %v; want the cap of 6, not reached", c.Replicates, c.PrecisionReached)
	}
	if w := worstHalfWidth(c, outcomes); c.WorstHalfWidth != w || w <= 1e-9 {
		t.Errorf("worst half-width %v, want %v above the target", c.WorstHalfWidth, w)
	}
	var table bytes.Buffer
	if err := c.WriteTable(&table, outcomes, termtable.Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(table.String(), "NOT reached (cap of 6 replicates)") {
		t.Errorf("the table does not report the cap:\n%s", table.String())
	}
	var js bytes.Buffer
	if err := c.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js.String(), `"precision_reached": false`) || !strings.Contains(js.String(), `"worst_half_width"`) {
		t.Errorf("compare.json does not report the cap:\n%.400s", js.String())
	}
}

// TestCompareIsIndependentOfWorkers compares every output of a comparison
// run on 1 and 2 workers, byte for byte.
func TestCompareIsIndependentOfWorkers(t *testing.T) {
	sc := smallScenario(t)
	outputs := func(c *Comparison) map[string][]byte {
		out := map[string][]byte{}
		for name, write := range map[string]func(*bytes.Buffer) error{
			CompareMonthlyFile: func(b *bytes.Buffer) error { return c.WriteMonthlyCSV(b) },
			CompareKindsFile:   func(b *bytes.Buffer) error { return c.WriteKindsCSV(b) },
			RunsFile:           func(b *bytes.Buffer) error { return c.WriteRunsCSV(b) },
			CompareJSONFile:    func(b *bytes.Buffer) error { return c.WriteJSON(b) },
		} {
			var b bytes.Buffer
			if err := write(&b); err != nil {
				t.Fatal(err)
			}
			out[name] = b.Bytes()
		}
		return out
	}
	spec := CompareSpec{Scenario: sc, Policies: policies.Names(), Seed: 12, Replicates: 5}
	spec.Workers = 1
	want := outputs(mustCompare(t, spec))
	for _, w := range []int{2, 8} {
		spec.Workers = w
		got := outputs(mustCompare(t, spec))
		for name := range want {
			if !bytes.Equal(got[name], want[name]) {
				t.Errorf("%s with %d workers differs from 1 worker%s", name, w, firstDiff(got[name], want[name]))
			}
		}
	}
	// Precision mode too, where replicates are added in batches.
	spec.Precision, spec.Outcomes, spec.MaxReplicates, spec.Replicates = 1e-9, []string{"trust_mean"}, 12, 3
	spec.Workers = 1
	one := monthlyCSV(t, mustCompare(t, spec))
	spec.Workers = 2
	if two := monthlyCSV(t, mustCompare(t, spec)); !bytes.Equal(one, two) {
		t.Errorf("precision mode: %s with 2 workers differs from 1 worker%s", CompareMonthlyFile, firstDiff(two, one))
	}
}

func TestCompareBaseline(t *testing.T) {
	sc := smallScenario(t)
	for _, tc := range []struct {
		policies []string
		baseline string
		want     string
	}{
		{[]string{"sanctie", "afstand"}, "", "afstand"},
		{[]string{"sanctie", "nabijheid"}, "", "sanctie"},
		{[]string{"afstand", "nabijheid"}, "nabijheid", "nabijheid"},
	} {
		c := mustCompare(t, CompareSpec{Scenario: sc, Policies: tc.policies, Baseline: tc.baseline, Seed: 1, Replicates: 2, Workers: 2})
		if c.Spec.Baseline != tc.want {
			t.Errorf("policies %v, --baseline %q: baseline %q, want %q", tc.policies, tc.baseline, c.Spec.Baseline, tc.want)
		}
		var b bytes.Buffer
		if err := c.WriteTable(&b, nil, termtable.Options{}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), "Paired difference from "+tc.want) {
			t.Errorf("table does not name the baseline %s:\n%s", tc.want, b.String())
		}
	}
}

func TestCompareRefusesBadSpecs(t *testing.T) {
	sc := smallScenario(t)
	bad := *sc
	bad.Params.Initial.Rung1 = 0.9
	ok := CompareSpec{Scenario: sc, Policies: []string{"afstand", "sanctie"}, Replicates: 3}
	for _, tc := range []struct {
		name   string
		change func(*CompareSpec)
		want   string
	}{
		{"no scenario", func(s *CompareSpec) { s.Scenario = nil }, "no scenario"},
		{"no policies", func(s *CompareSpec) { s.Policies = nil }, "no policies"},
		{"unknown policy", func(s *CompareSpec) { s.Policies = []string{"afstand", "streng"} }, "streng"},
		{"baseline not compared", func(s *CompareSpec) { s.Baseline = "maatwerk" }, `baseline "maatwerk" is not among the policies; allowed: afstand, sanctie`},
		{"mistyped baseline", func(s *CompareSpec) { s.Baseline = "afstnad" }, `did you mean "afstand"?`},
		{"policy twice", func(s *CompareSpec) { s.Policies = []string{"afstand", "sanctie", "afstand"} }, `policy "afstand" given twice`},
		// An outcome is checked without --precision too: an unknown name
		// used to print the numbers of another outcome.
		{"mistyped outcome", func(s *CompareSpec) { s.Outcomes = []string{"share_rung_3_plus", "trust_meen"} }, `unknown outcome "trust_meen"; did you mean "trust_mean"?`},
		{"unknown outcome without precision", func(s *CompareSpec) { s.Outcomes = []string{"foo"} }, `unknown outcome "foo"; allowed: rung_1`},
		{"one replicate", func(s *CompareSpec) { s.Replicates = 1 }, "allowed: at least 2"},
		{"negative precision", func(s *CompareSpec) { s.Precision = -0.1 }, "allowed: a finite positive number"},
		{"NaN precision", func(s *CompareSpec) { s.Precision = math.NaN() }, "allowed: a finite positive number"},
		{"infinite precision", func(s *CompareSpec) { s.Precision, s.Outcomes = math.Inf(1), []string{"trust_mean"} }, "precision +Inf; allowed: a finite positive number"},
		{"precision without outcomes", func(s *CompareSpec) { s.Precision = 0.1 }, "needs one or more outcomes"},
		{"unknown outcome", func(s *CompareSpec) { s.Precision, s.Outcomes = 0.1, []string{"happiness"} }, `unknown outcome "happiness"; allowed: rung_1`},
		{"cap below the first batch", func(s *CompareSpec) { s.Precision, s.Outcomes, s.MaxReplicates = 0.1, []string{"trust_mean"}, 2 }, "below the first batch"},
		{"invalid parameters", func(s *CompareSpec) { s.Scenario = &bad }, "initial.rung_1 .. initial.rung_4"},
	} {
		spec := ok
		tc.change(&spec)
		c, err := Compare(context.Background(), spec)
		if err == nil {
			t.Errorf("%s: no error, %d replicates", tc.name, c.Replicates)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %q does not say %q", tc.name, err, tc.want)
		}
	}
}
