import ArgumentParser
import DarkroomBackend
import DarkroomSetup

/// Which bucket the bucket commands (`ls`, `get`, `info KEY`) read, as `Setup.bucketStore` decides: the S3 bucket
/// when one is set (or the backend keeps its images in S3), else the local stack's folder bucket.
struct StoreOptions: ParsableArguments {
    @OptionGroup var s3: S3Options

    @Flag(help: "The local stack's folder bucket, even when an S3 bucket is set (the default when the backend is local and no bucket is set).")
    var local = false

    @OptionGroup var data: LocalDataOptions

    /// These options as the top settings layer.
    var layer: SettingsLayer { s3.layer.overridden(by: data.layer) }

    /// The settings these options resolve to, checked, and the store they choose.
    func resolve() throws -> (setup: Setup, store: any ImageStore) {
        let setup = Setup.resolve(options: layer)
        try setup.requireUsableSettings()
        return (setup, try setup.bucketStore(local: local))
    }
}
