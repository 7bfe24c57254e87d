#!/usr/bin/env bash
# Every module a target imports must be a direct dependency of that target in Package.swift (SwiftPM's own
# check accepts transitive ones). Compares `swift package dump-package` with the `import` lines of each
# target's Swift files. Needs no build and no resolved packages: it runs on a clean clone in about a second.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT="${SWIFT:-swift}"
manifest="$("$SWIFT" package dump-package)"
PYTHON="$(command -v python3)"
MANIFEST="$manifest" "$PYTHON" - <<'PY'
import json, os, re, sys

# Modules of the toolchain and the OS: never package dependencies.
SYSTEM = {
    "Foundation", "FoundationEssentials", "FoundationNetworking", "FoundationXML", "Glibc", "Musl", "Darwin",
    "Dispatch", "Synchronization", "Testing", "XCTest", "_Concurrency", "_StringProcessing", "Observation",
    "RegexBuilder", "Swift", "os", "WinSDK", "Android",
}
package = json.loads(os.environ["MANIFEST"])
targets = {t["name"]: t for t in package["targets"]}
# Multi-line string literals (Python scripts for test peers, expected output) and comments hold no imports.
literal = re.compile(r'(#*)"""[\s\S]*?"""\1|//[^\n]*|/\*[\s\S]*?\*/')
import_line = re.compile(r"^\s*(?:@[\w()]+\s+)*import\s+(?:(?:struct|class|enum|protocol|typealias|func|var|let)\s+)?([A-Za-z_]\w*)", re.M)
problems = []
for name, target in sorted(targets.items()):
    if target["type"] == "system":
        continue
    declared = set()
    for dependency in target["dependencies"]:
        for kind in ("byName", "target", "product"):
            if kind in dependency:
                # A target named `darkroom-manual` is imported as the module `darkroom_manual`.
                declared.add(dependency[kind][0].replace("-", "_"))
    folder = target.get("path") or ("Tests/" if target["type"] == "test" else "Sources/") + name
    imported = {}
    for root, _, files in os.walk(folder):
        for file in files:
            if not file.endswith(".swift"):
                continue
            path = os.path.join(root, file)
            with open(path, encoding="utf-8") as handle:
                for module in import_line.findall(literal.sub("", handle.read())):
                    imported.setdefault(module, path)
    for module, path in sorted(imported.items()):
        if module in SYSTEM or module == name.replace("-", "_") or module in declared:
            continue
        problems.append(f"{name} imports {module} ({path}) without declaring it in Package.swift; add it to the target's dependencies.")
for problem in problems:
    print(problem, file=sys.stderr)
if problems:
    sys.exit(1)
print(f"check-imports: every import of {sum(t['type'] != 'system' for t in targets.values())} targets is a declared dependency.")
PY
