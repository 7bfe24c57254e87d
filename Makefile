# darkroom — the two fresh-machine commands are `make run` and `make test`.
SWIFT ?= swift
BUILD_FLAGS ?=
# Release binaries carry the Swift runtime and Foundation statically: `darkroom show` starts in
# about half the time, which is most of a thumbnail's wall time (see `darkroom-bench imaging`).
RELEASE_FLAGS ?= --static-swift-stdlib
BENCHES ?= imaging s3 backend serve tui sweeps graphics

.PHONY: run test build release bench lambda setup setup-test clean fuzz test-asan
.PHONY: install uninstall deb check-install

run: setup build
	$(SWIFT) run $(BUILD_FLAGS) darkroom $(ARGS)

test: setup-test
	$(SWIFT) test $(BUILD_FLAGS)

build:
	$(SWIFT) build $(BUILD_FLAGS)

# The Lambda package for this machine's architecture: dist/lambda-<arch>.zip (see docs/DEPLOY.md).
lambda: setup
	SWIFT=$(SWIFT) scripts/package-lambda.sh

# Only the shipped products: darkroom-fuzz reaches internals through @testable and builds only with -enable-testing
# (`make fuzz`), and the Lambda's bootstrap has its own build (`make lambda`).
RELEASE_PRODUCTS ?= darkroom darkroom-manual
release: setup
	@for product in $(RELEASE_PRODUCTS); do $(SWIFT) build -c release $(RELEASE_FLAGS) $(BUILD_FLAGS) --product $$product || exit 1; done
	@touch $(RELEASE_STAMP)

# Without --static-swift-stdlib: the bench links DarkroomTUITesting, whose `import Testing` is found only beside
# the dynamic standard library (usr/lib/swift/linux).
bench: setup-test
	@for product in darkroom darkroom-bench; do $(SWIFT) build -c release $(BUILD_FLAGS) --product $$product || exit 1; done
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
# apart in $(ASAN_SCRATCH) so the debug build stays. ASAN_SUITES narrows the suites run.
# ASAN_CORE=1 (CI) builds the package as Package.swift declares it with DARKROOM_CORE_ONLY set: the modules under the
# app and their five suites (Imaging, Threads, AWS, Core, Sweeps), with no package dependencies, in a scratch folder of
# its own.
# One test at a time: run in parallel under ASan on two cores, three timing tests waited 104 s for a stalled
# process (not triaged); serially the seven suites then here (430 tests) passed in about 7 minutes.
ifdef ASAN_CORE
ASAN_ENV := DARKROOM_CORE_ONLY=1
ASAN_SCRATCH ?= .build-asan-core
ASAN_SUITES ?= DarkroomImagingTests|DarkroomThreadsTests|DarkroomAWSTests|DarkroomCoreTests|DarkroomSweepsTests
endif
ASAN_SCRATCH ?= .build-asan
ASAN_SUITES ?= DarkroomImagingTests|DarkroomThreadsTests|DarkroomAWSTests|DarkroomCoreTests|DarkroomBackendTests|DarkroomSetupTests|DarkroomTUITests|DarkroomServerTests
test-asan: setup-test
	$(ASAN_ENV) $(SWIFT) build --build-tests --sanitize=address --scratch-path $(ASAN_SCRATCH) $(BUILD_FLAGS) \
		-Xcc -fsanitize=undefined -Xcc -fno-sanitize-recover=undefined
	LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan.supp:print_suppressions=0 \
		$(ASAN_ENV) $(SWIFT) test --skip-build --no-parallel --sanitize=address --scratch-path $(ASAN_SCRATCH) $(BUILD_FLAGS) --filter '$(ASAN_SUITES)'

