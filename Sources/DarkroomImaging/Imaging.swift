import CPNG

/// The imaging layer's namespace.
public enum Imaging {
    /// The libpng version the shim was built against.
    public static var libpngVersion: String { String(cString: cpng_libpng_version()) }
}
