@testable import DarkroomAWS
import DarkroomSetup

/// darkroom's config file and the AWS shared config and credentials files.
enum ConfigFilesFuzz {
    static func run(_ bytes: [UInt8]) {
        _ = SettingsLayer.parse(configBytes: bytes, path: "/fuzz/config")
        let text = String(decoding: bytes, as: UTF8.self)
        for kind in [SharedConfigFile.Kind.config, .credentials] {
            _ = try? SharedConfigFile.parse(text, path: "/fuzz/aws", kind: kind)
        }
    }
}
