package outcomes

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/vm"
	"go.yaml.in/yaml/v3"

	"github.com/wijksim/wijksim/internal/names"
	"github.com/wijksim/wijksim/internal/yamlcheck"
	"github.com/wijksim/wijksim/labels"
	"github.com/wijksim/wijksim/sim"
)

// File is an outcome file loaded into a registry: where it came from, its
// bytes and the keys of the outcomes it defines.
type File struct {
	Source string
	SHA256 string
	Raw    []byte
	Keys   []string
}

// MaxFileBytes is the largest outcome file, and MaxExprNodes the largest
// expression, in nodes of its syntax tree.
const (
	MaxFileBytes = 64 << 10
	MaxExprNodes = 500
)

// The keys of an outcome file and of each outcome in it.
var (
	fileKeys    = []string{"outcomes"}
	outcomeKeys = []string{"key", "label", "unit", "better", "doc", "expr", "timing", "shown"}
	unitKeys    = []string{"key", "nl", "en"}
	betters     = map[string]Better{"higher": Higher, "lower": Lower, "neither": Neither}
	timings     = map[string]Timing{"both": Both, "monthly": Monthly}
	shownPlaces = map[string]Place{"table": Table, "chart": Chart, "tradeoff": Tradeoff}
	keyPattern  = regexp.MustCompile(`^[a-z][a-z0-9_]{0,59}$`)
)

// columnKeys are the columns that stand beside the outcomes in the tables of
// results: those that identify a run and its month (a run's monthly.csv, a
// comparison's runs.csv, a sweep's monthly and summaries tables) and a sweep
// run's status. columnPrefixes begin the columns of a sweep's summaries
// table that hold an outcome of the first year or of one kind of resident.
// An outcome of a file takes neither, so that no table has a column twice.
var (
	columnKeys     = []string{"month", "run", "point", "scenario", "policy", "seed", "replicate", "status", "error"}
	columnPrefixes = kindColumnPrefixes("first_year_")
)

// kindColumnPrefixes returns prefixes followed by the prefix of each kind
// of resident (its name with _ for -).
func kindColumnPrefixes(prefixes ...string) []string {
	for k := sim.Kind(0); k < sim.NumKinds; k++ {
		prefixes = append(prefixes, strings.ReplaceAll(k.String(), "-", "_")+"_")
	}
	return prefixes
}

