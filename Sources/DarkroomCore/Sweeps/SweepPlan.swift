/// One image of a sweep: where it sits in the grid, the axis values that make it, and its full parameters.
public struct SweepCell: Hashable, Sendable {
    /// Position among all cells (pages, then rows, then columns).
    public var index: Int
    /// Column (X), row (Y) and page (Z), from 0.
    public var x: Int
    public var y: Int
    public var z: Int
    /// One value per axis, in axis order.
    public var values: [SweepValue]
    /// Validated parameters, the seed included: a normal request, nothing sweep-specific.
    public var parameters: GenerationParameters
}

/// A sweep expanded into cells and checked against every model's limits before anything runs.
public struct SweepPlan: Hashable, Sendable {
    /// The parameters every cell starts from, validated, with the shared seed.
    public let base: GenerationParameters
    /// X, then Y and Z when given.
    public let axes: [SweepAxis]
    public let cells: [SweepCell]

    /// The cell at a grid position, if there is one.
    public func cell(x: Int, y: Int, z: Int = 0) -> SweepCell? {
        guard (0..<columns).contains(x), (0..<rows).contains(y), (0..<pages).contains(z) else { return nil }
        return cells[(z * rows + y) * columns + x]
    }

    /// Expands `axes` over `base` and validates every cell. A missing seed is drawn once, so every cell shares
    /// it (unless a seed axis varies it).
    public static func make(
        base: GenerationParameters, axes: [SweepAxis], limits: SweepLimits = .standard
    ) throws(SweepError) -> SweepPlan {
        var generator = SystemRandomNumberGenerator()
        return try make(base: base, axes: axes, limits: limits, seedGenerator: &generator)
    }

    /// `make(base:axes:limits:)` drawing a missing seed from `seedGenerator`.
    public static func make(
        base: GenerationParameters, axes: [SweepAxis], limits: SweepLimits, seedGenerator: inout some RandomNumberGenerator
    ) throws(SweepError) -> SweepPlan {
        guard !axes.isEmpty else { throw .invalidSpec("", reason: "a sweep needs at least one axis (--sweep NAME=VALUES or --prompts FILE)") }
        guard axes.count <= 3 else { throw .tooManyAxes(axes.count) }
        var seen: Set<String> = []
        for axis in axes {
            let identity = axis.kind == .searchReplace || axis.kind == .prompts ? "prompt" : axis.name
            guard seen.insert(identity).inserted else { throw .duplicateAxis(axis.name) }
            // `cfg_scale=4,4,7` or `steps=20-40:10,30`: two cells with the same parameters are the same image, paid twice.
            var values: Set<SweepValue> = []
            if let repeated = axis.values.first(where: { !values.insert($0).inserted }) {
                throw .invalidValue(axis: axis.name, value: repeated.label,
                                    reason: "it is given twice, and two cells with the same parameters make the same image; give each value once")
            }
        }
        let count = axes.reduce(1) { $0 * $1.values.count }
        guard count <= limits.maxImages else { throw .tooManyImages(count: count, limit: limits.maxImages) }

        let models = try involvedModels(base: base, axes: axes)
        for axis in axes {
            switch axis.kind {
            case .parameter(let parameter):
                for model in models {
                    if let reason = parameter.unsupportedReason(for: model) { throw .notTakenByModel(axis: axis.name, reason: reason) }
                }
            case .searchReplace:
                if case .replace(let search, _) = axis.values.first, !base.prompt.contains(search), !base.negativePrompt.contains(search) {
                    throw .invalidValue(axis: axis.name, value: search, reason: "the prompt does not contain it, so nothing would be replaced")
                }
            case .prompts:
                break
            }
        }

        var common = base
        let sweepsSeed = axes.contains { $0.kind == .parameter(.seed) }
        if !sweepsSeed {
            common.seed = try sharedSeed(base.seed, models: models, generator: &seedGenerator)
        }

        var cells: [SweepCell] = []
        cells.reserveCapacity(count)
        let columns = axes[0].values.count
        let rows = axes.count > 1 ? axes[1].values.count : 1
        for index in 0..<count {
            let x = index % columns, y = (index / columns) % rows, z = index / (columns * rows)
            let position = [x, y, z]
            let values = axes.indices.map { axes[$0].values[position[$0]] }
            let requested = values.reduce(common) { $1.applied(to: $0) }
            guard let descriptor = ModelCatalog.descriptor(for: requested.model) else {
                throw .invalidParameters(.unknownModel(requested.model))
            }
            if sweepsSeed, requested.seed == 0, descriptor.family.drawsSeedForZero {
                // The cell would be labelled seed=0 and made with whatever seed the model drew.
                throw .invalidValue(axis: SweepParameter.seed.rawValue, value: "0",
                                    reason: "\(descriptor.displayName) reads seed 0 as \"draw a random one\", so that cell could not be made again; sweep seeds from 1")
            }
            let parameters: GenerationParameters
            do {
                parameters = try requested.validated(using: descriptor, seedGenerator: &seedGenerator)
            } catch {
                throw blame(error, axes: axes, values: values, model: descriptor)
            }
            cells.append(SweepCell(index: index, x: x, y: y, z: z, values: values, parameters: parameters))
        }
        // The common parameters as the model fills them (defaults made explicit), for the caption and manifest.
        var filled = common
        if let descriptor = ModelCatalog.descriptor(for: common.model),
           let validated = try? common.validated(using: descriptor, seedGenerator: &seedGenerator) {
            filled = validated
            filled.seed = common.seed
        }
        return SweepPlan(base: filled, axes: axes, cells: cells)
    }

