import Testing

@testable import DarkroomImaging

struct ColorTests {
    static func bruteForceExtended(_ color: RGB) -> Int {
        let target = OKLab(color)
        return (16..<256).min { XtermPalette.oklab[$0].distanceSquared(to: target) < XtermPalette.oklab[$1].distanceSquared(to: target) } ?? 16
    }

    /// Compositing one channel: opaque keeps the pixel, transparent shows the background, between is rounded.
    @Test func blendCompositesOverTheBackground() {
        #expect(RGB.blend(200, alpha: 255, over: 10) == 200)
        #expect(RGB.blend(200, alpha: 0, over: 10) == 10)
        #expect(RGB.blend(255, alpha: 128, over: 0) == 128)
        #expect(RGB.blend(0, alpha: 128, over: 255) == 127)
        // Every value and opacity against the exact fraction, over a white and a black background.
        var wrong: [String] = []
        for under: UInt8 in [0, 255] {
            for value in 0...255 {
                for alpha in 0...255 {
                    let exact = (Double(value) * Double(alpha) + Double(under) * Double(255 - alpha)) / 255
                    let blended = RGB.blend(UInt8(value), alpha: UInt8(alpha), over: under)
                    if abs(Double(blended) - exact) > 0.5 { wrong.append("\(value) at \(alpha) over \(under): \(blended)") }
                }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
    }

    @Test func candidateSearchMatchesExhaustiveSearch() {
        var generator = SystemRandomNumberGenerator()
        var colors = (0..<3000).map { _ in RGB(r: .random(in: 0...255, using: &generator), g: .random(in: 0...255, using: &generator), b: .random(in: 0...255, using: &generator)) }
        colors += (0...255).map { RGB(r: UInt8($0), g: UInt8($0), b: UInt8($0)) }
        for color in colors {
            #expect(Int(XtermPalette.nearestExtended(to: color)) == Self.bruteForceExtended(color), "\(color)")
        }
    }

    @Test func paletteColorsMapToThemselves() {
        for index in 16..<256 {
            #expect(Int(XtermPalette.nearestExtended(to: XtermPalette.rgb(ofIndex: index))) == index)
        }
    }

    @Test func knownColorsInEachMode() {
        var cube = ColorQuantizer(mode: .xterm256)
        #expect(cube.color(for: RGB(r: 255, g: 0, b: 0)) == .indexed(196))
        #expect(cube.color(for: RGB(r: 128, g: 128, b: 128)) == .indexed(244))
        #expect(cube.color(for: RGB(r: 255, g: 0, b: 0)) == .indexed(196))  // from the cache
        var basic = ColorQuantizer(mode: .ansi16)
        #expect(basic.color(for: RGB(r: 250, g: 10, b: 10)) == .indexed(9))
        #expect(basic.color(for: RGB(r: 0, g: 0, b: 200)) == .indexed(4))
        var eight = ColorQuantizer(mode: .ansi8)
        #expect(eight.color(for: RGB(r: 255, g: 255, b: 255)) == .indexed(7))
        var truecolor = ColorQuantizer(mode: .truecolor)
        #expect(truecolor.color(for: RGB(r: 1, g: 2, b: 3)) == .rgb(RGB(r: 1, g: 2, b: 3)))
        var none = ColorQuantizer(mode: .none)
        #expect(none.color(for: RGB(r: 1, g: 2, b: 3)) == .terminalDefault)
    }

    @Test func terminalColoursStandForPaletteColours() {
        #expect(TerminalColor.indexed(196).approximateRGB == RGB(r: 255, g: 0, b: 0))
        #expect(TerminalColor.indexed(244).approximateRGB == RGB(r: 128, g: 128, b: 128))
        #expect(TerminalColor.indexed(12).approximateRGB == RGB(r: 92, g: 92, b: 255))
        #expect(TerminalColor.rgb(RGB(r: 1, g: 2, b: 3)).approximateRGB == RGB(r: 1, g: 2, b: 3))
        #expect(TerminalColor.terminalDefault.approximateRGB == nil)
    }

}
