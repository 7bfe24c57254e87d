import ArgumentParser
import DarkroomBackend
import DarkroomCore
import DarkroomServer
import DarkroomSetup
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `darkroom serve`: the local stack in the foreground, until Ctrl-C.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the local stack: POST /image-generation, POST /model/{modelId}/invoke (Bedrock-compatible) and GET /health.",
        discussion: """
            Images go to a folder laid out like the bucket (<data>/bucket/output-images/...), made by the local \
            preview engine (procedural, not a diffusion model). It listens on 127.0.0.1 unless --host says otherwise.
            """
    )

    @Option(parsing: .unconditional, help: "Port to listen on, 1-65535; 0 picks a free one.")
    var port = LocalStack.defaultPort

    @Option(help: "Interface to listen on. Anything but loopback exposes the stack to the network.")
    var host = LocalStack.defaultHost

    @OptionGroup var local: LocalDataOptions

    func validate() throws {
        // NIO takes the port as an Int and the kernel keeps 16 bits of it: 70000 would listen on 4464.
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535, not \(port).") }
        guard !host.trimmingWhitespace().isEmpty else {
            throw ValidationError("--host needs an address of this machine, such as 127.0.0.1 (the default) or 0.0.0.0 for every one.")
        }
    }

    func run() async throws {
        // The stack reads only the data folder: config file problems are the app's and generate's to report.
        let bucket = try Setup.resolve(options: local.layer).checkedLocalBucketFolder(mustExist: false)
        let stack = try await LocalStack.start(bucket: bucket, host: host, port: port, stopsOnSignals: true,
                                               errorLog: { line in StandardStreams.writeError("darkroom serve: \(line)\n") })
        // Written unbuffered: scripts and tests wait for these lines while the server runs.
        try StandardStreams.writeOutput("""
            darkroom local stack listening on \(stack.baseURL)
              bucket: \(bucket.path)
              engine: \(LocalPreviewEngine.label)
              try:    curl -s -X POST \(stack.baseURL)\(ImageGenerationHandler.path) -d '{"message": "A cat running a marathon"}'
              bedrock backend against it: AWS_ENDPOINT_URL_BEDROCK_RUNTIME=\(stack.baseURL)

            """)
        try await stack.waitUntilStopped()
        try StandardStreams.writeOutput("darkroom local stack stopped\n")
    }
}