    /// The descriptors of every model the sweep uses.
    private static func involvedModels(base: GenerationParameters, axes: [SweepAxis]) throws(SweepError) -> [ModelDescriptor] {
        let modelAxis = axes.first { $0.kind == .parameter(.model) }
        guard let modelAxis else {
            guard let descriptor = ModelCatalog.descriptor(for: base.model) else { throw .invalidParameters(.unknownModel(base.model)) }
            return [descriptor]
        }
        var result: [ModelDescriptor] = []
        for value in modelAxis.values {
            guard case .model(let id) = value else { continue }
            guard let descriptor = ModelCatalog.descriptor(for: id) else {
                throw .invalidValue(axis: modelAxis.name, value: id.rawValue, reason: "darkroom does not know this model; use one of "
                    + ModelCatalog.all.map(\.id.rawValue).joined(separator: ", "))
            }
            result.append(descriptor)
        }
        return result
    }

    /// The seed every cell shares: the one given, else one drawn that every model in the sweep accepts.
    private static func sharedSeed(
        _ given: UInt32?, models: [ModelDescriptor], generator: inout some RandomNumberGenerator
    ) throws(SweepError) -> UInt32 {
        let drawsForZero = models.contains { $0.family.drawsSeedForZero }
        if let given, given != 0 || !drawsForZero {
            for model in models where !model.seedRange.contains(given) {
                throw .invalidParameters(.outOfRange(.seed, value: "\(given)", allowed: "\(model.seedRange.inWords) for \(model.displayName)"))
            }
            return given
        }
        let upper = models.map(\.seedRange.upperBound).min() ?? UInt32.max
        let lower = max(1, models.map(\.seedRange.lowerBound).max() ?? 1)
        return UInt32.random(in: lower...max(lower, upper), using: &generator)
    }

    /// A cell's validation error, pinned on the axis whose value caused it (or on the common parameters).
    private static func blame(_ error: ParameterError, axes: [SweepAxis], values: [SweepValue], model: ModelDescriptor) -> SweepError {
        for (axis, value) in zip(axes, values) {
            let owns: Bool
            switch axis.kind {
            case .parameter(let parameter): owns = parameter.owns(error.parameterField)
            case .searchReplace, .prompts: owns = error.parameterField == .prompt || error.parameterField == .negativePrompt
            }
            if owns {
                let modelNote = axes.contains { $0.kind == .parameter(.model) } ? " (with \(model.displayName))" : ""
                return .invalidValue(axis: axis.name, value: value.label, reason: error.description(naming: .plain) + modelNote)
            }
        }
        return .invalidParameters(error)
    }

    /// The parameters every cell shares, for a contact sheet's caption: the model, the seed (unless swept), and
    /// every parameter no axis varies.
    public var caption: String { caption(separator: " · ") }

    /// The caption with another separator (ASCII for a terminal whose locale is not UTF-8).
    public func caption(separator: String) -> String {
        let swept = Set(axes.compactMap { axis -> SweepParameter? in
            if case .parameter(let parameter) = axis.kind { return parameter }
            return nil
        })
        let sweepsPrompt = axes.contains { $0.kind == .prompts || $0.kind == .searchReplace }
        var parts: [String] = []
        if !sweepsPrompt { parts.append("\"\(base.prompt)\"") }
        parts += [SweepParameter.model, .seed, .size, .steps, .cfgScale, .style, .sampler].filter { !swept.contains($0) }.compactMap(base.fact)
        if !base.negativePrompt.isEmpty, !sweepsPrompt { parts.append("negative \"\(base.negativePrompt)\"") }
        return parts.joined(separator: separator)
    }
}
