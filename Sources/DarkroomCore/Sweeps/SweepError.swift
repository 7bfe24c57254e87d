/// Why a sweep was refused before anything ran; each names the axis and value at fault.
public enum SweepError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The axis text could not be read at all.
    case invalidSpec(String, reason: String)
    /// No parameter has this name.
    case unknownAxis(String)
    /// The same parameter (or two prompt axes) appears twice.
    case duplicateAxis(String)
    /// More axes than X, Y and Z.
    case tooManyAxes(Int)
    /// A value the axis's parameter cannot take, or one the model refuses.
    case invalidValue(axis: String, value: String, reason: String)
    /// The model does not take the parameter, so every cell would be the same image.
    case notTakenByModel(axis: String, reason: String)
    /// The common parameters themselves are invalid.
    case invalidParameters(ParameterError)
    /// More images than the settings allow.
    case tooManyImages(count: Int, limit: Int)

    public var description: String {
        switch self {
        case .invalidSpec(let spec, let reason):
            "The sweep `\(spec)` cannot be read: \(reason)."
        case .unknownAxis(let name):
            "The sweep axis `\(name)` is not a parameter; use one of "
                + SweepParameter.allCases.map(\.rawValue).joined(separator: ", ") + ", or `S/R find,replacement,…`."
        case .duplicateAxis(let name):
            "The sweep axis `\(name)` is given twice; put all its values in one --sweep."
        case .tooManyAxes(let count):
            "A sweep has at most three axes (X, Y and Z), not \(count); drop one."
        case .invalidValue(let axis, let value, let reason):
            "Sweep axis `\(axis)`, value `\(value)`: \(reason)."
        case .notTakenByModel(let axis, let reason):
            "Sweep axis `\(axis)` would change nothing: \(reason); sweep another parameter or choose another model."
        case .invalidParameters(let error):
            "The sweep's common parameters are invalid: \(error.description)"
        case .tooManyImages(let count, let limit):
            "The sweep makes \(count) images but at most \(limit) are allowed; use fewer values, or raise `sweep_max_images` in the settings."
        }
    }
}

/// How large a sweep may be and when it needs confirming (`sweep_max_images`, `sweep_confirm_over`).
public struct SweepLimits: Hashable, Sendable {
    /// The most images one sweep may make.
    public var maxImages: Int
    /// Sweeps on a paid backend with more images than this need confirming (`--yes` on the command line).
    public var confirmOver: Int

    /// No setting may lift a sweep beyond this, so a typo cannot queue a million requests.
    public static let hardCeiling = 10_000
    /// The defaults: 64 images at most, confirmation above 20.
    public static let standard = SweepLimits(maxImages: 64, confirmOver: 20)

    public init(maxImages: Int = 64, confirmOver: Int = 20) {
        self.maxImages = min(max(1, maxImages), Self.hardCeiling)
        self.confirmOver = max(0, confirmOver)
    }
}
