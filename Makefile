# darkroom — the two fresh-machine commands are `make run` and `make test`.
SWIFT ?= swift
BUILD_FLAGS ?=
# Release binaries carry the Swift runtime and Foundation statically: `darkroom show` starts in
# about half the time, which is most of a thumbnail's wall time (see `darkroom-bench imaging`).
RELEASE_FLAGS ?= --static-swift-stdlib
BENCHES ?= imaging s3 backend serve tui

.PHONY: run test build release bench lambda setup setup-test clean

run: setup build
	$(SWIFT) run $(BUILD_FLAGS) darkroom $(ARGS)

test: setup-test
	$(SWIFT) test $(BUILD_FLAGS)

build:
	$(SWIFT) build $(BUILD_FLAGS)

# The Lambda package for this machine's architecture: dist/lambda-<arch>.zip (see docs/DEPLOY.md).
lambda: setup
	SWIFT=$(SWIFT) scripts/package-lambda.sh

release: setup
	$(SWIFT) build -c release $(RELEASE_FLAGS) $(BUILD_FLAGS)

bench: setup-test
	$(SWIFT) build -c release $(RELEASE_FLAGS) $(BUILD_FLAGS)
	@for area in $(BENCHES); do echo "== darkroom-bench $$area"; .build/release/darkroom-bench $$area || exit 1; done

setup:
	@scripts/setup.sh

setup-test:
	@scripts/setup.sh --test

clean:
	rm -rf .build dist
