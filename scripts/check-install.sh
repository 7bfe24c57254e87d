#!/usr/bin/env bash
# Checks `make install`, `make uninstall` and `make deb` the way a person would use what they put down
# (`make check-install`, run by .ci/run after `make test`):
#   - install into a temporary DESTDIR: exactly the expected files; the binary answers --version (VERSION and
#     this checkout's commit) and --help; each completion script is found in its conventional folder by its
#     shell (bash through bash-completion's loader, zsh through fpath and compinit, fish through
#     XDG_DATA_DIRS) and completes a subcommand and a file argument; `man -l` renders the page without warnings, with a section
#     per subcommand; PREFIX moves everything; uninstall removes exactly what install put down
#   - scripts/build-info.sh: the version and commit a build records, and "unknown" outside a checkout
#   - the .deb: dpkg-deb --info/--contents list what is expected, `dpkg -x` gives a binary that starts,
#     lintian reports no errors (its warnings are printed)
set -euo pipefail
cd "$(dirname "$0")/.."
make=${MAKE:-make}
version=$(tr -d ' \t\r\n' <VERSION)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/darkroom-check-install.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
failures=0

pass() { echo "ok   $*"; }
fail() { echo "FAIL $*" >&2; failures=$((failures + 1)); }
check() { # check DESCRIPTION COMMAND...: passes when the command succeeds; its output is shown on failure
    local description=$1
    shift
    if "$@" >"$scratch/output" 2>&1; then
        pass "$description"
    else
        fail "$description"
        sed 's/^/     /' "$scratch/output" >&2
    fi
}
# Lines of $2 (a file) that are not in $1 (a file), and the other way round, as a message.
same_lines() {
    local expected=$1 actual=$2
    if diff <(sort "$expected") <(sort "$actual") >"$scratch/diff"; then return 0; fi
    sed 's/^/     /' "$scratch/diff" >&2
    return 1
}

# --- build-info.sh: what a build records ---------------------------------------------------------------
info=$scratch/build-info
mkdir -p "$info/plain" "$info/repo"
cp VERSION "$info/plain/"
scripts/build-info.sh "$info/plain" "$info/plain.swift"
check "build-info: outside a git checkout the commit is unknown" grep -q 'static let commit = "unknown"' "$info/plain.swift"
check "build-info: the version is VERSION's" grep -q "static let version = \"$version\"" "$info/plain.swift"
(
    cd "$info/repo"
    git init -q && echo 9.8.7 >VERSION && git add VERSION
    git -c user.name=check -c user.email=check@example.org commit -q -m one
    git -c user.name=check -c user.email=check@example.org tag -a -m 9.8.7 v9.8.7
) && scripts/build-info.sh "$info/repo" "$info/tagged.swift"
check "build-info: a tagged checkout records git describe" grep -q 'static let commit = "v9.8.7"' "$info/tagged.swift"
echo 9.8.8 >"$info/repo/VERSION"
scripts/build-info.sh "$info/repo" "$info/dirty.swift"
check "build-info: an edited checkout is marked dirty" grep -q 'static let commit = "v9.8.7-dirty"' "$info/dirty.swift"
check "build-info: the edited VERSION is read" grep -q 'static let version = "9.8.8"' "$info/dirty.swift"
mkdir -p "$info/repo/inner" && cp VERSION "$info/repo/inner/"
scripts/build-info.sh "$info/repo/inner" "$info/inner.swift"
check "build-info: a package inside someone else's checkout is unknown" grep -q 'static let commit = "unknown"' "$info/inner.swift"
echo '1.0 beta' >"$info/plain/VERSION"
check "build-info: a malformed VERSION stops the build" bash -c '! scripts/build-info.sh "$1" "$2" 2>/dev/null' _ "$info/plain" "$info/bad.swift"

# --- make install into a temporary DESTDIR -------------------------------------------------------------
dest=$scratch/dest
prefix=/usr/local
"$make" --no-print-directory install DESTDIR="$dest" >"$scratch/install.log" 2>&1 || { cat "$scratch/install.log" >&2; fail "make install"; exit 1; }
pass "make install DESTDIR=$dest"
(cd "$dest" && find . -type f | sed 's|^\.||') >"$scratch/installed"
printf '%s\n' "$prefix/bin/darkroom" "$prefix/share/man/man1/darkroom.1" \
    "$prefix/share/bash-completion/completions/darkroom" "$prefix/share/zsh/site-functions/_darkroom" \
    "$prefix/share/fish/vendor_completions.d/darkroom.fish" >"$scratch/expected"
check "install: exactly the binary, the man page and three completion scripts" same_lines "$scratch/expected" "$scratch/installed"
check "install: the binary is executable, the rest is not" bash -c \
    '[[ -x $1/bin/darkroom ]] && ! find "$1/share" -type f -perm /111 | grep -q .' _ "$dest$prefix"
