import DarkroomBackend
import DarkroomCore
import DarkroomImaging
import DarkroomThreads
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Builds a sweep's contact sheet from the images its manifest names.
public enum SweepSheetMaker {
    /// Each cell's picture: its stored thumbnail (256 px, enough for a tile), else the image; nil for cells
    /// without an image or whose image cannot be read.
    public static func images(for manifest: SweepManifest, store: any ImageStore, longSide: Int) async -> [RGBAImage?] {
        var result: [RGBAImage?] = []
        for cell in manifest.cells {
            guard cell.status == .saved, let key = cell.key else {
                result.append(nil)
                continue
            }
            var bytes: [UInt8]?
            if let thumbnail = ObjectNaming.thumbnailKey(forImageKey: key) {
                bytes = try? await store.get(key: thumbnail, range: nil).bytes
            }
            if bytes == nil { bytes = try? await store.get(key: key, range: nil).bytes }
            guard let bytes else {
                result.append(nil)
                continue
            }
            result.append(try? PNG.decode(bytes, fittingLongSide: longSide))
        }
        return result
    }

    /// The contact sheet PNG for `manifest`, its tiles read from `store`.
    public static func make(manifest: SweepManifest, store: any ImageStore, sheet: ContactSheet) async throws -> [UInt8] {
        let images = await images(for: manifest, store: store, longSide: max(sheet.tile, 256))
        // FreeType and PNG coding are CPU work: off the cooperative pool.
        let result: Result<[UInt8], any Error> = await ThreadPool.compute.runToCompletion {
            Result { try sheet.png(manifest: manifest, images: images) }
        }
        return try result.get()
    }
}
