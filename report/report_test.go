package report

import (
	"bytes"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/wijksim/wijksim/labels"
	"github.com/wijksim/wijksim/outcomes"
	"github.com/wijksim/wijksim/plots"
	"github.com/wijksim/wijksim/policies"
)

func render(t *testing.T, res *plots.Results, lang string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, res, Options{Lang: lang}); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// contains reports whether page holds s as markup or as escaped text.
func contains(page, s string) bool {
	return strings.Contains(page, s) || strings.Contains(page, html.EscapeString(s))
}

func TestReportOfAComparison(t *testing.T) {
	res := compareFolder(t)
	for _, lang := range plots.Languages {
		t.Run(lang, func(t *testing.T) {
			page := render(t, res, lang)
			charts, err := plots.Build(res, lang)
			if err != nil {
				t.Fatal(err)
			}
			want := []string{
				`<html lang="` + lang + `">`,
				tr("sec.run", lang), tr("sec.policies", lang), tr("sec.clear", lang),
				"wijksim compare --replicates 4", // the command, from the manifest
				tr("levels.note", lang, 4),
			}
			for _, pol := range policies.Builtins() {
				want = append(want, pol.Summary.In(lang)) // what each policy does
			}
			for _, ch := range charts.All() {
				want = append(want, `id="chart-`+ch.Name()+`"`)
			}
			for _, w := range want {
				if !contains(page, w) {
					t.Errorf("the report lacks %q", w)
				}
			}
			if got, want := strings.Count(page, "<svg "), len(charts.All()); got != want {
				t.Errorf("%d inline charts, want %d", got, want)
			}
			if !strings.Contains(page, `class="better"`) || !strings.Contains(page, `class="worse"`) || !strings.Contains(page, " *") {
				t.Error("no clear difference is marked as better and none as worse")
			}
			// The costs say what the cost per mover compares; the table by
			// kind says what its marks mean, against which policy.
			kinds := tr("kinds.note", lang, labels.PolicyName(res.Baseline, lang))
			for _, w := range []string{tr("legend.better", lang), tr("legend.worse", lang), tr("sec.costs", lang), outcomes.AccountsExplanation(lang), tr("costs.permover", lang), kinds} {
				if !contains(page, w) {
					t.Errorf("the report lacks %q", w)
				}
			}
			if i := strings.Index(page, kinds); i < 0 || !strings.Contains(page[i:], tr("legend.better", lang)) {
				t.Error("the table by kind has no legend of its colours after its note")
			}
			if strings.Contains(page, "%!") {
				t.Error("a text was formatted with the wrong arguments")
			}
		})
	}
}

// TestReportSaysWhatTheEvidenceCovers: beyond the two years of the field
// experiments the report says the outcomes are extrapolated, and it
// always says whom the share on rung 3 or higher counts.
func TestReportSaysWhatTheEvidenceCovers(t *testing.T) {
	res := compareFolder(t)
	for _, tc := range []struct {
		months int
		warned bool
	}{{validatedMonths, false}, {validatedMonths + 1, true}, {120, true}} {
		res.Months = tc.months
		for _, lang := range plots.Languages {
			page := render(t, res, lang)
			if got := contains(page, tr("levels.horizon", lang, validatedMonths, tc.months)); got != tc.warned {
				t.Errorf("%s, %d months: extrapolation noted %v, want %v", lang, tc.months, got, tc.warned)
			}
			if !contains(page, tr("levels.ladder", lang)) {
				t.Errorf("%s: the report does not say whom the share on rung 3 or higher counts", lang)
			}
		}
	}
}

func TestReportLoadsNothing(t *testing.T) {
	page := render(t, compareFolder(t), "en")
	if m := regexp.MustCompile(`(?i)(https?:|ftp:|//[a-z0-9.-]+\.[a-z]{2,}/)`).FindString(page); m != "" {
		t.Errorf("the report refers to %q", m)
	}
	for _, tag := range regexp.MustCompile(`(?i)<(script|link|img|iframe|object|embed|image|use|audio|video|source)\b`).FindAllString(page, -1) {
		t.Errorf("the report has a %s> element", tag)
	}
	for _, m := range regexp.MustCompile(`(?i)\s(src|srcset|xlink:href|href|data|action|poster)\s*=\s*"([^"]*)"`).FindAllStringSubmatch(page, -1) {
		if strings.ToLower(m[1]) != "href" || !strings.HasPrefix(m[2], "#") {
			t.Errorf("%s=%q points out of the file", m[1], m[2])
		}
	}
	if strings.Contains(page, "url(") || strings.Contains(page, "@import") {
		t.Error("the style sheet loads something")
	}
}

