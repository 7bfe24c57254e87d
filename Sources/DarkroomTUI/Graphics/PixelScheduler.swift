import DarkroomTerminal
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

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
/// - In kitty (plain placements), a picture that leaves the screen stays in the terminal, hidden, and coming back
///   it is placed again by id for a few dozen bytes instead of sent again: over SSH, going back and forth between
///   images costs nearly nothing. What the terminal holds stays under `heldPixelBytes`, the oldest freed first,
///   and everything is freed when the screen is left (another program may have the terminal next).
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
    /// The pictures the terminal holds by id (kitty), least recently drawn first, shown or not, with the pixels each
    /// takes there. Empty with other encoders.
    private var held: [(id: UInt32, pixelKey: PixelKey, pixels: Int)] = []
    /// What pictures kept in the terminal may take there, in decoded bytes: well under kitty's 320 MB quota and
    /// within the "few full screen images" the protocol asks every terminal to allow, so none is evicted under us.
    public static let heldPixelBytes = 32 << 20
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

    /// The encoder when pictures stay in the terminal by id (kitty's plain placements).
    private var keeper: KittyEncoder? {
        (encoder as? KittyEncoder).flatMap { $0.keepsImagesByID ? $0 : nil }
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
            output.erase += takeOff(picture)
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
                    let bytes = drawing(placed, key: key, at: rect)
                    output.draw += positioned(bytes, at: rect)
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
        output.erase += freeOldestHeld()
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
        // Held pictures are freed too: the terminal may be another program's until the app draws again.
        let hidden = held.filter { entry in !shown.contains { $0.pixelKey.imageID == entry.id } }
        let bytes = shown.flatMap { encoder.erase(placement($0.pixelKey, $0.rect)) }
            + hidden.flatMap { encoder.erase(ImagePlacement(columns: 0, rows: 0, imageID: $0.id)) }
        shown = []
        held = []
        lastWanted = nil
        return bytes
    }

    public func pixelKey(for wanted: WantedImage) -> PixelKey {
        let origin: (column: Int, row: Int)? = paneOrigin.map { ($0.column + wanted.box.x, $0.row + wanted.box.y) }
        return PixelKey(key: wanted.key, etag: wanted.etag, role: wanted.role, columns: wanted.box.width, rows: wanted.box.height,
                        imageID: wanted.imageID, budget: wanted.budget, cellPixels: cellPixels,
                        originColumn: origin?.column, originRow: origin?.row)
    }

    /// The bytes that take a picture off the screen: hidden when the terminal keeps it, else erased.
    private mutating func takeOff(_ picture: Shown) -> [UInt8] {
        let placement = placement(picture.pixelKey, picture.rect)
        if let keeper, held.contains(where: { $0.id == picture.pixelKey.imageID && $0.pixelKey == picture.pixelKey }) {
            return keeper.hide(placement)
        }
        held.removeAll { $0.id == picture.pixelKey.imageID }
        return encoder.erase(placement)
    }

    /// The bytes that draw a picture: placed by id when the terminal holds it, else the picture itself (which, in
    /// kitty, the terminal holds from then on under its id, replacing what that id held).
    private mutating func drawing(_ placed: PlacedPixels, key: PixelKey, at rect: Rect) -> [UInt8] {
        guard let keeper else { return placed.bytes }
        if let index = held.firstIndex(where: { $0.id == key.imageID }), held[index].pixelKey == key {
            held.append(held.remove(at: index))
            return keeper.place(placement(key, rect))
        }
        held.removeAll { $0.id == key.imageID }
        held.append((key.imageID, key, rect.width * cellPixels.width * rect.height * cellPixels.height * 4))
        return placed.bytes
    }

    /// Frees the least recently drawn pictures off screen while the terminal holds more than `heldPixelBytes`.
    private mutating func freeOldestHeld() -> [UInt8] {
        var bytes: [UInt8] = []
        var total = held.reduce(0) { $0 + $1.pixels }
        while total > Self.heldPixelBytes, let index = held.firstIndex(where: { entry in !shown.contains { $0.pixelKey.imageID == entry.id } }) {
            let freed = held.remove(at: index)
            total -= freed.pixels
            bytes += encoder.erase(ImagePlacement(columns: 0, rows: 0, imageID: freed.id))
        }
        return bytes
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
