/// The panels, in Tab order.
public enum FocusArea: String, CaseIterable, Sendable {
    case prompt, parameters, jobs, gallery, preview

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
