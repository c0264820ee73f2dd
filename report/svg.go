package report

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"regexp"
	"strings"

	"github.com/wijksim/wijksim/plots"
)

var viewBox = regexp.MustCompile(`viewBox="([^"]*)"`)

// inlineSVG draws ch as SVG for use inside HTML: without the XML prolog,
// without namespace declarations (the HTML parser puts <svg> in its
// namespace) and without a fixed size, so that it scales with the page;
// the chart's title becomes its accessible name.
func inlineSVG(ch plots.Chart) (template.HTML, error) {
	var buf bytes.Buffer
	if err := plots.WriteChart(&buf, ch, "svg"); err != nil {
		return "", err
	}
	s := buf.String()
	start := strings.Index(s, "<svg")
	if start < 0 {
		return "", fmt.Errorf("chart %s: no <svg> element", ch.Name())
	}
	end := strings.IndexByte(s[start:], '>')
	if end < 0 {
		return "", fmt.Errorf("chart %s: unterminated <svg> element", ch.Name())
	}
	end += start
	m := viewBox.FindStringSubmatch(s[start:end])
	if m == nil {
		return "", fmt.Errorf("chart %s: <svg> without viewBox", ch.Name())
	}
	title := html.EscapeString(ch.Heading())
	open := `<svg viewBox="` + m[1] + `" role="img" aria-label="` + title + `"><title>` + title + `</title>`
	return template.HTML(open + s[end+1:]), nil
}
