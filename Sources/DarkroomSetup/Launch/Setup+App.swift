import DarkroomTUI
import Foundation

extension Setup {
    /// The app's launch: the backend (the local stack, with a problem, when the chosen one cannot work), the
    /// cache and history folders, the settings the app reads, and the terminal probe's inputs.
    public func appLaunch(downloadFolder: URL) throws(SetupError) -> AppLaunch {
        let (backend, problem) = try appBackend()
        let services = AppServices(client: backend.client, store: backend.store, presign: backend.presign,
                                   cache: ImageCache(folder: folders.imageCache), files: AppFiles(folder: folders.data),
                                   downloadFolder: downloadFolder)
        return AppLaunch(services: services, connection: backend.connection, problems: (problem.map { [$0] } ?? []) + problems,
                         concurrency: settings.concurrency, sweepLimits: settings.sweepLimits, graphics: settings.graphics,
                         environment: environment)
    }

    /// Runs the terminal app until the user quits; refuses at once when not on a terminal.
    public func runApp() throws {
        try TerminalApp.requireInteractive()
        try TerminalApp.run(appLaunch(downloadFolder: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)))
    }
}
