/// A colour as the screen layer understands it: the terminal's default, a palette index, or 24-bit RGB.
///
/// Mirrors the shape of DarkroomImaging's `TerminalColor` so thumbnail cells convert one to one.
public enum ScreenColor: Hashable, Sendable {
    case terminalDefault
    case indexed(UInt8)
    case rgb(red: UInt8, green: UInt8, blue: UInt8)
}

/// How many colours the terminal can show, from best to none.
public enum ColorSupport: String, CaseIterable, Sendable {
    case truecolor
    case xterm256 = "256"
    case ansi16 = "16"
    case ansi8 = "8"
    case none
}

extension ScreenColor {
    /// The xterm palette's RGB value for an index (the 16 system colours, the 6×6×6 cube, the grey ramp).
    static func xtermRGB(index: UInt8) -> (red: UInt8, green: UInt8, blue: UInt8) {
        let system: [(UInt8, UInt8, UInt8)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        switch index {
        case 0..<16:
            return system[Int(index)]
        case 16..<232:
            let cube = Int(index) - 16
            let level = { (value: Int) -> UInt8 in value == 0 ? 0 : UInt8(55 + value * 40) }
            return (level(cube / 36), level((cube / 6) % 6), level(cube % 6))
        default:
            let grey = UInt8(8 + (Int(index) - 232) * 10)
            return (grey, grey, grey)
        }
    }

    /// The nearest index in the xterm 6×6×6 cube or grey ramp for an RGB value.
    static func nearestXterm256(red: UInt8, green: UInt8, blue: UInt8) -> UInt8 {
        func cubeLevel(_ value: UInt8) -> Int { value < 48 ? 0 : value < 115 ? 1 : (Int(value) - 35) / 40 }
        let (r, g, b) = (cubeLevel(red), cubeLevel(green), cubeLevel(blue))
        let cubeIndex = UInt8(16 + 36 * r + 6 * g + b)
        let average = (Int(red) + Int(green) + Int(blue)) / 3
        let greyIndex = UInt8(232 + min(23, max(0, (average - 3) / 10)))
        return distance(xtermRGB(index: greyIndex), (red, green, blue)) < distance(xtermRGB(index: cubeIndex), (red, green, blue))
            ? greyIndex : cubeIndex
    }

    /// The nearest of the first `count` system colours (8 or 16) for an RGB value.
    static func nearestSystem(red: UInt8, green: UInt8, blue: UInt8, count: Int) -> UInt8 {
        var best: UInt8 = 0
        var bestDistance = Int.max
        for index in 0..<UInt8(count) {
            let candidate = distance(xtermRGB(index: index), (red, green, blue))
            if candidate < bestDistance {
                best = index
                bestDistance = candidate
            }
        }
        return best
    }

    private static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let dr = Int(a.0) - Int(b.0), dg = Int(a.1) - Int(b.1), db = Int(a.2) - Int(b.2)
        return dr * dr + dg * dg + db * db
    }

    /// This colour as the terminal can show it: a colour number for ncurses (-1 for the default), or nil when
    /// the terminal has no colour at all.
    func terminalNumber(for support: ColorSupport) -> Int32? {
        switch (self, support) {
        case (_, .none):
            return nil
        case (.terminalDefault, _):
            return -1
        case (.indexed(let index), .truecolor):
            let rgb = Self.xtermRGB(index: index)
            return Int32(rgb.red) << 16 | Int32(rgb.green) << 8 | Int32(rgb.blue)
        case (.indexed(let index), .xterm256):
            return Int32(index)
        case (.indexed(let index), .ansi16), (.indexed(let index), .ansi8):
            let limit = support == .ansi16 ? 16 : 8
            if Int(index) < limit { return Int32(index) }
            let rgb = Self.xtermRGB(index: index)
            return Int32(Self.nearestSystem(red: rgb.red, green: rgb.green, blue: rgb.blue, count: limit))
        case (.rgb(let red, let green, let blue), .truecolor):
            return Int32(red) << 16 | Int32(green) << 8 | Int32(blue)
        case (.rgb(let red, let green, let blue), .xterm256):
            return Int32(Self.nearestXterm256(red: red, green: green, blue: blue))
        case (.rgb(let red, let green, let blue), .ansi16):
            return Int32(Self.nearestSystem(red: red, green: green, blue: blue, count: 16))
        case (.rgb(let red, let green, let blue), .ansi8):
            return Int32(Self.nearestSystem(red: red, green: green, blue: blue, count: 8))
        }
    }
}
