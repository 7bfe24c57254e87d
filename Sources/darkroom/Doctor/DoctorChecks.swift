import DarkroomAWS
import DarkroomBackend
import DarkroomCatalog
import DarkroomCore
import DarkroomImaging
import DarkroomSetup
import DarkroomTerminal
import DarkroomSweeps
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The checks `darkroom doctor` runs for one set of settings, each producing one report line.
struct DoctorChecks {
    /// The settings and folders checked, resolved as the app and `generate` resolve them.
    let setup: Setup
    /// How long a network check may take before it counts as unreachable.
    let timeout: Duration

    var settings: Settings { setup.settings }
    var configFile: URL { setup.configFile }
    var configProblems: [String] { setup.problems }
    var environment: [String: String] { setup.environment }
    var backend: Settings.Backend { settings.backend }
    /// The api and bedrock backends cannot work without AWS credentials and the bucket.
    var needsAWS: Bool { backend != .local }

    func run() async -> [DoctorCheck] {
        var checks = [configuration(), backendCheck()]
        let aws = awsConfiguration()
        checks.append(aws.check)
        checks.append(await endpoint(aws.configuration))
        checks.append(await bucket(aws.configuration))
        checks.append(await sweepRecords(aws.configuration))
        checks.append(dataFolder())
        checks.append(libraries())
        checks.append(fonts())
        checks += terminal()
        return checks
    }

    /// A config line or environment variable that cannot be read fails: every command but the app refuses to run
    /// on such settings (the app shows them and goes on without), so "everything is in place" would be untrue.
    /// Each problem names its file and line, or its variable.
    func configuration() -> DoctorCheck {
        if let problem = configProblems.first {
            let more = configProblems.count > 1 ? " (and \(configProblems.count - 1) more)" : ""
            return .problem("config", problem + more,
                            hint: "fix it: generate, ls, get and the other commands refuse to run until then (the app ignores it)",
                            essential: true)
        }
        guard FileManager.default.fileExists(atPath: configFile.path) else {
            return .ok("config", "\(configFile.path) not present; built-in defaults and options apply")
        }
        return .ok("config", configFile.path)
    }

    func backendCheck() -> DoctorCheck {
        switch backend {
        case .local:
            return .ok("backend", "local (the embedded local stack with the local preview engine)")
        case .api:
            guard let endpoint = settings.endpoint else {
                return .problem("backend", "api, without an endpoint",
                                hint: "pass --endpoint URL or add `endpoint = URL` to the config file", essential: true)
            }
            return .ok("backend", "api at \(endpoint)")
        case .bedrock:
            return .ok("backend", "bedrock (Bedrock Runtime directly, images stored in S3)")
        }
    }

    /// Credentials (their source and key id's last characters, never the secret) and region.
    func awsConfiguration() -> (check: DoctorCheck, configuration: AWSConfiguration?) {
        do {
            let resolved = try setup.awsConfiguration()
            let keyID = resolved.credentials.accessKeyID
            let detail = "credentials from \(Self.describe(resolved.credentialSource)) (key ****\(keyID.suffix(4))), "
                + "profile \(resolved.profile ?? "none"), region \(resolved.region)"
            return (.ok("aws", detail), resolved)
        } catch {
            guard needsAWS else { return (.skipped("aws", "not configured; the local backend needs no AWS account"), nil) }
            return (.problem("aws", "not usable", hint: error.description, essential: true), nil)
        }
    }

    /// The backend's endpoint: for api, the route `generate` posts to, as it posts (`apiRoute`); for bedrock,
    /// that Bedrock Runtime answers HTTP at all (any status counts: the point is the network path).
    func endpoint(_ aws: AWSConfiguration?) async -> DoctorCheck {
        switch backend {
        case .local:
            return .skipped("endpoint", "the local stack runs in this process")
        case .api:
            guard settings.endpoint != nil else { return .skipped("endpoint", "no API endpoint configured") }
            return await apiRoute()
        case .bedrock:
            guard let aws else { return .skipped("endpoint", "needs the AWS configuration first") }
            let url = aws.endpoint(for: .bedrockRuntime)
            let started = ContinuousClock.now
            do {
                let response = try await HTTPClient(environment: environment).send(
                    HTTPRequest(method: "HEAD", url: url), timeouts: timeouts, retry: .none, onRetry: nil
                )
                return .ok("endpoint", "\(url) answers (HTTP \(response.status) in \(Self.milliseconds(since: started)) ms)")
            } catch {
                return Self.unreachable(url, error)
            }
        }
    }

