import DarkroomCore

/// The parameter panel's value changes: stepping through pickers and sliders, and typed numbers.
enum ParameterEditing {
    static func adjust(_ state: inout AppState, direction: Int, coarse: Bool) -> [AppEffect] {
        let model = state.model
        var values = state.parameters.values
        switch state.parameters.row {
        case .model:
            let models = ModelCatalog.all
            let index = models.firstIndex { $0.id == model.id } ?? 0
            let next = models[(index + direction + models.count) % models.count]
            values = switched(values, to: next)
            if !next.supportsNegativePrompt { state.prompt.field = .prompt }
            // A locked seed is the user's choice: when the new model cannot take it, say what it became.
            if state.parameters.seedLocked, let locked = state.parameters.values.seed, let seed = values.seed, seed != locked {
                state.message = StatusMessage("\(next.displayName) takes seeds up to \(next.seedRange.upperBound): the locked seed \(locked) is now \(seed).")
            }
        case .size:
            values.size = cycle(model.sizes, from: values.size, by: direction) ?? values.size
        case .style:
            let choices: [String?] = [nil] + model.stylePresets.map { Optional($0) }
            values.stylePreset = cycle(choices, from: values.stylePreset, by: direction) ?? nil
        case .cfgScale:
            guard let range = model.cfgScale else { return unsupported(&state, "CFG scale") }
            let step = coarse ? range.coarseStep : range.step
            let current = values.cfgScale ?? range.defaultValue
            // Round to the step so repeated float additions do not drift (7.000000001).
            values.cfgScale = range.clamped(((current + Double(direction) * step) / range.step).rounded() * range.step)
        case .steps:
            guard let range = model.steps else { return unsupported(&state, "a step count") }
            let step = coarse ? range.coarseStep : range.step
            values.steps = range.clamped((values.steps ?? range.defaultValue) + direction * step)
        case .seed:
            let delta = Int64(direction) * (coarse ? 1000 : 1)
            let current = Int64(values.seed ?? model.seedRange.lowerBound)
            let bounds = Int64(model.seedRange.lowerBound)...Int64(model.seedRange.upperBound)
            values.seed = UInt32(min(bounds.upperBound, max(bounds.lowerBound, current + delta)))
            state.parameters.seedLocked = true
        }
        state.parameters.values = values
        return []
    }

    static func commitTypedNumber(_ state: inout AppState) -> [AppEffect] {
        guard let typed = state.parameters.typedNumber else { return [] }
        state.parameters.typedNumber = nil
        let model = state.model
        switch state.parameters.row {
        case .cfgScale:
            guard let range = model.cfgScale else { return unsupported(&state, "CFG scale") }
            guard let value = Double(typed), range.contains(value) else {
                return rejected(&state, typed, "CFG scale", range.bounds.inWords)
            }
            state.parameters.values.cfgScale = value
        case .steps:
            guard let range = model.steps else { return unsupported(&state, "a step count") }
            guard let value = Int(typed), range.contains(value) else {
                return rejected(&state, typed, "steps", range.bounds.inWords)
            }
            state.parameters.values.steps = value
        case .seed:
            guard let value = UInt32(typed), model.seedRange.contains(value) else {
                return rejected(&state, typed, "seed", model.seedRange.inWords)
            }
            state.parameters.values.seed = value
            state.parameters.seedLocked = true
        case .model, .size, .style:
            state.message = StatusMessage("Numbers can be typed for CFG, steps and seed; use Left/Right here.")
        }
        return []
    }

    /// Parameters moved to another model: values it accepts are kept, the rest take its defaults.
    static func switched(_ values: GenerationParameters, to model: ModelDescriptor) -> GenerationParameters {
        var result = model.defaults
        result.seed = values.seed.map { model.seedRange.contains($0) ? $0 : model.seedRange.upperBound } ?? result.seed
        if let cfg = values.cfgScale, let range = model.cfgScale { result.cfgScale = range.clamped(cfg) }
        if let steps = values.steps, let range = model.steps { result.steps = range.clamped(steps) }
        if model.sizes.contains(values.size) { result.size = values.size }
        if let style = values.stylePreset, model.stylePresets.contains(style) { result.stylePreset = style }
        result.prompt = ""
        result.negativePrompt = ""
        return result
    }

    private static func cycle<Element: Equatable>(_ choices: [Element], from current: Element, by direction: Int) -> Element? {
        guard !choices.isEmpty else { return nil }
        let index = choices.firstIndex(of: current) ?? 0
        return choices[(index + direction % choices.count + choices.count) % choices.count]
    }

    private static func unsupported(_ state: inout AppState, _ what: String) -> [AppEffect] {
        state.message = StatusMessage("\(state.model.displayName) takes no \(what).")
        return []
    }

    private static func rejected(_ state: inout AppState, _ typed: String, _ field: String, _ allowed: String) -> [AppEffect] {
        state.message = StatusMessage("\(typed) is not a valid \(field); type a number from \(allowed).", isError: true, request: .typeNumber)
        return []
    }
}
