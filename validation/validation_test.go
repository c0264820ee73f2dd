package validation

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/policies"
	"github.com/wijksim/wijksim/scenarios"
	"github.com/wijksim/wijksim/sim"
)

// shipped reads the validation targets shipped with wijksim.
func shipped(t *testing.T) *Targets {
	t.Helper()
	path := filepath.Join("..", "scenarios", "targets", "validation.yaml")
	ts, err := LoadTargets(path)
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

func TestShippedTargets(t *testing.T) {
	ts := shipped(t)
	if len(ts.Targets) < 8 {
		t.Fatalf("%d validation targets, want at least 8", len(ts.Targets))
	}
	for _, tg := range ts.Targets {
		if tg.Source.Citation == "" || tg.Source.Note == "" {
			t.Errorf("target %s: the source needs a citation and a note", tg.Name)
		}
	}
}

// small is a quick scenario for runs in tests.
func small() sim.Params {
	p := sim.Defaults()
	p.Population.Residents, p.Population.Neighbourhoods = 300, 3
	return p
}

// TestRunComputesEachKind checks each statistic against the same figure
// computed from runs made directly with sim.
func TestRunComputesEachKind(t *testing.T) {
	const reps = 3
	targets := []Target{
		{Name: "value", Statistic: Statistic{Kind: KindValue, Outcome: "cum_exits_to_work", Month: 12, Policy: "afstand", PerResident: true}, Low: 0, High: 1},
		{Name: "difference", Statistic: Statistic{Kind: KindDifference, Outcome: "cum_exits_without_work", Month: 12, Policy: "sanctie", Baseline: "afstand"}, Low: -1e9, High: 1e9},
		{Name: "standardised", Statistic: Statistic{Kind: KindStandardised, Outcome: "trust_mean", SD: "trust_sd", Month: 12, Policy: "nabijheid", Baseline: "afstand"}, Low: 100, High: 200},
		{Name: "share", Statistic: Statistic{Kind: KindShare, Outcome: "cum_exits_without_work", Other: "cum_exits_to_work", Month: 12, Policy: "sanctie", Baseline: "afstand"}, Low: 0, High: 1},
	}
	rs, err := Run(context.Background(), Config{Base: small(), Targets: targets, Seed: 4, Replicates: reps, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	run := func(pol string, r int) []sim.MonthStats {
		p := small()
		p.Months = 12
		pl, _ := policies.Builtin(pol)
		m, err := sim.New(p, pl.Policy, 4, uint64(r), sim.Options{})
		if err != nil {
			t.Fatal(err)
		}
		m.Run()
		return m.Stats()
	}
	for r := 0; r < reps; r++ {
		af, sa, na := run("afstand", r), run("sanctie", r), run("nabijheid", r)
		want := []float64{
			float64(af[12].CumExitsToWork) / float64(af[0].OnBenefit),
			float64(sa[12].CumExitsNoWork - af[12].CumExitsNoWork),
			(na[12].Trust.Mean - af[12].Trust.Mean) / af[0].Trust.SD,
			float64(sa[12].CumExitsNoWork-af[12].CumExitsNoWork) / float64(sa[12].CumExitsNoWork-af[12].CumExitsNoWork+sa[12].CumExitsToWork-af[12].CumExitsToWork),
		}
		for k, w := range want {
			if got := rs[k].Values[r]; math.Abs(got-w) > 1e-12*math.Max(1, math.Abs(w)) {
				t.Errorf("%s, replicate %d: %v, want %v", targets[k].Name, r, got, w)
			}
		}
	}
	for _, r := range rs {
		if want := r.Mean >= r.Target.Low && r.Mean <= r.Target.High; r.Hit != want {
			t.Errorf("%s: mean %v in [%v, %v]: hit %v", r.Target.Name, r.Mean, r.Target.Low, r.Target.High, r.Hit)
		}
		if !(r.Lo <= r.Mean && r.Mean <= r.Hi) {
			t.Errorf("%s: interval [%v, %v] misses the mean %v", r.Target.Name, r.Lo, r.Hi, r.Mean)
		}
	}
	if rs[2].Hit {
		t.Errorf("a standardised difference of %v lies in [100, 200]", rs[2].Mean)
	}
}

func TestRunDoesNotDependOnWorkers(t *testing.T) {
	ts := shipped(t)
	one, err := Run(context.Background(), Config{Base: small(), Targets: ts.Targets, Seed: 2, Replicates: 3, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	two, err := Run(context.Background(), Config{Base: small(), Targets: ts.Targets, Seed: 2, Replicates: 3, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	for i := range one {
		for r := range one[i].Values {
			a, b := one[i].Values[r], two[i].Values[r]
			if a != b && !(math.IsNaN(a) && math.IsNaN(b)) {
				t.Fatalf("%s, replicate %d: %v with 1 worker, %v with 2", one[i].Target.Name, r, a, b)
			}
		}
	}
}

func TestParseTargetsErrors(t *testing.T) {
	good := `targets:
  - name: a
    statistic: {kind: difference, outcome: cum_exits_to_work, month: 24, per_resident: true, policy: nabijheid, baseline: afstand}
    accept: [0, 0.1]
    source: {citation: "x", note: "y"}
`
	if _, err := ParseTargets([]byte(good), "good.yaml"); err != nil {
		t.Fatalf("good file refused: %v", err)
	}
	for _, c := range []struct {
		name, from, to, want string
	}{
		{"unknown outcome", "outcome: cum_exits_to_work", "outcome: cum_exits_to_wrok", `unknown outcome "cum_exits_to_wrok"`},
		{"unknown policy", "policy: nabijheid", "policy: nabijhied", `unknown policy "nabijhied"`},
		{"no baseline for a difference", ", baseline: afstand", "", "baseline"},
		{"baseline for a value", "kind: difference", "kind: value", "kind value compares nothing"},
		{"same baseline", "baseline: afstand", "baseline: nabijheid", "the same as the policy"},
		{"unknown kind", "kind: difference", "kind: ratio", `unknown kind "ratio"`},
		{"range upside down", "accept: [0, 0.1]", "accept: [0.1, 0]", "want low < high"},
		{"range of one", "accept: [0, 0.1]", "accept: [0]", "want [low, high]"},
		{"observed outside the range", "accept: [0, 0.1]", "observed: 0.5\n    accept: [0, 0.1]", "outside the accepted range"},
		{"month out of range", "month: 24", "month: 5000", "out of range"},
		{"unknown key", "accept: [0, 0.1]", "accept: [0, 0.1]\n    tolerance: 2", `unknown key`},
		{"no citation", `{citation: "x", note: "y"}`, `{note: "y"}`, "every target names its source"},
		{"bad setting", "accept: [0, 0.1]", "accept: [0, 0.1]\n    set: {trust.gain_per_contact: 2}", "out of range"},
		{"unknown setting", "accept: [0, 0.1]", "accept: [0, 0.1]\n    set: {trust.gain: 0.1}", "unknown parameter"},
		{"sd without standardised", "baseline: afstand}", "baseline: afstand, sd: trust_sd}", "needed with kind standardised_difference and with it only"},
		{"per_resident not a boolean", "per_resident: true", "per_resident: yes please", "allowed: true or false"},
	} {
		t.Run(c.name, func(t *testing.T) {
			bad := strings.Replace(good, c.from, c.to, 1)
			if bad == good {
				t.Fatalf("the test's replacement of %q changed nothing", c.from)
			}
			_, err := ParseTargets([]byte(bad), "bad.yaml")
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "bad.yaml") {
				t.Errorf("error %v, want one naming the file and saying %q", err, c.want)
			}
		})
	}
}

func TestUpdateMarkdown(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "v.md")
	before := "# Validation\n\nText.\n\n" + MarkStart + "\nold table\n" + MarkEnd + "\n\nMore text.\n"
	if err := os.WriteFile(path, []byte(before), 0o644); err != nil {
		t.Fatal(err)
	}
	rs := []Result{{Target: Target{Name: "a", Statistic: Statistic{Kind: KindValue, Outcome: "cum_exits_to_work", Month: 12, Policy: "afstand"}, Low: 0, High: 1, Observed: math.NaN()}, N: 3, Mean: 0.5, Lo: 0.4, Hi: 0.6, Hit: true}}
	if err := UpdateMarkdown(path, rs, "Header."); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	got := string(b)
	for _, want := range []string{"# Validation\n\nText.", "Header.", "| `a` |", "1 of 1 targets hit", "More text."} {
		if !strings.Contains(got, want) {
			t.Errorf("updated file lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "old table") {
		t.Errorf("the old table is still there:\n%s", got)
	}
	if err := os.WriteFile(path, []byte("no markers"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := UpdateMarkdown(path, rs, "h"); err == nil {
		t.Error("a file without markers was updated")
	}
}

// TestCheckMarkdown: a file can take the table when it exists and holds
// one generated table; checked before anything runs.
func TestCheckMarkdown(t *testing.T) {
	dir := t.TempDir()
	table := MarkStart + "\nold\n" + MarkEnd + "\n"
	for _, c := range []struct {
		name, content, want string // want "" if allowed
	}{
		{"one table", "# V\n" + table, ""},
		{"no markers", "# V\n", "no generated table"},
		{"two tables", table + table, "2 generated tables; allowed: one"},
		{"missing", "", "no such file"},
	} {
		path := filepath.Join(dir, c.name+".md")
		if c.name != "missing" {
			if err := os.WriteFile(path, []byte(c.content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		err := CheckMarkdown(path)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
}

// TestDefaultScenarioHitsOrExplains runs the shipped validation targets on
// the default scenario, as `wijksim validate` does, and checks that every
// target is hit except those docs/validation.md explains as misses, and
// that every miss it explains is still a miss: a model change that moves an
// effect out of the evidence, or the docs out of date, fails here.
func TestDefaultScenarioHitsOrExplains(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every validation target on 20 replicates: not in -short mode")
	}
	ts := shipped(t)
	doc, err := os.ReadFile(filepath.Join("..", "docs", "validation.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, misses, ok := strings.Cut(string(doc), "## Misses and what they mean")
	if !ok {
		t.Fatal("docs/validation.md has no section on misses")
	}
	misses, _, _ = strings.Cut(misses, "\n## ")
	explained := map[string]bool{}
	for _, line := range strings.Split(misses, "\n") {
		if name, ok := strings.CutPrefix(line, "- **`"); ok {
			name, _, _ = strings.Cut(name, "`")
			explained[name] = true
		}
	}
	sc, err := scenarios.Load("default", scenarios.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rs, err := Run(context.Background(), Config{Base: sc.Params, Targets: ts.Targets, Seed: 1, Replicates: 20})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		switch {
		case !r.Hit && !explained[r.Target.Name]:
			t.Errorf("%s: %.4g [%.4g, %.4g] misses [%v, %v], and docs/validation.md does not explain it", r.Target.Name, r.Mean, r.Lo, r.Hi, r.Target.Low, r.Target.High)
		case r.Hit && explained[r.Target.Name]:
			t.Errorf("%s: %.4g lies in [%v, %v], but docs/validation.md explains it as a miss", r.Target.Name, r.Mean, r.Target.Low, r.Target.High)
		}
	}
}

// TestVerdicts: a hit, a miss by how much, and a statistic no replicate
// gave a value, in the terminal table and in Markdown.
func TestVerdicts(t *testing.T) {
	target := Target{Name: "t", Low: 0, High: 1}
	nan := math.NaN()
	for _, c := range []struct {
		r          Result
		table, doc string
	}{
		{Result{Target: target, N: 5, Mean: 0.5, Hit: true}, "hit", "| hit |"},
		{Result{Target: target, N: 5, Mean: 1.25}, "MISS by 0.25", "**miss** by 0.25"},
		{Result{Target: target, N: 0, Mean: nan, Lo: nan, Hi: nan}, "MISS: no value in any replicate", "**miss**: no value in any replicate"},
	} {
		var b strings.Builder
		if err := WriteTable(&b, []Result{c.r}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), c.table) {
			t.Errorf("table %q lacks %q", b.String(), c.table)
		}
		if md := Markdown([]Result{c.r}, "#"); !strings.Contains(md, c.doc) {
			t.Errorf("Markdown %q lacks %q", md, c.doc)
		}
	}
}

// TestDefaultsMeetHandSetTargets: some parameters are set by hand to the
// targets of their own files (docs/calibration.md, sections 5.4 and 5.5):
// trust.gain_per_contact to scenarios/targets/trust.yaml, and
// tegenprestatie.assign_share and ladder.support_rate to
// scenarios/targets/ladder.yaml, and the sanction probabilities of
// maatwerk and sanctie to scenarios/targets/sanctions.yaml. Every embedded scenario's defaults must
// still meet them, so that a change of the model that moves these effects
// out of the evidence fails here. Such a target is a calibration target and
// must not also be among the validation targets, which no parameter is set
// to.
func TestDefaultsMeetHandSetTargets(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the hand-set targets on three scenarios, 20 replicates each: not in -short mode")
	}
	for _, file := range []string{"trust", "ladder", "sanctions"} {
		t.Run(file, func(t *testing.T) {
			raw, err := scenarios.TargetFile(file)
			if err != nil {
				t.Fatal(err)
			}
			ts, err := ParseTargets(raw, "embedded:"+file)
			if err != nil {
				t.Fatal(err)
			}
			if len(ts.Targets) == 0 {
				t.Fatalf("no target in the %s target file", file)
			}
			for _, v := range shipped(t).Targets {
				for _, c := range ts.Targets {
					if v.Name == c.Name || v.Statistic == c.Statistic {
						t.Errorf("target %s of the %s file is also a validation target (%s): a target a parameter is set to validates nothing", c.Name, file, v.Name)
					}
				}
				if impliedByDifferences(v.Statistic, ts.Targets) {
					t.Errorf("validation target %s is a sum of differences that the %s file sets parameters to: on paired runs it validates nothing", v.Name, file)
				}
			}
			for _, name := range scenarios.Names() {
				sc, err := scenarios.Load(name, scenarios.Options{})
				if err != nil {
					t.Fatal(err)
				}
				rs, err := Run(context.Background(), Config{Base: sc.Params, Targets: ts.Targets, Seed: 1, Replicates: 20})
				if err != nil {
					t.Fatal(err)
				}
				if len(rs) != len(ts.Targets) {
					t.Fatalf("scenario %s: %d results for %d targets", name, len(rs), len(ts.Targets))
				}
				for _, r := range rs {
					if !r.Hit {
						t.Errorf("scenario %s, %s: %.4g [%.4g, %.4g] misses [%v, %v]", name, r.Target.Name, r.Mean, r.Lo, r.Hi, r.Target.Low, r.Target.High)
					} else {
						t.Logf("scenario %s, %s: %.4g [%.4g, %.4g] in [%v, %v]", name, r.Target.Name, r.Mean, r.Lo, r.Hi, r.Target.Low, r.Target.High)
					}
				}
			}
		})
	}
}

// impliedByDifferences reports whether v, a difference between two
// policies, follows from the differences among ts on the same outcome,
// month and scale: on paired runs the mean difference of A and C is that of
// A and B plus that of B and C, so v is implied when its two policies are
// joined by a chain of such targets.
func impliedByDifferences(v Statistic, ts []Target) bool {
	if v.Kind != KindDifference {
		return false
	}
	link := map[string][]string{}
	for _, c := range ts {
		s := c.Statistic
		if s.Kind == KindDifference && s.Outcome == v.Outcome && s.Month == v.Month && s.PerResident == v.PerResident {
			link[s.Policy] = append(link[s.Policy], s.Baseline)
			link[s.Baseline] = append(link[s.Baseline], s.Policy)
		}
	}
	seen := map[string]bool{v.Policy: true}
	for queue := []string{v.Policy}; len(queue) > 0; queue = queue[1:] {
		for _, next := range link[queue[0]] {
			if next == v.Baseline {
				return true
			}
			if !seen[next] {
				seen[next] = true
				queue = append(queue, next)
			}
		}
	}
	return false
}

// TestImpliedByDifferences: a validation difference joined to the hand-set
// ones by a chain of policies is implied; one that is not, or on another
// outcome or month, is not.
func TestImpliedByDifferences(t *testing.T) {
	diff := func(policy, baseline string) Target {
		return Target{Statistic: Statistic{Kind: KindDifference, Outcome: "share_rung_3_plus", Month: 24, Policy: policy, Baseline: baseline}}
	}
	v := diff("afstand", "maatwerk").Statistic
	tests := []struct {
		name string
		ts   []Target
		want bool
	}{
		{"a chain of two", []Target{diff("nabijheid", "maatwerk"), diff("nabijheid", "afstand")}, true},
		{"the same pair reversed", []Target{diff("maatwerk", "afstand")}, true},
		{"one side only", []Target{diff("nabijheid", "afstand")}, false},
		{"another month", []Target{diff("nabijheid", "maatwerk"), {Statistic: Statistic{Kind: KindDifference, Outcome: "share_rung_3_plus", Month: 12, Policy: "nabijheid", Baseline: "afstand"}}}, false},
		{"a value is no link", []Target{{Statistic: Statistic{Kind: KindValue, Outcome: "share_rung_3_plus", Month: 24, Policy: "maatwerk"}}}, false},
	}
	for _, tt := range tests {
		if got := impliedByDifferences(v, tt.ts); got != tt.want {
			t.Errorf("%s: implied %v, want %v", tt.name, got, tt.want)
		}
	}
}
