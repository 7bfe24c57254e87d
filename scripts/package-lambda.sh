#!/usr/bin/env bash
# Builds the Lambda function (custom runtime provided.al2023) and zips it for deployment:
#   dist/lambda-<arch>.zip   bootstrap (Swift runtime linked statically) + lib/ with every shared library
#                            the Amazon Linux 2023 base image lacks, found through an rpath of $ORIGIN/lib
#   dist/lambda.zip          the same file, the name assets/template.yaml deploys
# Checks before zipping: ldd finds every library, nothing but glibc comes from the system, the glibc
# symbol versions needed are ones AL2023 ships (glibc 2.34), and the binary starts.
#
# Usage: scripts/package-lambda.sh            (architecture of this machine: x86_64 or arm64)
set -euo pipefail
cd "$(dirname "$0")/.."

swift=${SWIFT:-swift}
for tool in zip ldd objdump strip; do
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
# Amazon Linux 2023 ships glibc 2.34: a binary needing a newer symbol version would not load there.
al2023_glibc=2.34
# Libraries of glibc itself, always present on the Lambda image; everything else is bundled.
glibc_libraries='^(linux-vdso|libc|libm|libdl|libpthread|librt|libutil|libresolv|ld-linux[-a-z0-9_]*)\.so'

echo "package-lambda: building bootstrap (release, static Swift runtime) for $arch"
"$swift" build -c release --product bootstrap --static-swift-stdlib \
    -Xlinker --disable-new-dtags -Xlinker -rpath -Xlinker '$ORIGIN/lib'
binary="$("$swift" build -c release --show-bin-path)/bootstrap"

stage=dist/lambda-$arch
rm -rf "$stage" "dist/lambda-$arch.zip"
mkdir -p "$stage/lib"
cp "$binary" "$stage/bootstrap"
strip "$stage/bootstrap"

# Copy the shared libraries the system resolves (the whole closure, as ldd lists it), glibc excepted.
while read -r name path; do
    [[ "$name" =~ $glibc_libraries ]] && continue
    cp -L "$path" "$stage/lib/$name"
done < <(ldd "$stage/bootstrap" | awk '$2 == "=>" && $3 ~ /^\// { print $1, $3 }')

# Check: nothing missing, and every non-glibc library now comes from the package itself.
listing=$(ldd "$stage/bootstrap")
if grep -q "not found" <<<"$listing"; then
    echo "package-lambda: missing libraries:" >&2
    grep "not found" <<<"$listing" >&2
    exit 1
fi
outside=$(awk '$2 == "=>" && $3 ~ /^\// { print $1, $3 }' <<<"$listing" | grep -Ev "^[^ ]+ $PWD/$stage/lib/" | grep -Ev "$glibc_libraries" || true)
if [[ -n "$outside" ]]; then
    echo "package-lambda: libraries still loaded from the build machine:" >&2
    echo "$outside" >&2
    exit 1
fi

# Check: the newest glibc symbol version anything in the package needs.
needed=$(for file in "$stage/bootstrap" "$stage"/lib/*; do objdump -T "$file"; done \
    | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -Vu | tail -1)
if [[ "$(printf '%s\n%s\n' "$needed" "$al2023_glibc" | sort -V | tail -1)" != "$al2023_glibc" ]]; then
    echo "package-lambda: the package needs glibc $needed but Amazon Linux 2023 has $al2023_glibc;" \
         "build on a machine with glibc <= $al2023_glibc (for example the amazonlinux:2023 image with Swift)" >&2
    glibc_ok=0
else
    glibc_ok=1
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
(( glibc_ok )) || exit 2
