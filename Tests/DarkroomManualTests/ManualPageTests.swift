import Foundation
import Testing
@testable import darkroom_manual

/// The man page writer: roff escaping, and a page laid out from a command tree as `--help` shows it.
struct ManualPageTests {
    /// A tree shaped like `--experimental-dump-help` output: a root with a default subcommand, one displayed
    /// subcommand with a titled group and a nested subcommand, and one hidden subcommand.
    static let dump = #"""
    {"serializationVersion": 0, "command": {
      "commandName": "tool", "abstract": "A tool for things.", "defaultSubcommand": "make",
      "arguments": [{"kind": "flag", "shouldDisplay": true, "isOptional": true, "isRepeating": false,
                     "parsingStrategy": "default", "names": [{"kind": "long", "name": "version"}],
                     "abstract": "Show the version."}],
      "subcommands": [
        {"commandName": "make", "superCommands": ["tool"], "abstract": "Make one thing.",
         "discussion": "First paragraph.\n\n.A line that starts with a dot, and a \\ backslash.",
         "arguments": [
           {"kind": "positional", "shouldDisplay": true, "isOptional": false, "isRepeating": true,
            "parsingStrategy": "default", "valueName": "name", "abstract": "What to make."},
           {"kind": "option", "shouldDisplay": true, "isOptional": true, "isRepeating": false,
            "parsingStrategy": "default", "names": [{"kind": "long", "name": "size"}], "valueName": "size",
            "defaultValue": "10", "allValues": ["10", "20"], "abstract": "How big, 10–20."},
           {"kind": "option", "shouldDisplay": true, "isOptional": false, "isRepeating": false,
            "parsingStrategy": "default", "sectionTitle": "Place", "names": [{"kind": "long", "name": "bucket"}],
            "valueName": "bucket", "abstract": "Where it goes (`bucket` in the config)."},
           {"kind": "flag", "shouldDisplay": false, "isOptional": true, "isRepeating": false,
            "parsingStrategy": "default", "names": [{"kind": "long", "name": "secret-flag"}]}],
         "subcommands": [{"commandName": "twice", "superCommands": ["tool", "make"], "abstract": "Make two."}]},
        {"commandName": "hidden-thing", "superCommands": ["tool"], "shouldDisplay": false, "abstract": "Not shown."}]
    }}
    """#

    static func page() throws -> String {
        let info = try JSONDecoder().decode(ToolInfo.self, from: Data(dump.utf8))
        return ManualPage(root: info.command, date: "2026-01-02", source: "tool 1.0").render()
    }

    @Test func headerAndNameFollowManPageConventions() throws {
        let lines = try Self.page().split(separator: "\n").map(String.init)
        #expect(lines.contains(#".TH "TOOL" 1 "2026-01-02" "tool 1.0" "User Commands""#))
        // whatis entries: lower case, no full stop.
        #expect(lines.contains(#"tool \- a tool for things"#))
        #expect(lines.contains(#"With no command, \fBtool\fR runs \fBtool make\fR."#))
    }

    @Test func everyDisplayedSubcommandGetsASubsectionAndHiddenOnesNone() throws {
        let page = try Self.page()
        let headings = page.split(separator: "\n").filter { $0.hasPrefix(".SS ") }
        #expect(headings == [#".SS "tool make""#, #".SS "tool make twice""#])
        #expect(!page.contains("hidden"))
        #expect(!page.contains("secret"))
    }

    @Test func synopsisNamesRequiredOptionsAndPositionals() throws {
        let lines = try Self.page().split(separator: "\n").map(String.init)
        let synopsis = try #require(lines.firstIndex(of: #".B "tool make""#))
        #expect(lines[synopsis + 1] == #"\fIcommand\fR [\fIoptions\fR] \fB\-\-bucket\fR \fIbucket\fR \fIname\fR\&..."#)
    }

    @Test func argumentsAreGroupedAsHelpShowsThem() throws {
        let lines = try Self.page().split(separator: "\n").map(String.init)
        let groups = lines.filter { $0.hasPrefix(#"\fI"#) && $0.hasSuffix(#"\fR"#) && !$0.contains(" ") }
        #expect(groups.starts(with: [#"\fIArguments\fR"#, #"\fIPlace\fR"#, #"\fIOptions\fR"#]))
        #expect(lines.contains(#"How big, 10\[u2013]20. (values: 10, 20; default: 10)"#))
        #expect(lines.contains(#"Where it goes (\fBbucket\fR in the config)."#))
    }

    @Test func textThatRoffWouldMisreadIsEscaped() {
        #expect(Roff.text(".starts with a dot\n'and a quote") == "\\&.starts with a dot\n\\&'and a quote")
        #expect(Roff.text(#"a \ backslash"#) == #"a \e backslash"#)
        #expect(Roff.text("one ` tick stays") == "one ` tick stays")
        #expect(Roff.literal("--seed") == #"\-\-seed"#)
        #expect(Roff.text("get output-images/\u{2026}.png") == "get output-images/....png")
        #expect(Roff.quoted(#"say "hi""#) == #""say ""hi""""#)
    }

    @Test func whatisKeepsAcronymsAndDropsTheFullStop() {
        #expect(ManualPage.whatis("A terminal studio.") == "a terminal studio")
        #expect(ManualPage.whatis("AWS tools.") == "AWS tools")
    }
}