# --- Installing (README "Install") ---------------------------------------------------------------------
# `make install` puts the release binary, its bash/zsh/fish completions and darkroom.1 under
# $(DESTDIR)$(PREFIX); `make uninstall` removes exactly those files. Completions and the man page are made
# by the binary itself (swift-argument-parser's --generate-completion-script and --experimental-dump-help,
# the latter turned into roff by the darkroom-manual tool), so they always match its --help.
# The installed binary is stripped of its symbol table as dh_strip would (a crash backtrace then shows addresses
# rather than function names); `make install STRIP=:` keeps the symbols.
STRIP ?= strip --strip-unneeded --remove-section=.comment --remove-section=.note
PREFIX ?= /usr/local
DESTDIR ?=
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
BASH_COMPLETION_DIR ?= $(PREFIX)/share/bash-completion/completions
ZSH_COMPLETION_DIR ?= $(PREFIX)/share/zsh/site-functions
FISH_COMPLETION_DIR ?= $(PREFIX)/share/fish/vendor_completions.d
DARKROOM_VERSION := $(shell cat VERSION)
INSTALLED_FILES = $(BINDIR)/darkroom $(MANDIR)/man1/darkroom.1 $(BASH_COMPLETION_DIR)/darkroom \
                  $(ZSH_COMPLETION_DIR)/_darkroom $(FISH_COMPLETION_DIR)/darkroom.fish
RELEASE_DIR := .build/release
# `make release` touches the stamp; install and deb build again only when a source is newer than it or
# HEAD moved (git's reflog: a commit or checkout changes what --version names), so `make release && sudo
# make install` builds nothing as root (where swift is often not on PATH).
RELEASE_STAMP := .build/release.stamp
RELEASE_INPUTS := $(shell find Sources Plugins -type f 2>/dev/null) Package.swift VERSION scripts/build-info.sh \
                  $(wildcard $(shell git rev-parse --git-path logs/HEAD 2>/dev/null))
# The man page's date: the commit's, so the same tree gives the same page (reproducible builds).
MAN_EPOCH = $(or $(SOURCE_DATE_EPOCH),$(shell git log -1 --format=%ct 2>/dev/null))

$(RELEASE_STAMP): $(RELEASE_INPUTS)
	$(MAKE) release

install: $(RELEASE_STAMP)
	install -d $(sort $(dir $(addprefix $(DESTDIR),$(INSTALLED_FILES))))
	install -m 755 $(RELEASE_DIR)/darkroom $(DESTDIR)$(BINDIR)/darkroom
	$(STRIP) $(DESTDIR)$(BINDIR)/darkroom
	$(RELEASE_DIR)/darkroom --generate-completion-script bash >$(DESTDIR)$(BASH_COMPLETION_DIR)/darkroom
	$(RELEASE_DIR)/darkroom --generate-completion-script zsh >$(DESTDIR)$(ZSH_COMPLETION_DIR)/_darkroom
	$(RELEASE_DIR)/darkroom --generate-completion-script fish >$(DESTDIR)$(FISH_COMPLETION_DIR)/darkroom.fish
	$(RELEASE_DIR)/darkroom --experimental-dump-help | $(if $(MAN_EPOCH),SOURCE_DATE_EPOCH=$(MAN_EPOCH)) \
	    $(RELEASE_DIR)/darkroom-manual --source "darkroom $(DARKROOM_VERSION)" >$(DESTDIR)$(MANDIR)/man1/darkroom.1
	chmod 644 $(addprefix $(DESTDIR),$(filter-out $(BINDIR)/darkroom,$(INSTALLED_FILES)))

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED_FILES))

# dist/darkroom_<version>_<arch>.deb: `make install` into a staging root under /usr, plus the docs, the SAM
# template and the copyright file; Depends from dpkg-shlibdeps (see scripts/package-deb.sh).
deb: $(RELEASE_STAMP)
	MAKE="$(MAKE)" scripts/package-deb.sh

# Installs into a temporary DESTDIR and checks what landed, then builds and checks the .deb (.ci/run).
check-install: setup-test
	MAKE="$(MAKE)" scripts/check-install.sh
