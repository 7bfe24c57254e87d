#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A colour in OKLab (Björn Ottosson, 2020), where Euclidean distance follows perceived difference.
public struct OKLab: Sendable {
    public var l: Float
    public var a: Float
    public var b: Float

    /// sRGB 8-bit code values to linear light.
    private static let linear: [Float] = (0..<256).map { code in
        let value = Float(code) / 255
        return value <= 0.04045 ? value / 12.92 : powf((value + 0.055) / 1.055, 2.4)
    }

    public init(_ color: RGB) {
        let red = Self.linear[Int(color.r)], green = Self.linear[Int(color.g)], blue = Self.linear[Int(color.b)]
        let long = (0.4122214708 * red + 0.5363325363 * green + 0.0514459929 * blue).cubeRootOfNonNegative
        let medium = (0.2119034982 * red + 0.6806995451 * green + 0.1073969566 * blue).cubeRootOfNonNegative
        let short = (0.0883024619 * red + 0.2817188376 * green + 0.6299787005 * blue).cubeRootOfNonNegative
        l = 0.2104542553 * long + 0.7936177850 * medium - 0.0040720468 * short
        a = 1.9779984951 * long - 2.4285922050 * medium + 0.4505937099 * short
        b = 0.0259040371 * long + 0.7827717662 * medium - 0.8086757660 * short
    }

    public func distanceSquared(to other: OKLab) -> Float {
        let dl = l - other.l, da = a - other.a, db = b - other.b
        return dl * dl + da * da + db * db
    }
}

private extension Float {
    var cubeRootOfNonNegative: Float { cbrtf(Swift.max(0, self)) }
}
