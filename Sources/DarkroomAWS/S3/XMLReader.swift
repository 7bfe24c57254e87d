/// Reads the well-formed XML documents AWS services answer with into an `XMLTree`.
///
/// Why not Foundation's `XMLParser`: on Linux it is libxml2, which brings ICU (about 30 MB, and a C++
/// runtime) into every binary, the Lambda package included, for documents that use a small part of
/// XML. This reader handles that part completely (elements, attributes, character and predefined entity
/// references, CDATA, comments, processing instructions, line-end normalisation, UTF-8 validation) and
/// refuses the rest: a document type declaration (AWS never sends one, and refusing it rules out entity
/// expansion), mismatched or unclosed tags, unknown entities and nesting deeper than `maximumDepth`.
struct XMLReader {
    /// Deeper than any AWS response; a bound so hostile input cannot grow the element stack without end.
    static let maximumDepth = 256

    private let bytes: [UInt8]
    private var index = 0

    private init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The document's root element; nil when `bytes` are not a well-formed document.
    static func parse(_ bytes: [UInt8]) -> XMLTree? {
        var reader = XMLReader(bytes)
        return reader.document()
    }

    /// An element being read: its name, the text bytes so far, and its finished children.
    private struct OpenElement {
        var name: String
        var text: [UInt8] = []
        var children: [XMLTree] = []

        func finished() -> XMLTree? {
            String(validating: text, as: UTF8.self).map { XMLTree(name: name, text: $0, children: children) }
        }
    }

    private mutating func document() -> XMLTree? {
        if starts(with: [0xEF, 0xBB, 0xBF]) { index += 3 }
        guard skipMarkupOutsideRoot(), index < bytes.count, bytes[index] == ascii("<") else { return nil }
        var open: [OpenElement] = []
        var root: XMLTree?
        while root == nil {
            guard index < bytes.count else { return nil }
            if bytes[index] == ascii("<") {
                if starts(with: "</") {
                    guard let closed = open.popLast(), endTag(named: closed.name), let element = closed.finished()
                    else { return nil }
                    if open.isEmpty { root = element } else { open[open.count - 1].children.append(element) }
                } else if starts(with: "<!--") {
                    guard skipComment() else { return nil }
                } else if starts(with: "<![CDATA[") {
                    guard !open.isEmpty, let content = cdata() else { return nil }
                    open[open.count - 1].text += content
                } else if starts(with: "<?") {
                    guard skipProcessingInstruction() else { return nil }
                } else {
                    guard open.count < Self.maximumDepth, let (name, isEmpty) = startTag() else { return nil }
                    if isEmpty {
                        let element = XMLTree(name: name, text: "", children: [])
                        if open.isEmpty { root = element } else { open[open.count - 1].children.append(element) }
                    } else {
                        open.append(OpenElement(name: name))
                    }
                }
            } else {
                guard !open.isEmpty, appendCharacterData(to: &open[open.count - 1].text) else { return nil }
            }
        }
        guard skipMarkupOutsideRoot(), index == bytes.count else { return nil }
        return root
    }

    // MARK: - Markup

    /// Skips whitespace, comments and processing instructions (the XML declaration is one) before or
    /// after the root element; false on a document type declaration or a malformed comment.
    private mutating func skipMarkupOutsideRoot() -> Bool {
        while true {
            skipWhitespace()
            if starts(with: "<!--") {
                guard skipComment() else { return false }
            } else if starts(with: "<?") {
                guard skipProcessingInstruction() else { return false }
            } else {
                return !starts(with: "<!")
            }
        }
    }

    /// Reads `<name attr="value" …>` or `<name … />`; attributes are checked but not kept.
    private mutating func startTag() -> (name: String, isEmpty: Bool)? {
        index += 1
        guard let name = name() else { return nil }
        while true {
            let hadWhitespace = skipWhitespace()
            if starts(with: "/>") {
                index += 2
                return (name, true)
            }
            if starts(with: ">") {
                index += 1
                return (name, false)
            }
            guard hadWhitespace, self.name() != nil else { return nil }
            skipWhitespace()
            guard starts(with: "=") else { return nil }
            index += 1
            skipWhitespace()
            guard index < bytes.count, bytes[index] == ascii("\"") || bytes[index] == ascii("'") else { return nil }
            let quote = bytes[index]
            guard let end = bytes[(index + 1)...].firstIndex(of: quote),
                  !bytes[(index + 1)..<end].contains(ascii("<")) else { return nil }
            index = end + 1
        }
    }

