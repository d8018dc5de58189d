# simbench: `make run` runs every algorithm on the embedded seed gold set;
# `make test` runs the checks CI runs.

GO      ?= go
COMMIT  := $(shell git rev-parse --short=12 HEAD 2>/dev/null)
LDFLAGS := -X main.commit=$(COMMIT)
ARGS    ?=

SHARED  ?= ../shared/datasets

# x86-64-v2 (POPCNT and SSE4.2, processors since 2009): SimHash's joins then
# count bits with one instruction, about a fifth faster. GOAMD64=v1 builds
# for older processors; other architectures ignore it.
GOAMD64 ?= v2
export GOAMD64

.PHONY: run build test vet fmt-check bench bench-smoke bench-check baseline cross fuzz clean gold tables help

# The sets the quality gate runs on, and how far a metric may fall.
BASELINE_SETS ?= seeds clough
TOLERANCE     ?= 0

## run: run every algorithm on the embedded seed set (pass flags with ARGS="...")
run:
	$(GO) run -ldflags "$(LDFLAGS)" ./cmd/simbench run $(ARGS)

## help: list the targets and what each does
help:
	@sed -n 's/^## //p' $(firstword $(MAKEFILE_LIST)) | sed -e 's/\$$\$$/$$/g' \
	  -e 's|\$$(BASELINE_SETS)|$(BASELINE_SETS)|g' -e 's|\$$(SHARED)|$(SHARED)|g' \
	  -e 's|\$$(SCALE_DOCS)|$(SCALE_DOCS)|g' -e 's|\$$(SCALE_COPIES)|$(SCALE_COPIES)|g' \
	  -e 's|\$$(SCALE_DISTINCT)|$(SCALE_DISTINCT)|g'

## build: build ./simbench
build:
	$(GO) build -ldflags "$(LDFLAGS)" -o simbench ./cmd/simbench

## test: gofmt, go vet, the tests (most with the race detector), one pass of every benchmark, the quality gate
# Each step says what it runs, and about how long it takes on two cores,
# before it runs. Long benchmarks stay in make bench, fuzzing in make fuzz.
#
# The packages of NORACE run their tests without the race detector, which
# slows them several times and can find nothing there. Their code and tests
# start no goroutine, except cmd/simbench's: its tests drive whole runs
# through the command line, and the concurrency they reach is race-tested
# in its own packages (eval, algorithms/...). algorithms/text, which reads
# a string's bytes through package unsafe, keeps the pointer checks that
# -race would add (-d=checkptr). bench-smoke runs the benchmarks with
# -short, on smaller corpora where a benchmark has a size to choose.
NORACE := ./cmd/simbench ./gold/synth ./algorithms/text ./algorithms/minhash ./eval/metric ./eval/plot
test:
	@echo "test 1/6: gofmt -l on every .go file (seconds)"
	@$(MAKE) --no-print-directory fmt-check
	@echo "test 2/6: go vet ./... (under a minute)"
	@$(GO) vet ./...
	@echo "test 3/6: go test -race -count=1, then the packages of NORACE without -race (about 2 minutes; a line per package)"
	@$(GO) test -race -count=1 $$($(GO) list ./... | grep -vxF "$$($(GO) list $(NORACE))")
	@$(GO) test -count=1 -gcflags='./algorithms/text=-d=checkptr' $(NORACE)
	@echo "test 4/6: go vet and go test in eval/peers, a module of its own (seconds)"
	@cd eval/peers && $(GO) vet ./... && $(GO) test -count=1 ./...
	@echo "test 5/6: make bench-smoke: every benchmark once (under a minute; a line per package)"
	@$(MAKE) --no-print-directory bench-smoke
	@echo "test 6/6: make bench-check: quality on $(BASELINE_SETS) against results/baseline/ (seconds)"
	@$(MAKE) --no-print-directory bench-check

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

## bench: every benchmark, for benchstat (go test -bench . -run '^$$' ./...)
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count=$${COUNT:-1} ./...

# bench-smoke runs every benchmark once, so that none of them rots. It
# prints go test's line for each package as it ends, and all of go test's
# output when a benchmark fails.
bench-smoke:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	{ $(GO) test -short -run '^$$' -bench . -benchtime=1x ./... 2>&1; echo $$? > "$$tmp/rc"; } \
	  | tee "$$tmp/out" | grep --line-buffered -E '^(ok|\?|FAIL) '; \
	if [ "$$(cat "$$tmp/rc")" != 0 ]; then cat "$$tmp/out"; exit 1; fi

