#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An AWS shared config or credentials file (`~/.aws/config`, `~/.aws/credentials`), parsed the tolerant
/// way the AWS CLI does: `#`/`;` comments, blank lines, whitespace around `=`, and indented sub-keys
/// under a key with an empty value (`s3 =` then `  addressing_style = path`, stored as `s3.addressing_style`).
struct SharedConfigFile: Sendable {
    enum Kind: Sendable { case config, credentials }

    /// Section name → key → value. Config file sections are stored by profile name (`[profile dev]` → `dev`);
    /// other config sections are stored as `section <title>` (`section services local`).
    private(set) var sections: [String: [String: String]] = [:]

    /// Reads the file at `path`; a missing file is an empty file, a malformed one an error naming the line.
    static func load(path: String, kind: Kind) throws(AWSConfigurationError) -> SharedConfigFile {
        guard FileManager.default.fileExists(atPath: path) else { return SharedConfigFile() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadableFile(path: path)
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path, kind: kind)
    }

    static func parse(_ text: String, path: String, kind: Kind) throws(AWSConfigurationError) -> SharedConfigFile {
        var file = SharedConfigFile()
        var section: String?
        var parentKey: String?
        // Lines end at "\n" or "\r\n": a file saved on Windows ends its lines with "\r\n", one Character in Swift.
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let lineNumber = index + 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let trimmed = line.trimming([" ", "\t"])
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            if trimmed.hasPrefix("[") {
                guard trimmed.hasSuffix("]") else {
                    throw .malformedFile(path: path, line: lineNumber, reason: "a section title is missing its closing ']'")
                }
                let title = trimmed.dropFirst().dropLast().trimming([" ", "\t"])
                guard !title.isEmpty else {
                    throw .malformedFile(path: path, line: lineNumber, reason: "a section title is empty")
                }
                section = sectionName(title, kind: kind)
                if let section, file.sections[section] == nil { file.sections[section] = [:] }
                parentKey = nil
                continue
            }
            guard let section else {
                throw .malformedFile(path: path, line: lineNumber, reason: "a setting appears before any [section] title")
            }
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw .malformedFile(path: path, line: lineNumber, reason: "expected 'name = value'")
            }
            let key = trimmed[..<equals].trimming([" ", "\t"]).lowercased()
            // Like botocore, no inline comments: `#` after a value is part of the value.
            let value = trimmed[trimmed.index(after: equals)...].trimming([" ", "\t"])
            guard !key.isEmpty else {
                throw .malformedFile(path: path, line: lineNumber, reason: "a setting has no name before '='")
            }
            let indented = line.first == " " || line.first == "\t"
            if indented, let parentKey {
                file.sections[section, default: [:]][parentKey + "." + key] = value
            } else {
                file.sections[section, default: [:]][key] = value
                parentKey = value.isEmpty ? key : nil
            }
        }
        return file
    }

    /// The settings of profile `name`, or nil when the file has no such profile.
    func profile(_ name: String) -> [String: String]? {
        sections[name]
    }

    /// `[profile dev]` → `dev`, `[default]` → `default`; other config titles become `section <title>`.
    private static func sectionName(_ title: String, kind: Kind) -> String? {
        switch kind {
        case .credentials:
            return title
        case .config:
            if title == "default" { return "default" }
            let words = title.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            if words.count == 2, words[0] == "profile" {
                return words[1].trimming([" ", "\t"])
            }
            // The CLI ignores `[name]` without `profile` in the config file; keep it out of profile lookups.
            return "section " + words.joined(separator: " ")
        }
    }
}
