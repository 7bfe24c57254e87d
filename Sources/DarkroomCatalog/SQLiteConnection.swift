import CSQLite

/// One connection to a SQLite file: the only place darkroom calls libsqlite3. SQL stays visible at the call
/// sites; this type only prepares, binds, steps and turns result codes into `SQLiteError`.
///
/// Not thread-safe by itself (opened NOMUTEX): `Catalog` only touches it inside its mutex, which is what the
/// unchecked conformance relies on.
final class SQLiteConnection: @unchecked Sendable {
    private let handle: OpaquePointer
    let path: String

    /// Opens (creating) the file at `path`; `busyTimeout` is how long a statement waits for another
    /// connection's lock (another darkroom using the same catalog) before failing with `SQLITE_BUSY`.
    init(path: String, busyTimeout: Duration = .seconds(5)) throws(SQLiteError) {
        var pointer: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &pointer, flags, nil)
        guard status == SQLITE_OK, let pointer else {
            let message = pointer.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let pointer { sqlite3_close_v2(pointer) }
            throw SQLiteError(code: status, message: message, sql: "open")
        }
        handle = pointer
        self.path = path
        let milliseconds = busyTimeout.components.seconds * 1000 + busyTimeout.components.attoseconds / 1_000_000_000_000_000
        sqlite3_busy_timeout(handle, Int32(clamping: milliseconds))
        sqlite3_extended_result_codes(handle, 1)
    }

    /// Statements prepared once and reused (reset after each use): a search runs on every keystroke, and
    /// preparing its SQL again each time costs more than running it on a warm page cache.
    private var prepared: [String: OpaquePointer] = [:]

    deinit {
        for statement in prepared.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements without results.
    func execute(_ sql: String) throws(SQLiteError) {
        var message: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &message)
        if status != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw SQLiteError(code: status, message: text, sql: sql)
        }
    }

    /// Runs `sql` with `values` bound to its `?` parameters and returns every row.
    @discardableResult
    func query(_ sql: String, _ values: [SQLiteValue] = []) throws(SQLiteError) -> [[SQLiteValue]] {
        var rows: [[SQLiteValue]] = []
        try withStatement(sql) { (statement) throws(SQLiteError) in
            try statement.bind(values)
            while try statement.step() { rows.append(statement.row()) }
        }
        return rows
    }

    /// Runs `sql` with `values` bound and hands each row to `body` as it is stepped, without collecting the
    /// rows first: a window of thousands of rows is decoded straight into the caller's values.
    func forEachRow(_ sql: String, _ values: [SQLiteValue] = [], _ body: (SQLiteStatement) throws(SQLiteError) -> Void) throws(SQLiteError) {
        try withStatement(sql) { (statement) throws(SQLiteError) in
            try statement.bind(values)
            while try statement.step() { try body(statement) }
        }
    }

    /// Hands `body` the prepared statement for `sql` (which it may bind and step many times): prepared on first
    /// use and kept, then reset after each use, so an error halfway never leaves it holding a read lock.
    func withStatement(_ sql: String, _ body: (SQLiteStatement) throws(SQLiteError) -> Void) throws(SQLiteError) {
        let pointer: OpaquePointer
        if let cached = prepared[sql] {
            pointer = cached
        } else {
            var fresh: OpaquePointer?
            let status = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &fresh, nil)
            guard status == SQLITE_OK, let fresh else {
                throw SQLiteError(code: status, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
            }
            pointer = fresh
            prepared[sql] = fresh
        }
        defer {
            sqlite3_reset(pointer)
            sqlite3_clear_bindings(pointer)
        }
        try body(SQLiteStatement(pointer: pointer, connection: handle, sql: sql))
    }

    /// Runs `body` in one write transaction (BEGIN IMMEDIATE: takes the write lock up front, so two
    /// instances queue on the busy timeout instead of failing halfway).
    func transaction<T>(_ body: () throws(SQLiteError) -> T) throws(SQLiteError) -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int { Int(sqlite3_changes(handle)) }
}

/// A prepared statement, valid only inside `SQLiteConnection.withStatement`.
struct SQLiteStatement {
    let pointer: OpaquePointer
    let connection: OpaquePointer
    let sql: String

    func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        sqlite3_reset(pointer)
        sqlite3_clear_bindings(pointer)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch value {
            case .null: status = sqlite3_bind_null(pointer, index)
            case .integer(let number): status = sqlite3_bind_int64(pointer, index, number)
            case .real(let number): status = sqlite3_bind_double(pointer, index, number)
            case .text(let text):
                status = text.withCString { csqlite_bind_text(pointer, index, $0, -1) }
            }
            guard status == SQLITE_OK else { throw error(status) }
        }
    }

    /// Advances to the next row: true while there is one.
    func step() throws(SQLiteError) -> Bool {
        switch sqlite3_step(pointer) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let status: throw error(status)
        }
    }

    /// Binds `values` and runs the statement to its end.
    func run(_ values: [SQLiteValue]) throws(SQLiteError) {
        try bind(values)
        while try step() {}
    }

    /// Column `column` of the current row, read without building a row array.
    func int(_ column: Int32) -> Int? {
        sqlite3_column_type(pointer, column) == SQLITE_NULL ? nil : Int(sqlite3_column_int64(pointer, column))
    }
    func double(_ column: Int32) -> Double? {
        sqlite3_column_type(pointer, column) == SQLITE_NULL ? nil : sqlite3_column_double(pointer, column)
    }
    func string(_ column: Int32) -> String? {
        guard sqlite3_column_type(pointer, column) != SQLITE_NULL, let text = sqlite3_column_text(pointer, column) else { return nil }
        return String(cString: text)
    }

    func row() -> [SQLiteValue] {
        (0..<sqlite3_column_count(pointer)).map { column in
            switch sqlite3_column_type(pointer, column) {
            case SQLITE_INTEGER: .integer(sqlite3_column_int64(pointer, column))
            case SQLITE_FLOAT: .real(sqlite3_column_double(pointer, column))
            case SQLITE_NULL: .null
            default: sqlite3_column_text(pointer, column).map { .text(String(cString: $0)) } ?? .null
            }
        }
    }

    private func error(_ status: Int32) -> SQLiteError {
        SQLiteError(code: status, message: String(cString: sqlite3_errmsg(connection)), sql: sql)
    }
}

/// A value bound to or read from a statement.
enum SQLiteValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    var int: Int? { if case .integer(let value) = self { Int(value) } else { nil } }
    var double: Double? {
        switch self {
        case .real(let value): value
        case .integer(let value): Double(value)
        default: nil
        }
    }
    var string: String? { if case .text(let value) = self { value } else { nil } }

    init(_ text: String?) { self = text.map { .text($0) } ?? .null }
    init(_ number: Int?) { self = number.map { .integer(Int64($0)) } ?? .null }
    init(_ number: Double?) { self = number.map { .real($0) } ?? .null }
}

/// A failed SQLite call: the result code, SQLite's message and the statement.
struct SQLiteError: Error, CustomStringConvertible {
    let code: Int32
    let message: String
    let sql: String

    /// The primary result code (extended codes carry more bits).
    var primary: Int32 { code & 0xFF }
    var isCorruption: Bool { primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB }
    var isBusy: Bool { primary == SQLITE_BUSY || primary == SQLITE_LOCKED }
    var isConstraint: Bool { primary == SQLITE_CONSTRAINT }

    var description: String { "SQLite error \(code): \(message)" }
}