## bench-check: run every algorithm on $(BASELINE_SETS) and fail if quality fell below results/baseline/
bench-check:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(GO) build -o "$$tmp/simbench" ./cmd/simbench && \
	for set in $(BASELINE_SETS); do \
	  "$$tmp/simbench" run -gold $$set -timing=false -out "$$tmp/$$set" -format json > /dev/null 2>&1 || exit 1; \
	  echo "bench-check: $$set against results/baseline/$$set"; \
	  "$$tmp/simbench" compare -tolerance $(TOLERANCE) results/baseline/$$set "$$tmp/$$set"/* > "$$tmp/$$set.txt" \
	    || { cat "$$tmp/$$set.txt"; exit 1; }; \
	done; echo "bench-check: no quality regression"

## baseline: record the current quality as results/baseline/SET/ (summary.json and scores.csv; commit it with the change that earns it)
baseline:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	for set in $(BASELINE_SETS); do \
	  $(GO) run ./cmd/simbench run -gold $$set -timing=false -out "$$tmp/$$set" -format json > /dev/null || exit 1; \
	  mkdir -p results/baseline/$$set && cp "$$tmp/$$set"/*/summary.json "$$tmp/$$set"/*/scores.csv results/baseline/$$set/ || exit 1; \
	  echo "baseline: wrote results/baseline/$$set"; \
	done

## cross: go vet for 32-bit x86 and for arm64, and the short tests on 32-bit x86 (a few minutes; the assembly is amd64 only, the rest must build and pass everywhere)
cross:
	GOARCH=386 $(GO) vet ./...
	GOARCH=arm64 $(GO) vet ./...
	GOARCH=386 $(GO) test -short -count=1 ./...

## fuzz: run each fuzz target for FUZZTIME (default 30s)
fuzz:
	@for t in $$(grep -rl --include='*_test.go' '^func Fuzz' . | xargs -n1 dirname | sort -u); do \
	  for f in $$(grep -h '^func Fuzz' $$t/*_test.go | sed 's/func \(Fuzz[A-Za-z0-9_]*\).*/\1/'); do \
	    echo "$$t $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $${FUZZTIME:-30s} -fuzzminimizetime 5s $$t || exit 1; \
	  done; \
	done

## gold: build gold/dpil and gold/msrp from $(SHARED) (not committed: their terms; gold/clough is committed)
gold:
	@test -d $(SHARED) || { echo "$(SHARED) not found: the DPIL and MSRP gold sets are built from the published corpora there"; exit 1; }
	rm -rf gold/dpil gold/msrp
	$(GO) run ./cmd/simbench import dpil $(SHARED)/dpil-2016-hindi/dpil-Hindi-train-Task2.xml gold/dpil
	$(GO) run ./cmd/simbench import msrp $(SHARED)/msrp/msr_paraphrase_test.txt gold/msrp

## tables: the tables of best F1 and threshold on Clough and DPIL in docs/results.md (needs make gold)
tables:
	@for set in clough gold/dpil; do \
	  $(GO) run ./cmd/simbench run -gold $$set -timing=false -out "" -format md \
	    -algo jaccard -algo jaccard:k=1 -algo simhash -algo simhash:k=1 -algo minhash-lsh -algo minhash-lsh:k=1 -algo containment -algo containment:k=1 || exit 1; \
	  echo; \
	done

# The corpora of make bench-scale: a realistic corpus of SCALE_DOCS documents,
# and SCALE_COPIES identical copies among SCALE_DISTINCT distinct documents;
# under SCALE_DIR (kept, and reused by the next run) if given, else in a
# temporary directory. A run taking longer than SCALE_TIMEOUT is killed.
SCALE_DOCS     ?= 1000000
SCALE_COPIES   ?= 20000
SCALE_DISTINCT ?= 100000
SCALE_DIR      ?=
SCALE_TIMEOUT  ?= 30m
# The memory budget of each run (simbench run -mem); empty for simbench's default.
SCALE_MEM      ?= 4GiB

## bench-scale: every algorithm, each in a process of its own and then all together in one, on a realistic corpus of $(SCALE_DOCS) documents and on $(SCALE_COPIES) identical copies among $(SCALE_DISTINCT) others: wall time, peak memory, pairs proposed, quality, as benchstat lines (about 20 minutes for a million, most of it generating the corpora; a few minutes when SCALE_DIR keeps them)
.PHONY: bench-scale
bench-scale:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(GO) build -ldflags "$(LDFLAGS)" -o "$$tmp/simbench" ./cmd/simbench && \
	$(GO) build -o "$$tmp/simbench-scale" ./cmd/simbench-scale && \
	"$$tmp/simbench-scale" -simbench "$$tmp/simbench" -dir "$(if $(SCALE_DIR),$(SCALE_DIR),$$tmp/corpora)" \
	  -docs $(SCALE_DOCS) -copies $(SCALE_COPIES) -distinct $(SCALE_DISTINCT) -timeout $(SCALE_TIMEOUT) -mem "$(SCALE_MEM)"

## compare-peers: simbench's shingling and sketches against the Go peers on one synthetic corpus, then a PASS or FAIL line per speed target (eval/peers, a module of its own; flags with ARGS="...")
.PHONY: compare-peers
compare-peers:
	cd eval/peers && $(GO) run . $(ARGS)

clean:
	rm -f simbench
	rm -rf gold/dpil gold/msrp
