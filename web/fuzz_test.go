package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzCreateRun: no request body to POST /api/runs makes the server fail
// (5xx) or panic; every answer is JSON: a run, a refusal of the request,
// or the limit on runs at once.
func FuzzCreateRun(f *testing.F) {
	for _, tc := range badRuns() {
		b, err := json.Marshal(tc.cfg)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, body := range []string{
		`{"policies":["afstand","nabijheid"]}`, `{"policies":["afstand"]}`,
		`{"policies":["afstand","sanctie"],"set":{"trust.loss_sanction":1.5}}`,
		`{"policies":["afstand","sanctie"],"set":{"population.residents":100000}}`,
		`{"policies":["afstand","sanctie"],"file":"/etc/passwd"}`, `{"policies":["afstand","sanctie"],"speed":-1}`,
		`policies=afstand`, `{"policies":["afstand","sanctie"]}{}`, `{"policies":["a","b"],"seed":-1}`,
		`{"policies":["afstand","sanctie"],"set":{"months":1e400}}`, `{"policies":null,"set":{"months":"12"}}`,
		`{"scenario":"assendelft","policies":["afstand","nabijheid"],"speed":1e308,"play":true}`,
	} {
		f.Add([]byte(body))
	}
	lim := testLimits()
	lim.MaxBodyBytes = 4096
	srv, err := New(context.Background(), lim)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest(http.MethodPost, "/api/runs", strings.NewReader(string(body)))
		req.Host = "127.0.0.1:8080"
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		switch rec.Code {
		case http.StatusCreated, http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusTooManyRequests:
		default:
			t.Fatalf("status %d for %q: %s", rec.Code, body, rec.Body)
		}
		var answer map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &answer); err != nil {
			t.Fatalf("the answer is not JSON: %q", rec.Body)
		}
	})
}
