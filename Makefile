# darkroom — the two fresh-machine commands are `make run` and `make test`.
SWIFT ?= swift
BUILD_FLAGS ?=
# Release binaries carry the Swift runtime and Foundation statically: `darkroom show` starts in
# about half the time, which is most of a thumbnail's wall time (see `darkroom-bench imaging`).
RELEASE_FLAGS ?= --static-swift-stdlib
BENCHES ?= imaging s3 backend serve tui sweeps

.PHONY: run test build release bench lambda setup setup-test clean fuzz test-asan

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

# libFuzzer with AddressSanitizer over every parser that faces the network or the user's files (Sources/DarkroomFuzz):
# each target runs FUZZ_SECONDS; any crash, leak or sanitizer report fails. One binary, only the modules it needs
# (no Hummingbird, no ArgumentParser), built apart in $(FUZZ_SCRATCH). The C shim gets UBSan too.
FUZZ_SECONDS ?= 10
FUZZ_SCRATCH ?= .build-fuzz
FUZZ_TARGETS ?=
fuzz: setup
	$(SWIFT) build -c release --product darkroom-fuzz --scratch-path $(FUZZ_SCRATCH) $(BUILD_FLAGS) \
		-Xswiftc -sanitize=fuzzer,address -Xswiftc -DDARKROOM_FUZZ -Xswiftc -enable-testing -Xswiftc -use-ld=lld \
		-Xcc -fsanitize=address,undefined -Xcc -fno-sanitize-recover=undefined
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_WORK=$(FUZZ_SCRATCH)/work scripts/fuzz.sh $(FUZZ_SCRATCH)/release/darkroom-fuzz $(FUZZ_TARGETS)

# The unit suites under AddressSanitizer (Swift has no UBSan; the C shims get -fsanitize=undefined too), built
# apart in $(ASAN_SCRATCH) so the debug build stays. ASAN_SUITES narrows it (CI: Imaging, AWS and Core).
ASAN_SCRATCH ?= .build-asan
ASAN_SUITES ?= DarkroomImagingTests|DarkroomAWSTests|DarkroomCoreTests|DarkroomBackendTests|DarkroomSetupTests|DarkroomTUITests|DarkroomServerTests
test-asan: setup-test
	$(SWIFT) build --build-tests --sanitize=address --scratch-path $(ASAN_SCRATCH) $(BUILD_FLAGS) \
		-Xcc -fsanitize=undefined -Xcc -fno-sanitize-recover=undefined
	$(SWIFT) test --skip-build --sanitize=address --scratch-path $(ASAN_SCRATCH) $(BUILD_FLAGS) --filter '$(ASAN_SUITES)'
