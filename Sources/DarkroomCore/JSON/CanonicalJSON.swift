#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// darkroom's one way to encode JSON: sorted keys and unescaped slashes, so the same value is always the
/// same bytes (request bodies, stored records, responses and files alike).
public enum CanonicalJSON {
    /// `value` encoded, or nil when it cannot be (a non-finite number; the types darkroom encodes hold none).
    public static func encode(_ value: some Encodable, iso8601Dates: Bool = false, pretty: Bool = false) -> [UInt8]? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        if iso8601Dates { encoder.dateEncodingStrategy = .iso8601 }
        return (try? encoder.encode(value)).map { [UInt8]($0) }
    }

    /// `value` encoded as text, or nil when it cannot be.
    public static func text(_ value: some Encodable, pretty: Bool = false) -> String? {
        encode(value, pretty: pretty).map { String(decoding: $0, as: UTF8.self) }
    }
}