    /// Posts an empty request to the route, signed or keyed as `generate` would: the function refuses it (400)
    /// without calling the model, so no image is made, and the answer tells a wrong URL (404) and refused
    /// credentials (403) from a working API. A HEAD cannot: API Gateway answers it 404 on a POST-only route.
    /// Where the configured auth cannot be used (no credentials, no API key) the request goes without it, so the
    /// network path and the route are still checked; the aws line says what is missing.
    func apiRoute() async -> DoctorCheck {
        var gateway: APIGatewayClient
        var unusableAuth: String?
        do {
            gateway = try setup.apiGateway()
        } catch {
            do {
                gateway = try setup.apiGateway(auth: Settings.APIAuth.none)
            } catch {
                return .problem("endpoint", "not checked: \(ErrorSentence.clause(error.description))", hint: "fix the api settings first",
                                essential: true)
            }
            unusableAuth = ErrorSentence.clause(error.description)
        }
        gateway.timeouts = timeouts
        gateway.retry = .none
        let url = gateway.endpoint + ImageGenerationHandler.path
        let started = ContinuousClock.now
        let answer: GenerationClientError
        do {
            _ = try await gateway.post(path: ImageGenerationHandler.path, json: Array("{}".utf8))
            return .ok("endpoint", "\(url) answers (HTTP 2xx to an empty request in \(Self.milliseconds(since: started)) ms)")
        } catch {
            switch error {
            case .transport(let reason): return Self.unreachable(url, reason)
            case .failed(let status, let body): answer = GenerationClientError(status: status, body: body)
            }
        }
        let elapsed = Self.milliseconds(since: started)
        if let unusableAuth, !answer.isNoSuchRoute {
            // The route is there, but generate would refuse to send anything with the auth it is told to use.
            return .problem("endpoint", "\(url) answers a request sent without credentials, but generate cannot call it: \(unusableAuth)",
                            hint: Self.authHint(settings.auth), essential: true)
        }
        switch answer {
        case .invalidParameter:
            return .ok("endpoint", "\(url) answers: the function refused an empty request, as it should, in \(elapsed) ms (auth \(settings.auth.rawValue))")
        case .accessDenied(let message):
            return .problem("endpoint", "\(url) refused the request (\(message))", hint: Self.authHint(settings.auth), essential: true)
        case .throttled(let message):
            return .problem("endpoint", "\(url) is throttling requests (\(message))",
                            hint: "wait and run doctor again; raise the stage's throttling limits if it persists", essential: false)
        case .unexpectedResponse(404, _):
            return .problem("endpoint", "\(url) has no such route (HTTP 404)",
                            hint: "use the stack output ImageGenerationEndpoint, or the stage URL it starts with", essential: true)
        default:
            return .problem("endpoint", "\(url) answered an empty request with: \(answer)",
                            hint: "see the function's log in CloudWatch (docs/DEPLOY.md)", essential: true)
        }
    }

    /// What to change when the API refuses the credentials, by the auth in use.
    static func authHint(_ auth: Settings.APIAuth) -> String {
        switch auth {
        case .iam: "the credentials need execute-api:Invoke on the API, in the API's region; or deploy with ApiAuthorization=NONE and use --auth none"
        case .apiKey: "check the API key (DARKROOM_API_KEY or `api_key` in the config file)"
        case .none: "the API asks for authorization: use --auth iam (the template's default) or --auth api-key"
        }
    }

    static func unreachable(_ url: String, _ error: any Error) -> DoctorCheck {
        .problem("endpoint", "\(url) unreachable: \(error)", hint: "check the URL, the network and any proxy (HTTPS_PROXY, NO_PROXY)",
                 essential: true)
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        Int(((ContinuousClock.now - start) / .milliseconds(1)).rounded())
    }

    var timeouts: HTTPTimeouts { HTTPTimeouts(connect: timeout, read: timeout) }

    /// The bucket lists (ListObjectsV2, one key): the gallery and the bedrock backend's writes depend on it.
    func bucket(_ aws: AWSConfiguration?) async -> DoctorCheck {
        guard let name = settings.bucket else {
            guard needsAWS else { return .skipped("bucket", "none configured; the local backend stores in the data folder") }
            return .problem("bucket", "none configured",
                            hint: "pass --bucket, set DARKROOM_BUCKET, or add `bucket = NAME` to the config file", essential: true)
        }
        guard let aws else {
            return .problem("bucket", "s3://\(name) not checked without AWS credentials", hint: "fix the aws line first",
                            essential: needsAWS)
        }
        let client = S3Client(configuration: aws, http: HTTPClient(environment: environment),
                              timeouts: timeouts, retry: .none)
        do {
            let page = try await client.listObjectsV2(bucket: name, maxKeys: 1)
            return .ok("bucket", "s3://\(name) listable (\(page.objects.isEmpty ? "empty" : "has objects"))")
        } catch {
            return .problem("bucket", "s3://\(name) not listable: \(error)",
                            hint: "check the bucket name, region and the s3:ListBucket permission", essential: needsAWS)
        }
    }

