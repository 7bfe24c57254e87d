import CSQLite
import DarkroomBackend
import DarkroomCore
import DarkroomGallery
import DarkroomThreads
import Synchronization
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The gallery's local index of one bucket: a SQLite file in the cache folder with each image's listing entry
/// and the parameters read from it once, searched with FTS5.
///
/// It is only a cache: deleting it loses nothing. A damaged file or one from a newer darkroom is set aside and
/// rebuilt, whether SQLite finds the damage at open or later in a query (`notice` says so, and `rebuilds` counts
/// the second kind so a caller knows to list the bucket again in full). Two darkroom instances can use one file at
/// once: WAL (a rollback journal where WAL is unavailable, as on NFS), writes in `BEGIN IMMEDIATE` transactions and
/// a busy timeout.
///
/// Calls block (on the file, and up to the busy timeout on another instance's lock): from async code, run
/// them with `run`, on the catalog's own thread.
public final class Catalog: Sendable {
    /// The SQLite library in use (`darkroom doctor` shows it).
    public static var sqliteVersion: String { String(cString: sqlite3_libversion()) }

    public let path: String
    /// The one thread this catalog's calls from async code run on (`run`), started by the first.
    private let thread = ThreadPool(threads: 1)
    private let busyTimeout: Duration
    private let allowWAL: Bool
    private let file: Mutex<OpenFile>

    /// The connection and what is known of the file it has open.
    private struct OpenFile {
        var connection: SQLiteConnection
        var journalMode: String
        /// The file's inode when it was opened: another instance may have set the file aside and started a new
        /// one at `path` since, which must not be set aside in its turn.
        var inode: UInt64?
        var notice: String?
        var rebuilds = 0
    }

    /// `wal`, or `delete` where WAL is unavailable.
    public var journalMode: String { file.withLock { $0.journalMode } }
    /// Set when a file was set aside and a new one started (at open or since); shown to the user once.
    public var notice: String? { file.withLock { $0.notice } }
    /// How many times a damaged file was found while in use and replaced by an empty one: what the catalog held is
    /// gone, so a caller that sees this change lists the bucket again in full.
    public var rebuilds: Int { file.withLock { $0.rebuilds } }

    private init(path: String, busyTimeout: Duration, allowWAL: Bool, file: OpenFile) {
        self.path = path
        self.busyTimeout = busyTimeout
        self.allowWAL = allowWAL
        self.file = Mutex(file)
    }

