// Package outcomes is the registry of what wijksim reports: one declaration
// per outcome with its key, its unit, its label in Dutch and English, which
// direction is better, whether it is a monthly series, an end-of-run figure
// or both, and where it is shown by default (terminal tables, charts, the
// trade-off view, the split by kind of resident, the classroom).
//
// Every list of outcomes elsewhere is derived from it: the columns of
// monthly.csv (package results), the tables of run and compare, the charts
// and the report (packages plots and report), the classroom page (package
// web, which sends the metadata to the page) and `wijksim outcomes`. Adding
// an outcome therefore touches this registry, the model's statistics
// (sim.MonthStats) and the model description (docs/ODD.md).
//
// The registry is fixed when the program is built and never changes while it
// runs. It holds no values: a monthly outcome carries the function that reads
// it from a month's statistics, and the end-of-run figures (the outcomes by
// kind of resident and what became of those who left the benefit) are
// computed by package results under the keys declared here.
package outcomes
