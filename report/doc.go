// Package report writes the report of a wijksim results folder: one
// self-contained HTML file that says what was run (from the manifest), what
// each policy does, shows every chart of the plots package as inline SVG,
// gives the end-of-run tables with their 95% confidence intervals and says
// which differences from the baseline are statistically clear.
//
// The file loads nothing: no script, no font, no style sheet and no image
// from a network or from other files, so that it can be mailed, archived
// with the results and opened years later. It is set in large type for a
// projector and has a print style sheet (A4 landscape, no breaks inside a
// chart or a table).
//
// Every text comes in Dutch and English (Options.Lang); policy, outcome and
// kind names come from the labels package, as in the charts.
package report
