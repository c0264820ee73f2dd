// Package termtable prints tables for the terminal: a column of row labels
// and columns of values, fitted to a width. Labels and headers are wrapped
// at spaces; value columns that do not fit beside each other are printed in
// blocks, one after the other, each repeating the labels, as R prints a wide
// data frame. With Options.Wide every column is printed side by side.
//
// The package only lays text out; callers choose the words, in the language
// of Options.Lang, and format the numbers.
package termtable

import (
	"io"
	"strings"
	"unicode/utf8"
)

// DefaultWidth is the width a table fits when Options.Width is 0: a common
// terminal and a printed page.
const DefaultWidth = 100

// gap is the space between columns.
const gap = "  "

// Table is a header row and rows of cells; the first cell of each is the
// row's label, printed left-aligned, the others are values, right-aligned.
type Table struct {
	Head []string
	Rows [][]string
	// Text makes the last column text: left-aligned and wrapped to the
	// width the other columns leave, all columns in one block; when they
	// leave less than 30 characters, the text goes under its row,
	// indented. For lists with a description.
	Text bool
}

// Options set how a table is printed. The zero value prints English at
// DefaultWidth.
type Options struct {
	// Lang is the language of the words around the numbers, "nl" or "en",
	// for the packages that write their tables with this one; the printer
	// itself only lays them out.
	Lang string
	// Width is the widest line; 0 means DefaultWidth.
	Width int
	// Wide prints every column side by side and labels on one line,
	// however wide the table gets.
	Wide bool
}

// AddRow appends a row: a label and its values.
func (t *Table) AddRow(label string, values ...string) {
	t.Rows = append(t.Rows, append([]string{label}, values...))
}

// Write prints the table to w.
func (t *Table) Write(w io.Writer, opt Options) error {
	width := opt.Width
	if width <= 0 {
		width = DefaultWidth
	}
	ncol := len(t.Head)
	for _, r := range t.Rows {
		ncol = max(ncol, len(r))
	}
	if ncol == 0 {
		return nil
	}
	cell := func(r []string, j int) string {
		if j < len(r) {
			return r[j]
		}
		return ""
	}
	// The natural width of each value column: its widest cell, or the
	// longest word of its header.
	colW := make([]int, ncol)
	for j := 1; j < ncol; j++ {
		for _, r := range t.Rows {
			colW[j] = max(colW[j], runes(cell(r, j)))
		}
		colW[j] = max(colW[j], longestWord(cell(t.Head, j)))
		if opt.Wide {
			colW[j] = max(colW[j], runes(cell(t.Head, j)))
		}
	}
	labelW := runes(cell(t.Head, 0))
	for _, r := range t.Rows {
		labelW = max(labelW, runes(cell(r, 0)))
	}
	// The text column goes under its row when the others leave it less
	// than 30 characters.
	below := false
	if t.Text && ncol > 1 && !opt.Wide {
		others := labelW
		for j := 1; j < ncol-1; j++ {
			others += len(gap) + colW[j]
		}
		below = width-others-len(gap) < 30
	}
	if below {
		ncol--
	}
	if !opt.Wide {
		// A table that does not fit gets its labels wrapped to at most
		// three tenths of the width (at least 16 characters).
		total := labelW
		for j := 1; j < ncol; j++ {
			total += len(gap) + colW[j]
		}
		if total > width && !(t.Text && !below) {
			labelW = min(labelW, max(width*3/10, 16))
		}
	}
	if t.Text && !below && !opt.Wide {
		used := labelW
		for j := 1; j < ncol-1; j++ {
			used += len(gap) + colW[j]
		}
		colW[ncol-1] = min(colW[ncol-1], width-used-len(gap))
	}
	blocks := [][]int{nil}
	used := labelW
	for j := 1; j < ncol; j++ {
		last := len(blocks) - 1
		if !opt.Wide && !t.Text && len(blocks[last]) > 0 && used+len(gap)+colW[j] > width {
			blocks = append(blocks, nil)
			last++
			used = labelW
		}
		blocks[last] = append(blocks[last], j)
		used += len(gap) + colW[j]
	}
	var b strings.Builder
	for k, cols := range blocks {
		if k > 0 {
			b.WriteByte('\n')
		}
		head := [][]string{wrap(cell(t.Head, 0), labelW, "", opt.Wide)}
		for _, j := range cols {
			head = append(head, wrap(cell(t.Head, j), colW[j], "", opt.Wide))
		}
		writeLines(&b, head, labelW, cols, colW, true, t.Text && !below)
		rule := strings.Repeat("-", labelW)
		for _, j := range cols {
			rule += gap + strings.Repeat("-", colW[j])
		}
		b.WriteString(rule + "\n")
		for _, r := range t.Rows {
			row := [][]string{wrap(cell(r, 0), labelW, "  ", opt.Wide)}
			for _, j := range cols {
				if t.Text && j == ncol-1 {
					row = append(row, wrap(cell(r, j), colW[j], "", opt.Wide))
					continue
				}
				row = append(row, []string{cell(r, j)})
			}
			writeLines(&b, row, labelW, cols, colW, false, t.Text && !below)
			if below {
				for _, line := range wrap(cell(r, ncol), width-4, "", false) {
					b.WriteString("    " + line + "\n")
				}
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeLines writes one row whose cells may take several lines; header
// cells are aligned at the bottom. With text, the last column is
// left-aligned.
func writeLines(b *strings.Builder, cells [][]string, labelW int, cols []int, colW []int, bottom, text bool) {
	n := 0
	for _, c := range cells {
		n = max(n, len(c))
	}
	at := func(c []string, i int) string {
		if bottom {
			i -= n - len(c)
		}
		if i < 0 || i >= len(c) {
			return ""
		}
		return c[i]
	}
	for i := 0; i < n; i++ {
		line := pad(at(cells[0], i), labelW, false)
		for k, j := range cols {
			line += gap + pad(at(cells[k+1], i), colW[j], !(text && k == len(cols)-1))
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
}

// wrap breaks s at spaces into lines of at most width characters (a word
// longer than width gets a line of its own), continuation lines starting
// with indent. With noWrap, s stays on one line.
func wrap(s string, width int, indent string, noWrap bool) []string {
	if noWrap || runes(s) <= width {
		return []string{s}
	}
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = word
		case runes(line)+1+runes(word) <= width:
			line += " " + word
		default:
			lines = append(lines, line)
			line = indent + word
		}
	}
	return append(lines, line)
}

func pad(s string, width int, right bool) string {
	n := width - runes(s)
	if n <= 0 {
		return s
	}
	if right {
		return strings.Repeat(" ", n) + s
	}
	return s + strings.Repeat(" ", n)
}

func runes(s string) int { return utf8.RuneCountInString(s) }

func longestWord(s string) int {
	n := 0
	for _, w := range strings.Fields(s) {
		n = max(n, runes(w))
	}
	return n
}

// Paragraph writes text as one paragraph wrapped at spaces to the width of
// opt (on one line with Wide), followed by a newline. Newlines at the start
// and end of text are kept, as blank lines around the paragraph.
func Paragraph(w io.Writer, text string, opt Options) error {
	width := opt.Width
	if width <= 0 {
		width = DefaultWidth
	}
	body := strings.Trim(text, "\n")
	before := strings.Repeat("\n", len(text)-len(strings.TrimLeft(text, "\n")))
	after := strings.Repeat("\n", len(text)-len(strings.TrimRight(text, "\n")))
	lines := wrap(body, width, "", opt.Wide)
	_, err := io.WriteString(w, before+strings.Join(lines, "\n")+"\n"+after)
	return err
}
