import DarkroomCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Paints a deterministic picture from generation parameters, standing in for a diffusion model locally.
///
/// It is not a neural network: words in the prompt pick a palette and a composition (a horizon for
/// landscapes, a skyline for cities, a disc for a sun or a subject, flowing bands otherwise); the seed moves
/// everything around; steps add octaves of noise (detail); CFG scale sets contrast. Same inputs, same pixels.
struct ProceduralRenderer {
    struct Color {
        var r: Float, g: Float, b: Float

        static func mix(_ a: Color, _ b: Color, _ t: Float) -> Color {
            Color(r: a.r + (b.r - a.r) * t, g: a.g + (b.g - a.g) * t, b: a.b + (b.b - a.b) * t)
        }

        func scaled(_ factor: Float) -> Color { Color(r: r * factor, g: g * factor, b: b * factor) }
    }

    let width: Int
    let height: Int
    let octaves: Int
    let contrast: Float
    let style: String?
    let scene: Scene
    let palette: [Color]
    let noiseSeed: UInt64
    let random: Random

    struct Scene {
        var hasHorizon = false
        var hasSkyline = false
        var hasSubject = false
        var hasSun = false
        var isDark = false
    }

    init(parameters: GenerationParameters) {
        width = parameters.size.width
        height = parameters.size.height
        let steps = parameters.steps ?? 30
        octaves = min(8, max(1, 1 + steps / 20))
        // CFG 0 washes out, the usual 7 is lively, 35 burns (as very high guidance does in real models).
        contrast = 0.55 + Float(parameters.cfgScale ?? 7) * 0.09
        style = parameters.stylePreset

        let words = Self.words(in: parameters.prompt)
        let avoided = Set(Self.words(in: parameters.negativePrompt))
        let seed = UInt64(parameters.seed ?? 0)
        var random = Random(seed: seed ^ Self.hash(words.joined(separator: " ")))
        noiseSeed = random.next()
        scene = Self.scene(for: words)
        palette = Self.palette(for: words.filter { !avoided.contains($0) }, random: &random)
        self.random = random
    }

    /// RGB8 pixels, row-major.
    func render() -> [UInt8] {
        var generator = random
        let horizonBase = 0.5 + generator.unit() * 0.25
        let sun = (x: 0.15 + generator.unit() * 0.7, y: 0.1 + generator.unit() * 0.3, radius: 0.06 + generator.unit() * 0.08)
        let subject = (x: 0.3 + generator.unit() * 0.4, y: 0.45 + generator.unit() * 0.2, radius: 0.14 + generator.unit() * 0.12)
        let bandAngle = generator.unit() * .pi
        let bandFrequency = 3 + generator.unit() * 6
        let buildings = (0..<24).map { _ in (height: 0.15 + generator.unit() * 0.4, lit: generator.unit()) }
        let grain = Float(max(0, octaves - 4)) * 0.02

        let field = NoiseField(width: width, height: height, octaves: octaves, seed: noiseSeed)
        let block = style == "pixel-art" ? max(4, min(width, height) / 64) : 1
        let levels: Float? = ["anime", "comic-book", "line-art", "low-poly", "origami"].contains(style ?? "") ? 5 : nil
        let vignette = ["photographic", "cinematic", "analog-film", "PHOTOREALISM"].contains(style ?? "")
        let (skyTop, horizon, ground, accent) = (palette[0], palette[1], palette[2], palette[3])
        let inverseWidth = 1 / Float(width), inverseHeight = 1 / Float(height)
        let aspect = Float(width) / Float(height)
        let (bandX, bandY) = (cos(bandAngle), sin(bandAngle))

        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        pixels.withUnsafeMutableBufferPointer { output in
            for row in 0..<height {
                let sampleY = (row / block) * block
                let v = Float(sampleY) * inverseHeight
                for column in 0..<width {
                    let sampleX = (column / block) * block
                    let u = Float(sampleX) * inverseWidth
                    let noise = field.value(x: sampleX, y: sampleY)

                    var color: Color
                    let horizonY = horizonBase + noise * 0.08
                    if scene.hasHorizon && v > horizonY {
                        color = Color.mix(horizon, ground, min(1, (v - horizonY) / max(0.05, 1 - horizonY) * 1.4))
                    } else if scene.hasHorizon {
                        color = Color.mix(skyTop, horizon, v / horizonY)
                    } else {
                        // No landscape: flowing bands, bent by the noise field.
                        let along = (u * aspect * bandX + v * bandY) * bandFrequency + noise * 2.5
                        let band = 0.5 + 0.5 * sin(along * .pi)
                        color = Color.mix(Color.mix(skyTop, horizon, v), ground, band * 0.7)
                    }

                    if scene.hasSkyline {
                        let index = min(buildings.count - 1, Int(u * Float(buildings.count)))
                        let top = 1 - buildings[index].height
                        if v > top {
                            // A grid of windows, about half of them lit, chosen per window so rows differ.
                            let window = (sampleX / 6) % 3 != 0 && (sampleY / 9) % 2 == 0
                            let lit = Self.mixBits(UInt64(sampleX / 6 &* 131 &+ sampleY / 9) ^ noiseSeed) & 1 == 0
                            let windows = window && lit && buildings[index].lit > 0.25
                            color = windows ? Color.mix(accent, Color(r: 1, g: 0.95, b: 0.7), 0.5) : ground.scaled(0.45)
                        }
                    }
                    if scene.hasSun {
                        let distance = hypot((u - sun.x) * aspect, v - sun.y)
                        let glow = max(0, 1 - distance / (sun.radius * 3))
                        color = Color.mix(color, accent, distance < sun.radius ? 1 : glow * glow * 0.6)
                    }
                    if scene.hasSubject {
                        let distance = hypot((u - subject.x) * aspect, (v - subject.y) * 0.8) + noise * 0.05
                        if distance < subject.radius {
                            let shade = 1 - distance / subject.radius * 0.5
                            color = Color.mix(accent, palette[4], noise * 0.5 + 0.5).scaled(shade)
                        }
                    }

                    color = Color.mix(color, palette[4], noise * 0.18 + 0.06)
                    if grain > 0 {
                        color = color.scaled(1 + Float(Self.mixBits(UInt64(row &* 7919 &+ column) ^ noiseSeed) & 0xFF) / 255 * grain - grain / 2)
                    }
                    if scene.isDark { color = color.scaled(0.45) }
                    if vignette {
                        let edge = hypot(u - 0.5, v - 0.5)
                        color = color.scaled(1 - edge * edge * 0.9)
                    }

                    let offset = (row * width + column) * 3
                    output[offset] = Self.channel(color.r, contrast: contrast, levels: levels)
                    output[offset + 1] = Self.channel(color.g, contrast: contrast, levels: levels)
                    output[offset + 2] = Self.channel(color.b, contrast: contrast, levels: levels)
                }
            }
        }
        return pixels
    }

