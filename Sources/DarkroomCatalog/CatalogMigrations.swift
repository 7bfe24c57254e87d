/// The catalog's schema as named, ordered migrations: each runs once, in order, in its own transaction, and
/// its name is recorded in `schema_migrations`. A file that records a name this build does not know was
/// written by a newer darkroom: it is set aside, not guessed at.
enum CatalogMigrations {
    struct Migration: Sendable {
        let name: String
        let sql: String
    }

    static let all: [Migration] = [
        Migration(name: "1-images", sql: """
            CREATE TABLE images (
                id            INTEGER PRIMARY KEY,
                key           TEXT    NOT NULL UNIQUE CHECK (length(key) > 0),
                size          INTEGER NOT NULL CHECK (size >= 0),
                etag          TEXT    NOT NULL,
                last_modified INTEGER NOT NULL,                      -- milliseconds since 1970
                sort_seconds  INTEGER NOT NULL,                      -- the time in a darkroom name, else LastModified
                dated         INTEGER NOT NULL CHECK (dated IN (0, 1))
            );
            CREATE INDEX images_newest ON images (sort_seconds DESC, key DESC);
            """),
        Migration(name: "2-parameters", sql: """
            -- metadata: 0 not read yet, 1 parameters read, 2 the image carries none (never read again).
            ALTER TABLE images ADD COLUMN metadata INTEGER NOT NULL DEFAULT 0 CHECK (metadata IN (0, 1, 2));
            ALTER TABLE images ADD COLUMN prompt TEXT;
            ALTER TABLE images ADD COLUMN negative_prompt TEXT;
            ALTER TABLE images ADD COLUMN model TEXT;
            ALTER TABLE images ADD COLUMN seed INTEGER CHECK (seed IS NULL OR seed BETWEEN 0 AND 4294967295);
            ALTER TABLE images ADD COLUMN steps INTEGER CHECK (steps IS NULL OR steps > 0);
            ALTER TABLE images ADD COLUMN cfg_scale REAL CHECK (cfg_scale IS NULL OR cfg_scale >= 0);
            ALTER TABLE images ADD COLUMN width INTEGER CHECK (width IS NULL OR width > 0);
            ALTER TABLE images ADD COLUMN height INTEGER CHECK (height IS NULL OR height > 0);
            ALTER TABLE images ADD COLUMN style TEXT;
            ALTER TABLE images ADD COLUMN engine TEXT;
            -- Unread images, newest first: what the background reader takes next.
            CREATE INDEX images_unread ON images (sort_seconds DESC, key DESC) WHERE metadata = 0;
            CREATE INDEX images_seed ON images (seed);
            -- Full-text search over prompts, kept in step with `images` by triggers.
            CREATE VIRTUAL TABLE prompts USING fts5 (
                prompt, negative_prompt, content = 'images', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
            );
            CREATE TRIGGER images_prompts_insert AFTER INSERT ON images BEGIN
                INSERT INTO prompts (rowid, prompt, negative_prompt) VALUES (new.id, new.prompt, new.negative_prompt);
            END;
            CREATE TRIGGER images_prompts_delete AFTER DELETE ON images BEGIN
                INSERT INTO prompts (prompts, rowid, prompt, negative_prompt) VALUES ('delete', old.id, old.prompt, old.negative_prompt);
            END;
            CREATE TRIGGER images_prompts_update AFTER UPDATE OF prompt, negative_prompt ON images BEGIN
                INSERT INTO prompts (prompts, rowid, prompt, negative_prompt) VALUES ('delete', old.id, old.prompt, old.negative_prompt);
                INSERT INTO prompts (rowid, prompt, negative_prompt) VALUES (new.id, new.prompt, new.negative_prompt);
            END;
            INSERT INTO prompts (prompts) VALUES ('rebuild');
            """),
        Migration(name: "3-reconciliation", sql: """
            -- When a listing last saw the row: a full listing deletes only rows it should have seen.
            ALTER TABLE images ADD COLUMN seen_at INTEGER NOT NULL DEFAULT 0;
            CREATE TABLE catalog_state (name TEXT PRIMARY KEY, value TEXT NOT NULL);
            """),
        Migration(name: "4-sampler", sql: """
            -- The sampler completes the parameters, so the gallery takes an image's record from the catalog
            -- instead of reading its head again. Images read before it are read once more to fill it in.
            ALTER TABLE images ADD COLUMN sampler TEXT;
            UPDATE images SET metadata = 0 WHERE metadata = 1;
            """),
        Migration(name: "5-ordered-ids", sql: """
            -- An image's id says where it sorts: its second (`sort_seconds`, clamped to +/-2^38) times 2^24, plus
            -- a number unique within the second (`Catalog.upsert` takes the next free one). Full-text matches come
            -- back in id order, so a search's newest window is read off the end of its matches instead of sorting
            -- them all. Existing rows are renumbered (by key within a second), by way of ids below every new one.
            DROP TRIGGER images_prompts_insert;
            DROP TRIGGER images_prompts_delete;
            DROP TRIGGER images_prompts_update;
            DROP TABLE prompts;
            UPDATE images SET id = -4611686018427387904 - id;
            UPDATE images SET id = placed.id FROM (
                SELECT id AS old_id,
                    max(-274877906944, min(274877906943, sort_seconds)) * 16777216
                        + row_number() OVER (PARTITION BY max(-274877906944, min(274877906943, sort_seconds)) ORDER BY key) - 1 AS id
                FROM images
            ) AS placed WHERE images.id = placed.old_id;
            -- Prefix indexes: the first letters typed (`g`, `go`, `gol`) are one doclist each, not a merge of
            -- every word that starts with them.
            CREATE VIRTUAL TABLE prompts USING fts5 (
                prompt, negative_prompt, content = 'images', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2',
                prefix = '1 2 3'
            );
            CREATE TRIGGER images_prompts_insert AFTER INSERT ON images BEGIN
                INSERT INTO prompts (rowid, prompt, negative_prompt) VALUES (new.id, new.prompt, new.negative_prompt);
            END;
            CREATE TRIGGER images_prompts_delete AFTER DELETE ON images BEGIN
                INSERT INTO prompts (prompts, rowid, prompt, negative_prompt) VALUES ('delete', old.id, old.prompt, old.negative_prompt);
            END;
            -- An id changes when a re-listed image's second does (a foreign key written again).
            CREATE TRIGGER images_prompts_update AFTER UPDATE OF id, prompt, negative_prompt ON images BEGIN
                INSERT INTO prompts (prompts, rowid, prompt, negative_prompt) VALUES ('delete', old.id, old.prompt, old.negative_prompt);
                INSERT INTO prompts (rowid, prompt, negative_prompt) VALUES (new.id, new.prompt, new.negative_prompt);
            END;
            INSERT INTO prompts (prompts) VALUES ('rebuild');
            """),
        Migration(name: "6-quiet-relisting", sql: """
            -- Every listing sets id, prompt and negative_prompt of each re-listed image, mostly to what they were,
            -- and an UPDATE OF trigger fires whenever a column is set: the full-text entry of every image was
            -- deleted and written again on every full listing (100,000 images: 200,000 index writes per app start),
            -- which bloated the index and slowed each search. Now only a real change touches it.
            DROP TRIGGER images_prompts_update;
            CREATE TRIGGER images_prompts_update AFTER UPDATE OF id, prompt, negative_prompt ON images
            WHEN old.id IS NOT new.id OR old.prompt IS NOT new.prompt OR old.negative_prompt IS NOT new.negative_prompt BEGIN
                INSERT INTO prompts (prompts, rowid, prompt, negative_prompt) VALUES ('delete', old.id, old.prompt, old.negative_prompt);
                INSERT INTO prompts (rowid, prompt, negative_prompt) VALUES (new.id, new.prompt, new.negative_prompt);
            END;
            -- What the rewrites left behind, merged into one index again.
            INSERT INTO prompts (prompts) VALUES ('optimize');
            """),
    ]