    /// Sweep manifests and contact sheets can be written to `output-sweeps/` (a probe object, removed again);
    /// where they cannot, sweeps keep them in the local data folder, so this is never essential.
    func sweepRecords(_ aws: AWSConfiguration?) async -> DoctorCheck {
        let fallback = setup.folders.data.appendingPathComponent(SweepManifest.prefix).path
        let records: any SweepRecordStore
        if backend == .local {
            records = FolderSweepRecords(root: setup.localBucketFolder)
        } else {
            guard let aws, let name = settings.bucket else {
                return .skipped("sweeps", "no bucket to check; sweep manifests and sheets would be kept in \(fallback)")
            }
            let client = S3Client(configuration: aws, http: HTTPClient(environment: environment),
                                  timeouts: timeouts, retry: .none)
            records = S3SweepRecords(bucket: name, client: client)
        }
        let probe = SweepManifest.prefix + ".doctor-\(UUID().uuidString)"
        do {
            try await records.write(key: probe, bytes: Array("darkroom doctor probe".utf8), contentType: "text/plain")
            try? await records.remove(key: probe)
            return .ok("sweeps", "\(records.location) writable (sweep manifests and contact sheets)")
        } catch {
            // On the local backend the records go in the local bucket's folder, and there is no other place to fall back to.
            let hint = backend == .local
                ? "fix the data folder's permissions, or point XDG_DATA_HOME (or --data) at a writable folder"
                : "allow s3:PutObject on output-sweeps/*; until then sweeps keep manifests and sheets in \(fallback)"
            return .problem("sweeps", "\(records.location) not writable: \(error)", hint: hint, essential: false)
        }
    }

    /// The local data folder (history, jobs, the local bucket) takes a file.
    func dataFolder() -> DoctorCheck {
        let folder = setup.folders.data
        let probe = folder.appendingPathComponent(".doctor-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("ok".utf8).write(to: probe)
            try FileManager.default.removeItem(at: probe)
            return .ok("data folder", "\(folder.path) writable")
        } catch {
            return .problem("data folder", "\(folder.path) not writable: \(error.fileSystemReason)",
                            hint: "fix its permissions or point XDG_DATA_HOME at a writable folder", essential: true)
        }
    }

    /// The C libraries in use, for a bug report: TLS, PNG decoding and search depend on their versions.
    func libraries() -> DoctorCheck {
        // curl's version line names every library curl was built with; the first two are curl and its TLS library.
        let curl = AWS.curlVersion.split(separator: " ").prefix(2).joined(separator: " ")
        return .ok("libraries", "\(curl), libpng/\(PNG.libraryVersion), SQLite/\(Catalog.sqliteVersion)")
    }

