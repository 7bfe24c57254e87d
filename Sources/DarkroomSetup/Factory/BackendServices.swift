import DarkroomBackend
import DarkroomTUI

/// What the chosen backend is made of: where jobs run, where images are listed from, and where it points.
public struct BackendServices: Sendable {
    public let client: any GenerationClient
    public let store: any ImageStore
    /// Makes a presigned GET URL for a key (S3 stores only).
    public let presign: (@Sendable (String) throws -> String)?
    /// Where it points, for the status line.
    public let connection: ConnectionInfo
}
