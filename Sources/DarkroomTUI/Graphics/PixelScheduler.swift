import DarkroomTerminal
import Foundation

/// Decides, frame by frame, which pictures to erase, draw and encode. Pure apart from the clock it is handed:
/// the UI loop asks it for each frame's `GraphicsFrame`, runs the encoding it requests and hands back results.
///
/// - A picture that leaves (selection, scrolling, an overlay, the full-screen toggle) is erased in the same
///   frame; one whose cells were repainted is drawn again.
/// - A change that follows the previous one by less than `coalescing` waits until the changes pause, so a held
///   arrow key uploads only where it stops; the first change after a pause draws at once.
/// - One encoding in flight at a time, most important picture first; results are cached per `PixelKey`.
/// - When every wanted picture is settled and no change is pending, the previews of the selection's neighbours
///   are encoded ahead, one at a time, so arrowing to one draws it from the cache in the key's own frame. The
///   first starts `coalescing` after the last change (not while the change's own frame is being written, nor
///   during a held arrow key). A wanted picture does not wait for an encoding ahead of another image.
/// - Pictures on screen never add up to more than `PixelPlan.screenBudget` bytes.
public struct PixelScheduler: Sendable {
    public let encoder: any GraphicsEncoder
    public var cellPixels: PixelSize
    /// Inside tmux: the pane's top-left cell in the whole terminal (the bytes position themselves there).
    public var paneOrigin: (column: Int, row: Int)? {
        get { paneColumn.map { ($0, paneRow ?? 0) } }
        set { (paneColumn, paneRow) = (newValue?.column, newValue?.row) }
    }
    public let coalescing: TimeInterval
    public private(set) var cache: EncodedPixelCache
    /// The encoding asked for and not answered yet.
    public private(set) var inFlight: PixelKey?
    /// The encoding ahead (a neighbour's preview) asked for and not answered yet.
    public private(set) var aheadInFlight: PixelKey?

    private var paneColumn: Int?
    private var paneRow: Int?
    private struct Shown: Sendable {
        var pixelKey: PixelKey
        var wanted: WantedImage
        var placed: PlacedPixels
        var rect: Rect
    }
    private var shown: [Shown] = []
    private var lastWanted: [WantedImage]?
    private var lastChange: Date?
    private var drawNotBefore: Date?
    /// When an encoding ahead waits for the changes to pause.
    private var aheadNotBefore: Date?

    public init(encoder: any GraphicsEncoder, cellPixels: PixelSize, paneOrigin: (column: Int, row: Int)? = nil,
                coalescing: TimeInterval = 0.12, cacheBytes: Int = 24 << 20) {
        self.encoder = encoder
        self.cellPixels = cellPixels
        self.coalescing = coalescing
        cache = EncodedPixelCache(capacity: cacheBytes)
        self.paneOrigin = paneOrigin
    }

    /// Whether pictures live in the cells (sixel, iTerm2, kitty placeholders): text written over them removes
    /// them, and removing them means writing the cells again.
    public var picturesLiveInCells: Bool {
        (encoder as? KittyEncoder)?.placeholders ?? encoder.erase(ImagePlacement(columns: 1, rows: 1)).isEmpty
    }

    /// The boxes of the pictures on screen: the frame leaves them blank, so no block picture (which may be a
    /// row taller than the pixels) shows through or around them.
    public var covered: [Rect] { shown.map(\.wanted.box) }

    /// Bytes of the pictures on screen.
    public var shownBytes: Int { shown.reduce(0) { $0 + $1.placed.bytes.count } }

