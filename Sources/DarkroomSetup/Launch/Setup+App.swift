import DarkroomBackend
import DarkroomCatalog
import DarkroomSweeps
import DarkroomThreads
import DarkroomTUI
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Setup {
    /// The app's launch: the backend (the local stack, with a problem, when the chosen one cannot work), the
    /// cache and history folders, the settings the app reads, and the terminal probe's inputs.
    public func appLaunch(downloadFolder: URL) throws(SetupError) -> AppLaunch {
        let (backend, problem) = try appBackend()
        let (catalog, catalogProblem) = galleryCatalog(for: backend.store)
        let catalogNotice = catalog?.notice
        var services = AppServices(client: backend.client, store: backend.store, presign: backend.presign,
                                   cache: ImageCache(folder: folders.imageCache), files: AppFiles(folder: folders.data),
                                   downloadFolder: downloadFolder, catalog: catalog)
        // Beside the images the app lists: the local stack's folder when it fell back to it.
        services.sweepRecords = backend.connection.backend == "local" ? FolderSweepRecords(root: localBucketFolder) : sweepRecords()
        let launchProblems = [problem, catalogProblem, catalogNotice].compactMap { $0 }
        return AppLaunch(services: services, connection: backend.connection, problems: launchProblems + problems,
                         concurrency: settings.concurrency, sweepLimits: settings.sweepLimits, graphics: settings.graphics,
                         reportsMouse: settings.mouse == .on, environment: environment)
    }

    /// The gallery's catalog of `store`, for the app and `ls` alike: the file in the cache folder, or where none can
    /// be kept there (the folder is a file, cannot be written, or another darkroom holds the file), one in memory for
    /// this run, so searches mean the same, only every image is read again; `problem` then says why. Nil only when
    /// SQLite cannot open even that (the app then filters what it has listed by text). A file set aside and rebuilt
    /// is the catalog's own `notice`.
    public func galleryCatalog(for store: any ImageStore) -> (catalog: Catalog?, problem: String?) {
        let file = Catalog.file(cacheFolder: folders.cache, storeLocation: store.location)
        do {
            return (try Catalog.open(path: file.path), nil)
        } catch {
            guard let memory = try? Catalog.inMemory() else { return (nil, error.description) }
            return (memory, error.description + " Answering without it this time: a catalog is kept in memory for this run,"
                + " so the whole bucket is listed and every image read again, on every run until it is fixed.")
        }
    }

    /// Runs the terminal app until the user quits; refuses at once when not on a terminal.
    ///
    /// The app's loop blocks for the whole session, so it runs on a thread of its own: on one of Swift's
    /// cooperative threads (one per core, and `darkroom` starts on one) it left the app's own effects one thread
    /// fewer, half of them on a 2-core machine.
    public func runApp() async throws {
        try TerminalApp.requireInteractive()
        let launch = try appLaunch(downloadFolder: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        try await BlockingWork.run { Result { try TerminalApp.run(launch) } }.get()
    }
}
