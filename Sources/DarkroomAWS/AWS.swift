import CCurl
import COpenSSL

/// The AWS client layer's namespace.
public enum AWS {
    /// The libcurl version linked into the process.
    public static var curlVersion: String { String(cString: curl_version()) }
}
