/// The part of swift-argument-parser's `--experimental-dump-help` output (ToolInfo, serialization version 0)
/// a manual page needs. The library keeps its own ToolInfo types out of its products, so they are read here.
struct ToolInfo: Decodable {
    var serializationVersion: Int
    var command: CommandInfo
}

/// One command of the tree: the root or a subcommand, with its arguments and its own subcommands.
struct CommandInfo: Decodable {
    var superCommands: [String]?
    var commandName: String
    var aliases: [String]?
    var abstract: String?
    var discussion: String?
    var defaultSubcommand: String?
    var subcommands: [CommandInfo]?
    var arguments: [ArgumentInfo]?
    var shouldDisplay: Bool?

    /// The words that run it: `darkroom generate`.
    var path: [String] { (superCommands ?? []) + [commandName] }
    var isDisplayed: Bool { shouldDisplay ?? true }
    var displayedArguments: [ArgumentInfo] { (arguments ?? []).filter(\.shouldDisplay) }
    var displayedSubcommands: [CommandInfo] { (subcommands ?? []).filter(\.isDisplayed) }
}

/// One positional argument, option or flag.
struct ArgumentInfo: Decodable {
    enum Kind: String, Decodable {
        case positional, option, flag
    }

    struct Name: Decodable {
        enum Kind: String, Decodable {
            case long, short, longWithSingleDash
        }

        var kind: Kind
        var name: String

        /// As typed on the command line: `--seed`, `-h`.
        var spelled: String {
            switch kind {
            case .long: "--\(name)"
            case .short, .longWithSingleDash: "-\(name)"
            }
        }
    }

    var kind: Kind
    var shouldDisplay: Bool
    var sectionTitle: String?
    var isOptional: Bool
    var isRepeating: Bool
    var names: [Name]?
    var valueName: String?
    var defaultValue: String?
    var allValues: [String]?
    var allValueDescriptions: [String: String]?
    var abstract: String?
    var discussion: String?
}
