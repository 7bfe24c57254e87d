# darkroom — the two fresh-machine commands are `make run` and `make test`.
SWIFT ?= swift
BUILD_FLAGS ?=

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
	$(SWIFT) build -c release $(BUILD_FLAGS)

bench: setup-test
	$(SWIFT) build -c release $(BUILD_FLAGS)
	$(SWIFT) run -c release $(BUILD_FLAGS) darkroom bench all

setup:
	@scripts/setup.sh

setup-test:
	@scripts/setup.sh --test

clean:
	rm -rf .build dist
