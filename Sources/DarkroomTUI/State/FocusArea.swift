/// The panels, in Tab order.
public enum FocusArea: String, CaseIterable, Sendable {
    case prompt, parameters, jobs, gallery, preview

    /// The panel Tab moves to (Shift-Tab: `by: -1`).
    public func next(by step: Int = 1) -> FocusArea {
        let areas = Self.allCases
        let index = areas.firstIndex(of: self) ?? 0
        return areas[((index + step) % areas.count + areas.count) % areas.count]
    }

    public var title: String {
        switch self {
        case .prompt: return "Prompt"
        case .parameters: return "Parameters"
        case .jobs: return "Jobs"
        case .gallery: return "Gallery"
        case .preview: return "Preview"
        }
    }
}
