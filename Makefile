# dpa: build, test and check. `make test` is what CI runs (.ci/run).
GO ?= go
# make test runs each fuzz target for FUZZTIME (3 targets: 18 s in all);
# make fuzz runs each for FUZZLONG.
FUZZTIME ?= 6s
FUZZLONG ?= 5m
FUZZ_TARGETS = FuzzValidate:./internal/validate FuzzEscape:./internal/markdown FuzzBuild:./internal/build

.PHONY: build test lint golden bench fuzz check

# A static binary (no C library: dpa uses no cgo, and a static binary
# starts faster).
build:
	CGO_ENABLED=0 $(GO) build -o bin/dpa ./cmd/dpa

# The whole test suite: vet, unit and golden tests, testscript CLI tests,
# the official-text comparison and a short run of each fuzz target. The
# last lines name the check groups skipped for a missing tool (outside CI).
test:
	@test -z "$$(gofmt -l . | tee /dev/stderr)" || (echo "gofmt: files above need formatting" >&2; exit 1)
	$(GO) vet ./...
	$(GO) test -count=1 ./...
	cd third_party/fpdf && $(GO) test -count=1 .
	@for t in $(FUZZ_TARGETS); do \
		echo "fuzz $${t%%:*} for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$${t%%:*}$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 1s "$${t#*:}" || exit 1; \
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
		echo "fuzz $${t%%:*} for $(FUZZLONG)"; \
		$(GO) test -run '^$$' -fuzz "^$${t%%:*}$$" -fuzztime $(FUZZLONG) -fuzzminimizetime 30s "$${t#*:}" || exit 1; \
	done
