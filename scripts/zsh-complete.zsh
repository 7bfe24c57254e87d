# Prints the matches zsh's completion system offers for a command line, one a line (scripts/check-install.sh).
# An interactive zsh runs on a pseudo-terminal (zsh/zpty) with FUNCTION_DIR first on fpath and compinit
# loaded; the line is typed followed by Tab. compadd is wrapped to write the matches it adds to a file, and a
# hook that runs after completion ends that shell.
#
# Usage: zsh -f scripts/zsh-complete.zsh FUNCTION_DIR 'darkroom ge'
emulate -L zsh
function_dir=$1
line=$2
zmodload zsh/zpty || { print -u2 "zsh-complete: zsh has no zpty module"; exit 1 }
work=$(mktemp -d) || exit 1
matches=$work/matches
cat >$work/setup.zsh <<SETUP
fpath=(${(q)function_dir} \$fpath)
autoload -Uz compinit && compinit -u -D
compadd() {
    # Calls that only collect matches into arrays (-O, -A, -D) add nothing; pass them through.
    if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then
        builtin compadd "\$@"
        return
    fi
    local -a added
    builtin compadd -A added "\$@"
    (( \${#added} )) && print -rl -- \$added >>${(q)matches}
    builtin compadd "\$@"
}
finish() { print -r -- __done__ >>${(q)matches}; exit }
comppostfuncs=(finish)
SETUP
zpty shell zsh -f -i
zpty -w shell "source ${(q)work}/setup.zsh"
zpty -w -n shell "$line"$'\t'
# The shell answers within a second; 30 leaves room for a loaded machine.
for attempt in {1..300}; do
    [[ -f $matches ]] && grep -qx __done__ $matches && break
    sleep 0.1
done
zpty -d shell
if [[ ! -f $matches ]] || ! grep -qx __done__ $matches; then
    print -u2 "zsh-complete: no completion finished for '$line' within 30 s"
    rm -rf $work
    exit 1
fi
grep -vx __done__ $matches | sort -u
rm -rf $work
