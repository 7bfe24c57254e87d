#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// JSON and base64 plumbing shared by the payload families.
enum PayloadJSON {
    /// Sorted keys so identical requests are identical bytes.
    static func encode(_ value: some Encodable) -> [UInt8] {
        // The payload structs hold only strings, numbers and arrays, which always encode.
        CanonicalJSON.encode(value) ?? []
    }

    static func decodeResponse<T: Decodable>(_ type: T.Type, from body: [UInt8]) throws(ModelResponseError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(body))
        } catch {
            throw .malformed(describe(error))
        }
    }

    static func decodeRequest<T: Decodable>(_ type: T.Type, from body: [UInt8]) throws(ModelRequestError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(body))
        } catch {
            throw .invalidBody(describe(error))
        }
    }

    /// Decodes a base64 image and checks the PNG signature.
    static func png(fromBase64 text: String) throws(ModelResponseError) -> [UInt8] {
        guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else { throw .notPNG }
        let bytes = [UInt8](data)
        guard bytes.starts(with: pngSignature) else { throw .notPNG }
        return bytes
    }

    static func base64(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing field `\(key.stringValue)`"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at `\(context.codingPath.map(\.stringValue).joined(separator: "."))`"
        case DecodingError.dataCorrupted: "not valid JSON"
        default: "\(error)"
        }
    }
}
