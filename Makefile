# wijksim: common tasks. `make help` lists them.

GO        ?= go
BIN       := bin/wijksim
# Stamp the binary with its git revision (the environment may turn this off).
BUILDFLAGS := -buildvcs=auto
# A static binary: pure Go, no C library, so that it runs on cluster nodes
# whatever their glibc (cmd/wijksim's build test checks this).
BUILDENV  := CGO_ENABLED=0
OUT       ?= out/default
SCENARIO  ?= default
SEED      ?= 1
# Development tools (test runner, mutation tester) are pinned in a module of
# their own, so that they never change the versions the simulator builds with.
GOTOOL    := $(GO) tool -modfile=tools/gotools/go.mod
TESTJSON  ?= $(or $(TMPDIR),/tmp)/wijksim-test.json
# `make bench`: the package, benchmarks and rounds compared, the commit
# compared against, and where the results go.
BENCH_PKG   ?= ./sim
BENCH       ?= .
BENCH_COUNT ?= 6
BENCH_BASE  ?= HEAD~1
BENCHDIR    ?= $(or $(TMPDIR),/tmp)/wijksim-bench
# The CPU profile the compiler optimises wijksim with (profile-guided
# optimisation: go build applies it to cmd/wijksim by itself); `make pgo`
# refreshes it and `make bench` builds both sides with their own.
PGO       := cmd/wijksim/default.pgo
# How long `make fuzz` runs each fuzz target.
FUZZTIME  ?= 1m
# The fuzz targets, as package:Name.
FUZZ_TARGETS := ./scenarios:FuzzParse ./scenarios:FuzzSet ./experiment:FuzzParseSpec ./web:FuzzCreateRun

.PHONY: help build run test golden fuzz mutants bench pgo vet fmt clean odd-table

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-7s %s\n", $$1, $$2}'

build: ## build bin/wijksim, a static binary
	$(BUILDENV) $(GO) build $(BUILDFLAGS) -o $(BIN) ./cmd/wijksim

run: build ## run every policy on the default scenario, compare them over 20 replicates, write the report
	./$(BIN) run --scenario $(SCENARIO) --policies all --seed $(SEED) --out $(OUT)
	./$(BIN) compare --scenario $(SCENARIO) --policies all --replicates 20 --seed $(SEED) --out out/compare
	./$(BIN) report out/compare --out out/report.html
	@echo "Open the report: $(abspath out/report.html)"

vet: ## gofmt check and go vet
	@fmt_out="$$(gofmt -l .)"; if [ -n "$$fmt_out" ]; then echo "gofmt needed on:"; echo "$$fmt_out"; exit 1; fi
	$(GO) vet ./...

test: vet ## vet, then every test with the race detector; prints each package as it ends and lists skipped tests
	$(GOTOOL) gotestsum --format pkgname-and-test-fails --format-hide-empty-pkg --jsonfile $(TESTJSON) -- -race -count=1 ./...

golden: ## rewrite the golden files under testdata/ after a deliberate change of results (go test -update)
	$(GO) test -count=1 -run Golden ./... -update

fuzz: ## run each fuzz target for FUZZTIME (default 1m); a crasher is kept in the package's testdata/fuzz
	@for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; \
		echo "fuzz $$name in $$pkg for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	done

mutants: ## mutation testing of sim: gremlins' operator mutants (score, survivors), then the curated mutants of tools/mutants (all must be killed)
	GOFLAGS=-count=1 $(GOTOOL) gremlins unleash --workers 2 --timeout-coefficient 10 --threshold-efficacy 90 ./sim
	$(GO) run ./tools/mutants

bench: ## benchmarks of BENCH_PKG (default ./sim) in the working tree and at BENCH_BASE (default the previous commit), interleaved, compared with benchstat
	@set -e; dir=$(BENCHDIR); base=$$(git rev-parse --short $(BENCH_BASE)); \
	rm -rf $$dir; mkdir -p $$dir; git worktree prune; \
	git worktree add -q --detach $$dir/src $$base; \
	trap 'git -C $(CURDIR) worktree remove --force '$$dir/src EXIT; \
	pgo() { if [ -f $(PGO) ]; then echo $(PGO); else echo off; fi; }; \
	(cd $$dir/src && $(GO) test -c -pgo=$$(pgo) -o $$dir/base.test $(BENCH_PKG)); \
	$(GO) test -c -pgo=$$(pgo) -o $$dir/now.test $(BENCH_PKG); \
	echo "benchmarks of $(BENCH_PKG): $(BENCH_COUNT) rounds, each the base ($$base) then the working tree"; \
	for i in $$(seq $(BENCH_COUNT)); do \
		(cd $(BENCH_PKG) && $$dir/base.test -test.run '^$$' -test.bench '$(BENCH)' -test.benchmem) >> $$dir/$$base.txt; \
		(cd $(BENCH_PKG) && $$dir/now.test -test.run '^$$' -test.bench '$(BENCH)' -test.benchmem) >> $$dir/now.txt; \
	done; \
	$(GOTOOL) benchstat $$base=$$dir/$$base.txt "working tree"=$$dir/now.txt

pgo: ## refresh cmd/wijksim/default.pgo, the CPU profile of the model's benchmarks that go build optimises wijksim with
	$(GO) test -count=1 -run '^$$' -bench 'Step$$|Run/' -benchtime 3s -cpuprofile $(PGO) -o $(BENCHDIR)-pgo.test ./sim
	rm -f $(BENCHDIR)-pgo.test

odd-table: ## regenerate the parameter table in docs/ODD.md from the registry
	$(GO) run ./cmd/wijksim params --update docs/ODD.md

fmt: ## format the code
	gofmt -w .

clean: ## remove built binaries and default outputs
	rm -rf bin out
