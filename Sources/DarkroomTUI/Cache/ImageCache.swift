import DarkroomSweeps
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Downloaded image bytes (and sweep manifests) on disk under `$XDG_CACHE_HOME/darkroom`, keyed by what was fetched and its ETag,
/// so a changed object is fetched again and an unchanged one never is.
public struct ImageCache: Sendable {
    public let folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    /// The cached bytes for `variant` ("image", "thumbnail") of an object with `etag`, if present.
    public func bytes(variant: String, etag: String, fileExtension: String = "png") -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: file(variant: variant, etag: etag, fileExtension: fileExtension).path) else { return nil }
        return [UInt8](data)
    }

    /// Stores bytes; a failure to write only costs a later re-download, so it is not reported.
    public func store(_ bytes: [UInt8], variant: String, etag: String, fileExtension: String = "png") {
        let target = file(variant: variant, etag: etag, fileExtension: fileExtension)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? Data(bytes).write(to: target, options: .atomic)
    }

    private func file(variant: String, etag: String, fileExtension: String) -> URL {
        // ETags are quoted hex (sometimes with "-N" for multipart); keep only characters safe in a file name.
        let safe = etag.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        return folder.appendingPathComponent("\(variant)-\(safe).\(fileExtension)")
    }
}

/// Past sweeps' manifests, so listing them after a restart reads only the ones that changed.
extension ImageCache: SweepManifestCache {
    public func manifestBytes(etag: String) -> [UInt8]? {
        bytes(variant: "sweep-manifest", etag: etag, fileExtension: "json")
    }

    public func storeManifest(_ bytes: [UInt8], etag: String) {
        store(bytes, variant: "sweep-manifest", etag: etag, fileExtension: "json")
    }
}
