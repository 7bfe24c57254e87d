import ArgumentParser
import DarkroomBackend
import DarkroomCatalog
import DarkroomCore
import DarkroomGallery
import DarkroomSetup
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// `darkroom ls`: the images in the bucket, newest first, like `aws s3 ls`, or as JSON; `--newest` and
/// `--search` answer from the local catalog the app uses.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls",
        abstract: "List the images in the bucket, newest first.",
        discussion: """
            The bucket is the S3 bucket when one is set; with the local backend (the default) and none set, the local \
            stack's folder bucket, where `generate` and the app put their images.
            Each line shows the modification time (local), size in bytes and key. Under output-images/ the order is the \
            gallery's: newest first by the time in darkroom's names (other names by their modification time), listed \
            by date prefixes concurrently. Another --prefix lists in S3's key order.
            --newest and --search go through the image catalog in $XDG_CACHE_HOME/darkroom/ (only a cache): --search \
            reads each image's parameters once, then matches prompt words, negative:WORD (the negative prompt), seed:N, \
            model:NAME, cfg:N, steps:N, size:WxH, style:NAME, sampler:NAME, before:DATE, after:DATE (both days included). The catalog lists the whole bucket when its last \
            full listing is more than \(CatalogRefresher.fullListingMaxAge.components.seconds / 60) minutes old (or with \
            --refresh), and only names newer than the newest known one in between.
            A listing that finds nothing prints nothing; on a terminal it says so on standard error.
            """
    )

    @OptionGroup var source: StoreOptions

    @Option(help: "Only keys starting with this prefix (other than output-images/: S3's key order, no catalog).")
    var prefix = DatedKey.root

    @Option(parsing: .unconditional, help: "Only the N newest images (from the catalog, refreshed first).")
    var newest: Int?

    @Option(help: "Only images whose parameters match, e.g. \"cat golden seed:42 model:sdxl after:2026-11-01\" or \"seed:42 cfg:4 steps:20\".")
    var search: String?

    @Flag(help: "With --newest or --search: list the whole bucket first, so images copied in under older names and deleted ones are seen at once (otherwise a full listing older than \(CatalogRefresher.fullListingMaxAge.components.seconds / 60) minutes is made again, and only new names are listed in between).")
    var refresh = false

    @Flag(help: "Print a JSON array, one object per image: {key, size, lastModified, etag} and, when known, parameters.")
    var json = false

    func validate() throws {
        if let newest, newest < 1 { throw ValidationError("--newest wants a count of at least 1.") }
        if refresh, newest == nil, search == nil { throw ValidationError("--refresh goes with --newest or --search.") }
        if prefix != DatedKey.root, newest != nil || search != nil {
            throw ValidationError("--newest and --search list output-images/; leave --prefix out.")
        }
    }

    func run() async throws {
        let (setup, store) = try source.resolve()
        try await list(store: store, setup: setup)
    }

    private func list(store: any ImageStore, setup: Setup) async throws {
        var printer = Printer(json: json)
        if newest != nil || search != nil {
            try await listFromCatalog(store: store, setup: setup, printer: &printer)
        } else if prefix == DatedKey.root {
            let entries = try await BucketListing(store: store).listEverything()
            for entry in entries { try printer.add(entry.object, parameters: nil, withParameters: false) }
        } else {
            for object in try await store.listAll(prefix: prefix) { try printer.add(object, parameters: nil, withParameters: false) }
        }
        try printer.finish()
        // A person at a terminal is told that nothing was found, and where it was looked for; a script reading the
        // output gets it empty, as from `aws s3 ls`.
        if printer.isEmpty, !json, isatty(STDOUT_FILENO) == 1 {
            StandardStreams.writeError(emptyNote(location: store.location) + "\n")
        }
    }

    /// Why the listing is empty, in the words of what was asked.
    private func emptyNote(location: String) -> String {
        let place = location.escapingControlCharacters(includingLineBreaks: true)
        if let search {
            return "No image in \(place) matches \"\(search.escapingControlCharacters(includingLineBreaks: true))\"."
        }
        guard prefix == DatedKey.root else {
            return "Nothing under \(prefix.escapingControlCharacters(includingLineBreaks: true)) in \(place)."
        }
        return "No images in \(place) yet: make one with `darkroom generate \"a prompt\"`, or in the app (`darkroom`)."
    }

    private func listFromCatalog(store: any ImageStore, setup: Setup, printer: inout Printer) async throws {
        let (opened, problem) = setup.galleryCatalog(for: store)
        // Nil only when SQLite cannot open even a catalog in memory; the problem says why.
        guard let catalog = opened else { throw CommandFailure(problem ?? "The gallery's catalog cannot be opened.") }
        if let problem { StandardStreams.writeError(problem + "\n") }
        let rebuilds = catalog.rebuilds
        var images = try await answerFromCatalog(catalog, store: store)
        if catalog.rebuilds != rebuilds {
            // The file was found damaged on the way and started again empty: answered again from a full listing.
            images = try await answerFromCatalog(catalog, store: store)
        }
        if let notice = catalog.notice { StandardStreams.writeError(notice + "\n") }
        for image in images { try printer.add(image.entry.object, parameters: image.parameters, withParameters: true) }
    }

    private func answerFromCatalog(_ catalog: Catalog, store: any ImageStore) async throws -> [CatalogImage] {
        let refresher = CatalogRefresher(catalog: catalog, listing: BucketListing(store: store))
        // Names that are not darkroom's, names older than the newest known one and deletions are only found by a
        // full listing: --refresh asks for one, and one older than `fullListingMaxAge` is made again.
        try await refresher.refresh(full: refresh)
        if search == nil, let newest {
            return try catalog.newest(limit: newest)
        }
        let query = try SearchQuery.parse(search ?? "")
        if query.needsParameters {
            let reader = HeadMetadataReader(store: store)
            while try await refresher.readMetadata(limit: 2_000, reader: reader) > 0 {}
            let left = try catalog.unreadCount()
            if left > 0 {
                StandardStreams.writeError("\(left) images could not be read and were not searched; run the search again to retry them.\n")
            }
        }
        return try catalog.search(query, limit: newest ?? Int(Int32.max))
    }

    /// Lines (the `aws s3 ls` layout) or a JSON array, written in large blocks.
    struct Printer {
        let json: Bool
        private var output = OutputBuffer()
        private var first = true
        /// Whether nothing was added.
        var isEmpty: Bool { first }

        init(json: Bool) {
            self.json = json
            if json { output.append("[") }
        }

        mutating func add(_ object: StoredObject, parameters: CatalogParameters?, withParameters: Bool) throws(StandardStreams.OutputError) {
            if json {
                output.append((first ? "\n  " : ",\n  ") + ListCommand.jsonLine(object, parameters: parameters, withParameters: withParameters))
            } else {
                output.append(ListCommand.textLine(object) + "\n")
            }
            first = false
            try output.flushIfLarge()
        }

        mutating func finish() throws(StandardStreams.OutputError) {
            if json { output.append(first ? "]\n" : "\n]\n") }
            try output.flush()
        }
    }

    /// `2026-11-26 00:44:39       1234 output-images/x.png`, the `aws s3 ls` layout.
    static func textLine(_ object: StoredObject) -> String {
        let size = String(object.size)
        return ListingTimestamp.local(object.lastModified) + " " + String(repeating: " ", count: max(0, 10 - size.count)) + size + " " + object.key.escapingControlCharacters(includingLineBreaks: true)
    }

    static func jsonLine(_ object: StoredObject, parameters: CatalogParameters?, withParameters: Bool) -> String {
        var line = "{\"key\": \(JSONText.quote(object.key)), \"size\": \(object.size), "
            + "\"lastModified\": \"\(ListingTimestamp.utc(object.lastModified))\", \"etag\": \(JSONText.quote(object.etag))"
        if withParameters {
            if let parameters {
                // The names of the request and of `info --json` and `generate --json`, so one jq filter reads all three.
                var fields = [
                    "\"prompt\": \(JSONText.quote(parameters.prompt))", "\"negative_prompt\": \(JSONText.quote(parameters.negativePrompt))",
                    "\"model\": \(JSONText.quote(parameters.model))", "\"width\": \(parameters.width)", "\"height\": \(parameters.height)",
                    "\"engine\": \(JSONText.quote(parameters.engine))",
                ]
                if let seed = parameters.seed { fields.append("\"seed\": \(seed)") }
                if let steps = parameters.steps { fields.append("\"steps\": \(steps)") }
                if let cfg = parameters.cfgScale { fields.append("\"cfg_scale\": \(cfg)") }
                if let style = parameters.style { fields.append("\"style_preset\": \(JSONText.quote(style))") }
                if let sampler = parameters.sampler { fields.append("\"sampler\": \(JSONText.quote(sampler))") }
                line += ", \"parameters\": {" + fields.joined(separator: ", ") + "}"
            } else {
                line += ", \"parameters\": null"
            }
        }
        return line + "}"
    }
}

