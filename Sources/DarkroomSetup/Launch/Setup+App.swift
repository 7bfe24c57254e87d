import DarkroomBackend
import DarkroomCatalog
import DarkroomSweeps
import DarkroomThreads
import DarkroomTUI
import Foundation

extension Setup {
    /// The app's launch: the backend (the local stack, with a problem, when the chosen one cannot work), the
    /// cache and history folders, the settings the app reads, and the terminal probe's inputs.
    public func appLaunch(downloadFolder: URL) throws(SetupError) -> AppLaunch {
        let (backend, problem) = try appBackend()
        let (catalog, catalogProblem) = galleryCatalog(for: backend.store)
        var services = AppServices(client: backend.client, store: backend.store, presign: backend.presign,
                                   cache: ImageCache(folder: folders.imageCache), files: AppFiles(folder: folders.data),
                                   downloadFolder: downloadFolder, catalog: catalog)
        // Beside the images the app lists: the local stack's folder when it fell back to it.
        services.sweepRecords = backend.connection.backend == "local" ? FolderSweepRecords(root: localBucketFolder) : sweepRecords()
        let launchProblems = [problem, catalogProblem].compactMap { $0 }
        return AppLaunch(services: services, connection: backend.connection, problems: launchProblems + problems,
                         concurrency: settings.concurrency, sweepLimits: settings.sweepLimits, graphics: settings.graphics,
                         environment: environment)
    }

    /// The gallery's catalog of `store` in the cache folder; without one (it cannot be opened) the gallery
    /// lists and filters in memory, and the problem (or the notice of a file set aside) is shown once.
    public func galleryCatalog(for store: any ImageStore) -> (Catalog?, String?) {
        let file = Catalog.file(cacheFolder: folders.cache, storeLocation: store.location)
        do {
            let catalog = try Catalog.open(path: file.path)
            return (catalog, catalog.notice)
        } catch {
            return (nil, error.description)
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
