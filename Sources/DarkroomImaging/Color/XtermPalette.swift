/// The xterm 256-colour palette: 16 basic colours, the 6×6×6 cube (16–231) and 24 greys (232–255).
enum XtermPalette {
    static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

    /// xterm's defaults for the 16 basic colours (terminals vary; these are the common reference).
    static let basic: [RGB] = [
        RGB(r: 0, g: 0, b: 0), RGB(r: 205, g: 0, b: 0), RGB(r: 0, g: 205, b: 0), RGB(r: 205, g: 205, b: 0),
        RGB(r: 0, g: 0, b: 238), RGB(r: 205, g: 0, b: 205), RGB(r: 0, g: 205, b: 205), RGB(r: 229, g: 229, b: 229),
        RGB(r: 127, g: 127, b: 127), RGB(r: 255, g: 0, b: 0), RGB(r: 0, g: 255, b: 0), RGB(r: 255, g: 255, b: 0),
        RGB(r: 92, g: 92, b: 255), RGB(r: 255, g: 0, b: 255), RGB(r: 0, g: 255, b: 255), RGB(r: 255, g: 255, b: 255),
    ]

    /// The colour of a palette index.
    static func rgb(ofIndex index: Int) -> RGB {
        switch index {
        case 0..<16:
            return basic[index]
        case 16..<232:
            let cube = index - 16
            return RGB(r: cubeLevels[cube / 36], g: cubeLevels[cube / 6 % 6], b: cubeLevels[cube % 6])
        default:
            let grey = UInt8(8 + 10 * (index - 232))
            return RGB(r: grey, g: grey, b: grey)
        }
    }

    static let oklab: [OKLab] = (0..<256).map { OKLab(rgb(ofIndex: $0)) }

    /// The index among 16–255 nearest to `color` in OKLab. The cube candidates are the three
    /// levels around the colour on each axis; the grey ramp's best entry is the one nearest in
    /// lightness (greys have a = b = 0). Checked against an exhaustive search in the tests.
    static func nearestExtended(to color: RGB) -> UInt8 {
        let target = OKLab(color)
        var best = 0
        var bestDistance = Float.infinity
        let red = nearestCubeLevel(color.r), green = nearestCubeLevel(color.g), blue = nearestCubeLevel(color.b)
        for r in max(0, red - 1)...min(5, red + 1) {
            for g in max(0, green - 1)...min(5, green + 1) {
                for b in max(0, blue - 1)...min(5, blue + 1) {
                    let index = 16 + 36 * r + 6 * g + b
                    let distance = oklab[index].distanceSquared(to: target)
                    if distance < bestDistance {
                        bestDistance = distance
                        best = index
                    }
                }
            }
        }
        var grey = 232
        while grey < 255, abs(oklab[grey + 1].l - target.l) < abs(oklab[grey].l - target.l) { grey += 1 }
        if oklab[grey].distanceSquared(to: target) < bestDistance { best = grey }
        return UInt8(best)
    }

    /// The index among the first `count` basic colours nearest to `color` in OKLab.
    static func nearestBasic(to color: RGB, count: Int) -> UInt8 {
        let target = OKLab(color)
        var best = 0
        for index in 1..<count where oklab[index].distanceSquared(to: target) < oklab[best].distanceSquared(to: target) {
            best = index
        }
        return UInt8(best)
    }

    private static func nearestCubeLevel(_ value: UInt8) -> Int {
        value < 48 ? 0 : value < 115 ? 1 : Int(value - 35) / 40
    }
}
