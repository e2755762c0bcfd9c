# dpa: build, test and check. `make test` is what CI runs (.ci/run).
GO ?= go
FUZZTIME ?= 10s

.PHONY: build test lint golden bench fuzz check

build:
	$(GO) build -o bin/dpa ./cmd/dpa

# The whole test suite: vet, unit and golden tests, testscript CLI tests,
# the official-text comparison and a short fuzz run of the loader.
test:
	@test -z "$$(gofmt -l . | tee /dev/stderr)" || (echo "gofmt: files above need formatting" >&2; exit 1)
	$(GO) vet ./...
	$(GO) test -count=1 ./...
	$(GO) test -run '^$$' -fuzz FuzzValidate -fuzztime $(FUZZTIME) -fuzzminimizetime 1s ./internal/validate

lint:
	@test -z "$$(gofmt -l . | tee /dev/stderr)"
	$(GO) vet ./...
	$(GO) mod tidy -diff

golden:
	UPDATE_GOLDEN=1 $(GO) test -count=1 ./...

# Speed and memory: Go benchmarks (in-process), then whole-process runs of
# dpa build with wall time and peak RSS.
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
	$(GO) run ./tools/bench -n 9 examples/two-modules/heron-maplewood.yaml
	$(GO) run ./tools/bench -clients 1000
	DPA_BENCH_PROCESS=1 $(GO) test -run '^$$' -bench VerifyProcess -benchtime 9x ./internal/verify

fuzz:
	$(GO) test -run '^$$' -fuzz FuzzValidate -fuzztime 60s -fuzzminimizetime 5s ./internal/validate