    /// Reads `</name>` and checks it closes `expected`.
    private mutating func endTag(named expected: String) -> Bool {
        index += 2
        guard name() == expected else { return false }
        skipWhitespace()
        guard starts(with: ">") else { return false }
        index += 1
        return true
    }

    private mutating func cdata() -> [UInt8]? {
        index += 9
        guard let end = find("]]>") else { return nil }
        defer { index = end + 3 }
        return normalizedLineEnds(bytes[index..<end])
    }

    private mutating func skipComment() -> Bool {
        index += 4
        guard let end = find("-->") else { return false }
        index = end + 3
        return true
    }

    private mutating func skipProcessingInstruction() -> Bool {
        index += 2
        guard let end = find("?>") else { return false }
        index = end + 2
        return true
    }

    // MARK: - Character data

    /// Appends text up to the next `<`, resolving references and normalising line ends.
    private mutating func appendCharacterData(to text: inout [UInt8]) -> Bool {
        let end = bytes[index...].firstIndex(of: ascii("<")) ?? bytes.count
        var position = index
        while let ampersand = bytes[position..<end].firstIndex(of: ascii("&")) {
            text += normalizedLineEnds(bytes[position..<ampersand])
            guard let semicolon = bytes[ampersand..<min(end, ampersand + 12)].firstIndex(of: ascii(";")),
                  let scalar = Self.reference(bytes[(ampersand + 1)..<semicolon]) else { return false }
            text += Array(String(Character(scalar)).utf8)
            position = semicolon + 1
        }
        text += normalizedLineEnds(bytes[position..<end])
        index = end
        return true
    }

    /// The character a reference names: `lt`, `gt`, `amp`, `quot`, `apos`, `#NN` or `#xHH`.
    private static func reference(_ name: ArraySlice<UInt8>) -> Unicode.Scalar? {
        switch String(decoding: name, as: UTF8.self) {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        case let numeric where numeric.hasPrefix("#x"):
            return UInt32(numeric.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
        case let numeric where numeric.hasPrefix("#"):
            return UInt32(numeric.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
        default: return nil
        }
    }

    /// XML turns CR LF and a lone CR into LF before anything else sees the text.
    private func normalizedLineEnds(_ slice: ArraySlice<UInt8>) -> [UInt8] {
        guard slice.contains(ascii("\r")) else { return Array(slice) }
        var result: [UInt8] = []
        result.reserveCapacity(slice.count)
        var previous: UInt8 = 0
        for byte in slice {
            if byte == ascii("\n"), previous == ascii("\r") {
                previous = byte
                continue
            }
            result.append(byte == ascii("\r") ? ascii("\n") : byte)
            previous = byte
        }
        return result
    }

    // MARK: - Scanning

    /// A tag or attribute name: everything up to whitespace or a delimiter; nil when empty.
    private mutating func name() -> String? {
        let start = index
        while index < bytes.count, !Self.endsName(bytes[index]) { index += 1 }
        guard index > start else { return nil }
        return String(validating: bytes[start..<index], as: UTF8.self)
    }

    private static func endsName(_ byte: UInt8) -> Bool {
        isWhitespace(byte) || nameDelimiters.contains(byte)
    }

    private static let nameDelimiters = Array("/>=<&\"'?!".utf8)

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    @discardableResult
    private mutating func skipWhitespace() -> Bool {
        let start = index
        while index < bytes.count, Self.isWhitespace(bytes[index]) { index += 1 }
        return index > start
    }

    private func starts(with literal: String) -> Bool {
        starts(with: Array(literal.utf8))
    }

    private func starts(with prefix: [UInt8]) -> Bool {
        bytes.count - index >= prefix.count && bytes[index..<(index + prefix.count)].elementsEqual(prefix)
    }

    /// Where `literal` next occurs at or after the current position.
    private func find(_ literal: String) -> Int? {
        let pattern = Array(literal.utf8)
        var position = index
        while let candidate = bytes[position...].firstIndex(of: pattern[0]) {
            guard bytes.count - candidate >= pattern.count else { return nil }
            if bytes[candidate..<(candidate + pattern.count)].elementsEqual(pattern) { return candidate }
            position = candidate + 1
        }
        return nil
    }
}

private func ascii(_ character: Unicode.Scalar) -> UInt8 {
    UInt8(ascii: character)
}
