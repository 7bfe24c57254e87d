import Testing
@testable import DarkroomAWS

/// TLS verification against a real HTTPS peer, and where the trusted authorities are looked for.
struct CertificateAuthoritiesTests {
    @Test func trustsTheAuthorityNamedBySSLCertFile() async throws {
        let peer = try TLSPeer.start()
        defer { peer.stop() }
        let client = HTTPClient(environment: ["SSL_CERT_FILE": peer.authorityFile])
        let response = try await client.send(HTTPRequest(method: "GET", url: peer.url + "/"), retry: .none)
        #expect(response.status == 200)
        #expect(response.bodyText == "secure hello")
    }

    @Test func refusesAServerSignedByAnUntrustedAuthority() async throws {
        let peer = try TLSPeer.start()
        defer { peer.stop() }
        // No setting: the system's bundle, which does not hold the peer's authority.
        let client = HTTPClient(environment: [:])
        await #expect {
            try await client.send(HTTPRequest(method: "GET", url: peer.url + "/"), retry: .none)
        } throws: { error in
            guard case .tlsFailure(let host, _)? = error as? HTTPClientError else { return false }
            return host == "127.0.0.1:\(peer.port)"
        }
    }

    @Test func settingsComeBeforeTheWellKnownBundles() {
        let candidates = ["/debian/ca-certificates.crt", "/amazon/ca-bundle.crt"]
        func bundle(_ environment: [String: String], existing: Set<String>) -> String? {
            CertificateAuthorities.bundle(environment: environment, candidates: candidates, exists: existing.contains)
        }
        #expect(bundle(["AWS_CA_BUNDLE": "/aws.pem", "SSL_CERT_FILE": "/ssl.pem"], existing: []) == "/aws.pem")
        #expect(bundle(["AWS_CA_BUNDLE": "", "SSL_CERT_FILE": "/ssl.pem"], existing: []) == "/ssl.pem")
        // On Amazon Linux only the second exists: that is the one used, whatever libcurl was built for.
        #expect(bundle([:], existing: ["/amazon/ca-bundle.crt"]) == "/amazon/ca-bundle.crt")
        #expect(bundle([:], existing: Set(candidates)) == "/debian/ca-certificates.crt")
        #expect(bundle([:], existing: []) == nil)
    }
}
