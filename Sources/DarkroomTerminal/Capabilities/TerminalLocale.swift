#if canImport(Glibc)
import Glibc
#endif

/// Whether text goes to the terminal as UTF-8, from the user's locale, and the process's character locale set to match.
///
/// Over SSH the locale usually comes from the other machine (OpenSSH sends `LANG` and `LC_*`), and the server need
/// not have it: a minimal Debian has only C, C.UTF-8 and POSIX. `setlocale` then fails and leaves the C locale, so
/// ncurses writes ASCII and the app drew `+--` boxes and `#=-` pictures in a terminal that shows UTF-8 well. Where
/// the named locale says UTF-8, the C library's built-in C.UTF-8 is taken for characters instead.
///
/// Only the character category (`LC_CTYPE`) is set, which is all the terminal needs: numbers keep the C locale's
/// decimal point, since darkroom's own syntax (`cfg_scale=4,7.5,10`) separates values with commas.
public enum TerminalLocale: Equatable, Sendable {
    /// The user's locale is in use and encodes UTF-8.
    case utf8
    /// The user's locale names UTF-8 but is not installed here: characters are handled as C.UTF-8.
    case substituted(named: String)
    /// Not UTF-8: no locale named (the C locale), another encoding, or a locale that is not installed and is not UTF-8.
    case notUTF8(named: String?)

    public var isUTF8: Bool {
        switch self {
        case .utf8, .substituted: true
        case .notUTF8: false
        }
    }

    /// The locale the environment names for characters: `LC_ALL`, else `LC_CTYPE`, else `LANG`, as POSIX orders
    /// them (an empty one counts as unset); nil when none is set.
    static func named(in environment: [String: String]) -> String? {
        ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
    }

    /// Sets the process's character locale from `environment`, which must be the process's own (`setlocale` reads
    /// it), falling back to C.UTF-8 where a UTF-8 locale is named but missing; what came of it.
    @discardableResult
    public static func activate(environment: [String: String]) -> TerminalLocale {
        let name = named(in: environment)
        if setlocale(LC_CTYPE, "") != nil {
            return charactersAreUTF8() ? .utf8 : .notUTF8(named: name)
        }
        let lowered = name?.lowercased() ?? ""
        if let name, lowered.contains("utf-8") || lowered.contains("utf8"), setlocale(LC_CTYPE, "C.UTF-8") != nil, charactersAreUTF8() {
            return .substituted(named: name)
        }
        return .notUTF8(named: name)
    }

    /// Whether the process's character locale, as it is now, encodes UTF-8.
    public static func charactersAreUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}