    /// Applies what `connection` lacks of `migrations`; throws `CatalogError.newerSchema` when the file knows
    /// migrations this build does not.
    static func migrate(_ connection: SQLiteConnection, migrations: [Migration] = all) throws(CatalogError) {
        do {
            try connection.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)")
            let applied = Set(try connection.query("SELECT name FROM schema_migrations").compactMap { $0.first?.string })
            let known = Set(all.map(\.name))
            if let unknown = applied.subtracting(known).sorted().first {
                throw CatalogError.newerSchema(path: connection.path, migration: unknown)
            }
            for migration in migrations where !applied.contains(migration.name) {
                try connection.transaction { () throws(SQLiteError) in
                    // Another instance may have applied it while this one waited for the lock.
                    let done = try connection.query("SELECT 1 FROM schema_migrations WHERE name = ?", [.text(migration.name)])
                    guard done.isEmpty else { return }
                    try connection.execute(migration.sql)
                    try connection.query(
                        "INSERT INTO schema_migrations (name, applied_at) VALUES (?, strftime('%s', 'now'))", [.text(migration.name)]
                    )
                }
            }
        } catch let error as CatalogError {
            throw error
        } catch let error as SQLiteError {
            throw CatalogError(error, path: connection.path)
        } catch {
            throw .unusable(path: connection.path, detail: String(describing: error))
        }
    }
}
