import Foundation
import DarkroomTestSupport
import Testing

@testable import DarkroomImaging

/// Damaged and hostile inputs are refused with a typed error, never a crash or a partial image.
struct HostileInputTests {
    /// A minimal PNG head: signature and an IHDR for an 8-bit RGBA image of the given size.
    static func header(width: UInt32, height: UInt32) -> [UInt8] {
        var ihdr: [UInt8] = []
        PNGChunkStream.appendUInt32(width, to: &ihdr)
        PNGChunkStream.appendUInt32(height, to: &ihdr)
        ihdr += [8, 6, 0, 0, 0]
        return PNGChunkStream.signature + PNGChunkStream.serialize(type: "IHDR", data: ihdr)
    }

    @Test(arguments: ["basn6a08.png", "basi3p02.png", "basn0g16.png", "basi6a16.png"])
    func truncatedFileIsAlwaysAnError(_ file: String) throws {
        let bytes = try TestData.bytes("pngsuite/png/\(file)")
        for length in stride(from: 0, to: bytes.count, by: 7) {
            #expect(throws: PNGError.self, "cut at \(length) of \(bytes.count)") { try PNG.decode(Array(bytes.prefix(length))) }
        }
    }

    @Test func cutJustBeforeTheEndIsTruncated() throws {
        let bytes = try TestData.bytes("pngsuite/png/basn6a08.png")
        #expect(throws: PNGError.truncated) { try PNG.decode(Array(bytes.dropLast(1))) }
    }

    @Test func hugeDimensionsAreRefusedBeforeAllocating() {
        let bytes = Self.header(width: 1_000_000, height: 1_000_000)
        #expect(throws: PNGError.tooManyPixels(width: 1_000_000, height: 1_000_000, limit: PNGLimits.standard.maxPixels)) {
            try PNG.decode(bytes)
        }
    }

    @Test func pixelBudgetIsConfigurable() throws {
        let bytes = try TestData.bytes("pngsuite/png/basn6a08.png")
        #expect(throws: PNGError.tooManyPixels(width: 32, height: 32, limit: 1000)) {
            try PNG.decode(bytes, limits: PNGLimits(maxPixels: 1000))
        }
        #expect(try PNG.decode(bytes, limits: PNGLimits(maxPixels: 1024)).width == 32)
    }

    @Test func byteBudgetIsCheckedForBytesAndFiles() throws {
        let path = TestData.url("pngsuite/png/basn6a08.png").path
        let size = try TestData.bytes("pngsuite/png/basn6a08.png").count
        let limits = PNGLimits(maxBytes: 100)
        #expect(throws: PNGError.tooManyBytes(size: size, limit: 100)) { try PNG.decode(contentsOf: path, limits: limits) }
        #expect(throws: PNGError.tooManyBytes(size: size, limit: 100)) {
            try PNG.decode(TestData.bytes("pngsuite/png/basn6a08.png"), limits: limits)
        }
    }

    @Test func zeroSizedHeaderIsCorrupt() {
        #expect(throws: PNGError.corrupt("Invalid IHDR data")) { try PNG.decode(Self.header(width: 0, height: 5) + PNGChunkStream.serialize(type: "IEND", data: [])) }
    }

    @Test func randomGarbageAfterTheSignatureIsRefused() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let garbage = (0..<Int.random(in: 0..<300, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(throws: PNGError.self) { try PNG.decode(PNGChunkStream.signature + garbage) }
        }
    }

    /// Both sides at the 32-bit maximum multiply past Int.max: refused as over the budget, not a trap. (The
    /// random flips below found this one now and then, crashing the test process.)
    @Test func sidesWhoseProductOverflowsAreRefused() throws {
        var bytes = try TestData.bytes("pngsuite/png/basn2c08.png")
        bytes.replaceSubrange(16..<24, with: [UInt8](repeating: 0xFF, count: 8))
        #expect(throws: PNGError.tooManyPixels(width: 0xFFFF_FFFF, height: 0xFFFF_FFFF, limit: PNGLimits.standard.maxPixels)) {
            try PNG.decode(bytes)
        }
        #expect(throws: PNGError.self) { try ThumbnailRenderer(symbols: .half, colors: .xterm256).render(png: bytes, columns: 8, rows: 4) }
        #expect(throws: PNGError.self) { try PNG.decode(bytes, fittingLongSide: 16) }
        #expect(throws: PNGError.self) { try PNG.encodeRGB(width: Int(Int32.max), height: Int(Int32.max), rgb: [1, 2, 3]) }
    }

    /// Random byte corruption anywhere in real files: every outcome is an image of the declared
    /// size or a typed error, never a crash. Text-chunk reading and dimensions survive it too.
    @Test(arguments: ["basn2c08.png", "basi3p02.png", "ctzn0g04.png", "basn6a16.png"])
    func flippedBytesNeverCrash(_ file: String) throws {
        let original = try TestData.bytes("pngsuite/png/\(file)")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                bytes[Int.random(in: 8..<bytes.count, using: &generator)] = .random(in: 0...255, using: &generator)
            }
            if let image = try? PNG.decode(bytes) {
                #expect(image.pixels.count == image.width * image.height * 4)
            }
            _ = try? PNG.textChunks(in: bytes)
            _ = try? PNG.dimensions(of: bytes)
            _ = try? ThumbnailRenderer(symbols: .quad, colors: .xterm256).render(png: bytes, columns: 8, rows: 4)
        }
    }

    @Test func directoryIsAnIOError() {
        #expect {
            try PNG.decode(contentsOf: TestData.url("pngsuite").path)
        } throws: { error in
            guard case .io(_, let reason) = error as? PNGError else { return false }
            return reason == "it is a folder"
        }
    }

    @Test func missingFileIsAnIOError() {
        #expect {
            try PNG.decode(contentsOf: "/nonexistent/darkroom.png")
        } throws: { error in
            guard case .io(let path, _) = error as? PNGError else { return false }
            return path == "/nonexistent/darkroom.png"
        }
    }
}

/// Inputs the png fuzz target once failed on (Tests/FuzzRegressions/png/): each is answered with a typed error.
/// The memory side is guarded where it can be seen: `make fuzz` replays these first under libFuzzer's
/// `-malloc_limit_mb`, which reports any single allocation past the limit (a plain test process would not notice
/// an untouched 1.9 GB malloc).
struct FuzzRegressionTests {
    static let folder = TestData.packageRoot.appendingPathComponent("Tests/FuzzRegressions/png")

    /// A forged iTXt length (0x72720038) made libpng ask for 1.9 GB while reading a 251-byte file; the shim's
    /// allocator now refuses any buffer past the input plus the byte budget, and the file reads as truncated.
    @Test func forgedTextChunkLengthIsATruncatedFile() throws {
        let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent("oom-forged-itxt-length")))
        #expect(throws: PNGError.truncated) { try PNG.decode(bytes) }
        #expect(throws: PNGError.truncated) { try PNG.decode(bytes, fittingLongSide: 32) }
        // The text reader is lenient by design (it reads ranged heads of PNGs): a chunk running past the end is no text.
        #expect(try PNG.textChunks(in: bytes).isEmpty)
    }
}
