import Foundation
import DarkroomBackend
import DarkroomTestSupport

/// The stores the storage contract runs against, each opened fresh and empty for one test.
enum StoreKind: String, CaseIterable, CustomStringConvertible, Sendable {
    case directory

    var description: String { rawValue }

    /// Opens an empty store and passes it to `body`, cleaning up afterwards.
    func withStore(_ body: (any ImageStore) async throws -> Void) async throws {
        switch self {
        case .directory:
            let folder = try TemporaryDirectory("darkroom-store")
            defer { folder.remove() }
            try await body(try DirectoryStorage(root: folder.url.appendingPathComponent("bucket")))
        }
    }
}
