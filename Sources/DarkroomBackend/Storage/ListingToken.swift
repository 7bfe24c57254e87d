#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An opaque continuation token carrying the last key of the previous page, as S3's tokens do.
enum ListingToken {
    private static let marker = "darkroom-after:"

    static func token(after key: String) -> String {
        Data((marker + key).utf8).base64EncodedString()
    }

    static func key(from token: String) throws(StorageError) -> String {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
              text.hasPrefix(marker)
        else { throw .invalidContinuationToken }
        return String(text.dropFirst(marker.count))
    }
}
