import ArgumentParser
import Foundation

/// `--chafa`: the chafa the imaging and graphics areas run beside `darkroom show`, as whole processes.
struct ChafaComparison: ParsableArguments {
    @Option(help: "The chafa executable to compare with.")
    var chafa = "/usr/bin/chafa"

    /// Whether there is a chafa to compare with (the imaging area then prints darkroom's figures alone).
    var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: chafa) }
}
