// Package plots turns a wijksim results folder into publication-quality
// charts: the ladder distribution over time, each outcome's trajectory with
// its 95% band, end-of-run outcomes and paired differences from the
// baseline, the trade-off view with the policies that no other policy beats,
// outcomes by kind of resident, heatmaps over two swept parameters and
// Kaplan-Meier curves from the event log.
//
// The work is in two steps. Read reads a folder written by `wijksim run`,
// `compare` or `sweep` into Results; Build turns Results into Charts, plain
// data structs in one language (every title and axis label is already
// written out, with its unit). Those structs are what the tests check. Save
// and WriteChart then draw them with gonum/plot as SVG, PNG or PDF.
//
// Every policy keeps its colour from the labels package in every chart, and
// every label comes from there too, so that charts, the report and the web
// page name things the same way.
//
// The package deliberately does not estimate anything new: confidence
// intervals come from the folder (a comparison's Student's t intervals) or,
// for a sweep, from the same estimator over its runs. A single run has no
// interval, and its charts show lines without bands.
package plots
