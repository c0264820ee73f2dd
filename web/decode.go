package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strings"

	"github.com/wijksim/wijksim/internal/names"
	"github.com/wijksim/wijksim/scenarios"
)

// decodeJSON reads one JSON value of at most the body limit into v,
// refusing unknown fields. It writes the error answer itself and reports
// whether decoding succeeded. Its errors name the field by its JSON name,
// say what was given and what is allowed (bodyError), never Go's types.
func (s *Server) decodeJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		writeError(w, http.StatusUnsupportedMediaType, "content type %s; allowed: application/json", names.Quote(r.Header.Get("Content-Type")))
		return false
	}
	// The body is read within the server's ReadTimeout (NewHTTPServer).
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, s.limits.MaxBodyBytes))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil && dec.Decode(new(json.RawMessage)) != io.EOF {
		err = errMoreValues
	}
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, "request body: larger than %d bytes", s.limits.MaxBodyBytes)
			return false
		}
		writeError(w, http.StatusBadRequest, "%s", bodyError(err, reflect.TypeOf(v).Elem()))
		return false
	}
	return true
}

// errMoreValues is the error of a body with more than one JSON value.
var errMoreValues = errors.New("more than one JSON value")

// bodyError says in plain words what is wrong with a request body that
// did not decode into a value of type t: which field (by its JSON name),
// what was given and what is allowed.
func bodyError(err error, t reflect.Type) string {
	fields := jsonFields(t)
	object := "a JSON object with " + fieldList(fields)
	var (
		typeErr   *json.UnmarshalTypeError
		syntaxErr *json.SyntaxError
	)
	switch {
	case errors.Is(err, io.EOF):
		return "request body: empty; allowed: " + object
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "request body: the JSON ends early; allowed: " + object
	case errors.Is(err, errMoreValues):
		return "request body: more than one JSON value; allowed: one " + object
	case errors.As(err, &syntaxErr):
		return fmt.Sprintf("request body: not JSON at byte %d (%v); allowed: %s", syntaxErr.Offset, syntaxErr, object)
	case errors.As(err, &typeErr):
		f, ok := fieldByError(fields, typeErr.Field)
		if !ok {
			return fmt.Sprintf("request body: %s is not allowed; allowed: %s", givenValue(typeErr.Value, false), object)
		}
		elem := f.typ.Kind() == reflect.Slice && typeErr.Type == f.typ.Elem()
		return fmt.Sprintf("%s: %s is not allowed; allowed: %s", f.path, givenValue(typeErr.Value, elem), fieldAllowed(f.path))
	}
	if name, ok := strings.CutPrefix(err.Error(), `json: unknown field "`); ok {
		name = strings.TrimSuffix(name, `"`)
		return fmt.Sprintf("request body: unknown field %s%s; allowed: %s", names.Quote(name), names.DidYouMean(name, allNames(fields)), fieldList(fields))
	}
	return "request body: " + names.Clip(err.Error())
}

// jsonField is a field of a request body: its JSON path ("seed",
// "policy_files.name"), the path encoding/json names in its errors, which
// holds the Go names of embedded structs ("RunConfig.seed"), and its type.
type jsonField struct {
	path, goPath string
	typ          reflect.Type
	// nested are the fields of a struct or of a list of structs.
	nested []jsonField
}

// jsonFields returns the JSON fields of the struct type t in order,
// embedded structs' fields in place.
func jsonFields(t reflect.Type) []jsonField {
	return appendFields(nil, t, "", "")
}

func appendFields(out []jsonField, t reflect.Type, path, goPath string) []jsonField {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return out
	}
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if !sf.IsExported() || name == "-" {
			continue
		}
		if sf.Anonymous && name == "" {
			out = appendFields(out, sf.Type, path, goPath+sf.Name+".")
			continue
		}
		if name == "" {
			name = sf.Name
		}
		f := jsonField{path: path + name, goPath: goPath + name, typ: sf.Type}
		inner := sf.Type
		for inner.Kind() == reflect.Pointer || inner.Kind() == reflect.Slice {
			inner = inner.Elem()
		}
		f.nested = appendFields(nil, inner, f.path+".", f.goPath+".")
		out = append(out, f)
	}
	return out
}

// fieldByError finds the field that encoding/json names goPath.
func fieldByError(fields []jsonField, goPath string) (jsonField, bool) {
	for _, f := range fields {
		if f.goPath == goPath {
			return f, true
		}
		if g, ok := fieldByError(f.nested, goPath); ok {
			return g, true
		}
	}
	return jsonField{}, false
}

// fieldList lists fields by name, nested ones in brackets:
// "scenario, policies, policy_files (each with name, yaml), seed".
func fieldList(fields []jsonField) string {
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = lastName(f.path)
		if len(f.nested) > 0 {
			parts[i] += " (each with " + fieldList(f.nested) + ")"
		}
	}
	return strings.Join(parts, ", ")
}

// allNames returns the names of fields and of their nested fields.
func allNames(fields []jsonField) []string {
	var out []string
	for _, f := range fields {
		out = append(out, lastName(f.path))
		out = append(out, allNames(f.nested)...)
	}
	return out
}

func lastName(path string) string { return path[strings.LastIndex(path, ".")+1:] }

// givenValue describes the value encoding/json reports in an
// UnmarshalTypeError ("number -1", "string", "array"); elem says it was an
// element of a list.
func givenValue(value string, elem bool) string {
	var what string
	switch {
	case strings.HasPrefix(value, "number "):
		what = names.Clip(strings.TrimPrefix(value, "number "))
		if elem {
			what = "the number " + what
		}
	case value == "number":
		what = "a number"
	case value == "string":
		what = "text"
	case value == "array":
		what = "a list"
	case value == "object":
		what = "an object"
	case value == "bool":
		what = "true or false"
	default:
		what = "a value"
	}
	if elem {
		what += " in the list"
	}
	return what
}

// fieldAllowed says what a field of a request body takes, by its JSON
// path; fields are found by the last name of the path.
func fieldAllowed(path string) string {
	switch lastName(path) {
	case "scenario":
		return "the name of a scenario: " + strings.Join(scenarios.Names(), ", ")
	case "policies":
		return fmt.Sprintf("a list of %d to %d policy names (text)", minPolicies, maxPolicies)
	case "policy_files":
		return fmt.Sprintf("a list of at most %d policy files, each an object with name and yaml", maxPolicies)
	case "name":
		return fmt.Sprintf("the policy file's name, text of 1 to %d characters ending in .yaml or .yml", maxFileName)
	case "yaml":
		return "the policy file's text"
	case "seed":
		return fmt.Sprintf("a whole number in [0, %d]", maxSeed)
	case "set":
		return `an object of slider keys and their values, such as {"months": 120}`
	case "speed":
		return fmt.Sprintf("months per second, a number in [0, %d], 0 for as fast as possible", maxSpeed)
	case "play":
		return "true or false"
	case "lang":
		return "the language of the export's README: nl or en"
	case "action":
		return "play, pause, step or speed"
	}
	return "a value of another type"
}
