import Foundation
import PackagePlugin

/// Gives a target a generated `BuildInfo.swift`: the version from the package's `VERSION` file and the
/// commit it is built from (`git describe --always --dirty`, or "unknown" outside a git checkout).
///
/// A prebuild command, because it is the one kind of plugin command SwiftPM runs on every build: a
/// commit or an edit changes the description without touching any file a build command could declare
/// as its input. `scripts/build-info.sh` rewrites the file only when its text changes, so an unchanged
/// tree recompiles nothing. Plain `swift build`, `swift test` and `make release` all go through it.
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        let package = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appending(path: "BuildInfo")
        return [
            .prebuildCommand(
                displayName: "Writing BuildInfo.swift for \(target.name) (VERSION, git describe)",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [
                    package.appending(path: "scripts/build-info.sh").path,
                    package.path,
                    output.appending(path: "BuildInfo.swift").path,
                ],
                outputFilesDirectory: output
            ),
        ]
    }
}