    /// The contact sheets' label fonts. Without one no sheet is drawn; without fallbacks, Chinese, Japanese and
    /// emoji in prompts are drawn as boxes. Neither stops a job, so neither is essential.
    func fonts() -> DoctorCheck {
        let files: FontFiles
        do throws(FontError) {
            files = try FontFace.systemFonts(environment: environment)
            _ = try FontFace(files, pixelSize: 15)
        } catch {
            return .problem("fonts", "no usable label font", hint: "\(error) Sweeps still run, without contact sheets.", essential: false)
        }
        guard !files.fallbacks.isEmpty else {
            return .problem("fonts", "\(files.primary), no fallback",
                            hint: "install fonts-droid-fallback and fonts-symbola: without them Chinese, Japanese and emoji in prompts are boxes in contact sheets",
                            essential: false)
        }
        let fallbacks = files.fallbacks.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ", ")
        return .ok("fonts", "\(files.primary), then \(fallbacks) for what it lacks (contact-sheet labels)")
    }

    /// Whether the app will take the mouse, and how the terminal's entry has it reported.
    func mouse(_ entry: TerminfoEntry, term: String) -> DoctorCheck {
        guard settings.mouse == .on else {
            return .ok("mouse", "off (`mouse = off`): clicks and text selection stay with the terminal")
        }
        guard let reports = entry.mouse else {
            return .problem("mouse", "\(term) names no mouse reports (kmous), so the app takes keys only",
                            hint: "set TERM to the terminal's own entry (xterm-256color, tmux-256color)", essential: false)
        }
        let limit = reports == .x10 ? ", up to column 223" : ""
        return .ok("mouse", "clicks and the wheel as \(reports.rawValue) reports (\(term))\(limit); the terminal's own selection takes Shift")
    }

    /// TERM, colours, mouse, locale and size: the app adapts to each, so none is essential.
    func terminal() -> [DoctorCheck] {
        var checks: [DoctorCheck] = []
        let term = environment["TERM"] ?? ""
        let entry = term.isEmpty ? nil : TerminfoEntry.lookup(term: term)
        let colors = entry?.colors
        if term.isEmpty || term == "dumb" {
            checks.append(.problem("TERM", term.isEmpty ? "not set" : "dumb",
                                   hint: "run inside a terminal emulator or set TERM (e.g. xterm-256color)", essential: false))
        } else if colors == nil {
            checks.append(.problem("TERM", "\(term) has no terminfo entry",
                                   hint: "install its terminfo (ncurses-term) or set TERM=xterm-256color", essential: false))
        } else {
            checks.append(.ok("TERM", term))
        }

        // The app's own probe: the same colour depth and image protocol the app and `show` will use, and why.
        let found = CapabilityProbe.run(environment: environment, preference: settings.graphics)
        // Replies that missed the deadline are read and dropped here, not left for the shell to print.
        TerminalQuery.finishLateReplies(waitingUpTo: .seconds(1))
        let colourReason = found.reasons.first ?? ""
        if found.colorMode == .none || colors == 0 {
            checks.append(.problem("colours", "none (\(colourReason))",
                                   hint: "use a colour terminal; unset NO_COLOR to allow colours", essential: false))
        } else {
            checks.append(.ok("colours", colourReason))
        }
        let cell = found.cellPixels.map { ", cell \($0) pixels" } ?? ""
        let graphicsDetail = "\(found.graphics.rawValue)\(found.graphics.drawsPixels ? cell : "") ("
            + found.reasons.dropFirst().joined(separator: "; ") + ")"
        if let hint = found.hint {
            checks.append(.problem("graphics", graphicsDetail, hint: hint, essential: false))
        } else {
            checks.append(.ok("graphics", graphicsDetail))
        }

        // The entry curses gets: a true-colour terminal's -direct sibling, whose mouse may differ (xterm-kitty's reports
        // are X10, xterm-direct's SGR).
        let cursesTerm = TerminfoEntry.cursesEntry(for: term, colorMode: found.colorMode) ?? term
        if let cursesEntry = cursesTerm == term ? entry : TerminfoEntry.lookup(term: cursesTerm) {
            checks.append(mouse(cursesEntry, term: cursesTerm))
        }

        switch TerminalLocale.activate(environment: environment) {
        case .utf8:
            checks.append(.ok("locale", "UTF-8"))
        case .substituted(let named):
            checks.append(.ok("locale", "UTF-8 (\(named.escapingControlCharacters()) is not installed here, so characters use C.UTF-8)"))
        case .notUTF8(let named):
            let what = named.map { "\($0.escapingControlCharacters()) is not UTF-8" } ?? "no locale is set (LANG, LC_ALL, LC_CTYPE)"
            checks.append(.problem("locale", "\(what); the app falls back to ASCII",
                                   hint: "export LANG=C.UTF-8 (or another UTF-8 locale)", essential: false))
        }

        if let size = TerminalQuery.outputWindowSize() {
            let small = size.columns < 80 || size.rows < 24
            checks.append(small
                ? .problem("size", "\(size.columns)x\(size.rows)", hint: "enlarge the window to at least 80x24", essential: false)
                : .ok("size", "\(size.columns)x\(size.rows)"))
        } else {
            checks.append(.problem("size", "standard output is not a terminal",
                                   hint: "run darkroom itself in a terminal; this is fine for scripts", essential: false))
        }
        return checks
    }

    private static func describe(_ source: AWSConfiguration.CredentialSource) -> String {
        switch source {
        case .explicit: "explicit settings"
        case .environment: "the environment"
        case .sharedCredentialsFile: "the shared credentials file"
        case .configFile: "the config file"
        case .credentialProcess: "credential_process"
        }
    }
}

private extension GenerationClientError {
    /// API Gateway's answer to a path it has no route for: a wrong URL, whatever the credentials.
    var isNoSuchRoute: Bool {
        if case .unexpectedResponse(404, _) = self { true } else { false }
    }
}
