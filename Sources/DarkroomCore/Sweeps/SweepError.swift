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
            (spec.isEmpty ? "The sweep" : "The sweep `\(spec)`") + " cannot be read: \(reason)."
        case .unknownAxis(let name):
            "The sweep axis `\(name)` is not a parameter; use one of "
                + SweepParameter.allCases.map(\.rawValue).joined(separator: ", ") + ", or `S/R find,replacement,…`."
        case .duplicateAxis(let name):
            "The sweep axis `\(name)` is given twice; put all its values in one --sweep."
        case .tooManyAxes(let count):
            "A sweep has at most three axes (X, Y and Z), not \(count); drop one."
        case .invalidValue(let axis, let value, let reason):
            // A parameter error's own description is a sentence already: end with one full stop, not two.
            "Sweep axis `\(axis)`, value `\(value)`: \(reason)" + (reason.hasSuffix(".") ? "" : ".")
        case .notTakenByModel(let axis, let reason):
            "Sweep axis `\(axis)` would change nothing: \(reason); sweep another parameter or choose another model."
        case .invalidParameters(let error):
            "The sweep's common parameters are invalid: \(error.description(naming: .plain))"
        case .tooManyImages(let count, let limit):
            "The sweep makes \(count > SweepLimits.largestCounted ? "more than \(SweepLimits.largestCounted)" : "\(count)") images but at most \(limit) are allowed; use fewer values, or raise `sweep_max_images` in the settings."
        }
    }
}