    private static func channel(_ value: Float, contrast: Float, levels: Float?) -> UInt8 {
        var stretched = min(1, max(0, 0.5 + (value - 0.5) * contrast))
        if let levels { stretched = (stretched * (levels - 1)).rounded() / (levels - 1) }
        return UInt8(stretched * 255 + 0.5)
    }

    // MARK: - Words to pictures

    private static let keywordColors: [String: Color] = [
        "sunset": Color(r: 0.98, g: 0.5, b: 0.22), "sunrise": Color(r: 0.99, g: 0.7, b: 0.4),
        "ocean": Color(r: 0.08, g: 0.33, b: 0.68), "sea": Color(r: 0.1, g: 0.38, b: 0.66),
        "water": Color(r: 0.16, g: 0.45, b: 0.72), "lake": Color(r: 0.2, g: 0.45, b: 0.6),
        "river": Color(r: 0.22, g: 0.5, b: 0.65), "sky": Color(r: 0.45, g: 0.7, b: 0.95),
        "forest": Color(r: 0.12, g: 0.42, b: 0.18), "tree": Color(r: 0.2, g: 0.5, b: 0.2),
        "trees": Color(r: 0.2, g: 0.5, b: 0.2), "jungle": Color(r: 0.05, g: 0.45, b: 0.15),
        "grass": Color(r: 0.35, g: 0.7, b: 0.25), "night": Color(r: 0.05, g: 0.07, b: 0.22),
        "fire": Color(r: 0.95, g: 0.3, b: 0.05), "lava": Color(r: 0.9, g: 0.2, b: 0.02),
        "snow": Color(r: 0.92, g: 0.95, b: 1), "ice": Color(r: 0.75, g: 0.9, b: 0.98),
        "winter": Color(r: 0.85, g: 0.9, b: 0.97), "desert": Color(r: 0.9, g: 0.76, b: 0.48),
        "sand": Color(r: 0.93, g: 0.82, b: 0.58), "beach": Color(r: 0.95, g: 0.85, b: 0.6),
        "gold": Color(r: 0.95, g: 0.76, b: 0.2), "golden": Color(r: 0.95, g: 0.76, b: 0.25),
        "red": Color(r: 0.85, g: 0.1, b: 0.1), "blue": Color(r: 0.12, g: 0.25, b: 0.9),
        "green": Color(r: 0.12, g: 0.72, b: 0.25), "yellow": Color(r: 0.95, g: 0.9, b: 0.2),
        "purple": Color(r: 0.55, g: 0.2, b: 0.75), "violet": Color(r: 0.6, g: 0.3, b: 0.85),
        "pink": Color(r: 0.96, g: 0.5, b: 0.7), "orange": Color(r: 1, g: 0.55, b: 0.1),
        "black": Color(r: 0.04, g: 0.04, b: 0.05), "white": Color(r: 0.95, g: 0.95, b: 0.95),
        "neon": Color(r: 1, g: 0.1, b: 0.8), "cyberpunk": Color(r: 0.1, g: 0.9, b: 0.95),
        "city": Color(r: 0.4, g: 0.4, b: 0.47), "mountain": Color(r: 0.42, g: 0.4, b: 0.5),
        "mountains": Color(r: 0.42, g: 0.4, b: 0.5), "storm": Color(r: 0.35, g: 0.38, b: 0.45),
        "rain": Color(r: 0.5, g: 0.55, b: 0.62), "cloud": Color(r: 0.8, g: 0.82, b: 0.86),
        "autumn": Color(r: 0.8, g: 0.42, b: 0.12), "spring": Color(r: 0.6, g: 0.85, b: 0.5),
        "moon": Color(r: 0.88, g: 0.88, b: 0.78), "sun": Color(r: 1, g: 0.85, b: 0.3),
        "cat": Color(r: 0.82, g: 0.55, b: 0.3), "fox": Color(r: 0.9, g: 0.45, b: 0.12),
    ]