installed_bytes=$(stat -c %s "$dest$prefix/bin/darkroom")
check "install: the binary is stripped (no symbol table; $installed_bytes bytes, the build's $(stat -c %s .build/release/darkroom))" \
    bash -c '! readelf -S "$1" | grep -q "\.symtab" && readelf -S "$2" | grep -q "\.symtab"' _ "$dest$prefix/bin/darkroom" .build/release/darkroom
# Full Foundation (String(format:), NSString, CharacterSet, Process, `contains` on a String with Foundation imported…)
# links CoreFoundation and ICU's data, 34 MB of the 75 MB it used to weigh; the shipped modules import
# FoundationEssentials. Fails naming the symbols when either is back.
check "install: no full Foundation or ICU in the binary (FoundationEssentials only)" \
    bash -c '! nm "$1" | grep -E " (icudt[0-9]+_dat|_CFRuntimeCreateInstance)$"' _ .build/release/darkroom

bin=$dest$prefix/bin
export PATH="$bin:$PATH"
reported=$(darkroom --version)
expected_commit=$(git describe --always 2>/dev/null || echo unknown)
if [[ "$reported" =~ ^darkroom\ ${version//./\\.}\ \(commit\ ([^\)]+)\)$ ]] && [[ "${BASH_REMATCH[1]}" == "$expected_commit"* ]]; then
    pass "darkroom --version: $reported"
else
    fail "darkroom --version printed '$reported', expected 'darkroom $version (commit $expected_commit…)'"
fi
help=$(darkroom --help)
check "darkroom --help lists generate, ls and show" bash -c 'grep -qw generate <<<"$1" && grep -qw ls <<<"$1" && grep -qw show <<<"$1"' _ "$help"

# Completions: each shell finds the script where it was installed and completes "darkroom ge" to generate.
share=$dest$prefix/share
bash_completions=$(XDG_DATA_DIRS=$share HOME=$scratch bash --norc --noprofile -c '
    source /usr/share/bash-completion/bash_completion
    __load_completion darkroom || exit 1
    function=$(complete -p darkroom | sed -n "s/.*-F \([^ ]*\) .*/\1/p")
    COMP_WORDS=(darkroom ge) COMP_CWORD=1 COMP_LINE="darkroom ge" COMP_POINT=11
    "$function" darkroom ge darkroom
    printf "%s\n" "${COMPREPLY[@]}"' 2>&1) || true
check "bash: bash-completion loads the script from share/bash-completion/completions and completes 'darkroom ge'" \
    grep -qx 'generate' <<<"$bash_completions"

zsh_completions=$(HOME=$scratch zsh -f "$PWD/scripts/zsh-complete.zsh" "$share/zsh/site-functions" 'darkroom ge' 2>&1) || true
check "zsh: compinit finds _darkroom in share/zsh/site-functions and completes 'darkroom ge'" grep -qx 'generate' <<<"$zsh_completions"
check "zsh: share/zsh/site-functions under /usr/local is on zsh's own fpath" \
    zsh -f -c '(( ${fpath[(Ie)/usr/local/share/zsh/site-functions]} ))'

fish_completions=$(XDG_DATA_DIRS=$share HOME=$scratch fish -c 'complete -C "darkroom ge"' 2>&1) || true
check "fish: vendor_completions.d under XDG_DATA_DIRS is read and completes 'darkroom ge'" \
    grep -q '^generate' <<<"$fish_completions"

# File arguments complete to file names (they offered nothing): `darkroom show c` in a folder holding cat.png.
files=$scratch/files zsh_complete=$PWD/scripts/zsh-complete.zsh
mkdir -p "$files" && touch "$files/cat.png"
bash_files=$(cd "$files" && XDG_DATA_DIRS=$share HOME=$scratch bash --norc --noprofile -c '
    source /usr/share/bash-completion/bash_completion
    __load_completion darkroom || exit 1
    function=$(complete -p darkroom | sed -n "s/.*-F \([^ ]*\) .*/\1/p")
    COMP_WORDS=(darkroom show c) COMP_CWORD=2 COMP_LINE="darkroom show c" COMP_POINT=15
    "$function" darkroom c show
    printf "%s\n" "${COMPREPLY[@]}"' 2>&1) || true
check "bash: 'darkroom show c' completes the file cat.png" grep -qx 'cat.png' <<<"$bash_files"
zsh_files=$(cd "$files" && HOME=$scratch zsh -f "$zsh_complete" "$share/zsh/site-functions" 'darkroom show c' 2>&1) || true
check "zsh: 'darkroom show c' completes the file cat.png" grep -qx 'cat.png' <<<"$zsh_files"
fish_files=$(cd "$files" && XDG_DATA_DIRS=$share HOME=$scratch fish -c 'complete -C "darkroom show c"' 2>&1) || true
check "fish: 'darkroom show c' completes the file cat.png" grep -q '^cat.png' <<<"$fish_files"

# The man page: rendered by man(1) without warnings, a section per subcommand with its options.
page=$dest$prefix/share/man/man1/darkroom.1
no_warnings() { ! [[ -s $1 ]] || { cat "$1"; false; }; }
LC_ALL=C MANWIDTH=100 man --warnings -l "$page" 2>"$scratch/man-warnings-ascii" >/dev/null || fail "man -l $page (C locale)"
check "man -l renders the page without warnings in the C locale" no_warnings "$scratch/man-warnings-ascii"
rendered=$(LC_ALL=C.UTF-8 MANWIDTH=100 man --warnings -l "$page" 2>"$scratch/man-warnings") || fail "man -l $page"
check "man -l renders the page without warnings in a UTF-8 locale" no_warnings "$scratch/man-warnings"
for heading in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS; do
    grep -qx "$heading" <<<"$rendered" || fail "man page: no $heading section"
done
for command in generate ls show; do
    check "man page: a section for darkroom $command" grep -qE "^   darkroom $command\$" <<<"$rendered"
done
check "man page: generate's --seed is described" grep -qE '^ +--seed seed$' <<<"$rendered"
check "man page: the footer names darkroom $version" grep -q "darkroom $version" <<<"$rendered"

# PREFIX moves everything; uninstall removes what install put down and nothing beside it.
"$make" --no-print-directory install DESTDIR="$scratch/opt" PREFIX=/opt/darkroom >/dev/null 2>&1
check "install PREFIX=/opt/darkroom: the binary lands in /opt/darkroom/bin and runs" "$scratch/opt/opt/darkroom/bin/darkroom" --version
touch "$bin/someone-elses-tool" "$share/man/man1/someone-else.1"
"$make" --no-print-directory uninstall DESTDIR="$dest" >/dev/null
(cd "$dest" && find . -type f | sed 's|^\.||') >"$scratch/left"
printf '%s\n' "$prefix/bin/someone-elses-tool" "$prefix/share/man/man1/someone-else.1" >"$scratch/expected-left"
check "uninstall: removes exactly the installed files" same_lines "$scratch/expected-left" "$scratch/left"

# --- make deb ------------------------------------------------------------------------------------------
"$make" --no-print-directory deb >"$scratch/deb.log" 2>&1 || { cat "$scratch/deb.log" >&2; fail "make deb"; exit 1; }
deb=dist/darkroom_${version}_$(dpkg-architecture -qDEB_HOST_ARCH).deb
[[ -f $deb ]] || { fail "make deb wrote no $deb"; exit 1; }
pass "make deb: $deb"
dpkg-deb --info "$deb" >"$scratch/info"
check "deb info: package darkroom, version $version" bash -c \
    'grep -qx " Package: darkroom" "$1" && grep -qx " Version: $2" "$1"' _ "$scratch/info" "$version"
depends=$(sed -n 's/^ Depends: //p' "$scratch/info")
check "deb info: Depends has the libraries dpkg-shlibdeps found (libc6) and the font ($depends)" \
    bash -c '[[ $1 == *libc6* && $1 == *fonts-dejavu-core* ]]' _ "$depends"
recommends=$(sed -n 's/^ Recommends: //p' "$scratch/info")
check "deb info: Recommends has the fallback fonts ($recommends)" test "$recommends" = "fonts-droid-fallback, fonts-symbola"
dpkg-deb --contents "$deb" | awk '{print $6}' | sed 's|^\.||' | grep -v '/$' >"$scratch/contents"
for path in /usr/bin/darkroom /usr/share/man/man1/darkroom.1.gz /usr/share/bash-completion/completions/darkroom \
    /usr/share/zsh/vendor-completions/_darkroom /usr/share/fish/vendor_completions.d/darkroom.fish \
    /usr/share/doc/darkroom/copyright /usr/share/doc/darkroom/changelog.gz /usr/share/doc/darkroom/README.md \
    /usr/share/doc/darkroom/template.yaml; do
    check "deb contents: $path" grep -qx "$path" "$scratch/contents"
done
root=$scratch/deb-root
dpkg -x "$deb" "$root"
check "deb: the extracted binary starts (--version)" "$root/usr/bin/darkroom" --version
check "deb: the extracted binary starts (generate --help)" "$root/usr/bin/darkroom" generate --help
check "deb: the zsh script lands where Debian's zsh looks" \
    zsh -f -c '(( ${fpath[(Ie)/usr/share/zsh/vendor-completions]} ))'
lintian --tag-display-limit 0 "$deb" >"$scratch/lintian" 2>&1 || true
if grep -q '^E:' "$scratch/lintian"; then
    fail "lintian: errors"
    grep '^E:' "$scratch/lintian" | sed 's/^/     /' >&2
else
    pass "lintian: no errors"
fi
grep -E '^(W|I):' "$scratch/lintian" | sed 's/^/     lintian /' || true

if ((failures)); then
    echo "check-install: $failures check(s) failed" >&2
    exit 1
fi
echo "check-install: all checks passed"
