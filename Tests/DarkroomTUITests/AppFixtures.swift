import DarkroomBackend
import DarkroomCore
import DarkroomImaging
import Foundation
@testable import DarkroomTUI

/// Known states for reducer and view tests.
enum AppFixtures {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    /// A moment written as ISO 8601 in UTC ("2026-12-02T16:10:00Z").
    static func date(_ text: String) -> Date {
        guard let date = try? Date(text, strategy: .iso8601) else { preconditionFailure("not an ISO 8601 date: \(text)") }
        return date
    }

    static func state(width: Int = 80, height: Int = 24, color: ColorMode = .xterm256, unicode: Bool = true) -> AppState {
        AppState(screen: (width, height), theme: Theme(colorMode: color, unicode: unicode),
                 connection: ConnectionInfo(backend: "local", location: "/tmp/darkroom", region: nil, profile: nil), now: start)
    }

    static func object(_ index: Int) -> StoredObject {
        StoredObject(key: String(format: "output-images/20261126T%06dZ-%d-abcd.png", index, index), size: 100_000 + index,
                     lastModified: start.addingTimeInterval(Double(index)), etag: "\"etag-\(index)\"")
    }

    static func metadata(prompt: String, seed: UInt32 = 42) -> ImageMetadata {
        var parameters = ModelDescriptor.stableDiffusionXL.defaults
        parameters.prompt = prompt
        parameters.seed = seed
        return ImageMetadata(parameters: parameters, engine: ImageMetadata.localPreviewEngine)
    }

    /// The local stack's client over `store`, with the image cache and state files under `folder`; downloads go to
    /// `downloads`, else to `folder`.
    static func localServices(store: any ImageStore, folder: URL, downloads: URL? = nil) -> AppServices {
        AppServices(client: LocalGenerationClient(store: store), store: store,
                    cache: ImageCache(folder: folder.appendingPathComponent("cache")),
                    files: AppFiles(folder: folder.appendingPathComponent("data")), downloadFolder: downloads ?? folder)
    }

    /// A state with `count` listed images, the newest selected.
    static func stateWithGallery(_ count: Int, width: Int = 80, height: Int = 24) -> AppState {
        var state = state(width: width, height: height)
        _ = AppReducer.reduce(&state, .galleryPageLoaded((0..<count).map(object), isFirstPage: true, isLastPage: true))
        return state
    }

    /// The image behind a sweep cell's picture (tile key `key@CxR`), as the picture's load reports it.
    static func cellImage(_ tileKey: String) -> StoredObject {
        let key = String(tileKey[..<(tileKey.lastIndex(of: "@") ?? tileKey.endIndex)])
        return StoredObject(key: key, size: 100_000, lastModified: start, etag: "\"etag-\(key)\"")
    }

    static func picture(columns: Int, rows: Int, glyph: Character = "▀") -> CellPicture {
        CellPicture(columns: columns, rows: rows, cells: Array(repeating: ScreenCell(glyph: glyph, style: Style(foreground: .indexed(196))),
                                                               count: columns * rows))
    }

    static func type(_ text: String, into state: inout AppState) {
        for character in text { _ = AppReducer.reduce(&state, .edit(.insert(String(character)))) }
    }
}
