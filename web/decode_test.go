package web

import (
	"reflect"
	"testing"
)

// TestEveryBodyFieldIsDescribed: each field of a request body has its own
// "allowed" in the errors of bodyError, so that a field added later is not
// described as "a value of another type".
func TestEveryBodyFieldIsDescribed(t *testing.T) {
	for _, typ := range []reflect.Type{
		reflect.TypeFor[createRequest](), reflect.TypeFor[RunConfig](),
		reflect.TypeFor[Control](), reflect.TypeFor[PolicyFile](),
	} {
		var walk func([]jsonField)
		walk = func(fields []jsonField) {
			for _, f := range fields {
				if fieldAllowed(f.path) == fieldAllowed("") {
					t.Errorf("%s: field %s is not described by fieldAllowed", typ.Name(), f.path)
				}
				walk(f.nested)
			}
		}
		walk(jsonFields(typ))
	}
}
