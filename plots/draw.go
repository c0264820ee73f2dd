package plots

import (
	"fmt"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/wijksim/wijksim/results"
)

// Formats are the file formats charts are drawn in.
var Formats = []string{"svg", "png", "pdf"}

// PNGDPI is the resolution of PNG charts: sharp on a projector and in
// print.
const PNGDPI = 200

// newCanvas returns an empty canvas of the format.
func newCanvas(format string, w, h vg.Length) (vg.CanvasWriterTo, error) {
	switch format {
	case "svg":
		return vgsvg.New(w, h), nil
	case "png":
		return vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(PNGDPI), vgimg.UseBackgroundColor(color.White))}, nil
	case "pdf":
		return vgpdf.New(w, h), nil
	}
	return nil, fmt.Errorf("chart format %q; allowed: %s", format, strings.Join(Formats, ", "))
}

// WriteChart draws ch in format ("svg", "png" or "pdf") to w.
func WriteChart(w io.Writer, ch Chart, format string) error {
	cw, h := ch.Size()
	c, err := newCanvas(format, cw, h)
	if err != nil {
		return err
	}
	if err := ch.Draw(draw.New(c)); err != nil {
		return fmt.Errorf("chart %s: %w", ch.Name(), err)
	}
	if _, err := c.WriteTo(w); err != nil {
		return fmt.Errorf("chart %s: %s: %w", ch.Name(), format, err)
	}
	return nil
}

// Save writes every chart of c into dir, once per format, each file
// atomically, and returns the paths written.
func Save(c *Charts, dir string, formats []string) ([]string, error) {
	for _, f := range formats {
		if !slices.Contains(Formats, f) {
			return nil, fmt.Errorf("chart format %q; allowed: %s", f, strings.Join(Formats, ", "))
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("charts folder: %w", err)
	}
	var paths []string
	for _, ch := range c.All() {
		for _, f := range formats {
			path := filepath.Join(dir, ch.Name()+"."+f)
			if err := results.WriteFileAtomic(path, func(w io.Writer) error { return WriteChart(w, ch, f) }); err != nil {
				return paths, err
			}
			paths = append(paths, path)
		}
	}
	return paths, nil
}
