import Foundation

/// Damage inside a gallery catalog file, as random bytes written over it leave it: the schema still reads, so the
/// open succeeds, and SQLite finds the damage only when a query reaches the images.
public enum DamagedCatalog {
    /// Overwrites the first page of every b-tree of `images` (the table and its indexes) in the SQLite file at
    /// `path`, which no connection may hold open (its WAL would still hold the pages). Through python3's sqlite3, so
    /// the tests of every module can use it without the catalog's internals.
    public static func overwriteImagePages(of path: String) throws {
        let script = """
            import sqlite3, sys
            connection = sqlite3.connect(sys.argv[1])
            size = connection.execute("PRAGMA page_size").fetchone()[0]
            roots = [row[0] for row in connection.execute("SELECT rootpage FROM sqlite_master WHERE tbl_name = 'images' AND rootpage > 1")]
            connection.close()
            assert roots, "no pages of images found"
            with open(sys.argv[1], "r+b") as file:
                for root in roots:
                    file.seek((root - 1) * size)
                    file.write(b"Z" * size)
            """
        let result = try Subprocess.run(["python3", "-c", script, path], environment: ProcessInfo.processInfo.environment)
        guard result.status == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "could not damage \(path): \(result.output)"])
        }
    }
}
