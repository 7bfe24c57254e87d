@testable import DarkroomAWS
import DarkroomSetup

/// darkroom's config file and the AWS shared config and credentials files.
enum ConfigFilesFuzz {
    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        _ = SettingsLayer.parse(configText: text, path: "/fuzz/config")
        for kind in [SharedConfigFile.Kind.config, .credentials] {
            _ = try? SharedConfigFile.parse(text, path: "/fuzz/aws", kind: kind)
        }
    }
}
