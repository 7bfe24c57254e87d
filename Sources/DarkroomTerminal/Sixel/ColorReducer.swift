import DarkroomImaging
import Dispatch

/// Picks an image's palette. Measured on the test images (mean OKLab error of the mapped image,
/// `ColorReducerTests`): Wu's quantiser beats median cut, so `.wu` is the default.
public enum PaletteMethod: String, CaseIterable, Sendable {
    /// Xiaolin Wu's greedy variance-minimising box splits over 5-bit colour moments (Graphics Gems II, 1991).
    case wu
    /// Heckbert's median cut over the 5-bit histogram: split the most populous box's longest side at its median.
    case medianCut
}

/// Reduces an image to an indexed one with at most `maximumColors` colours.
public struct ColorReducer: Sendable {
    public var method: PaletteMethod
    public var maximumColors: Int
    /// Floyd-Steinberg error diffusion: smoother gradients, more bytes and a higher per-pixel error.
    public var dither: Bool
    /// What transparent pixels are composited over: the terminal's background, as a sixel's colour registers
    /// hold no transparency.
    public var background: RGB

    public init(method: PaletteMethod = .wu, maximumColors: Int = 256, dither: Bool = false, background: RGB = .black) {
        self.method = method
        self.maximumColors = max(2, min(256, maximumColors))
        self.dither = dither
        self.background = background
    }

    /// The palette and one palette index per pixel (alpha composited over `background`).
    public func reduce(_ image: RGBAImage) -> (palette: Palette, indices: [UInt8]) {
        let rgb = opaqueRGB(image)
        let palette = palette(rgb: rgb)
        var indices = [UInt8](repeating: 0, count: image.width * image.height)
        if !dither {
            // Two halves on two threads, each with its own cache (a shared one would need locking per probe).
            let parts = indices.count >= 1 << 16 ? 2 : 1
            let count = indices.count
            rgb.withUnsafeBufferPointer { rgb in
                indices.withUnsafeMutableBufferPointer { indices in
                    guard let rgb = PartPointer(rgb), let indices = PartPointer(indices) else { return }
                    DispatchQueue.concurrentPerform(iterations: parts) { part in
                        var cache = NearestColorCache(palette: palette)
                        let first = count * part / parts
                        cache.map(rgb.base + first * 3, into: indices.base + first, count: count * (part + 1) / parts - first)
                    }
                }
            }
            return (palette, indices)
        }
        var cache = NearestColorCache(palette: palette)
        // Floyd-Steinberg with the error of the current and next row kept in two lines (7/16, 3/16, 5/16, 1/16).
        let width = image.width
        var current = [Int32](repeating: 0, count: (width + 2) * 3)
        var next = current
        for y in 0..<image.height {
            for x in 0..<width {
                let pixel = y * width + x
                var value = [0, 0, 0]
                for channel in 0..<3 {
                    let carried = Int(current[(x + 1) * 3 + channel]) / 16
                    value[channel] = max(0, min(255, Int(rgb[pixel * 3 + channel]) + carried))
                }
                let index = cache.index(value[0], value[1], value[2])
                indices[pixel] = UInt8(index)
                let chosen = palette.colors[index]
                let errors = [value[0] - Int(chosen.r), value[1] - Int(chosen.g), value[2] - Int(chosen.b)]
                for channel in 0..<3 {
                    let error = Int32(errors[channel])
                    current[(x + 2) * 3 + channel] += error * 7
                    next[x * 3 + channel] += error * 3
                    next[(x + 1) * 3 + channel] += error * 5
                    next[(x + 2) * 3 + channel] += error
                }
            }
            swap(&current, &next)
            for index in next.indices { next[index] = 0 }
        }
        return (palette, indices)
    }

    /// The palette for opaque RGB bytes (3 per pixel), snapped to sixel's percent steps.
    func palette(rgb: [UInt8]) -> Palette {
        let chosen: [RGB] = switch method {
        case .wu: WuQuantizer.palette(rgb: rgb, count: maximumColors)
        case .medianCut: MedianCut.palette(rgb: rgb, count: maximumColors)
        }
        return Self.snapped(chosen)
    }

    /// Wu's palette for the pixels counted in `histogram` (the pipelined sixel path counts rows as they decode).
    func palette(histogram: WuQuantizer.Histogram) -> Palette {
        Self.snapped(WuQuantizer.palette(histogram: histogram, count: maximumColors))
    }

    private static func snapped(_ chosen: [RGB]) -> Palette {
        Palette(colors: chosen.isEmpty ? [RGB(r: 0, g: 0, b: 0)] : chosen).snappedToPercent()
    }

    /// RGB bytes, alpha composited over `background`.
    func opaqueRGB(_ image: RGBAImage) -> [UInt8] {
        let count = image.width * image.height
        return [UInt8](unsafeUninitializedCapacity: count * 3) { rgb, initialized in
            image.pixels.withUnsafeBufferPointer { source in
                if let source = source.baseAddress, let target = rgb.baseAddress { composite(source, into: target, pixels: count) }
            }
            initialized = count * 3
        }
    }

    /// `pixels` RGBA pixels as RGB, alpha composited over `background`.
    func composite(_ source: UnsafePointer<UInt8>, into rgb: UnsafeMutablePointer<UInt8>, pixels count: Int) {
        for pixel in 0..<count {
            let alpha = source[pixel * 4 + 3]
            rgb[pixel * 3] = RGB.blend(source[pixel * 4], alpha: alpha, over: background.r)
            rgb[pixel * 3 + 1] = RGB.blend(source[pixel * 4 + 1], alpha: alpha, over: background.g)
            rgb[pixel * 3 + 2] = RGB.blend(source[pixel * 4 + 2], alpha: alpha, over: background.b)
        }
    }
}
