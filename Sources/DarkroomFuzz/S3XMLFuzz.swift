@testable import DarkroomAWS

/// S3's XML: the reader, and the ListObjectsV2 answer built on it.
enum S3XMLFuzz {
    static func run(_ bytes: [UInt8]) {
        _ = XMLReader.parse(bytes)
        if let page = try? S3Client.parseListPage(bytes) {
            for object in page.objects { FuzzCheck.require(object.size >= 0, "object sizes are not negative") }
        }
    }
}