// ReservedKey reports whether key names, or begins, a column that the tables
// of results hold beside the outcomes (the month, the identification of a
// run, a parameter of a sweep's design, the columns of a sweep's summaries
// for the first year and for each kind of resident), so that an outcome
// file may not use it as a key. Of the parameters only those whose key has
// no dot can be taken for an outcome's key (months).
func ReservedKey(key string) bool {
	if slices.Contains(columnKeys, key) {
		return true
	}
	if _, isParam := sim.Lookup(key); isParam {
		return true
	}
	for _, p := range columnPrefixes {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	return false
}

// units are the units an outcome file may name by key.
var units = []Unit{Persons, Count, Share, Level, Places, HoursPerMonth, Euro, EuroPerMonth, EuroPerPerson, Hours}

func unitKeyList() []string {
	out := make([]string, len(units))
	for i, u := range units {
		out[i] = u.Key
	}
	return out
}

// Load returns the built-in registry with the outcomes of the files at
// paths added, in order.
func Load(paths ...string) (*Registry, error) {
	r := Builtin()
	for _, path := range paths {
		raw, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("load outcomes: %w", err)
		}
		if r, err = r.With(raw, path); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// With returns a registry with the outcomes of an outcome file added: raw
// are the file's bytes and source names it in errors. The file is a YAML
// mapping with one key, outcomes, a list of outcomes, each with
//
//	key     the outcome's name in files and on the command line
//	label   {nl: ..., en: ...}
//	unit    a unit's key (count, share, euro, ...) or {key, nl, en}
//	better  higher, lower or neither
//	expr    the expression (below)
//	doc     what it counts, in a line (optional; the expression by default)
//	timing  both (default: a monthly series whose last value sums up the
//	        run) or monthly (a series whose last value does not)
//	shown   where it is shown by default: a list of table, chart and
//	        tradeoff (default [table, chart])
//
// An expression (github.com/expr-lang/expr: arithmetic, comparisons,
// a ? b : c, and functions such as min, max, abs) is worked out for every
// month t of a run, from the month's value of every built-in monthly
// outcome, by its key; total.KEY, the sum of KEY over months 1 to t;
// end.KEY, KEY in the last month of the run; month, t itself; and nan, a
// value that is undefined (NA in files, "-" in tables), as is a division
// by zero. It must give a number. Expressions are checked when the file
// is loaded: a name that is no outcome, a type that does not fit and a
// syntax error are refused with the line and column.
func (r *Registry) With(raw []byte, source string) (*Registry, error) {
	r = r.or()
	f := yamlcheck.File{What: "outcomes", Path: source}
	if len(raw) > MaxFileBytes {
		return nil, fmt.Errorf("outcomes %s: %d bytes; allowed: at most %d bytes", source, len(raw), MaxFileBytes)
	}
	root, err := f.Document(raw, "an outcome file lists outcomes under the key outcomes (docs/policies.md)")
	if err != nil {
		return nil, err
	}
	top, err := f.Fields(root, "", fileKeys)
	if err != nil {
		return nil, err
	}
	list := top["outcomes"]
	if list == nil {
		return nil, f.Errorf(root, "outcomes", "missing; allowed: a list of outcomes")
	}
	if list.Kind != yaml.SequenceNode || len(list.Content) == 0 {
		return nil, f.Errorf(list, "outcomes", "want a non-empty list of outcomes")
	}
	env := newEnvironment()
	out := slices.Clone(r.list)
	index := maps(r.index)
	sum := sha256.Sum256(raw)
	file := File{Source: source, SHA256: hex.EncodeToString(sum[:]), Raw: slices.Clone(raw)}
	for i, n := range list.Content {
		o, err := parseOutcome(f, n, fmt.Sprintf("outcomes[%d]", i), env)
		if err != nil {
			return nil, err
		}
		if _, dup := index[o.Key]; dup {
			return nil, f.Errorf(n, fmt.Sprintf("outcomes[%d].key", i), "value %q is an outcome already; allowed: a key of its own (`wijksim outcomes` lists the keys taken)", o.Key)
		}
		o.Source = source
		index[o.Key] = len(out)
		out = append(out, o)
		file.Keys = append(file.Keys, o.Key)
	}
	if err := Check(out); err != nil {
		return nil, fmt.Errorf("outcomes %s: %w", source, err)
	}
	return newRegistry(out, append(slices.Clone(r.files), file)), nil
}

func maps(m map[string]int) map[string]int {
	out := make(map[string]int, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// choice reads a string that must be one of allowed.
func choice(f yamlcheck.File, n *yaml.Node, key string, allowed []string) (string, error) {
	s, err := f.String(n, key)
	if err != nil {
		return "", err
	}
	if !slices.Contains(allowed, s) {
		return "", f.Errorf(n, key, "value %s%s; allowed: %s", names.Quote(s), names.DidYouMean(s, allowed), strings.Join(allowed, ", "))
	}
	return s, nil
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// parseOutcome reads one outcome of a file and compiles its expression.
func parseOutcome(f yamlcheck.File, n *yaml.Node, path string, env *environment) (Outcome, error) {
	m, err := f.Fields(n, path, outcomeKeys)
	if err != nil {
		return Outcome{}, err
	}
	for _, k := range []string{"key", "label", "unit", "better", "expr"} {
		if m[k] == nil {
			return Outcome{}, f.Errorf(n, path+"."+k, "missing; allowed: every outcome has a key, a label, a unit, a better direction and an expression")
		}
	}
	o := Outcome{Timing: Both, Shown: Table | Chart}
	if o.Key, err = f.String(m["key"], path+".key"); err != nil {
		return o, err
	}
	if !keyPattern.MatchString(o.Key) {
		return o, f.Errorf(m["key"], path+".key", "value %s is not a key; allowed: lower-case letters, digits and _, starting with a letter, at most 60", names.Quote(o.Key))
	}
	if ReservedKey(o.Key) {
		return o, f.Errorf(m["key"], path+".key", "value %s names, or begins like, a column of the results tables; allowed: a key other than %s and the parameters (`wijksim params`); not beginning with %s",
			names.Quote(o.Key), strings.Join(columnKeys, ", "), strings.Join(columnPrefixes, ", "))
	}
	if o.Label, err = fileText(f, m["label"], path+".label"); err != nil {
		return o, err
	}
	if o.Unit, err = unit(f, m["unit"], path+".unit"); err != nil {
		return o, err
	}
	b, err := choice(f, m["better"], path+".better", sortedKeys(betters))
	if err != nil {
		return o, err
	}
	o.Better = betters[b]
	if n := m["timing"]; n != nil {
		t, err := choice(f, n, path+".timing", sortedKeys(timings))
		if err != nil {
			return o, err
		}
		o.Timing = timings[t]
	}
	if n := m["shown"]; n != nil {
		list, err := f.Strings(n, path+".shown")
		if err != nil {
			return o, err
		}
		o.Shown = 0
		for i, s := range list {
			p, ok := shownPlaces[s]
			if !ok {
				at := n
				if n.Kind == yaml.SequenceNode {
					at = n.Content[i]
				}
				return o, f.Errorf(at, fmt.Sprintf("%s.shown[%d]", path, i), "value %s%s; allowed: %s", names.Quote(s), names.DidYouMean(s, sortedKeys(shownPlaces)), strings.Join(sortedKeys(shownPlaces), ", "))
			}
			o.Shown |= p
		}
	}
	if o.In(Tradeoff) && o.Better == Neither {
		return o, f.Errorf(m["shown"], path+".shown", "tradeoff for an outcome whose better direction is neither; allowed: tradeoff only with better higher or lower")
	}
	en := m["expr"]
	if o.Expr, err = f.String(en, path+".expr"); err != nil {
		return o, err
	}
	prog, err := env.compile(o.Expr)
	if err != nil {
		return o, f.Wrap(en, path+".expr", err)
	}
	o.Doc = o.Expr
	if n := m["doc"]; n != nil {
		if o.Doc, err = f.String(n, path+".doc"); err != nil {
			return o, err
		}
	}
	o.Derive = func(stats []sim.MonthStats) []float64 { return env.run(prog, stats) }
	return o, nil
}

// fileText reads {nl: ..., en: ...}, both required.
func fileText(f yamlcheck.File, n *yaml.Node, path string) (labels.Text, error) {
	m, err := f.Fields(n, path, []string{"nl", "en"})
	if err != nil {
		return labels.Text{}, err
	}
	return bothLanguages(f, n, m, path)
}

// bothLanguages reads the texts nl and en of m, both required.
func bothLanguages(f yamlcheck.File, n *yaml.Node, m map[string]*yaml.Node, path string) (labels.Text, error) {
	var t labels.Text
	for _, lang := range []string{"nl", "en"} {
		v := m[lang]
		if v == nil {
			return t, f.Errorf(n, path+"."+lang, "missing; allowed: a text in Dutch (nl) and in English (en)")
		}
		s, err := f.String(v, path+"."+lang)
		if err != nil {
			return t, err
		}
		if strings.TrimSpace(s) == "" {
			return t, f.Errorf(v, path+"."+lang, "empty; allowed: a text")
		}
		if lang == "nl" {
			t.NL = s
		} else {
			t.EN = s
		}
	}
	return t, nil
}

// unit reads a unit: the key of a known unit or {key, nl, en}.
func unit(f yamlcheck.File, n *yaml.Node, path string) (Unit, error) {
	if n.Kind == yaml.ScalarNode {
		k, err := choice(f, n, path, unitKeyList())
		if err != nil {
			return Unit{}, err
		}
		return units[slices.Index(unitKeyList(), k)], nil
	}
	m, err := f.Fields(n, path, unitKeys)
	if err != nil {
		return Unit{}, err
	}
	if m["key"] == nil {
		return Unit{}, f.Errorf(n, path+".key", "missing; allowed: a unit is the key of a known unit (%s) or has a key and names in nl and en", strings.Join(unitKeyList(), ", "))
	}
	k, err := f.String(m["key"], path+".key")
	if err != nil {
		return Unit{}, err
	}
	name, err := bothLanguages(f, n, m, path)
	if err != nil {
		return Unit{}, err
	}
	return Unit{Key: k, Name: name}, nil
}

// environment is what expressions read: a struct type with a float64
// field for each built-in monthly outcome, with its key as the name
// expressions use, month, nan, and the structs total and end with a field
// for each outcome.
type environment struct {
	typ    reflect.Type
	series []Outcome // the built-in monthly outcomes, in field order
	month  int       // field indices
	nan    int
	total  int
	end    int
}

// envType is built once: the built-in series never change.
var envType = sync.OnceValue(func() *environment {
	series := builtin().Series()
	fields := func() []reflect.StructField {
		out := make([]reflect.StructField, len(series))
		for i, o := range series {
			out[i] = reflect.StructField{Name: "F" + strconv.Itoa(i), Type: reflect.TypeFor[float64](), Tag: reflect.StructTag(`expr:"` + o.Key + `"`)}
		}
		return out
	}
	sub := reflect.StructOf(fields())
	all := fields()
	e := &environment{series: series, month: len(all), nan: len(all) + 1, total: len(all) + 2, end: len(all) + 3}
	all = append(all,
		reflect.StructField{Name: "Month", Type: reflect.TypeFor[float64](), Tag: `expr:"month"`},
		reflect.StructField{Name: "NaN", Type: reflect.TypeFor[float64](), Tag: `expr:"nan"`},
		reflect.StructField{Name: "Total", Type: sub, Tag: `expr:"total"`},
		reflect.StructField{Name: "End", Type: sub, Tag: `expr:"end"`},
	)
	e.typ = reflect.StructOf(all)
	return e
})

func newEnvironment() *environment { return envType() }

// compile type-checks and compiles source against the environment.
func (e *environment) compile(source string) (*vm.Program, error) {
	if strings.TrimSpace(source) == "" {
		return nil, errors.New("an empty expression; allowed: an expression that gives a number")
	}
	zero := reflect.New(e.typ).Elem().Interface()
	prog, err := expr.Compile(source, expr.Env(zero), expr.AsFloat64(), expr.MaxNodes(MaxExprNodes))
	if err != nil {
		return nil, exprError(source, err)
	}
	return prog, nil
}

// exprError rewrites an error of expr for a reader who knows outcomes,
// not Go types, keeping the position.
func exprError(source string, err error) error {
	msg := err.Error()
	var fe *file.Error
	if errors.As(err, &fe) {
		msg = fe.Message
	}
	keys := builtin().SeriesKeys()
	if m := regexp.MustCompile(`has no field (\w+)`).FindStringSubmatch(msg); m != nil {
		msg = fmt.Sprintf("%s is no monthly outcome%s; allowed: total.KEY and end.KEY with KEY a monthly outcome (`wijksim outcomes`)", m[1], names.DidYouMean(m[1], keys))
	} else if m := regexp.MustCompile(`^unknown name (\w+)`).FindStringSubmatch(msg); m != nil {
		msg = fmt.Sprintf("unknown name %s%s; allowed: a monthly outcome's key, total.KEY, end.KEY, month, nan (`wijksim outcomes` lists the keys)", m[1], names.DidYouMean(m[1], append(keys, "month", "nan", "total", "end")))
	} else {
		msg = regexp.MustCompile(`struct \{[^}]*\}`).ReplaceAllString(msg, "total or end")
		if strings.HasPrefix(msg, "expected float64") {
			msg = "the expression gives " + strings.TrimPrefix(msg, "expected float64, but got ") + "; allowed: an expression that gives a number"
		}
	}
	if fe != nil && fe.Line > 0 {
		return fmt.Errorf("expression %s: at column %d: %s", names.Quote(source), fe.Column+1, msg)
	}
	return fmt.Errorf("expression %s: %s", names.Quote(source), msg)
}

// run works the program out for every month of stats.
func (e *environment) run(prog *vm.Program, stats []sim.MonthStats) []float64 {
	out := make([]float64, len(stats))
	if len(stats) == 0 {
		return out
	}
	v := reflect.New(e.typ).Elem()
	total, end := v.Field(e.total), v.Field(e.end)
	v.Field(e.nan).SetFloat(math.NaN())
	last := &stats[len(stats)-1]
	sums := make([]float64, len(e.series))
	for j, o := range e.series {
		end.Field(j).SetFloat(o.Value(last))
	}
	env := v.Addr().Interface()
	for t := range stats {
		s := &stats[t]
		for j, o := range e.series {
			x := o.Value(s)
			v.Field(j).SetFloat(x)
			if t > 0 && !math.IsNaN(x) {
				sums[j] += x
			}
			total.Field(j).SetFloat(sums[j])
		}
		v.Field(e.month).SetFloat(float64(t))
		res, err := expr.Run(prog, env)
		x, ok := res.(float64)
		if err != nil || !ok || math.IsInf(x, 0) {
			x = math.NaN()
		}
		out[t] = x
	}
	return out
}
