import DarkroomTestSupport
import Foundation

/// An HTTPS server on loopback: Python's http.server behind its ssl module, with a certificate for
/// 127.0.0.1 signed by a certificate authority the openssl command makes for this peer alone.
final class TLSPeer: Sendable {
    let port: Int
    /// The PEM file of the authority that signed the server's certificate.
    let authorityFile: String
    private let process: BackgroundProcess
    private let directory: TemporaryDirectory

    private static let server = """
        import http.server, ssl, sys
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = b"secure hello"
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def log_message(self, *args):
                pass
        server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[1], sys.argv[2])
        server.socket = context.wrap_socket(server.socket, server_side=True)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """

    static func start() throws -> TLSPeer {
        let directory = try TemporaryDirectory("darkroom-tls")
        let folder = directory.url.path
        try Data("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n".utf8)
            .write(to: directory.url.appendingPathComponent("server.ext"))
        let ellipticKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        for arguments in [
            ["req", "-x509"] + ellipticKey + ["-keyout", "\(folder)/ca.key", "-out", "\(folder)/ca.pem", "-days", "2",
             "-subj", "/CN=darkroom test authority", "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
            ["req"] + ellipticKey + ["-keyout", "\(folder)/server.key", "-out", "\(folder)/server.csr", "-subj", "/CN=127.0.0.1"],
            ["x509", "-req", "-in", "\(folder)/server.csr", "-CA", "\(folder)/ca.pem", "-CAkey", "\(folder)/ca.key",
             "-CAcreateserial", "-out", "\(folder)/server.pem", "-days", "2", "-extfile", "\(folder)/server.ext"],
        ] {
            let run = try Subprocess.run(["openssl"] + arguments)
            guard run.status == 0 else { throw TLSPeerError.openssl(run.output) }
        }

        let process = try BackgroundProcess(["python3", "-c", server, "\(folder)/server.pem", "\(folder)/server.key"],
                                            standardOutput: .piped)
        // The server prints its port once it listens; the end of its output first means it did not start.
        guard let port = process.standardOutput?.readLine().flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else {
            process.stop()
            throw TLSPeerError.didNotStart
        }
        return TLSPeer(port: port, authorityFile: "\(folder)/ca.pem", process: process, directory: directory)
    }

    private init(port: Int, authorityFile: String, process: BackgroundProcess, directory: TemporaryDirectory) {
        self.port = port
        self.authorityFile = authorityFile
        self.process = process
        self.directory = directory
    }

    var url: String { "https://127.0.0.1:\(port)" }

    func stop() {
        process.stop()
        directory.remove()
    }
}

enum TLSPeerError: Error {
    case openssl(String)
    case didNotStart
}
