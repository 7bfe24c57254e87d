/// One line of `darkroom doctor`: what was checked, how it went, and what to do about it.
struct DoctorCheck: Encodable, Equatable {
    enum Status: String, Encodable {
        case ok
        /// Not right, but darkroom still works (the terminal, an optional bucket).
        case warning
        case failed
        /// Does not apply to the chosen backend.
        case skipped
    }

    var name: String
    var status: Status
    /// What was found, never a secret.
    var detail: String
    /// What to do when the check is not ok.
    var hint: String?
    /// Whether a failure stops the chosen backend from working (and makes `doctor` exit non-zero).
    var essential: Bool

    static func ok(_ name: String, _ detail: String) -> DoctorCheck {
        DoctorCheck(name: name, status: .ok, detail: detail, hint: nil, essential: false)
    }

    static func skipped(_ name: String, _ detail: String) -> DoctorCheck {
        DoctorCheck(name: name, status: .skipped, detail: detail, hint: nil, essential: false)
    }

    /// A failed check: `failed` when `essential`, a warning otherwise.
    static func problem(_ name: String, _ detail: String, hint: String, essential: Bool) -> DoctorCheck {
        DoctorCheck(name: name, status: essential ? .failed : .warning, detail: detail, hint: hint, essential: essential)
    }
}
