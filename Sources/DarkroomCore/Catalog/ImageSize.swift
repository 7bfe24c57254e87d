#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Output dimensions in pixels, written `1024x1024`.
public struct ImageSize: Hashable, Codable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Parses `WxH` (also `W×H` or `W*H`); nil for anything else or non-positive sides.
    public init?(_ text: String) {
        let parts = text.split(whereSeparator: { $0 == "x" || $0 == "X" || $0 == "×" || $0 == "*" })
        guard parts.count == 2,
              let width = Int(parts[0].trimmingWhitespace()),
              let height = Int(parts[1].trimmingWhitespace()),
              width > 0, height > 0
        else { return nil }
        self.init(width: width, height: height)
    }

    /// The total pixel count.
    public var pixelCount: Int { width * height }

    public var description: String { "\(width)x\(height)" }
}
