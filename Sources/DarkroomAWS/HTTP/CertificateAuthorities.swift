#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Which file of trusted certificate authorities TLS connections use.
///
/// libcurl looks only where the distribution that built it keeps the bundle. The Lambda package carries
/// Debian's libcurl to Amazon Linux, which keeps it elsewhere; without a search every HTTPS request
/// from the function would fail verification.
enum CertificateAuthorities {
    /// The bundles of the common distributions, in the order Go's crypto/x509 searches them.
    static let wellKnownBundles = [
        "/etc/ssl/certs/ca-certificates.crt",  // Debian, Ubuntu, Alpine
        "/etc/pki/tls/certs/ca-bundle.crt",  // Amazon Linux, Fedora, RHEL
        "/etc/ssl/ca-bundle.pem",  // openSUSE
        "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",  // RHEL 7 and later
        "/etc/ssl/cert.pem",  // macOS, BSD
    ]

    /// `AWS_CA_BUNDLE` (the AWS CLI's and SDKs' setting), then `SSL_CERT_FILE` (OpenSSL's), then the first
    /// well-known bundle that exists; nil leaves libcurl's own default.
    static func bundle(
        environment: [String: String], candidates: [String] = wellKnownBundles,
        exists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }
    ) -> String? {
        for name in ["AWS_CA_BUNDLE", "SSL_CERT_FILE"] {
            if let configured = environment[name], !configured.isEmpty { return configured }
        }
        return candidates.first(where: exists)
    }
}
