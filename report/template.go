package report

// css sets the report in large type for a projector and prints it on A4
// in landscape without breaking a chart or a table. Chart text is set in
// the face its layout was measured with, or a metric-compatible one.
const css = `
:root { color-scheme: light; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; box-sizing: border-box; }
html { font-size: 20px; }
body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; color: #111; background: #fff;
  max-width: 1320px; margin: 0 auto; padding: 1rem 2rem 3rem; line-height: 1.45; }
h1 { font-size: 2.1rem; margin: 0.5rem 0 0.2rem; }
h2 { font-size: 1.5rem; margin: 2.6rem 0 0.8rem; padding-bottom: 0.2rem; border-bottom: 3px solid #ddd; }
p.lead { font-size: 1.2rem; color: #333; margin-top: 0; }
p.note { color: #333; }
section.warnings { border-left: 0.4em solid #D55E00; padding-left: 1em; }
nav ol { columns: 2; padding-left: 1.4rem; }
nav a { color: #0056a0; }
figure { margin: 1.6rem 0; break-inside: avoid; page-break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; }
figure svg text { font-family: "Liberation Sans", Arial, Helvetica, sans-serif !important; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
th, td { padding: 0.35rem 0.7rem; border-bottom: 1px solid #ddd; vertical-align: top; }
table.data { font-size: 0.85rem; }
table.data td { text-align: right; white-space: nowrap; }
table.data th { text-align: left; }
table.data thead th { text-align: right; border-bottom: 2px solid #999; }
table.data thead th:first-child { text-align: left; }
td small { color: #555; }
td.clear, td.better, td.worse { font-weight: bold; }
td.clear, .swatch.clear { background: #e4e4e4; }
td.better, .swatch.better { background: #bfe6d7; }
td.worse, .swatch.worse { background: #f6cfb5; }
p.legend .swatch { margin-left: 1em; }
p.legend .swatch:first-child { margin-left: 0; }
table.facts th { text-align: left; font-weight: normal; color: #444; padding-left: 0; }
td.text { max-width: 45rem; }
code { font-family: "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 0.85em; word-break: break-all; }
.swatch { display: inline-block; width: 1em; height: 1em; border-radius: 0.2em; vertical-align: -0.15em; margin-right: 0.5em; border: 1px solid #888; }
footer { margin-top: 3rem; color: #555; font-size: 0.85rem; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  html { font-size: 10.5pt; }
  body { max-width: none; padding: 0; }
  nav { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  section { break-before: auto; }
  a { color: inherit; text-decoration: none; }
  .scroll { overflow: visible; }
}
`

// page is the report's HTML template; t looks up a report string.
const pageTemplate = `<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} · {{.Subtitle}}</title>
<style>{{.CSS}}</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
<p class="lead">{{.Subtitle}}</p>
</header>
<nav>
<h2>{{t "toc"}}</h2>
<ol>
{{- if .Warnings}}
<li><a href="#warnings">{{t "sec.warnings"}}</a></li>
{{- end}}
<li><a href="#run">{{t "sec.run"}}</a></li>
<li><a href="#policies">{{t "sec.policies"}}</a></li>
<li><a href="#findings">{{t "sec.findings"}}</a></li>
{{- if gt (len .Diffs.Head) 1}}
<li><a href="#clear">{{t "sec.clear"}}</a></li>
{{- end}}
{{- range .Sections}}
<li><a href="#{{.ID}}">{{.Title}}</a></li>
{{- end}}
{{- if .Missing}}
<li><a href="#missing">{{t "sec.missing"}}</a></li>
{{- end}}
</ol>
</nav>
{{- if .Warnings}}
<section id="warnings" class="warnings">
<h2>{{t "sec.warnings"}}</h2>
<ul>
{{- range .Warnings}}
<li>{{.}}</li>
{{- end}}
</ul>
</section>
{{- end}}
<section id="run">
<h2>{{t "sec.run"}}</h2>
<table class="facts">
{{- range .Run}}
<tr><th>{{.Label}}</th><td>{{if .Code}}<code>{{.Value}}</code>{{else}}{{.Value}}{{end}}</td></tr>
{{- end}}
</table>
{{- if .Params}}
<details>
<summary>{{t "sec.params"}} ({{len .Params}})</summary>
<div class="scroll"><table class="data">
<thead><tr><th>{{t "param"}}</th><th>{{t "value"}}</th><th>{{t "unit"}}</th></tr></thead>
<tbody>
{{- range .Params}}
<tr><th><code>{{.Key}}</code></th><td>{{.Value}}</td><td>{{.Unit}}</td></tr>
{{- end}}
</tbody>
</table></div>
</details>
{{- end}}
</section>
<section id="policies">
<h2>{{t "sec.policies"}}</h2>
<table>
<thead><tr><th>{{t "policy"}}</th><th>{{t "does"}}</th></tr></thead>
<tbody>
{{- range .Policies}}
<tr><td><span class="swatch" style="{{.Swatch}}"></span>{{.Name}}{{if .Baseline}} <em>({{t "baseline.mark"}})</em>{{end}}</td><td class="text">{{.Summary}}</td></tr>
{{- end}}
</tbody>
</table>
</section>
<section id="findings">
<h2>{{t "sec.findings"}}</h2>
{{range .LevelNotes}}<p class="note">{{.}}</p>
{{end}}
{{template "table" .Levels}}
</section>
{{- if gt (len .Diffs.Head) 1}}
<section id="clear">
<h2>{{t "sec.clear"}}</h2>
<p class="note">{{.DiffNote}}</p>
{{- if .Legend}}
<p class="legend">{{range .Legend}}<span class="swatch {{.Class}}"></span>{{.Text}} {{end}}</p>
{{- end}}
{{template "table" .Diffs}}
{{- if .Clear}}
<ul>
{{- range .Clear}}
<li>{{.}}</li>
{{- end}}
</ul>
{{- end}}
</section>
{{- end}}
{{- range .Sections}}
<section id="{{.ID}}">
<h2>{{.Title}}</h2>
{{- if .Intro}}
<p>{{.Intro}}</p>
{{- end}}
{{- if .Legend}}
<p class="legend">{{range .Legend}}<span class="swatch {{.Class}}"></span>{{.Text}} {{end}}</p>
{{- end}}
{{- range .Figures}}
<figure class="chart" id="{{.ID}}">{{.SVG}}</figure>
{{- end}}
{{- range .Tables}}
{{template "table" .}}
{{- end}}
</section>
{{- end}}
{{- if .Missing}}
<section id="missing">
<h2>{{t "sec.missing"}}</h2>
<ul>
{{- range .Missing}}
<li>{{.}}</li>
{{- end}}
</ul>
</section>
{{- end}}
<footer>
<p>{{.PlotHint}}</p>
<p>{{.Footer}}</p>
</footer>
</body>
</html>
{{define "table"}}<div class="scroll"><table class="data">
<thead><tr>{{range .Head}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{- range .Rows}}
<tr><th>{{.Label}}</th>{{range .Cells}}<td{{with .Class}} class="{{.}}"{{end}}>{{.Value}}{{if .Interval}}<br><small>{{.Interval}}</small>{{end}}</td>{{end}}</tr>
{{- end}}
</tbody>
</table></div>{{end}}
`
