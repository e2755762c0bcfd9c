# dpa: build, test and check. `make test` is what CI runs (.ci/run).
GO ?= go
# make test runs each fuzz target for a number of inputs (NAME:PACKAGE:COUNT,
# about 5 s each on the 2-core machine); make fuzz runs each for FUZZLONG.
# Counts, not durations: with a duration, Go 1.26's fuzzing coordinator can
# report "context deadline exceeded" as a failure when the time runs out
# while a worker is busy (go.dev/issue/75804, fixed in Go 1.27), which
# failed CI once with no failing input.
FUZZLONG ?= 5m
FUZZ_TARGETS = FuzzValidate:./internal/validate:2500 FuzzEscape:./internal/markdown:100000 FuzzBuild:./internal/build:1000

.PHONY: build test lint golden bench fuzz check

build:
	$(GO) build -o bin/dpa ./cmd/dpa

# The whole test suite: vet, unit and golden tests, testscript CLI tests,
# the official-text comparison and a short run of each fuzz target. The
# last lines name the check groups skipped for a missing tool (outside CI).
test:
	@test -z "$$(gofmt -l . | tee /dev/stderr)" || (echo "gofmt: files above need formatting" >&2; exit 1)
	$(GO) vet ./...
	$(GO) test -count=1 ./...
	cd third_party/fpdf && $(GO) test -count=1 .
	@for t in $(FUZZ_TARGETS); do \
		name=$${t%%:*}; rest=$${t#*:}; pkg=$${rest%%:*}; n=$${rest#*:}; \
		echo "fuzz $$name for $$n inputs"; \
		$(GO) test -run '^$$' -fuzz "^$$name$$" -fuzztime "$${n}x" -fuzzminimizetime 100x "$$pkg" || exit 1; \
	done
	@$(GO) run ./tools/skipped

lint:
	@test -z "$$(gofmt -l . | tee /dev/stderr)"
	$(GO) vet ./...
	$(GO) mod tidy -diff

golden:
	UPDATE_GOLDEN=1 $(GO) test -count=1 ./...

# Speed and memory: Go benchmarks (in-process), then whole-process runs:
# dpa version beside dpa validate of one description (start-up), and dpa
# build with wall time and peak RSS.
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
	$(GO) run ./tools/bench -startup -n 21 examples/two-modules/heron-maplewood.yaml
	$(GO) run ./tools/bench -n 9 examples/uk-swiss/aldgate-alpine.yaml
	$(GO) run ./tools/bench -n 9 examples/two-modules/heron-maplewood.yaml
	$(GO) run ./tools/bench -clients 1000
	DPA_BENCH_PROCESS=1 $(GO) test -run '^$$' -bench VerifyProcess -benchtime 9x ./internal/verify

# Each fuzz target for FUZZLONG (make fuzz FUZZLONG=30s for a quick one).
# A crasher is kept by go test under testdata/fuzz/<target> of its package:
# commit it with the fix, as a regression input.
fuzz:
	@for t in $(FUZZ_TARGETS); do \
		name=$${t%%:*}; rest=$${t#*:}; pkg=$${rest%%:*}; \
		echo "fuzz $$name for $(FUZZLONG)"; \
		$(GO) test -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZLONG) -fuzzminimizetime 30s "$$pkg" || exit 1; \
	done
