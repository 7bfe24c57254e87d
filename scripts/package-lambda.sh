#!/usr/bin/env bash
# Builds the Lambda function (custom runtime provided.al2023) and zips it for deployment:
#   dist/lambda-<arch>.zip   bootstrap (Swift runtime and libstdc++ linked statically) + lib/ with every
#                            shared library it loads beyond glibc and libgcc_s, found through an rpath
#                            of $ORIGIN/lib
#   dist/lambda.zip          the same file, the name assets/template.yaml deploys
# Checks before zipping: ldd finds every library, nothing but glibc and libgcc_s comes from the system,
# none of the app's libraries (SQLite, FreeType, libsixel, ncurses) is linked,
# the symbol versions needed are ones AL2023 ships (glibc 2.34, gcc 11), and the binary starts.
#
# Usage: scripts/package-lambda.sh            (architecture of this machine: x86_64 or arm64)
set -euo pipefail
cd "$(dirname "$0")/.."

swift=${SWIFT:-swift}
for tool in zip ldd objdump strip nm; do
    command -v "$tool" >/dev/null || { echo "package-lambda: $tool is missing; install it (apt-get install zip binutils)" >&2; exit 1; }
done
case "$(uname -m)" in
    x86_64) arch=x86_64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "package-lambda: Lambda runs x86_64 or arm64, not $(uname -m)" >&2; exit 1 ;;
esac
if [[ -n "${ARCH:-}" && "$ARCH" != "$arch" ]]; then
    echo "package-lambda: this machine builds $arch; build the $ARCH package on an $ARCH machine" >&2
    exit 1
fi
# Amazon Linux 2023 ships glibc 2.34 and gcc 11: a binary needing a newer symbol version would not load.
al2023_glibc=2.34
al2023_gcc=11
# What the Lambda image provides: glibc itself, and libgcc_s (glibc loads it for thread cancellation).
# Everything else is bundled.
system_libraries='^(linux-vdso|libc|libm|libdl|libpthread|librt|libutil|libresolv|libgcc_s|ld-linux[-a-z0-9_]*)\.so'
# Calls whose current glibc versions are newer than AL2023's; Sources/CGlibcCompat answers them.
compat_symbols=(hypot hypotf arc4random)

link_dir=.build/lambda-link
mkdir -p "$link_dir"
# libstdc++ is linked statically: the static Swift runtime needs a newer one than AL2023's, and the
# Lambda image need not have one at all. A directory holding only the archive makes -lstdc++ pick it.
libstdcxx=$(gcc -print-file-name=libstdc++.a)
[[ -f "$libstdcxx" ]] || { echo "package-lambda: libstdc++.a is missing; install it (apt-get install libstdc++-12-dev)" >&2; exit 1; }
ln -sf "$libstdcxx" "$link_dir/libstdc++.a"
# The compat names stay out of the exported symbols, or the loader would bind the versioned calls inside
# the compat functions back to the bootstrap itself.
echo "{ global: *; local: $(printf '%s; ' "${compat_symbols[@]}")};" >"$link_dir/exports.map"
link_flags=(-Xlinker --disable-new-dtags -Xlinker -rpath -Xlinker '$ORIGIN/lib'
    -Xlinker -L -Xlinker "$PWD/$link_dir" -Xlinker "--version-script=$PWD/$link_dir/exports.map")
for symbol in "${compat_symbols[@]}"; do
    link_flags+=(-Xlinker "--defsym=$symbol=darkroom_compat_$symbol")
done

echo "package-lambda: building bootstrap (release, static Swift runtime and libstdc++) for $arch"
"$swift" build -c release --product bootstrap --static-swift-stdlib "${link_flags[@]}"
binary="$("$swift" build -c release --show-bin-path)/bootstrap"

# Entry points of the app's libraries, should any be linked into bootstrap statically.
app_symbols='^(sqlite3_open_v2|sqlite3_prepare_v2|FT_Init_FreeType|FT_New_Face|sixel_encoder_new|sixel_output_new|initscr|newterm|tigetnum)$'
linked=$(nm --defined-only --format=posix "$binary" 2>/dev/null | awk '{ print $1 }' | grep -E "$app_symbols" || true)
if [[ -n "$linked" ]]; then
    echo "package-lambda: bootstrap contains code only the app needs:" >&2
    echo "$linked" >&2
    exit 1
