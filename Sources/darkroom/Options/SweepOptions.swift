import ArgumentParser

/// `generate`'s options that make a sweep of images rather than one, shown under their own heading in its help.
struct SweepOptions: ParsableArguments {
    @Option(name: .customLong("sweep"), help: ArgumentHelp(
        "A sweep axis: NAME=VALUES (cfg_scale=4,7,10, steps=20-50:10) or \"S/R find,replacement,...\"; repeat for Y and Z.",
        valueName: "axis"))
    var axes: [String] = []

    @Option(help: ArgumentHelp("A file of prompts, one a line (# comments): a sweep axis of whole prompts.", valueName: "file"),
            completion: .file())
    var prompts: String?

    @Option(help: ArgumentHelp("Also write a sweep's contact sheet PNG here.", valueName: "file"), completion: .file(extensions: ["png"]))
    var sheet: String?

    @Flag(help: "Run a sweep on a paid backend even above sweep_confirm_over images.")
    var yes = false

    /// Whether these options ask for a sweep (an axis or a prompts file) rather than one image.
    var isSweep: Bool { !axes.isEmpty || prompts != nil }
}
