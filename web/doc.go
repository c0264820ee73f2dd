// Package web is wijksim's classroom page: a local web server where a
// lecturer picks a scenario and two to four policies, moves sliders, and
// watches the policies race month by month on the same residents and life
// events (common random numbers), so that chance plays a smaller part in
// the differences; it does not vanish, for each chart is one run on one
// seed (the export's compare command gives confidence intervals over many).
//
// The page (index.html, app.js, charts.js, style.css) is embedded in the
// binary and needs no network: no CDN, no fonts, charts are inline SVG
// drawn by the page itself. A run is created with a small JSON request,
// validated against a whitelist of slider keys with the parameter
// registry's ranges and tighter class limits, and then streamed as
// server-sent events, one JSON frame per month. Play, pause, step and speed
// are small JSON requests to the running run; reset starts a new run. A run
// lives as long as its event stream: closing the page cancels it.
//
// The package deliberately holds no global state: New builds a Server from
// Limits and a context, and every run belongs to that Server. It does not
// read or write files on behalf of a request; the only files it serves are
// the embedded assets, and an export is built in memory.
package web
