#if canImport(Glibc)
import Glibc
#endif

/// Numbers written as printf writes them, for modules that import FoundationEssentials only: `String(format:)`
/// is full Foundation's, and one call to it links all of Foundation and ICU's data (34 MB) into the binary.
public enum PrintfText {
    /// `value` with `digits` decimals, rounded as printf's `%.Nf` rounds (`7.25` with one decimal is `7.2`).
    public static func fixed(_ value: Double, digits: Int) -> String {
        let format = "%.\(max(0, digits))f"
        var buffer = [CChar](repeating: 0, count: 64)
        let needed = Int(withVaList([value]) { vsnprintf(&buffer, buffer.count, format, $0) })
        if needed >= buffer.count {
            buffer = [CChar](repeating: 0, count: needed + 1)
            _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, format, $0) }
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `value` in `radix`, zeros after the sign until it is `width` characters long: `%02d`, `%04x`.
    public static func zeroPadded(_ value: some BinaryInteger, width: Int, radix: Int = 10) -> String {
        let sign = value < 0 ? "-" : ""
        let digits = String(value.magnitude, radix: radix)
        return sign + String(repeating: "0", count: max(0, width - sign.count - digits.count)) + digits
    }
}
