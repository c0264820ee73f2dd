package web

import (
	"encoding/json"
	"testing"
)

// BenchmarkClassRun times a default class run as the page gets it: the
// default scenario with 1,000 residents, 120 months, three policies
// (afstand, sanctie, nabijheid) on one seed, from drawing the residents to
// the last month. "compute" steps the models and builds each month's
// frame; "stream" also encodes every frame as the JSON of an event. The
// issue's target is under 0.5 s (500,000,000 ns/op) for the whole run.
func BenchmarkClassRun(b *testing.B) {
	pl, err := DefaultLimits().resolve(RunConfig{
		Scenario: "default", Policies: []string{"afstand", "sanctie", "nabijheid"}, Seed: 1,
		Set: map[string]json.RawMessage{"population.residents": raw("1000"), "months": raw("120")},
	})
	if err != nil {
		b.Fatal(err)
	}
	for _, encode := range []bool{false, true} {
		name := "compute"
		if encode {
			name = "stream"
		}
		b.Run(name, func(b *testing.B) {
			bytes := 0
			b.ReportAllocs()
			for b.Loop() {
				r, err := newRace(pl)
				if err != nil {
					b.Fatal(err)
				}
				for !r.done() {
					r.step()
					f := r.frame()
					if encode {
						data, err := json.Marshal(f)
						if err != nil {
							b.Fatal(err)
						}
						bytes += len(data)
					}
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N)*1000, "ms/run")
			if encode {
				b.ReportMetric(float64(bytes)/float64(b.N)/1024, "KiB/run")
			}
		})
	}
}