/// Standard output written in large blocks: listings can run to tens of thousands of lines.
struct OutputBuffer {
    private var bytes: [UInt8] = []

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func flushIfLarge() throws(StandardStreams.OutputError) { if bytes.count > 1 << 16 { try flush() } }

    mutating func flush() throws(StandardStreams.OutputError) {
        try StandardStreams.writeOutput(bytes)
        bytes.removeAll(keepingCapacity: true)
    }
}

/// Listing timestamps, computed with `localtime_r`/`gmtime_r`: formatters cost too much per line.
enum ListingTimestamp {
    /// `yyyy-MM-dd HH:mm:ss` in the local time zone, as `aws s3 ls` prints.
    static func local(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        localtime_r(&seconds, &parts)
        return format(parts, separator: " ", suffix: "")
    }

    /// `yyyy-MM-ddTHH:mm:ssZ` (ISO 8601, UTC) for JSON.
    static func utc(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return format(parts, separator: "T", suffix: "Z")
    }

    private static func format(_ parts: tm, separator: String, suffix: String) -> String {
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : String(value) }
        let day = "\(parts.tm_year + 1900)-" + two(parts.tm_mon + 1) + "-" + two(parts.tm_mday)
        return day + separator + two(parts.tm_hour) + ":" + two(parts.tm_min) + ":" + two(parts.tm_sec) + suffix
    }
}

/// JSON string literals without a JSONEncoder per line.
enum JSONText {
    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20: result += "\\u" + PrintfText.zeroPadded(scalar.value, width: 4, radix: 16)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
