import DarkroomCore
import DarkroomTerminal

/// The parameter panel: pickers for model, size and style, sliders for CFG and steps, the seed with its lock.
enum ParametersView {
    static func draw(_ state: AppState, in rect: Rect, into buffer: inout CellBuffer) {
        let theme = state.theme
        let inner = Panel.draw("Parameters", in: rect, focused: state.focus == .parameters, theme: theme, into: &buffer)
        guard inner.height > 0, inner.width > 12 else { return }
        let model = state.model
        let values = state.parameters.values
        let labelWidth = 7
        let valueWidth = inner.width - labelWidth
        for (offset, row) in ParameterRow.allCases.enumerated() where offset < inner.height {
            let y = inner.y + offset
            let isSelected = state.parameters.row == row && state.focus == .parameters
            buffer.put(row.label, x: inner.x, y: y, style: isSelected ? theme.accent.adding(.bold) : theme.dim)
            var text: String
            var style = theme.normal
            /// A slider's value and range, drawn as a bar before `text` (the value in figures).
            var slider: (value: Double, bounds: ClosedRange<Double>)?
            switch row {
            case .model:
                text = "‹ \(model.displayName) ›"
            case .size:
                text = "\(values.size)"
            case .style:
                text = values.stylePreset ?? "none"
                if model.stylePresets.isEmpty { text = "none for this model"; style = theme.dim }
            case .cfgScale:
                if let range = model.cfgScale {
                    let value = values.cfgScale ?? range.defaultValue
                    text = PrintfText.fixed(value, digits: 1)
                    slider = (value, range.bounds)
                } else {
                    text = "not used by this model"
                    style = theme.dim
                }
            case .steps:
                if let range = model.steps {
                    let value = values.steps ?? range.defaultValue
                    text = "\(value)"
                    slider = (Double(value), Double(range.bounds.lowerBound)...Double(range.bounds.upperBound))
                } else {
                    text = "not used by this model"
                    style = theme.dim
                }
            case .seed:
                if let seed = values.seed {
                    text = state.parameters.seedLocked ? "\(seed) locked" : "random (l locks \(seed))"
                } else {
                    text = "random (l locks a new one)"
                }
            }
            if isSelected, let typed = state.parameters.typedNumber {
                text = "= \(typed)_  Enter sets"
                style = theme.warning
                slider = nil
            }
            // The selected row's value is shown reversed, but not a slider's bar: reversed, its filled part would take
            // the background's colour and the bar would read backwards.
            var barWidth = 0
            if let slider {
                // The bar takes what the figures leave, up to 24 columns, and a space after it.
                let width = max(4, min(24, valueWidth - TextWidth.of(text) - 1))
                barWidth = SliderBar.draw(value: slider.value, bounds: slider.bounds, width: width, x: inner.x + labelWidth, y: y,
                                          style: isSelected ? theme.accent : style, theme: theme, into: &buffer) + 1
            }
            buffer.put(TextWidth.truncate(text, toColumns: valueWidth - barWidth, ellipsis: theme.ellipsis), x: inner.x + labelWidth + barWidth,
                       y: y, style: isSelected ? style.adding(.reverse) : style)
        }
    }
}
