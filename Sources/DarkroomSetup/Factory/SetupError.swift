import DarkroomAWS

/// Why the chosen backend or store could not be built from the settings.
public enum SetupError: Error, CustomStringConvertible {
    /// A config file line or environment variable that could not be used.
    case settings(String)
    case missingEndpoint
    /// The api or bedrock backend without a bucket for the gallery.
    case missingBucket(Settings.Backend)
    /// A bucket command (`ls`, `get`, `info KEY`) without a bucket; names the config file to set it in.
    case noBucket(configFile: String)
    case missingAPIKey
    case aws(AWSConfigurationError)
    case localStorage(String)
    /// `--data ""`: no path at all; `defaultPath` is the folder used without --data.
    case emptyDataFolder(defaultPath: String)
    /// `--data` names something that exists and is not a folder.
    case dataFolderNotAFolder(String)
    /// `--data` names a folder that does not exist, for a command that only reads.
    case noDataFolder(String)
    /// Something that is not a folder stands where the local bucket's path needs one (`$XDG_DATA_HOME/darkroom` a file).
    case notAFolderOnThePath(bucket: String, blocker: String)

    public var description: String {
        switch self {
        case .settings(let problem):
            problem
        case .missingEndpoint:
            "--backend api needs --endpoint URL (or endpoint = URL in the config file, or DARKROOM_API_ENDPOINT: the stack output ImageGenerationEndpoint)."
        case .missingBucket(let backend):
            "--backend \(backend.rawValue) needs --bucket NAME for the gallery (or bucket = NAME in the config file, DARKROOM_BUCKET, or darkroom_bucket in the AWS profile)."
        case .noBucket(let configFile):
            "No bucket given: pass --bucket, set `bucket` in \(configFile), set DARKROOM_BUCKET, or add darkroom_bucket to the AWS profile."
        case .missingAPIKey:
            "--auth api-key needs the API key: set DARKROOM_API_KEY or add `api_key = KEY` to the config file."
        case .aws(let error):
            error.description
        case .localStorage(let reason):
            "The local data folder cannot be used: \(reason)"
        case .emptyDataFolder(let defaultPath):
            "--data is empty; give the data folder's path, or leave --data out to use \(defaultPath)."
        case .dataFolderNotAFolder(let path):
            "The data folder \(path) (--data) is not a folder; give the path of a folder."
        case .notAFolderOnThePath(let bucket, let blocker):
            "The local bucket \(bucket) cannot be used: \(blocker) is not a folder; move it away, or give another data folder with --data."
        case .noDataFolder(let path):
            "The data folder \(path) (--data) does not exist; check the path (generate and serve create it)."
        }
    }

    /// The reason as the app's status line gives it after "Using the local stack: ".
    var appReason: String {
        switch self {
        case .aws(let error): "the AWS settings could not be resolved: \(error.description)"
        default: description
        }
    }
}
