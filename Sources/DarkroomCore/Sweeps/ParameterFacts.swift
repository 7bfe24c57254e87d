extension GenerationParameters {
    /// How captions, the gallery and the preview name one parameter's value: `SDXL 1.0`, `1024x1024`,
    /// `style anime`, the sampler's own name, `cfg 7`, `30 steps`, `seed 42`; nil where the value is unset. Numbers
    /// are written as sweeps write them (`SweepValue.format`), so `cfg 7` on screen is `cfg:7` in a search.
    public func fact(_ parameter: SweepParameter) -> String? {
        switch parameter {
        case .model: SweepValue.model(model).label
        case .size: size.description
        case .style: stylePreset.map { "style \($0)" }
        case .sampler: sampler
        case .cfgScale: cfgScale.map { "cfg \(SweepValue.format($0))" }
        case .steps: steps.map { "\($0) steps" }
        case .seed: seed.map { "seed \($0)" }
        }
    }
}
