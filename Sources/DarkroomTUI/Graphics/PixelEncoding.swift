import DarkroomImaging
import DarkroomTerminal
import DarkroomThreads

/// Runs the scheduler's encodings in the background: the image's bytes through the ETag disk cache (the whole
/// image for the preview, the thumbnail for a tile or a sweep cell), fitted and encoded by `GraphicsRenderer.render(png:)` within
/// the picture's budget on the compute pool; the result goes to the inbox.
final class PixelEncoding: Sendable {
    private let loader: ImageLoader
    private let encoder: any GraphicsEncoder
    private let inbox: ActionInbox

    init(services: AppServices, encoder: any GraphicsEncoder, inbox: ActionInbox) {
        loader = ImageLoader(store: services.store, cache: services.cache)
        self.encoder = encoder
        self.inbox = inbox
    }

    func start(_ request: PixelRequest) {
        Task {
            let outcome: Result<PlacedPixels, PixelFailure>
            do {
                let wanted = request.wanted
                let png = wanted.role == .preview ? try await loader.imageBytes(key: wanted.key, etag: wanted.etag)
                    : try await loader.thumbnailBytes(key: wanted.key, etag: wanted.etag)
                let encoder = self.encoder
                outcome = try await ThreadPool.compute.run { Self.encode(png: png, key: request.pixelKey, encoder: encoder) }
            } catch {
                outcome = .failure(PixelFailure("\(error)"))
            }
            inbox.post(.pixelsEncoded(PixelResult(pixelKey: request.pixelKey, outcome: outcome)))
        }
    }

    /// Decodes and encodes one picture for its key's box (synchronous: the bench and tests call it directly).
    static func encode(png: [UInt8], key: PixelKey, encoder: any GraphicsEncoder) -> Result<PlacedPixels, PixelFailure> {
        let renderer = GraphicsRenderer(encoder: encoder, cellPixels: key.cellPixels, budget: key.budget)
        do {
            let source = try PNG.dimensions(of: png)
            let fitted = renderer.fit(imageWidth: source.width, imageHeight: source.height, columns: key.columns, rows: key.rows)
            let offset = (x: (key.columns - fitted.columns) / 2, y: (key.rows - fitted.rows) / 2)
            // Kitty placeholders are text: they go where the cursor is put (inside tmux's pane), never to an absolute cell.
            let placeholders = (encoder as? KittyEncoder)?.placeholders == true
            let origin: (column: Int, row: Int)? = placeholders ? nil
                : key.originColumn.map { ($0 + offset.x, (key.originRow ?? 0) + offset.y) }
            // The renderer's PNG path: rows stream from the decoder into the downscaler at the size that is sent.
            let encoded = try renderer.render(png: png, columns: key.columns, rows: key.rows, imageID: key.imageID, origin: origin)
            return .success(PlacedPixels(bytes: encoded.bytes, offset: offset, columns: encoded.columns, rows: encoded.rows))
        } catch {
            return .failure(PixelFailure("\(error)"))
        }
    }
}
