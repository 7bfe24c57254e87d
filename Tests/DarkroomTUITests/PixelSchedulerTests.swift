import DarkroomBackend
import DarkroomImaging
import DarkroomTerminal
import Foundation
import Testing
@testable import DarkroomTUI

/// The pixel layer's decisions, frame by frame: drawing at once, coalescing, one encoding in flight, the cache,
/// the byte budgets, erasing, and text-only frames that send no picture.
@Suite struct PixelSchedulerTests {
    typealias F = AppFixtures
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)
    static let cell = PixelSize(width: 10, height: 20)

    static func wanted(_ index: Int, role: WantedImage.Role = .preview, box: Rect = Rect(x: 40, y: 14, width: 20, height: 8),
                       budget: Int = PixelPlan.imageBudget) -> WantedImage {
        let object = F.object(index)
        return WantedImage(key: object.key, etag: object.etag, role: role, box: box,
                           imageID: role == .preview ? WantedImage.previewImageID(for: object.key) : WantedImage.tileImageID(for: object.key),
                           budget: budget)
    }

    static func placed(_ marker: String, bytes: Int = 100) -> PlacedPixels {
        PlacedPixels(bytes: Array(marker.utf8) + [UInt8](repeating: 0x41, count: max(0, bytes - marker.utf8.count)), offset: (1, 0),
                     columns: 18, rows: 8)
    }

    /// A scheduler with `pictures` already encoded.
    static func scheduler(_ encoder: any GraphicsEncoder = KittyEncoder(), cached pictures: [(WantedImage, PlacedPixels)] = []) -> PixelScheduler {
        var scheduler = PixelScheduler(encoder: encoder, cellPixels: cell)
        for (wanted, placed) in pictures {
            scheduler.received(PixelResult(pixelKey: scheduler.pixelKey(for: wanted), outcome: .success(placed)))
        }
        return scheduler
    }

    static func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        String(decoding: bytes, as: UTF8.self).contains(text)
    }

    @Test func aCachedPictureDrawsInTheFirstFramePositionedAndCoversItsCells() {
        var scheduler = Self.scheduler(cached: [(Self.wanted(1), Self.placed("PICTURE-1"))])
        let (graphics, request) = scheduler.frame(for: [Self.wanted(1)], now: Self.t0)
        #expect(request == nil)
        // Saved cursor, moved to the picture's first cell (box x 40 + offset 1, 1-based), the bytes, restored cursor.
        #expect(Self.contains(graphics.draw, "\u{1B}7\u{1B}[15;42HPICTURE-1"))
        #expect(Self.contains(graphics.draw, "\u{1B}8"))
        #expect(scheduler.covered == [Rect(x: 40, y: 14, width: 20, height: 8)], "the whole box is left blank")
    }

    @Test func textOnlyFramesSendNoPictureAgain() {
        var scheduler = Self.scheduler(cached: [(Self.wanted(1), Self.placed("PICTURE-1"))])
        _ = scheduler.frame(for: [Self.wanted(1)], now: Self.t0)
        for step in 1...5 {
            let (graphics, request) = scheduler.frame(for: [Self.wanted(1)], now: Self.t0.addingTimeInterval(Double(step) * 0.01))
            #expect(graphics.isEmpty)
            #expect(request == nil)
        }
    }

    @Test func oneEncodingInFlightMostImportantFirst() {
        var scheduler = Self.scheduler()
        let pictures = [Self.wanted(1), Self.wanted(2, role: .tile, box: Rect(x: 40, y: 2, width: 16, height: 6)),
                        Self.wanted(3, role: .tile, box: Rect(x: 57, y: 2, width: 16, height: 6))]
        let first = scheduler.frame(for: pictures, now: Self.t0)
        #expect(first.request?.wanted == pictures[0])
        #expect(first.graphics.isEmpty)
        // Nothing else starts while that one runs, however many frames pass.
        #expect(scheduler.frame(for: pictures, now: Self.t0.addingTimeInterval(0.05)).request == nil)
        scheduler.received(PixelResult(pixelKey: scheduler.pixelKey(for: pictures[0]), outcome: .success(Self.placed("P1"))))
        let second = scheduler.frame(for: pictures, now: Self.t0.addingTimeInterval(0.3))
        #expect(Self.contains(second.graphics.draw, "P1"))
        #expect(second.request?.wanted == pictures[1])
        // A picture that cannot be encoded stays in blocks and is not asked for again.
        scheduler.received(PixelResult(pixelKey: scheduler.pixelKey(for: pictures[1]), outcome: .failure(PixelFailure("over budget"))))
        #expect(scheduler.frame(for: pictures, now: Self.t0.addingTimeInterval(0.4)).request?.wanted == pictures[2])
    }

    @Test func changesCloserThan120MillisecondsCoalesceIntoOneDraw() {
        var scheduler = Self.scheduler(cached: (1...4).map { (Self.wanted($0), Self.placed("PICTURE-\($0)")) })
        // The first change after a pause draws at once.
        #expect(Self.contains(scheduler.frame(for: [Self.wanted(1)], now: Self.t0).graphics.draw, "PICTURE-1"))
        // Then a held arrow key: each change 40 ms after the last erases the old picture but draws nothing.
        var now = Self.t0.addingTimeInterval(1)
        #expect(Self.contains(scheduler.frame(for: [Self.wanted(2)], now: now).graphics.draw, "PICTURE-2"))
        for index in 3...4 {
            now = now.addingTimeInterval(0.04)
            let (graphics, _) = scheduler.frame(for: [Self.wanted(index)], now: now)
            #expect(graphics.draw.isEmpty)
            // Kitty keeps picture 2 (hidden, for a visit back); 3 was never drawn, so it has nothing to take off.
            #expect(Self.contains(graphics.erase, "a=d,d=i,i=\(Self.wanted(2).imageID),") == (index == 3),
                    "the old picture never stays under the new selection's text")
            #expect(scheduler.covered.isEmpty)
        }
        let deadline = scheduler.nextDeadline(after: now)
        #expect(deadline == now.addingTimeInterval(0.12), "the loop is asked to wake when the changes pause")
        #expect(scheduler.frame(for: [Self.wanted(4)], now: now.addingTimeInterval(0.1)).graphics.draw.isEmpty)
        let settled = scheduler.frame(for: [Self.wanted(4)], now: now.addingTimeInterval(0.12))
        #expect(Self.contains(settled.graphics.draw, "PICTURE-4"))
        #expect(!Self.contains(settled.graphics.draw, "PICTURE-3"))
        #expect(scheduler.nextDeadline(after: now.addingTimeInterval(0.12)) == nil)
    }

    @Test func sixelPicturesAreRemovedByRepaintingTheirRowsAndNeighboursAreDrawnAgain() {
        let preview = Self.wanted(1), tileA = Self.wanted(2, role: .tile, box: Rect(x: 40, y: 2, width: 16, height: 6)),
            tileB = Self.wanted(3, role: .tile, box: Rect(x: 57, y: 2, width: 16, height: 6))
        var scheduler = Self.scheduler(SixelEncoder(), cached: [(preview, Self.placed("P")), (tileA, Self.placed("TILE-A", bytes: 50)),
                                                                (tileB, Self.placed("TILE-B", bytes: 50))])
        _ = scheduler.frame(for: [preview, tileA, tileB], now: Self.t0)
        let (graphics, _) = scheduler.frame(for: [preview, tileB], now: Self.t0.addingTimeInterval(1))
        #expect(graphics.erase.isEmpty, "sixel has no delete: the cells are written again")
        #expect(graphics.repaintRows == Array(2..<10), "tile A's rows (8 rows from row 2)")
        // Tile B shares those rows, so the repaint wipes it too: it is drawn again; the preview (rows 14-21) is left alone.
        #expect(Self.contains(graphics.draw, "TILE-B"))
        #expect(!Self.contains(graphics.draw, "P" + String(repeating: "A", count: 99)))
    }

    @Test func picturesOnOneScreenStayWithinTheScreenBudget() {
        let preview = Self.wanted(1), tile = Self.wanted(2, role: .tile, box: Rect(x: 40, y: 2, width: 16, height: 6))
        var scheduler = Self.scheduler(cached: [(preview, Self.placed("P", bytes: 700 << 10)), (tile, Self.placed("T", bytes: 400 << 10))])
        _ = scheduler.frame(for: [preview, tile], now: Self.t0)
        #expect(scheduler.shownBytes == 700 << 10, "the tile would pass 1 MiB, so it stays in blocks")
        #expect(scheduler.covered.count == 1)
    }

    @Test func thePlanPutsThePreviewFirstThenTheSelectedTileWithinTheBudget() {
        var state = F.stateWithGallery(12, width: 160, height: 50)
        _ = AppReducer.reduce(&state, .moveGallerySelection(columns: 1, rows: 0))
        for object in state.gallery.objects { _ = AppReducer.reduce(&state, .thumbnailLoaded(key: object.key, F.picture(columns: 4, rows: 2))) }
        let wanted = PixelPlan.wanted(state)
        #expect(wanted.first?.role == .preview)
        #expect(wanted.first?.key == state.gallery.selectedObject?.key)
        #expect(wanted.dropFirst().first?.key == state.gallery.selectedObject?.key, "the selected tile comes right after the preview")
        #expect(wanted.count > 2)
        #expect(wanted.reduce(0) { $0 + $1.budget } <= PixelPlan.screenBudget)
        #expect(wanted.allSatisfy { $0.budget <= PixelPlan.imageBudget })
        // Overlays and quitting take every picture away.
        var help = state
        _ = AppReducer.reduce(&help, .toggleHelp)
        #expect(PixelPlan.wanted(help).isEmpty)
        var fullScreen = state
        _ = AppReducer.reduce(&fullScreen, .toggleFullScreen)
        #expect(PixelPlan.wanted(fullScreen).map(\.role) == [.preview])
    }

    /// Panels taking turns on a small screen: pictures only in the one shown, the preview's or the gallery's tiles.
    @Test func onASmallScreenOnlyTheShownPanelHasPictures() {
        var state = F.stateWithGallery(12, width: 60, height: 30)
        for object in state.gallery.objects { _ = AppReducer.reduce(&state, .thumbnailLoaded(key: object.key, F.picture(columns: 4, rows: 2))) }
        #expect(PixelPlan.wanted(state).isEmpty, "the prompt is shown")
        _ = AppReducer.reduce(&state, .focus(.gallery))
        let tiles = PixelPlan.wanted(state)
        #expect(!tiles.isEmpty && tiles.allSatisfy { $0.role == .tile })
        _ = AppReducer.reduce(&state, .focus(.preview))
        #expect(PixelPlan.wanted(state).map(\.role) == [.preview])
    }

    /// A dialog takes away only the pictures it would cover (a terminal draws pixels above text): the sweep editor
    /// over the middle of the screen leaves the tiles clear of it in pixels, where it used to take every one away.
    @Test func aDialogTakesAwayOnlyThePicturesUnderIt() throws {
        var state = F.stateWithGallery(30, width: 160, height: 50)
        for object in state.gallery.objects { _ = AppReducer.reduce(&state, .thumbnailLoaded(key: object.key, F.picture(columns: 4, rows: 2))) }
        let open = PixelPlan.wanted(state)
        _ = AppReducer.reduce(&state, .focus(.parameters))
        _ = AppReducer.reduce(&state, .sweep(.openEditor))
        try #require(state.sweeps.editor != nil)
        let editor = SweepOverlayView.editorBox(in: Layout(width: 160, height: 50).main)
        let underEditor = PixelPlan.wanted(state)
        #expect(underEditor == open.filter { !$0.box.intersects(editor) })
        #expect(!underEditor.isEmpty && underEditor.count < open.count, "\(underEditor.count) of \(open.count) stay")
        #expect(underEditor.allSatisfy { !$0.box.intersects(editor) })
        // The quit question is small too; the help covers everything.
        var quitting = state
        quitting.sweeps.editor = nil
        quitting.overlay = .confirmQuit
        let question = OverlayView.confirmQuitBox(quitting, in: Layout(width: 160, height: 50).main)
        #expect(PixelPlan.wanted(quitting) == open.filter { !$0.box.intersects(question) })
        quitting.overlay = .help(page: 0)
        #expect(PixelPlan.wanted(quitting).isEmpty)
    }

    /// The neighbours' previews are encoded ahead only once everything wanted is settled and no change is
    /// pending, one at a time; arrowing to one then draws it in the key's own frame.
    @Test func neighboursAreEncodedAheadOnlyWhenIdle() {
        var scheduler = Self.scheduler()
        let first = scheduler.frame(for: [Self.wanted(1)], ahead: [Self.wanted(2), Self.wanted(3)], now: Self.t0)
        #expect(first.request?.wanted == Self.wanted(1), "what is wanted comes first")
        scheduler.received(PixelResult(pixelKey: scheduler.pixelKey(for: Self.wanted(1)), outcome: .success(Self.placed("P1"))))
        let second = scheduler.frame(for: [Self.wanted(1)], ahead: [Self.wanted(2), Self.wanted(3)], now: Self.t0.addingTimeInterval(0.3))
        #expect(Self.contains(second.graphics.draw, "P1"))
        #expect(second.request?.wanted == Self.wanted(2))
        #expect(scheduler.frame(for: [Self.wanted(1)], ahead: [Self.wanted(2), Self.wanted(3)], now: Self.t0.addingTimeInterval(0.31)).request == nil,
                "one encoding at a time")
        scheduler.received(PixelResult(pixelKey: scheduler.pixelKey(for: Self.wanted(2)), outcome: .success(Self.placed("P2"))))
        let moved = scheduler.frame(for: [Self.wanted(2)], ahead: [Self.wanted(3), Self.wanted(1)], now: Self.t0.addingTimeInterval(1))
        #expect(Self.contains(moved.graphics.draw, "P2"), "the prefetched preview draws in the selection change's frame")
        #expect(moved.request == nil, "not while the change's own frame is written")
        #expect(scheduler.nextDeadline(after: Self.t0.addingTimeInterval(1)) == Self.t0.addingTimeInterval(1.12))
        let paused = scheduler.frame(for: [Self.wanted(2)], ahead: [Self.wanted(3), Self.wanted(1)], now: Self.t0.addingTimeInterval(1.12))
        #expect(paused.request?.wanted == Self.wanted(3))
        // While 3 is encoded ahead, going the other way asks for 5 at once; coming back to 3 waits for it.
        let otherWay = scheduler.frame(for: [Self.wanted(5)], ahead: [], now: Self.t0.addingTimeInterval(1.3))
        #expect(otherWay.request?.wanted == Self.wanted(5), "a wanted picture does not wait for an encoding ahead")
        scheduler.received(PixelResult(pixelKey: scheduler.pixelKey(for: Self.wanted(5)), outcome: .success(Self.placed("P5"))))
        #expect(scheduler.frame(for: [Self.wanted(3)], ahead: [], now: Self.t0.addingTimeInterval(1.6)).request == nil,
                "the picture encoded ahead is not asked for twice")
        scheduler.received(PixelResult(pixelKey: scheduler.pixelKey(for: Self.wanted(3)), outcome: .success(Self.placed("P3"))))
        scheduler.received(PixelResult(pixelKey: scheduler.pixelKey(for: Self.wanted(4)), outcome: .success(Self.placed("P4"))))
        // A change 50 ms after the last one waits for the pause, and nothing is encoded ahead meanwhile.
        let held = scheduler.frame(for: [Self.wanted(4)], ahead: [Self.wanted(6)], now: Self.t0.addingTimeInterval(1.65))
        #expect(held.graphics.draw.isEmpty && held.request == nil)
        let settled = scheduler.frame(for: [Self.wanted(4)], ahead: [Self.wanted(6)], now: Self.t0.addingTimeInterval(1.8))
        #expect(Self.contains(settled.graphics.draw, "P4"))
        #expect(settled.request?.wanted == Self.wanted(6))
    }

    @Test func thePlanNamesTheSelectionsNeighboursInThePreviewBox() {
        var state = F.stateWithGallery(12, width: 160, height: 50)
        _ = AppReducer.reduce(&state, .moveGallerySelection(columns: 1, rows: 0))
        let preview = PixelPlan.wanted(state, tiles: false)
        let neighbours = PixelPlan.neighbours(state)
        let gallery = state.gallery
        #expect(neighbours.map(\.key) == [gallery.objects[gallery.visible[gallery.selection + 1]].key,
                                          gallery.objects[gallery.visible[gallery.selection - 1]].key])
        #expect(neighbours.allSatisfy { $0.role == .preview && $0.box == preview.first?.box && $0.imageID == WantedImage.previewImageID(for: $0.key) })
        var help = state
        _ = AppReducer.reduce(&help, .toggleHelp)
        #expect(PixelPlan.neighbours(help).isEmpty)
    }

    @Test func leavingTheScreenDeletesKittyPicturesAndDrawsThemAgainNextFrame() {
        var scheduler = Self.scheduler(cached: [(Self.wanted(1), Self.placed("PICTURE-1"))])
        _ = scheduler.frame(for: [Self.wanted(1)], now: Self.t0)
        #expect(Self.contains(scheduler.leaveScreen(), "a=d,d=I,i=\(Self.wanted(1).imageID),"))
        #expect(scheduler.covered.isEmpty)
        #expect(Self.contains(scheduler.frame(for: [Self.wanted(1)], now: Self.t0.addingTimeInterval(1)).graphics.draw, "PICTURE-1"))
    }

    @Test func aPictureSeenBeforeIsPlacedByIDInKittyNotSentAgain() {
        let first = Self.wanted(1), second = Self.wanted(2)
        var scheduler = Self.scheduler(cached: [(first, Self.placed("PICTURE-1")), (second, Self.placed("PICTURE-2"))])
        #expect(Self.contains(scheduler.frame(for: [first], now: Self.t0).graphics.draw, "PICTURE-1"))
        let away = scheduler.frame(for: [second], now: Self.t0.addingTimeInterval(1)).graphics
        #expect(Self.contains(away.erase, "\u{1B}_Ga=d,d=i,i=\(first.imageID),q=2"), "hidden, its data kept")
        #expect(Self.contains(away.draw, "PICTURE-2"))
        let back = scheduler.frame(for: [first], now: Self.t0.addingTimeInterval(2)).graphics
        // Placed at the same cell the upload was (box x 40 + offset 1), over the same 18x8 cells, by id alone.
        #expect(Self.contains(back.draw, "\u{1B}7\u{1B}[15;42H\u{1B}_Ga=p,i=\(first.imageID),c=18,r=8,C=1,q=2\u{1B}\\\u{1B}8"))
        #expect(!Self.contains(back.draw, "PICTURE-1"))
        #expect(back.draw.count < 60)
        #expect(scheduler.covered == [first.box])

        // Leaving the screen frees what the terminal holds, shown or not: the next frame sends the picture again.
        let left = String(decoding: scheduler.leaveScreen(), as: UTF8.self)
        #expect(left.contains("a=d,d=I,i=\(first.imageID),") && left.contains("a=d,d=I,i=\(second.imageID),"))
        #expect(Self.contains(scheduler.frame(for: [second], now: Self.t0.addingTimeInterval(3)).graphics.draw, "PICTURE-2"))
    }

    @Test func otherEncodersSendAPictureAgainAndFreeItWhenItLeaves() {
        let first = Self.wanted(1), second = Self.wanted(2)
        for encoder: any GraphicsEncoder in [KittyEncoder(tmux: true), KittyEncoder(placeholders: true), SixelEncoder()] {
            var scheduler = Self.scheduler(encoder, cached: [(first, Self.placed("PICTURE-1")), (second, Self.placed("PICTURE-2"))])
            _ = scheduler.frame(for: [first], now: Self.t0)
            let away = scheduler.frame(for: [second], now: Self.t0.addingTimeInterval(1)).graphics
            #expect(!Self.contains(away.erase, "d=i"))
            #expect(Self.contains(scheduler.frame(for: [first], now: Self.t0.addingTimeInterval(2)).graphics.draw, "PICTURE-1"), "\(encoder)")
        }
    }

    @Test func theTerminalHoldsAtMostTheLimitFreeingTheLeastRecentlyDrawnFirst() {
        // 18x8 cells of 10x20 pixels: 115,200 bytes a picture in the terminal.
        let pictures = PixelScheduler.heldPixelBytes / 115_200 + 2
        let wanted = (1...pictures).map { Self.wanted($0) }
        var scheduler = Self.scheduler(cached: wanted.map { ($0, Self.placed("PICTURE-\($0.key)")) })
        var freed: [UInt32] = []
        for (index, picture) in wanted.enumerated() {
            let erase = String(decoding: scheduler.frame(for: [picture], now: Self.t0.addingTimeInterval(Double(index))).graphics.erase, as: UTF8.self)
            freed += erase.components(separatedBy: "a=d,d=I,i=").dropFirst().compactMap { UInt32($0.prefix { $0.isNumber }) }
        }
        #expect(freed == [wanted[0].imageID, wanted[1].imageID], "the two oldest, once the limit is passed")
        // The oldest is sent again; one still held is placed by id.
        let now = Self.t0.addingTimeInterval(Double(pictures))
        #expect(Self.contains(scheduler.frame(for: [wanted[0]], now: now).graphics.draw, "PICTURE-\(wanted[0].key)"))
        #expect(Self.contains(scheduler.frame(for: [wanted[5]], now: now.addingTimeInterval(1)).graphics.draw, "a=p,i=\(wanted[5].imageID),"))
    }

    @Test func theEncodedCacheDropsTheLeastRecentlyUsedPastItsCapacity() {
        var cache = EncodedPixelCache(capacity: 250)
        let scheduler = Self.scheduler()
        let keys = (1...3).map { scheduler.pixelKey(for: Self.wanted($0)) }
        cache.store(.success(Self.placed("1")), for: keys[0])
        cache.store(.success(Self.placed("2")), for: keys[1])
        _ = cache.lookup(keys[0])
        cache.store(.success(Self.placed("3")), for: keys[2])
        #expect(cache.contains(keys[0]) && cache.contains(keys[2]))
        #expect(!cache.contains(keys[1]))
        #expect(cache.byteCount == 200)
    }

    @Test func encodingFitsTheBoxKeepsTheAspectAndCentres() throws {
        // A 4:3 PNG into a 20x8-cell box of 10x20-pixel cells (200x160 pixels): 200x150, 20x8 cells, no offset.
        let png = try PNG.encode(RGBAImage(width: 400, height: 300, pixels: [UInt8](repeating: 200, count: 400 * 300 * 4)))
        let scheduler = Self.scheduler()
        let result = PixelEncoding.encode(png: png, key: scheduler.pixelKey(for: Self.wanted(1)), encoder: KittyEncoder())
        let placed = try result.get()
        #expect(placed.columns == 20 && placed.rows == 8)
        #expect(placed.offset == (0, 0))
        #expect(Self.contains(placed.bytes, "a=T,f=100,i=\(Self.wanted(1).imageID),c=20,r=8"))
        // A tall picture in the same box is centred across.
        let tall = try PNG.encode(RGBAImage(width: 100, height: 400, pixels: [UInt8](repeating: 200, count: 100 * 400 * 4)))
        let centred = try PixelEncoding.encode(png: tall, key: scheduler.pixelKey(for: Self.wanted(1)), encoder: KittyEncoder()).get()
        #expect(centred.columns == 4 && centred.offset.x == 8)
    }
}
