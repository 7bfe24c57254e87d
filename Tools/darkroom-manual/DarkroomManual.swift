import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `darkroom --experimental-dump-help | darkroom-manual --source "darkroom 1.2.3" > darkroom.1`: the man page,
/// from the same definitions `--help` and the completion scripts come from, so it cannot drift from the
/// binary. Used by `make install` and `make deb`; not installed itself.
///
/// swift-argument-parser's GenerateManual plugin would do this too, but it builds every product of the
/// package again in a configuration of its own (without `--static-swift-stdlib`, so it would relink the
/// release binary `make install` ships), and its single page lists subcommands as nested items rather than
/// giving each one a section.
@main
struct DarkroomManual: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "darkroom-manual",
        abstract: "Write a man page from a command's --experimental-dump-help output (read on standard input)."
    )

    @Option(help: "The date the page shows, YYYY-MM-DD (default: SOURCE_DATE_EPOCH's day, else today).")
    var date: String?

    @Option(help: "The page's source, shown in its footer: the program and its version, such as \"darkroom 1.2.3\".")
    var source: String

    func run() throws {
        var input = ""
        while let line = readLine(strippingNewline: false) {
            input += line
        }
        let info: ToolInfo
        do {
            info = try JSONDecoder().decode(ToolInfo.self, from: Data(input.utf8))
        } catch {
            throw ManualError.unreadableToolInfo(String(describing: error))
        }
        guard info.serializationVersion == 0 else {
            throw ManualError.unsupportedVersion(info.serializationVersion)
        }
        let page = ManualPage(root: info.command, date: try date ?? Self.defaultDate(), source: source)
        print(page.render(), terminator: "")
    }

    /// Reproducible builds set SOURCE_DATE_EPOCH; otherwise the page carries the day it was made (UTC).
    static func defaultDate() throws -> String {
        var date = Date.now
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] {
            guard let seconds = Double(epoch) else { throw ManualError.badSourceDateEpoch(epoch) }
            date = Date(timeIntervalSince1970: seconds)
        }
        return Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day().format(date)
    }
}

/// Why no page was written.
enum ManualError: Error, CustomStringConvertible {
    case unreadableToolInfo(String)
    case unsupportedVersion(Int)
    case badSourceDateEpoch(String)

    var description: String {
        switch self {
        case .unreadableToolInfo(let reason):
            "Standard input is not --experimental-dump-help output (\(reason)); pipe the command's dump into darkroom-manual."
        case .unsupportedVersion(let version):
            "The dump is ToolInfo version \(version) and darkroom-manual reads version 0; update darkroom-manual for the newer swift-argument-parser."
        case .badSourceDateEpoch(let value):
            "SOURCE_DATE_EPOCH is '\(value)', not a number of seconds; unset it or set it to seconds since 1970."
        }
    }
}