    /// The frame's graphics for `wanted` at `now`, and the encoding to start (nil when one is in flight or none is
    /// needed). `ahead` are pictures likely wanted next (`PixelPlan.neighbours`), encoded only when nothing wanted waits.
    public mutating func frame(for wanted: [WantedImage], ahead: [WantedImage] = [],
                               now: Date) -> (graphics: GraphicsFrame, request: PixelRequest?) {
        if wanted != lastWanted {
            if let lastChange, now.timeIntervalSince(lastChange) < coalescing { drawNotBefore = now.addingTimeInterval(coalescing) }
            lastChange = now
            lastWanted = wanted
        }
        var output = GraphicsFrame()
        let wantedKeys = wanted.map { (pixelKey(for: $0), $0.box) }
        var kept: [Shown] = []
        var repaint = Set<Int>()
        for picture in shown {
            if wantedKeys.contains(where: { $0.0 == picture.pixelKey && $0.1 == picture.wanted.box }) {
                kept.append(picture)
                continue
            }
            output.erase += encoder.erase(placement(picture.pixelKey, picture.rect))
            if picturesLiveInCells { repaint.formUnion(picture.rect.y..<picture.rect.maxY) }
        }
        // Repainted rows wipe the kept pictures crossing them too: those are drawn again.
        for picture in kept where (picture.rect.y..<picture.rect.maxY).contains(where: repaint.contains) {
            output.draw += positioned(picture.placed.bytes, at: picture.rect)
        }
        shown = kept
        var request: PixelRequest?
        if drawNotBefore.map({ now >= $0 }) ?? true {
            drawNotBefore = nil
            var used = shownBytes
            for item in wanted {
                let key = pixelKey(for: item)
                guard !shown.contains(where: { $0.pixelKey == key && $0.wanted.box == item.box }) else { continue }
                switch cache.lookup(key) {
                case .success(let placed):
                    guard used + placed.bytes.count <= PixelPlan.screenBudget else { continue }
                    let rect = Rect(x: item.box.x + placed.offset.x, y: item.box.y + placed.offset.y, width: placed.columns, height: placed.rows)
                    // A picture never lands on another one still shown (cells of a sixel would be overwritten).
                    guard !shown.contains(where: { Self.intersects($0.rect, rect) }) else { continue }
                    used += placed.bytes.count
                    output.draw += positioned(placed.bytes, at: rect)
                    shown.append(Shown(pixelKey: key, wanted: item, placed: placed, rect: rect))
                case .failure:
                    continue
                case nil:
                    // The picture may be on its way already, encoded ahead.
                    if inFlight == nil, request == nil, aheadInFlight != key {
                        inFlight = key
                        request = PixelRequest(pixelKey: key, wanted: item)
                    }
                }
            }
        }
        aheadNotBefore = nil
        if request == nil, inFlight == nil, aheadInFlight == nil, drawNotBefore == nil,
           let next = ahead.first(where: { !cache.contains(pixelKey(for: $0)) }) {
            if let lastChange, now.timeIntervalSince(lastChange) < coalescing {
                aheadNotBefore = lastChange.addingTimeInterval(coalescing)
            } else {
                aheadInFlight = pixelKey(for: next)
                request = PixelRequest(pixelKey: pixelKey(for: next), wanted: next)
            }
        }
        output.repaintRows = repaint.sorted()
        return (output, request)
    }

    /// When the loop must call `frame` again without any other event: the end of a coalescing pause, or the
    /// pause after which an encoding ahead may start.
    public func nextDeadline(after now: Date) -> Date? {
        [drawNotBefore, aheadNotBefore].compactMap { $0 }.filter { $0 > now }.min()
    }

    /// An encoding finished: cached, and the next one may start.
    public mutating func received(_ result: PixelResult) {
        cache.store(result.outcome, for: result.pixelKey)
        if inFlight == result.pixelKey { inFlight = nil }
        if aheadInFlight == result.pixelKey { aheadInFlight = nil }
    }

    /// The screen is about to be cleared or handed to another program (resize, suspend, the editor, exit):
    /// the bytes that delete what only deletion removes (kitty); every picture is drawn again on the next frame.
    public mutating func leaveScreen() -> [UInt8] {
        let bytes = shown.flatMap { encoder.erase(placement($0.pixelKey, $0.rect)) }
        shown = []
        lastWanted = nil
        return bytes
    }

    public func pixelKey(for wanted: WantedImage) -> PixelKey {
        let origin: (column: Int, row: Int)? = paneOrigin.map { ($0.column + wanted.box.x, $0.row + wanted.box.y) }
        return PixelKey(key: wanted.key, etag: wanted.etag, role: wanted.role, columns: wanted.box.width, rows: wanted.box.height,
                        imageID: wanted.imageID, budget: wanted.budget, cellPixels: cellPixels,
                        originColumn: origin?.column, originRow: origin?.row)
    }

    private func placement(_ key: PixelKey, _ rect: Rect) -> ImagePlacement {
        ImagePlacement(columns: rect.width, rows: rect.height, imageID: key.imageID)
    }

    /// Save the cursor, move to the picture's top-left cell, draw, restore: curses' idea of the cursor stays true.
    private func positioned(_ bytes: [UInt8], at rect: Rect) -> [UInt8] {
        Array("\u{1B}7\u{1B}[\(rect.y + 1);\(rect.x + 1)H".utf8) + bytes + Array("\u{1B}8".utf8)
    }

    static func intersects(_ a: Rect, _ b: Rect) -> Bool {
        a.x < b.maxX && b.x < a.maxX && a.y < b.maxY && b.y < a.maxY
    }
}
