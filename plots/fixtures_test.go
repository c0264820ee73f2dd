package plots

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func ftoa(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// writeFiles writes each file (path relative to dir: content) into dir.
func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(strings.TrimLeft(content, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// handRuns writes what `wijksim run --policies afstand,nabijheid` would
// write, by hand, small enough to check every number: four residents, three
// months.
func handRuns(t testing.TB) string {
	dir := t.TempDir()
	manifest := func(pol string) string {
		return `{"tool":"wijksim","kind":"run","command":["wijksim","run"],"scenario":{"name":"hand"},
"policy":"` + pol + `","seed":1,"replicate":0,"params":{"months":3,"population.residents":4},"files":[]}`
	}
	writeFiles(t, dir, map[string]string{
		"afstand/manifest.json": manifest("afstand"),
		"afstand/monthly.csv": `
scenario,policy,seed,replicate,month,rung_1,rung_2,rung_3,rung_4,rung_5,rung_6,left_without_work,share_rung_3_plus,trust_mean
hand,afstand,1,0,0,2,1,1,0,0,0,0,0.25,0.3
hand,afstand,1,0,1,1,2,1,0,0,0,0,0.25,0.3
hand,afstand,1,0,2,1,1,1,0,0,0,1,0.3333333333333333,0.35
hand,afstand,1,0,3,1,1,0,0,1,0,1,0,NA
`,
		"afstand/summary.json": `{"months":3,
"end":{"share_rung_3_plus":0,"trust_mean":0.35,"cum_exits_without_work":1,"cum_cost_society":100,"cum_moved_up":2},
"by_kind":[{"kind":"support-seeker","outcomes":{"residents":2,"share_moved_up":0.5}},{"kind":"resistant","outcomes":{"residents":2,"share_moved_up":0.5}}]}`,
		"afstand/events.csv": `
scenario,policy,seed,replicate,month,resident,kind,event,rung
hand,afstand,1,0,1,0,support-seeker,step-up,2
hand,afstand,1,0,1,9,support-seeker,step-up,2
hand,afstand,1,0,1,2,support-seeker,refusal,1
hand,afstand,1,0,2,1,resistant,tegenprestatie,3
hand,afstand,1,0,2,3,resistant,exit-without-work,1
hand,afstand,1,0,3,1,resistant,step-up,4
hand,afstand,1,0,3,2,support-seeker,exit-to-work,5
`,
		"nabijheid/manifest.json": manifest("nabijheid"),
		"nabijheid/monthly.csv": `
scenario,policy,seed,replicate,month,rung_1,rung_2,rung_3,rung_4,rung_5,rung_6,left_without_work,share_rung_3_plus,trust_mean
hand,nabijheid,1,0,0,2,1,1,0,0,0,0,0.25,0.3
hand,nabijheid,1,0,1,1,1,2,0,0,0,0,0.5,0.4
hand,nabijheid,1,0,2,0,1,2,1,0,0,0,0.75,0.5
hand,nabijheid,1,0,3,0,1,1,1,1,1,0,0.6666666666666666,0.6
`,
		"nabijheid/summary.json": `{"months":3,
"end":{"share_rung_3_plus":0.6666666666666666,"trust_mean":0.6,"cum_exits_without_work":0,"cum_cost_society":50,"cum_moved_up":4},
"by_kind":[{"kind":"support-seeker","outcomes":{"residents":2,"share_moved_up":1}},{"kind":"resistant","outcomes":{"residents":2,"share_moved_up":1}}]}`,
		"nabijheid/events.csv": `
scenario,policy,seed,replicate,month,resident,kind,event,rung
hand,nabijheid,1,0,1,0,support-seeker,step-up,2
hand,nabijheid,1,0,1,1,support-seeker,step-up,3
hand,nabijheid,1,0,2,2,resistant,step-up,3
hand,nabijheid,1,0,2,3,resistant,step-up,4
hand,nabijheid,1,0,3,3,resistant,exit-to-work,5
hand,nabijheid,1,0,3,2,resistant,exit-to-work,6
`,
	})
	return dir
}

// handCompare writes a comparison folder of two policies over months 0 and
// 1, ten replicates, by hand.
func handCompare(t testing.TB) string {
	dir := t.TempDir()
	head := "scenario,policy,baseline,month,outcome,n,mean,sd,ci_low,ci_high,diff_n,diff_mean,diff_sd,diff_ci_low,diff_ci_high\n"
	rows := []string{
		"hand,afstand,afstand,0,share_rung_3_plus,10,0.25,0.01,0.24,0.26,10,0,0,0,0",
		"hand,afstand,afstand,1,share_rung_3_plus,10,0.2,0.01,0.19,0.21,10,0,0,0,0",
		"hand,nabijheid,afstand,0,share_rung_3_plus,10,0.25,0.01,0.24,0.26,10,0,0,0,0",
		"hand,nabijheid,afstand,1,share_rung_3_plus,10,0.4,0.02,0.38,0.42,10,0.2,0.01,0.19,0.21",
		"hand,afstand,afstand,0,cum_cost_society,10,0,0,0,0,10,0,0,0,0",
		"hand,afstand,afstand,1,cum_cost_society,10,100,10,90,110,10,0,0,0,0",
		"hand,nabijheid,afstand,0,cum_cost_society,10,0,0,0,0,10,0,0,0,0",
		"hand,nabijheid,afstand,1,cum_cost_society,10,105,10,95,115,10,5,8,-1,11",
		"hand,afstand,afstand,0,activation_cost_per_mover,0,NA,NA,NA,NA,0,NA,NA,NA,NA",
		"hand,afstand,afstand,1,activation_cost_per_mover,3,50,5,40,60,3,0,0,0,0",
		"hand,nabijheid,afstand,0,activation_cost_per_mover,0,NA,NA,NA,NA,0,NA,NA,NA,NA",
		"hand,nabijheid,afstand,1,activation_cost_per_mover,8,20,5,16,24,3,-30,5,-42,-18",
	}
	for r := 1; r <= 6; r++ {
		for _, pol := range []string{"afstand", "nabijheid"} {
			for m := 0; m <= 1; m++ {
				rows = append(rows, fmt.Sprintf("hand,%s,afstand,%d,rung_%d,10,%d,0,%d,%d,10,0,0,0,0", pol, m, r, r, r, r))
			}
		}
	}
	writeFiles(t, dir, map[string]string{
		"manifest.json": `{"tool":"wijksim","kind":"compare","command":["wijksim","compare"],"scenario":{"name":"hand"},"seed":1,"replicate":0,
"policies":["nabijheid","afstand"],"baseline":"afstand","replicates":10,"params":{"months":1,"population.residents":21},"files":[]}`,
		"compare_monthly.csv": head + strings.Join(rows, "\n") + "\n",
		"compare_by_kind.csv": `
scenario,policy,baseline,kind,outcome,n,mean,sd,ci_low,ci_high,diff_n,diff_mean,diff_sd,diff_ci_low,diff_ci_high
hand,afstand,afstand,support-seeker,sanctions_per_resident,10,0,0,0,0,10,0,0,0,0
hand,afstand,afstand,resistant,sanctions_per_resident,10,0,0,0,0,10,0,0,0,0
hand,nabijheid,afstand,support-seeker,sanctions_per_resident,10,0.5,0.1,0.4,0.6,10,0.5,0.1,0.4,0.6
hand,nabijheid,afstand,resistant,sanctions_per_resident,10,1.5,0.2,1.3,1.7,10,1.5,0.2,1.3,1.7
`,
	})
	return dir
}

// handSweep writes a sweep folder by hand: a factorial of a.x in {1, 2}
// and b.y in {10, 20}, two policies, two replicates, one failed run, with
// monthly series and events. Each run's share on rung 3+ at the end is
// x/10 + y/100 + replicate/100, plus 0.1 under nabijheid.
func handSweep(t testing.TB) string { return handSweepOf(t, "") }

// handSweepOf writes handSweep with the design kind in its manifest's spec
// (none if empty, as for a sampled design, whose charts pool the design).
func handSweepOf(t testing.TB, design string) string {
	dir := t.TempDir()
	var sum, monthly, events strings.Builder
	sum.WriteString("run,point,scenario,policy,seed,replicate,a.x,b.y,status,error,share_rung_3_plus,trust_mean,cum_exits_without_work,cum_cost_society,support_seeker_share_moved_up,resistant_share_moved_up\n")
	monthly.WriteString("run,point,scenario,policy,seed,replicate,month,rung_1,share_rung_3_plus\n")
	events.WriteString("run,point,scenario,policy,seed,replicate,month,resident,kind,event,rung\n")
	xs, ys := []int{1, 2}, []int{10, 20}
	run := 0
	for p := range 4 {
		x, y := xs[p/2], ys[p%2]
		for _, pol := range []string{"afstand", "nabijheid"} {
			for rep := range 2 {
				share := float64(x)/10 + float64(y)/100 + float64(rep)/100
				if pol == "nabijheid" {
					share += 0.1
				}
				id := strconv.Itoa(run) + "," + strconv.Itoa(p) + ",hand," + pol + ",1," + strconv.Itoa(rep)
				sum.WriteString(id + "," + strconv.Itoa(x) + "," + strconv.Itoa(y) + ",ok,," + ftoa(share) + ",0.5," + strconv.Itoa(x) + ",1000,0.25,0.75\n")
				monthly.WriteString(id + ",0,3," + ftoa(0.2) + "\n")
				monthly.WriteString(id + ",1," + strconv.Itoa(2+rep) + "," + ftoa(share) + "\n")
				if pol == "nabijheid" {
					events.WriteString(id + ",1,0,support-seeker,step-up,2\n")
				}
				run++
			}
		}
	}
	sum.WriteString(strconv.Itoa(run) + ",0,hand,afstand,1,2,1,10,failed,invalid point,NA,NA,NA,NA,NA,NA\n")
	spec := ""
	if design != "" {
		spec = `,"spec":{"name":"hand","design":{"kind":"` + design + `"}}`
	}
	writeFiles(t, dir, map[string]string{
		"manifest.json": `{"tool":"wijksim","kind":"sweep","command":["wijksim","sweep"],"scenario":{"name":"hand"},"seed":1,"replicate":0,
"policies":["afstand","nabijheid"],"replicates":2,"params":{"months":1,"population.residents":2},"files":[]` + spec + `}`,
		"points.csv": `
point,scenario,scenario_sha256,a.x,b.y
0,hand,abc,1,10
1,hand,abc,1,20
2,hand,abc,2,10
3,hand,abc,2,20
`,
		"summaries.csv": sum.String(),
		"monthly.csv":   monthly.String(),
		"events.csv":    events.String(),
	})
	return dir
}