func TestReportOfSingleRunsSaysThereAreNoIntervals(t *testing.T) {
	res := runFolders(t)
	for _, lang := range plots.Languages {
		page := render(t, res, lang)
		for _, w := range []string{tr("levels.run", lang, 0), tr("diff.run", lang), plots.Text("no.heatmap", lang), `id="chart-survival-step-up"`, tr("kinds.run", lang), tr("surv.note", lang)} {
			if !contains(page, w) {
				t.Errorf("%s: the report lacks %q", lang, w)
			}
		}
		for _, class := range []string{`class="clear"`, `class="better"`, `class="worse"`} {
			if strings.Contains(page, class) {
				t.Errorf("%s: a single run marks a difference as clear (%s)", lang, class)
			}
		}
	}
}

func TestReportIsDutchThroughout(t *testing.T) {
	page := render(t, compareFolder(t), "nl")
	for _, english := range []string{"What was run", "Outcomes at the end", "Share on rung 3 or higher", "month by month", "Time (months", "Trade-offs", "confidence", "level 0-1", "share 0-1", "1/month", "euro/month"} {
		if strings.Contains(page, english) {
			t.Errorf("the Dutch report says %q", english)
		}
	}
}

func TestWriteFileAndLanguage(t *testing.T) {
	res := compareFolder(t)
	path := filepath.Join(t.TempDir(), "report.html")
	if err := WriteFile(path, res, Options{}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(`<html lang="en">`)) {
		t.Error("the default language is not English")
	}
	if err := Write(&bytes.Buffer{}, res, Options{Lang: "fr"}); err == nil || !strings.Contains(err.Error(), "allowed: nl, en") {
		t.Errorf("fr: %v", err)
	}
}

// TestDefaultFrontIsNotBoughtWithExitsWithoutWork reads the report of a
// comparison on the default scenario and checks that no policy it calls
// not beaten owes that to a cost that rewards exits without work: for every
// such policy, no other policy has at least as many residents on rung 3 or
// higher, at least as much trust, at least as many exits to work and fewer
// exits without work (so that the policy's only advantage would be a lower
// cost bought with more exits without work; more exits to work are an
// advantage of their own, and lower the cost honestly). It also checks
// that the report says which account the trade-off weighs.
func TestDefaultFrontIsNotBoughtWithExitsWithoutWork(t *testing.T) {
	res := defaultCompareFolder(t)
	page := render(t, res, "en")
	start := strings.Index(page, "Not beaten (Pareto): ")
	if start < 0 {
		t.Fatal("the report names no policy as not beaten")
	}
	rest := page[start+len("Not beaten (Pareto): "):]
	names, after, ok := strings.Cut(rest, ". Axes: ")
	if !ok {
		t.Fatalf("the front sentence has no axes: %.200s", rest)
	}
	if !strings.Contains(after, "society&#39;s account") && !strings.Contains(after, "society's account") {
		t.Errorf("the report does not say that the trade-off weighs society's account: %.300s", after)
	}
	label := map[string]string{}
	for _, pol := range res.Policies {
		label[labels.PolicyName(pol, "en")] = pol
	}
	end := func(pol, key string) float64 { return res.End[pol][key].Mean }
	var front []string
	for _, name := range strings.Split(html.UnescapeString(names), ", ") {
		pol, ok := label[name]
		if !ok {
			t.Fatalf("the front names %q, no policy of the comparison", name)
		}
		front = append(front, pol)
	}
	if len(front) == 0 {
		t.Fatal("no policy on the front")
	}
	for _, p := range front {
		for _, q := range res.Policies {
			if q == p {
				continue
			}
			if end(q, "share_rung_3_plus") >= end(p, "share_rung_3_plus") && end(q, "trust_mean") >= end(p, "trust_mean") &&
				end(q, "cum_exits_to_work") >= end(p, "cum_exits_to_work") &&
				end(q, "cum_exits_without_work") < end(p, "cum_exits_without_work") {
				t.Errorf("%s is called not beaten, but %s has as many on rung 3+, as much trust, as many exits to work and fewer exits without work (%.0f < %.0f): only %s's cost keeps it on the front",
					p, q, end(q, "cum_exits_without_work"), end(p, "cum_exits_without_work"), p)
			}
		}
	}
}

// TestReportOfAFactorialSweepShowsEachPoint: a factorial sweep's report
// draws each outcome per design point, and its tables say that the means
// pooled over the design carry no interval.
func TestReportOfAFactorialSweepShowsEachPoint(t *testing.T) {
	res := factorialFolder(t)
	for _, lang := range plots.Languages {
		page := render(t, res, lang)
		for _, w := range []string{`id="chart-points-share_rung_3_plus"`, tr("levels.design", lang, 4, 4), tr("diff.design", lang)} {
			if !contains(page, w) {
				t.Errorf("%s: the report lacks %q", lang, w)
			}
		}
		if contains(page, `id="chart-end-share_rung_3_plus"`) || contains(page, tr("levels.sweep", lang, 4)) {
			t.Errorf("%s: the report pools the design with an interval", lang)
		}
		if strings.Contains(page, "%!") {
			t.Errorf("%s: a text was formatted with the wrong arguments", lang)
		}
	}
}
