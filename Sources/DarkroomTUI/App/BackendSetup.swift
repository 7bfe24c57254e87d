import DarkroomBackend
import Foundation

/// Builds the services for the chosen backend. A setting that cannot work never stops the app: it opens on
/// the local stack and the status line says what was wrong and how to fix it.
public enum BackendSetup {
    /// The services, where they point, and a problem to show at start, if any.
    public struct Result: Sendable {
        public let services: AppServices
        public let connection: ConnectionInfo
        public let problem: String?
    }

    /// Why the chosen backend could not be set up.
    public enum SetupError: Error, CustomStringConvertible {
        case missingEndpoint
        case backendNotBuilt(AppConfiguration.Backend)
        case localStorage(String)

        public var description: String {
            switch self {
            case .missingEndpoint:
                return "--backend api needs --endpoint URL (or endpoint = URL in the config file)"
            case .backendNotBuilt(let backend):
                return "the \(backend.rawValue) backend's client is not part of this build yet"
            case .localStorage(let reason):
                return "the local data folder cannot be used: \(reason)"
            }
        }
    }

    public static func make(configuration: AppConfiguration, folders: DataFolders, environment: [String: String],
                            downloadFolder: URL) throws(SetupError) -> Result {
        let backend = configuration.backend ?? .local
        var problem: String?
        switch backend {
        case .local:
            break
        case .api:
            problem = configuration.endpoint == nil ? SetupError.missingEndpoint.description : SetupError.backendNotBuilt(.api).description
        case .bedrock:
            problem = SetupError.backendNotBuilt(.bedrock).description
        }
        let root = DirectoryStorage.defaultRoot(environment: environment)
        let store: DirectoryStorage
        do {
            store = try DirectoryStorage(root: root)
        } catch {
            throw .localStorage(error.description)
        }
        let services = AppServices(client: LocalGenerationClient(store: store), store: store, presign: nil,
                                   cache: ImageCache(folder: folders.cache), folders: folders, downloadFolder: downloadFolder)
        let connection = ConnectionInfo(backend: "local", location: store.location, region: nil, profile: nil)
        return Result(services: services, connection: connection,
                      problem: problem.map { "Using the local stack: \($0)." })
    }
}
