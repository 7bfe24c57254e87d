#!/usr/bin/env bash
# The README's two opening screenshots, made as a person would see them: the app in kitty (Xvfb, 120x34 cells) on
# the local stack, with a 3x2 sweep and two single images in a fresh home folder; first the gallery and the preview,
# then the sweep's grid opened from the Jobs panel. Needs what `make test` installs (Xvfb, kitty, xdotool,
# ImageMagick). Writes docs/screenshots/app-kitty-local-stack.png and app-kitty-sweep-grid.png.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH
swift build --product darkroom
darkroom="$PWD/.build/debug/darkroom"
out="$PWD/docs/screenshots"
home=$(mktemp -d)
display=:$((70 + RANDOM % 20))
cleanup() {
    kill "${kitty:-}" "${xvfb:-}" 2>/dev/null || true
    rm -rf "$home"
}
trap cleanup EXIT

run() { env -i HOME="$home" PATH="$PATH" LANG=C.UTF-8 "$darkroom" "$@" > /dev/null; }
run generate "a lighthouse on a cliff at dusk" --seed 42 --sweep cfg_scale=4,8,12 --sweep steps=20,40
sleep 1
run generate "a paper boat on a pond" --seed 7
sleep 1
run generate "a mountain lake at sunrise" --seed 42

Xvfb "$display" -screen 0 1280x800x24 > /dev/null 2>&1 &
xvfb=$!
sleep 1
export DISPLAY=$display
env -i HOME="$home" PATH="$PATH" DISPLAY="$display" LANG=C.UTF-8 LIBGL_ALWAYS_SOFTWARE=1 \
    kitty --config NONE -o background=#111111 -o window_padding_width=0 -o remember_window_size=no \
    -o initial_window_width=120c -o initial_window_height=34c -o font_size=10 "$darkroom" > /dev/null 2>&1 &
kitty=$!
window=""
for _ in $(seq 1 50); do
    window=$(xdotool search --class kitty 2>/dev/null | head -1) && [ -n "$window" ] && break
    sleep 0.2
done
[ -n "$window" ] || { echo "kitty did not open a window" >&2; exit 1; }

shot() {
    sleep "$2"
    import -display "$display" -window "$window" "$out/$1"
    echo "$out/$1"
}
# The gallery loads, the newest image is selected and its preview drawn in pixels.
shot app-kitty-local-stack.png 8
# Tab to the Jobs panel (prompt, parameters, jobs), Enter on the sweep: its grid in the preview.
xdotool key --window "$window" Tab Tab Return
shot app-kitty-sweep-grid.png 6
xdotool key --window "$window" ctrl+c