fi

stage=dist/lambda-$arch
rm -rf "$stage" "dist/lambda-$arch.zip"
mkdir -p "$stage/lib"
cp "$binary" "$stage/bootstrap"
strip "$stage/bootstrap"

# Copy the shared libraries the system resolves (the whole closure, as ldd lists it), except the system's.
while read -r name path; do
    [[ "$name" =~ $system_libraries ]] && continue
    cp -L "$path" "$stage/lib/$name"
done < <(ldd "$stage/bootstrap" | awk '$2 == "=>" && $3 ~ /^\// { print $1, $3 }')

# Check: nothing missing, and every non-glibc library now comes from the package itself.
listing=$(ldd "$stage/bootstrap")
if grep -q "not found" <<<"$listing"; then
    echo "package-lambda: missing libraries:" >&2
    grep "not found" <<<"$listing" >&2
    exit 1
fi
# Check: the libraries only the app needs (SQLite, FreeType, libsixel, ncurses) never reach the function,
# neither as shared libraries (here) nor linked in statically (the symbol check before stripping, above).
app_only='^(libsqlite3|libfreetype|libsixel|libncurses|libncursesw|libtinfo|libpanel|libmenu|libform)[.-]'
leaked=$(awk '$2 == "=>" || $1 ~ /\.so/ { print $1 }' <<<"$listing" | grep -E "$app_only" || true)
if [[ -n "$leaked" ]]; then
    echo "package-lambda: bootstrap links libraries only the app needs:" >&2
    echo "$leaked" >&2
    exit 1
fi
outside=$(awk '$2 == "=>" && $3 ~ /^\// { print $1, $3 }' <<<"$listing" | grep -Ev "^[^ ]+ $PWD/$stage/lib/" | grep -Ev "$system_libraries" || true)
if [[ -n "$outside" ]]; then
    echo "package-lambda: libraries still loaded from the build machine:" >&2
    echo "$outside" >&2
    exit 1
fi

# Check: the newest glibc, libgcc_s and libstdc++ symbol versions anything in the package needs.
versions=$(for file in "$stage/bootstrap" "$stage"/lib/*; do objdump -T "$file" | grep -F '*UND*'; done)
newest() { grep -o "$1_[0-9.]*" <<<"$versions" | sed "s/$1_//" | sort -Vu | tail -1; }
needed=$(newest GLIBC)
needed_gcc=$(newest GCC)
at_most() { [[ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | tail -1)" == "$2" ]]; }
problems=()
at_most "$needed" "$al2023_glibc" || problems+=("glibc $needed (AL2023 has $al2023_glibc)")
at_most "${needed_gcc:-0}" "$al2023_gcc" || problems+=("libgcc_s GCC_$needed_gcc (AL2023 has gcc $al2023_gcc)")
grep -q "GLIBCXX_" <<<"$versions" && problems+=("the system's libstdc++ (it should be linked statically)")
if (( ${#problems[@]} )); then
    echo "package-lambda: the package needs ${problems[*]}" >&2
    exit 1
fi

# Check: no versioned call binds back into the bootstrap (what --defsym would do to an exported name).
self_bound=$(env -i LD_BIND_NOW=1 LD_DEBUG=bindings "$stage/bootstrap" 2>&1 \
    | grep -F "binding file $stage/bootstrap [0] to $stage/bootstrap [0]" | grep "\[GLIBC_" || true)
if [[ -n "$self_bound" ]]; then
    echo "package-lambda: glibc calls bound to the bootstrap itself:" >&2
    echo "$self_bound" >&2
    exit 1
fi

# Check: it loads and runs. Outside Lambda it must stop with its configuration error, not a loader error.
set +e
started=$(env -i "$stage/bootstrap" 2>&1)
set -e
if ! grep -q "AWS_LAMBDA_RUNTIME_API" <<<"$started"; then
    echo "package-lambda: bootstrap did not start: $started" >&2
    exit 1
fi

(cd "$stage" && zip -q -r -9 "../lambda-$arch.zip" bootstrap lib)
ln -f "dist/lambda-$arch.zip" dist/lambda.zip
echo "package-lambda: dist/lambda-$arch.zip ($(du -h "dist/lambda-$arch.zip" | cut -f1)), $(ls "$stage/lib" | wc -l) bundled libraries, needs glibc $needed"