    /// Runs `work` (calls on this catalog: file I/O, and waits on another instance's lock) on the catalog's own
    /// thread, off Swift's cooperative pool. The catalog serializes its calls on one connection, so a thread per
    /// call (as `BlockingWork` gives) bought nothing but threads: paging through 500 images started 531 of them,
    /// and up to 15 waited on the catalog's lock at once. Work is never dropped: a caller cancelled meanwhile
    /// still gets its write done.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws(CatalogError) -> T) async throws(CatalogError) -> T {
        try await thread.runToCompletion { Result<T, CatalogError>(catching: work) }.get()
    }

    /// The catalog file for a store: `<cache>/catalog-<name>-<hash>.sqlite`, one per bucket or folder.
    public static func file(cacheFolder: URL, storeLocation: String) -> URL {
        let name = storeLocation.split(separator: "/").last.map(String.init) ?? "bucket"
        let safe = String(name.unicodeScalars.map { scalar -> Character in
            (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_") && scalar.isASCII
                ? Character(scalar) : "_"
        }.prefix(40))
        // FNV-1a of the whole location: two buckets with one name (or folders) stay apart.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in storeLocation.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return cacheFolder.appendingPathComponent("catalog-\(safe)-\(String(hash, radix: 16)).sqlite")
    }

    /// Opens the catalog at `path` (creating it and its folder), bringing its schema up to date.
    ///
    /// `allowWAL: false` forces the rollback journal (what happens on its own where WAL is refused).
    public static func open(path: String, busyTimeout: Duration = .seconds(5), allowWAL: Bool = true) throws(CatalogError) -> Catalog {
        let folder = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw .unusable(path: path, detail: "its folder cannot be created: \(error.fileSystemReason)")
            }
        }
        do {
            let file = try openAndMigrate(path: path, busyTimeout: busyTimeout, allowWAL: allowWAL)
            return Catalog(path: path, busyTimeout: busyTimeout, allowWAL: allowWAL, file: file)
        } catch .corrupt, .newerSchema {
            let file = try startAgain(path: path, busyTimeout: busyTimeout, allowWAL: allowWAL)
            return Catalog(path: path, busyTimeout: busyTimeout, allowWAL: allowWAL, file: file)
        }
    }

    /// A catalog held in memory and gone with it: for one answer where the cache folder cannot hold a file.
    public static func inMemory() throws(CatalogError) -> Catalog {
        try open(path: ":memory:")
    }

    /// Sets the file at `path` aside (only a cache: kept for a post-mortem) and opens a new one there.
    private static func startAgain(path: String, busyTimeout: Duration, allowWAL: Bool) throws(CatalogError) -> OpenFile {
        let asideName = setAside(path)
        var file = try openAndMigrate(path: path, busyTimeout: busyTimeout, allowWAL: allowWAL)
        file.notice = "The image catalog could not be read (damaged, or from a newer darkroom); it was moved to \(asideName) and is rebuilt from the bucket."
        return file
    }

    private static func openAndMigrate(path: String, busyTimeout: Duration, allowWAL: Bool) throws(CatalogError) -> OpenFile {
        let connection: SQLiteConnection
        do {
            connection = try SQLiteConnection(path: path, busyTimeout: busyTimeout)
        } catch {
            throw CatalogError(error, path: path)
        }
        var mode = "delete"
        do {
            if allowWAL {
                mode = try connection.query("PRAGMA journal_mode = WAL").first?.first?.string?.lowercased() ?? "delete"
            }
            if mode != "wal" {
                mode = try connection.query("PRAGMA journal_mode = DELETE").first?.first?.string?.lowercased() ?? "delete"
            }
            // A cache: losing the last transactions to a power cut costs a re-listing, not data.
            try connection.execute("PRAGMA synchronous = NORMAL")
            try connection.query("SELECT count(*) FROM sqlite_schema")
        } catch {
            throw CatalogError(error, path: path)
        }
        try CatalogMigrations.migrate(connection)
        return OpenFile(connection: connection, journalMode: mode, inode: inode(of: path))
    }

    private static func inode(of path: String) -> UInt64? {
        var info = stat()
        return stat(path, &info) == 0 ? UInt64(info.st_ino) : nil
    }

    /// Suffix of a set-aside file's name, before the time it was set aside.
    private static let setAsideMarker = ".set-aside-"

    /// Moves the file at `path` to `<path>.set-aside-<time>`, removing older set-aside copies (the newest damaged
    /// file is the one worth a post-mortem; one per damage would pile up in the cache folder). Returns the new name.
    private static func setAside(_ path: String) -> String {
        let manager = FileManager.default
        let asideName = path + setAsideMarker + String(Int(Date().timeIntervalSince1970))
        let file = URL(fileURLWithPath: path)
        let folder = file.deletingLastPathComponent()
        let older = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in older where name.hasPrefix(file.lastPathComponent + setAsideMarker) {
            try? manager.removeItem(at: folder.appendingPathComponent(name))
        }
        try? manager.moveItem(atPath: path, toPath: asideName)
        for suffix in ["-wal", "-shm", "-journal"] {
            try? manager.removeItem(atPath: path + suffix)
        }
        return asideName
    }

    /// Runs `body` on the connection. When SQLite finds the file damaged, the file is set aside, a new empty one
    /// started and `body` run once more on it: the call answers as an empty catalog would, `notice` says what
    /// happened and `rebuilds` grows.
    @discardableResult
    func withConnection<T>(_ body: (SQLiteConnection) throws(SQLiteError) -> T) throws(CatalogError) -> T {
        try file.withLock { (file) throws(CatalogError) -> T in
            do throws(SQLiteError) {
                return try body(file.connection)
            } catch where error.isCorruption {
                try replaceDamaged(&file)
            } catch {
                throw Self.catalogError(error, path: path)
            }
            do throws(SQLiteError) {
                return try body(file.connection)
            } catch {
                throw Self.catalogError(error, path: path)
            }
        }
    }

    private func replaceDamaged(_ file: inout OpenFile) throws(CatalogError) {
        let rebuilds = file.rebuilds + 1
        if Self.inode(of: path) != file.inode, let current = try? Self.openAndMigrate(path: path, busyTimeout: busyTimeout, allowWAL: allowWAL) {
            // Another darkroom found the damage first and started the file now at `path`: use that one.
            file = current
            file.notice = "The image catalog was damaged; another darkroom has started it again, and it is rebuilt from the bucket."
        } else {
            file = try Self.startAgain(path: path, busyTimeout: busyTimeout, allowWAL: allowWAL)
        }
        file.rebuilds = rebuilds
    }

    private static func catalogError(_ error: SQLiteError, path: String) -> CatalogError {
        if error.isConstraint { return .badRow(key: "?", reason: "it breaks the catalog's rules (\(error.message))") }
        return CatalogError(error, path: path)
    }

    // MARK: - Listing entries

    static let imageColumns = """
        key, size, etag, last_modified, sort_seconds, dated, metadata, prompt, negative_prompt, model, seed, steps,
        cfg_scale, width, height, style, engine, sampler
        """

    /// Ids per second of `sort_seconds`: an image's id is its second times this plus a number unique within the
    /// second, so id order is newest-first order up to the order of same-second keys (migration 5-ordered-ids).
    static let idsPerSecond: Int64 = 1 << 24
    /// Seconds beyond this (either way) share the id range of the last one: far outside any real image's time.
    static let orderedSecondsLimit = 1 << 38

    /// The first id of `second`'s range. Monotonic in `second`, which is what the search's window relies on.
    static func orderedID(second: Int) -> Int64 {
        Int64(min(max(second, -orderedSecondsLimit), orderedSecondsLimit - 1)) * idsPerSecond
    }

    /// Adds or updates listed images. An image whose ETag changed is read again. `seenAt` (milliseconds since
    /// 1970) records when a listing saw them, for `reconcile`.
    public func upsert(_ entries: [GalleryEntry], seenAt: Int64 = Catalog.nowMilliseconds()) throws(CatalogError) {
        for entry in entries { try Self.validate(entry) }
        try withConnection { (connection) throws(SQLiteError) in
            try connection.transaction { () throws(SQLiteError) in
                // A new row takes the next free id of its second (see `orderedID`); a re-listed one keeps its id
                // unless its second changed.
                try connection.withStatement("""
                    INSERT INTO images (id, key, size, etag, last_modified, sort_seconds, dated, seen_at) VALUES (
                        coalesce((SELECT id + 1 FROM images WHERE id >= ?8 AND id < ?8 + \(Self.idsPerSecond) ORDER BY id DESC LIMIT 1), ?8),
                        ?1, ?2, ?3, ?4, ?5, ?6, ?7)
                    ON CONFLICT (key) DO UPDATE SET
                        id = CASE WHEN images.sort_seconds = excluded.sort_seconds THEN images.id ELSE excluded.id END,
                        size = excluded.size, last_modified = excluded.last_modified, sort_seconds = excluded.sort_seconds,
                        dated = excluded.dated, seen_at = max(images.seen_at, excluded.seen_at),
                        metadata = CASE WHEN images.etag = excluded.etag THEN images.metadata ELSE 0 END,
                        prompt = CASE WHEN images.etag = excluded.etag THEN images.prompt ELSE NULL END,
                        negative_prompt = CASE WHEN images.etag = excluded.etag THEN images.negative_prompt ELSE NULL END,
                        etag = excluded.etag
                    """) { (statement) throws(SQLiteError) in
                    for entry in entries {
                        try statement.run([
                            .text(entry.key), .integer(Int64(entry.object.size)), .text(entry.object.etag),
                            .integer(Int64((entry.object.lastModified.timeIntervalSince1970 * 1000).rounded())),
                            .integer(Int64(entry.sortSeconds)), .integer(entry.isDated ? 1 : 0), .integer(seenAt),
                            .integer(Self.orderedID(second: entry.sortSeconds)),
                        ])
                    }
                }
            }
        }
    }

    /// Makes the catalog match a full listing that started at `startedAt`: adds and updates what it lists and
    /// deletes rows it did not list, except rows another listing saw after it started. Returns the deleted keys.
    @discardableResult
    public func reconcile(listing entries: [GalleryEntry], startedAt: Int64) throws(CatalogError) -> [String] {
        try upsert(entries, seenAt: startedAt)
        return try withConnection { (connection) throws(SQLiteError) -> [String] in
            try connection.transaction { () throws(SQLiteError) -> [String] in
                let gone = try connection.query("SELECT key FROM images WHERE seen_at < ?", [.integer(startedAt)]).compactMap { $0.first?.string }
                try connection.query("DELETE FROM images WHERE seen_at < ?", [.integer(startedAt)])
                try connection.query("""
                    INSERT INTO catalog_state (name, value) VALUES ('\(Self.fullListingState)', ?)
                    ON CONFLICT (name) DO UPDATE SET value = max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER))
                    """, [.text(String(startedAt))])
                return gone
            }
        }
    }

    /// `catalog_state`'s row for when the last full listing started (milliseconds since 1970).
    static let fullListingState = "full_listing_started_at"

    /// When the last full listing that reached this file started (milliseconds since 1970); nil if none has.
    public func lastFullListing() throws(CatalogError) -> Int64? {
        try withConnection { (connection) throws(SQLiteError) -> Int64? in
            try connection.query("SELECT CAST(value AS INTEGER) FROM catalog_state WHERE name = ?", [.text(Self.fullListingState)])
                .first?.first?.int.map(Int64.init)
        }
    }

    /// Removes one image (deleted from the bucket by this app).
    public func remove(key: String) throws(CatalogError) {
        try withConnection { (connection) throws(SQLiteError) in
            try connection.query("DELETE FROM images WHERE key = ?", [.text(key)])
        }
    }

    /// Images newest first, `limit` of them after skipping `offset`.
    public func newest(limit: Int, offset: Int = 0) throws(CatalogError) -> [CatalogImage] {
        try images("SELECT \(Self.imageColumns) FROM images ORDER BY sort_seconds DESC, key DESC LIMIT ? OFFSET ?",
                   [.integer(Int64(limit)), .integer(Int64(offset))])
    }

    /// Listing entries only (no parameters), newest first: what the gallery's grid needs of every image.
    public func entries(limit: Int, offset: Int = 0) throws(CatalogError) -> [GalleryEntry] {
        var entries: [GalleryEntry] = []
        try withConnection { (connection) throws(SQLiteError) in
            try connection.forEachRow(
                "SELECT key, size, etag, last_modified, sort_seconds, dated FROM images ORDER BY sort_seconds DESC, key DESC LIMIT ? OFFSET ?",
                [.integer(Int64(limit)), .integer(Int64(offset))]
            ) { statement in
                if let entry = Self.entry(from: statement) { entries.append(entry) }
            }
        }
        return entries
    }

    /// The parameters the catalog holds for `keys` (read images only; unread and unknown keys are left out).
    public func images(forKeys keys: [String]) throws(CatalogError) -> [String: CatalogImage] {
        var found: [String: CatalogImage] = [:]
        try withConnection { (connection) throws(SQLiteError) in
            try connection.withStatement("SELECT \(Self.imageColumns) FROM images WHERE key = ?") { (statement) throws(SQLiteError) in
                for key in keys {
                    try statement.bind([.text(key)])
                    if try statement.step(), let image = Self.image(from: statement) { found[key] = image }
                }
            }
        }
        return found
    }

    private func images(_ sql: String, _ values: [SQLiteValue]) throws(CatalogError) -> [CatalogImage] {
        var images: [CatalogImage] = []
        try withConnection { (connection) throws(SQLiteError) in
            try connection.forEachRow(sql, values) { statement in
                if let image = Self.image(from: statement) { images.append(image) }
            }
        }
        return images
    }

    /// How many images the catalog holds.
    public func count() throws(CatalogError) -> Int {
        try withConnection { (connection) throws(SQLiteError) in
            try connection.query("SELECT count(*) FROM images").first?.first?.int ?? 0
        }
    }

    /// The time in the newest darkroom name the catalog holds: where an incremental refresh starts.
    public func newestDatedSeconds() throws(CatalogError) -> Int? {
        try withConnection { (connection) throws(SQLiteError) in
            try connection.query("SELECT max(sort_seconds) FROM images WHERE dated = 1").first?.first?.int
        }
    }

    // MARK: - Metadata

    /// Images whose head has not been read, newest first.
    public func unread(limit: Int) throws(CatalogError) -> [GalleryEntry] {
        try images("SELECT \(Self.imageColumns) FROM images WHERE metadata = 0 ORDER BY sort_seconds DESC, key DESC LIMIT ?",
                   [.integer(Int64(limit))]).map(\.entry)
    }

    /// How many images have not been read yet (what a search cannot see).
    public func unreadCount() throws(CatalogError) -> Int {
        try withConnection { (connection) throws(SQLiteError) in
            try connection.query("SELECT count(*) FROM images WHERE metadata = 0").first?.first?.int ?? 0
        }
    }

    /// Stores what an image's head said, if the image still has the ETag that was read.
    public func record(_ outcome: HeadMetadataReader.Outcome, key: String, etag: String) throws(CatalogError) {
        try record([(key, etag, outcome)])
    }

    /// Stores several reads in one transaction.
    public func record(_ reads: [(key: String, etag: String, outcome: HeadMetadataReader.Outcome)]) throws(CatalogError) {
        let rows = try reads.map { (read) throws(CatalogError) -> [SQLiteValue] in
            switch read.outcome {
            case .none:
                return [.integer(2), .null, .null, .null, .null, .null, .null, .null, .null, .null, .null, .null, .text(read.key), .text(read.etag)]
            case .parameters(let metadata):
                let parameters = try Self.validate(metadata, key: read.key)
                return [
                    .integer(1), .text(parameters.prompt), .text(parameters.negativePrompt), .text(parameters.model),
                    SQLiteValue(parameters.seed.map(Int.init)), SQLiteValue(parameters.steps), SQLiteValue(parameters.cfgScale),
                    .integer(Int64(parameters.width)), .integer(Int64(parameters.height)), SQLiteValue(parameters.style),
                    .text(parameters.engine), SQLiteValue(parameters.sampler), .text(read.key), .text(read.etag),
                ]
            }
        }
        try withConnection { (connection) throws(SQLiteError) in
            try connection.transaction { () throws(SQLiteError) in
                try connection.withStatement("""
                    UPDATE images SET metadata = ?, prompt = ?, negative_prompt = ?, model = ?, seed = ?, steps = ?, cfg_scale = ?,
                        width = ?, height = ?, style = ?, engine = ?, sampler = ?
                    WHERE key = ? AND etag = ?
                    """) { (statement) throws(SQLiteError) in
                    for row in rows { try statement.run(row) }
                }
            }
        }
    }

    // MARK: - Search

    /// Images matching `search`, newest first: prompt words (FTS5, each a prefix), `seed:`, `model:`,
    /// `before:`/`after:`. Unread images cannot match words or fields; `unreadCount()` says how many remain.
    public func search(_ search: SearchQuery, limit: Int = 10_000, offset: Int = 0) throws(CatalogError) -> [CatalogImage] {
        try searchWindow(search, limit: limit, offset: offset).images
    }

    /// One window of a search's matches (newest first) and how many there are in all: what the gallery asks on
    /// each keystroke, so its cost follows the window, not the number of matches.
    public struct SearchWindow: Sendable {
        public var images: [CatalogImage]
        /// Every match, not only the window's.
        public var total: Int
        public var offset: Int
    }

    /// Matches beyond which the window walks the newest-first index and skips non-matches, rather than sorting
    /// every match: many matches make the walk short, few make the sort cheap.
    static let sortedMatchLimit = 4_000

    /// `limit` matches of `search` after skipping `offset`, and the number of matches.
    public func searchWindow(_ search: SearchQuery, limit: Int, offset: Int = 0) throws(CatalogError) -> SearchWindow {
        let (images, total) = try window(search, limit: limit, offset: offset, columns: Self.imageColumns, row: Self.image(from:))
        return SearchWindow(images: images, total: total, offset: offset)
    }

    /// `searchWindow` with only the window's keys: what the gallery asks per keystroke (it holds every listed
    /// image already), without reading and decoding 600 rows' parameters.
    public func searchWindowKeys(_ search: SearchQuery, limit: Int, offset: Int = 0) throws(CatalogError) -> (keys: [String], total: Int) {
        try window(search, limit: limit, offset: offset, columns: "key", row: { $0.string(0) })
    }

    private func window<Row>(_ search: SearchQuery, limit: Int, offset: Int, columns: String,
                             row: (SQLiteStatement) -> Row?) throws(CatalogError) -> ([Row], Int) {
        if search.isWordsOnly, let match = search.wordsMatch {
            return try wordsWindow(match, limit: limit, offset: offset, columns: columns, row: row)
        }
        let (clause, values) = search.sqlCondition()
        let countSQL = "SELECT count(*) FROM images WHERE \(clause)"
        return try withConnection { (connection) throws(SQLiteError) -> ([Row], Int) in
            var total = 0
            try connection.forEachRow(countSQL, values) { total = $0.int(0) ?? 0 }
            var rows: [Row] = []
            guard total > offset else { return ([], total) }
            let walk = total > Self.sortedMatchLimit ? " INDEXED BY images_newest" : ""
            let sql = "SELECT \(columns) FROM images\(walk) WHERE \(clause) ORDER BY sort_seconds DESC, key DESC LIMIT ? OFFSET ?"
            try connection.forEachRow(sql, values + [.integer(Int64(limit)), .integer(Int64(offset))]) { statement in
                if let decoded = row(statement) { rows.append(decoded) }
            }
            return (rows, total)
        }
    }

    /// The window for prompt words alone (what typing after `/` asks), costing the window rather than the
    /// matches: FTS5 counts them, then hands back their ids from the highest down, stopping at the last one the
    /// window needs. Ids follow seconds (`orderedID`), so the window lies among the matches from that one's second
    /// on; only those are sorted (by second and key, the gallery's order; ids within a second need not follow keys).
    private func wordsWindow<Row>(_ match: String, limit: Int, offset: Int, columns: String,
                                  row: (SQLiteStatement) -> Row?) throws(CatalogError) -> ([Row], Int) {
        try withConnection { (connection) throws(SQLiteError) -> ([Row], Int) in
            var total = 0
            try connection.forEachRow("SELECT count(*) FROM prompts WHERE prompts MATCH ?", [.text(match)]) { total = $0.int(0) ?? 0 }
            guard total > offset, limit > 0 else { return ([], total) }
            var lowest = Int64.min
            if total > offset + limit {
                try connection.forEachRow("SELECT rowid FROM prompts WHERE prompts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                                          [.text(match), .integer(Int64(offset + limit - 1))]) { found in
                    // The start of that id's second: its same-second neighbours may sort before it by key.
                    if let id = found.int(0).map(Int64.init) { lowest = id - ((id % Self.idsPerSecond) + Self.idsPerSecond) % Self.idsPerSecond }
                }
            }
            var rows: [Row] = []
            try connection.forEachRow("""
                SELECT \(columns) FROM images WHERE id IN (SELECT rowid FROM prompts WHERE prompts MATCH ? AND rowid >= ?)
                ORDER BY sort_seconds DESC, key DESC LIMIT ? OFFSET ?
                """, [.text(match), .integer(lowest), .integer(Int64(limit)), .integer(Int64(offset))]) { statement in
                if let decoded = row(statement) { rows.append(decoded) }
            }
            return (rows, total)
        }
    }

    // MARK: - Rows

    /// The listing entry in a row's first six columns (key, size, etag, last_modified, sort_seconds, dated).
    static func entry(from row: SQLiteStatement) -> GalleryEntry? {
        guard let key = row.string(0), let size = row.int(1), let etag = row.string(2), let modified = row.int(3),
              let sortSeconds = row.int(4), let dated = row.int(5)
        else { return nil }
        let object = StoredObject(key: key, size: size, lastModified: Date(timeIntervalSince1970: Double(modified) / 1000), etag: etag)
        return GalleryEntry(object: object, sortSeconds: sortSeconds, isDated: dated == 1)
    }

    /// A row of `imageColumns`.
    static func image(from row: SQLiteStatement) -> CatalogImage? {
        guard let entry = entry(from: row), let state = row.int(6) else { return nil }
        let metadata: CatalogImage.Metadata
        switch state {
        case 1:
            metadata = .parameters(CatalogParameters(
                prompt: row.string(7) ?? "", negativePrompt: row.string(8) ?? "", model: row.string(9) ?? "",
                seed: row.int(10).flatMap { UInt32(exactly: $0) }, steps: row.int(11), cfgScale: row.double(12),
                width: row.int(13) ?? 0, height: row.int(14) ?? 0, style: row.string(15), engine: row.string(16) ?? "unknown",
                sampler: row.string(17)
            ))
        case 2: metadata = .none
        default: metadata = .unread
        }
        return CatalogImage(entry: entry, metadata: metadata)
    }

    /// Refuses an entry the catalog could not give back faithfully, naming what is wrong.
    static func validate(_ entry: GalleryEntry) throws(CatalogError) {
        let key = entry.key
        if key.isEmpty { throw .badRow(key: key, reason: "its key is empty") }
        if key.utf8.contains(0) { throw .badRow(key: key.replacing("\u{0}", with: "\\0"), reason: "its key contains a NUL byte") }
        if key.utf8.count > 1024 { throw .badRow(key: String(key.prefix(60)) + "…", reason: "its key is longer than S3's 1,024 bytes") }
        if entry.object.size < 0 { throw .badRow(key: key, reason: "its size \(entry.object.size) is negative") }
        if entry.object.etag.isEmpty { throw .badRow(key: key, reason: "it has no ETag, so a changed image could not be told apart") }
        if entry.object.etag.utf8.contains(0) { throw .badRow(key: key, reason: "its ETag contains a NUL byte") }
        if !entry.object.lastModified.timeIntervalSince1970.isFinite {
            throw .badRow(key: key, reason: "its LastModified date is not a real time")
        }
        if entry.isDated, DatedKey(key)?.seconds != entry.sortSeconds {
            throw .badRow(key: key, reason: "it is marked as darkroom-named but its time does not match its name")
        }
    }

    /// The parameters to store for `metadata`, or the reason they would be wrong.
    static func validate(_ metadata: ImageMetadata, key: String) throws(CatalogError) -> CatalogParameters {
        let parameters = metadata.parameters
        for (name, text) in [("prompt", parameters.prompt), ("negative prompt", parameters.negativePrompt),
                             ("model", parameters.model.rawValue), ("style", parameters.stylePreset ?? ""), ("engine", metadata.engine)]
            where text.utf8.contains(0) {
            throw .badRow(key: key, reason: "its \(name) contains a NUL byte")
        }
        if let steps = parameters.steps, steps <= 0 { throw .badRow(key: key, reason: "its steps (\(steps)) are not positive") }
        if let cfg = parameters.cfgScale, !(cfg.isFinite && cfg >= 0) {
            throw .badRow(key: key, reason: "its CFG scale (\(cfg)) is not a non-negative number")
        }
        if parameters.size.width <= 0 || parameters.size.height <= 0 {
            throw .badRow(key: key, reason: "its size \(parameters.size.width)x\(parameters.size.height) is not positive")
        }
        return CatalogParameters(
            prompt: parameters.prompt, negativePrompt: parameters.negativePrompt, model: parameters.model.rawValue,
            seed: parameters.seed, steps: parameters.steps, cfgScale: parameters.cfgScale,
            width: parameters.size.width, height: parameters.size.height, style: parameters.stylePreset, engine: metadata.engine,
            sampler: parameters.sampler
        )
    }

    /// Milliseconds since 1970, the catalog's clock for `seenAt`.
    public static func nowMilliseconds() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }
}