    private static func scene(for words: [String]) -> Scene {
        let set = Set(words)
        func any(_ candidates: [String]) -> Bool { candidates.contains(where: set.contains) }
        var scene = Scene()
        scene.hasHorizon = any(["landscape", "mountain", "mountains", "hill", "hills", "valley", "field", "desert",
                                "beach", "ocean", "sea", "lake", "horizon", "sunset", "sunrise", "road", "marathon"])
        scene.hasSkyline = any(["city", "street", "building", "buildings", "skyline", "town", "tower", "cyberpunk"])
        scene.hasSun = any(["sun", "moon", "planet", "sunset", "sunrise", "star"])
        scene.hasSubject = any(["cat", "dog", "fox", "portrait", "face", "person", "bird", "flower", "robot", "animal",
                                "owl", "horse", "astronaut", "woman", "man", "runner", "lighthouse"])
        scene.isDark = any(["night", "dark", "midnight"])
        return scene
    }

    /// Five colours: sky top, horizon, ground, accent, texture; named colours first, then one hue per other word.
    private static func palette(for words: [String], random: inout Random) -> [Color] {
        var colors = words.compactMap { keywordColors[$0] }
        for word in words where keywordColors[word] == nil && word.count >= 4 && colors.count < 5 {
            let hash = Self.hash(word)
            colors.append(hsv(hue: Float(hash & 0xFFFF) / 65536, saturation: 0.45 + Float((hash >> 16) & 0xFF) / 600,
                              value: 0.55 + Float((hash >> 24) & 0xFF) / 700))
        }
        while colors.count < 5 {
            colors.append(hsv(hue: random.unit(), saturation: 0.4 + random.unit() * 0.4, value: 0.5 + random.unit() * 0.4))
        }
        // The seed nudges every hue, so two seeds of one prompt share a mood but not a picture.
        let nudge = (random.unit() - 0.5) * 0.16
        return colors.prefix(5).map { color in
            Color(r: min(1, max(0, color.r + nudge)), g: color.g, b: min(1, max(0, color.b - nudge)))
        }
    }

    private static func hsv(hue: Float, saturation: Float, value: Float) -> Color {
        let sector = hue * 6
        let fraction = sector - sector.rounded(.down)
        let p = value * (1 - saturation), q = value * (1 - saturation * fraction), t = value * (1 - saturation * (1 - fraction))
        switch Int(sector) % 6 {
        case 0: return Color(r: value, g: t, b: p)
        case 1: return Color(r: q, g: value, b: p)
        case 2: return Color(r: p, g: value, b: t)
        case 3: return Color(r: p, g: q, b: value)
        case 4: return Color(r: t, g: p, b: value)
        default: return Color(r: value, g: p, b: q)
        }
    }

    static func words(in text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
    }

    static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return mixBits(hash)
    }

    static func mixBits(_ value: UInt64) -> UInt64 {
        SplitMix.finalize(value &+ SplitMix.increment)
    }

    /// SplitMix64's steps with the output offset by one more step (the engine's images were first drawn so).
    struct Random {
        var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= SplitMix.increment
            return ProceduralRenderer.mixBits(state)
        }

        /// A number in [0, 1).
        mutating func unit() -> Float {
            Float(next() >> 40) / Float(1 << 24)
        }
    }
}
