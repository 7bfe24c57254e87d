#!/usr/bin/env bash
# The README's screenshots of the app in kitty and in xterm -ti vt340, taken by the real-terminal tests' own
# recipe (Xvfb, the app on the local stack with the tests' pictures, ImageMagick `import`): the tests run and
# keep the first scored screenshot of each terminal's window in docs/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH
swift build --build-tests
DARKROOM_SCREENSHOTS="$PWD/docs/screenshots" swift test --skip-build --filter 'AppWalk'
ls -l docs/screenshots/app-*.png
