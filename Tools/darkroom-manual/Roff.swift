/// Text made safe for roff's man(7) macros.
enum Roff {
    /// Running text: backslashes escaped, a line starting with `.` or `'` kept from being read as a request,
    /// `code` spans set in bold, and characters beyond ASCII written as `\[uXXXX]` so any formatter
    /// (groff, mandoc) prints them whatever its input encoding, falling back to ASCII in a C locale.
    static func text(_ string: String) -> String {
        var output = ""
        var inCode = false
        let hasClosedCode = string.filter { $0 == "`" }.count.isMultiple(of: 2)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\\": output += "\\e"
            case "`" where hasClosedCode:
                output += inCode ? "\\fR" : "\\fB"
                inCode.toggle()
            case _ where scalar.isASCII: output.unicodeScalars.append(scalar)
            // groff has an ASCII fallback for most characters named by code point, but not for the ellipsis.
            case "\u{2026}": output += "..."
            default: output += "\\[u\(hex(scalar.value))]"
            }
        }
        return output.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") || $0.hasPrefix("'") ? "\\&" + $0 : String($0) }
            .joined(separator: "\n")
    }

    /// A word typed as it is, such as an option name: hyphens are minus signs, so copying it from the
    /// rendered page gives the same bytes.
    static func literal(_ string: String) -> String {
        text(string).replacingMinus()
    }

    /// A macro argument in double quotes (a quote inside is doubled, as groff and mandoc read it); `literal`
    /// for words typed as they are, such as a command's name.
    static func quoted(_ string: String, literal isLiteral: Bool = false) -> String {
        let escaped = isLiteral ? literal(string) : text(string)
        return "\"" + escaped.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

private extension String {
    func replacingMinus() -> String {
        split(separator: "-", omittingEmptySubsequences: false).joined(separator: "\\-")
    }
}
