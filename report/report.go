package report

import (
	"fmt"
	"html/template"
	"io"
	"slices"

	"github.com/wijksim/wijksim/plots"
	"github.com/wijksim/wijksim/results"
)

// Options set how a report is written.
type Options struct {
	// Lang is the language of every title, label and text: "nl" or "en";
	// empty means English.
	Lang string
}

// Write writes the report of res to w as one self-contained HTML file.
func Write(w io.Writer, res *plots.Results, opt Options) error {
	lang := opt.Lang
	if lang == "" {
		lang = "en"
	}
	if !slices.Contains(plots.Languages, lang) {
		return fmt.Errorf("report: language %q; allowed: nl, en", lang)
	}
	charts, err := plots.Build(res, lang)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	p, err := buildPage(res, charts, lang)
	if err != nil {
		return err
	}
	tmpl, err := template.New("report").Funcs(template.FuncMap{
		"t": func(key string) string { return tr(key, lang) },
	}).Parse(pageTemplate)
	if err != nil {
		return fmt.Errorf("report: template: %w", err)
	}
	data := struct {
		*page
		CSS template.CSS
	}{p, template.CSS(css)}
	if err := tmpl.Execute(w, data); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// WriteFile writes the report of res to path, atomically.
func WriteFile(path string, res *plots.Results, opt Options) error {
	return results.WriteFileAtomic(path, func(w io.Writer) error { return Write(w, res, opt) })
}
