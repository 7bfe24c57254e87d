import ArgumentParser
import DarkroomBackend
import DarkroomCore
import DarkroomImaging
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `darkroom info KEY|FILE`: the generation parameters an image carries in its metadata chunks.
struct InfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Print the generation parameters stored in an image (a PNG file or a bucket key).",
        discussion: """
            A path to an existing file is read directly. Anything else is an object key, read from the bucket ls \
            lists: the S3 bucket when one is set (or the backend keeps its images in S3), else the local stack's \
            ($XDG_DATA_HOME/darkroom/bucket, or the bucket/ folder of --data). Only the head of the object is fetched when the metadata sits there, \
            as darkroom writes it. When neither a file nor an object has the name, both places looked in are named.
            The summary ends with the `darkroom generate` command that makes the image again (same seed), quoted for \
            a POSIX shell, where the seed and the model are known.
            """
    )

    @Argument(help: "A PNG file, or a key such as output-images/20250101T000000Z-42-0a1b2c3d.png.", completion: .file(extensions: ["png"]))
    var image: String

    @OptionGroup var source: StoreOptions

    @Flag(help: "Print the JSON record instead of the summary (for an image another tool made, the one read from its `parameters` text, without darkroom's `generator`).")
    var json = false

    @Flag(help: "Print the `parameters` text as stored (control characters removed).")
    var raw = false

    func run() async throws {
        let chunks = try await textChunks()
        let hasRecord = chunks.contains { $0.keyword == ImageMetadata.jsonKeyword }
        if raw {
            guard let text = chunks.first(where: { $0.keyword == ImageMetadata.parametersKeyword })?.text else {
                throw hasRecord ? InfoError.noParametersText(image) : InfoError.noMetadata(image)
            }
            // As stored, except for control characters: the text may come from anyone and goes to a terminal.
            print(text.strippingControlCharacters())
            return
        }
        guard let metadata = ImageMetadata.read(from: chunks) else {
            let keywords = [ImageMetadata.jsonKeyword, ImageMetadata.parametersKeyword]
            let found = keywords.filter { keyword in chunks.contains { $0.keyword == keyword } }
            throw found.isEmpty ? InfoError.noMetadata(image) : InfoError.unreadableMetadata(image, keywords: found)
        }
        guard json else {
            print(Self.summary(metadata))
            return
        }
        let fromRecord = chunks.contains { $0.keyword == ImageMetadata.jsonKeyword && ImageMetadata.parse(json: $0.text) != nil }
        // Re-encoded as darkroom's record, another tool's text would claim darkroom wrote it (`"generator": "darkroom …"`).
        print(fromRecord ? metadata.json() : CanonicalJSON.text(ForeignRecord(engine: metadata.engine, parameters: metadata.parameters)) ?? "{}")
    }

    /// The parameters another tool wrote as `parameters` text, as JSON: darkroom's record less the `generator` it never had.
    private struct ForeignRecord: Encodable {
        let engine: String
        let parameters: GenerationParameters
    }

    /// The image's text chunks: from the file, or from the head of the object (the whole object if needed).
    private func textChunks() async throws -> [PNGTextChunk] {
        guard !image.isEmpty else { throw InfoError.emptyName }
        if FileManager.default.fileExists(atPath: image) {
            do throws(PNGError) {
                let bytes = try PNG.readFile(image)
                let chunks = try PNG.textChunks(in: bytes, wholeFile: true)
                // Without metadata, "carries no generation parameters" would be all it said of a damaged file (a
                // wrong checksum, an impossible header): decoding it says what is wrong, as `show` would.
                let keywords = [ImageMetadata.jsonKeyword, ImageMetadata.parametersKeyword]
                if !chunks.contains(where: { keywords.contains($0.keyword) }) { _ = try PNG.decode(bytes) }
                return chunks
            } catch {
                throw InfoError.notPNG(image, error)
            }
        }
        let store = try source.resolve().store
        do {
            let head = try await store.get(key: image, range: 0...(Self.headBytes - 1))
            let isWhole = head.bytes.count == head.object.size
            let chunks = try PNG.textChunks(in: head.bytes, wholeFile: isWhole)
            if !chunks.isEmpty || isWhole { return chunks }
            return try PNG.textChunks(in: try await store.get(key: image).bytes, wholeFile: true)
        } catch let error as StorageError {
            throw Self.failure(error, image: image, file: URL(fileURLWithPath: image), store: store)
        } catch let error as PNGError {
            throw InfoError.notPNG(image, error)
        }
    }

    /// Why the image could not be read from the store. A key under darkroom's own prefixes was meant as an
    /// object; any other name was looked for as a file first, so a missing one names both places.
    private static func failure(_ error: StorageError, image: String, file: URL, store: any ImageStore) -> InfoError {
        let isDarkroomKey = [ObjectNaming.imagePrefix, ObjectNaming.thumbnailPrefix].contains { image.hasPrefix($0) }
        if isDarkroomKey {
            guard case .notFound = error else { return .storage(error) }
            return .noObject(name: image, location: store.location)
        }
        switch error {
        case .notFound, .invalidKey:
            return .neitherFileNorObject(
                name: image, file: file.lastPathComponent, folder: file.deletingLastPathComponent().path, location: store.location
            )
        default:
            return .storage(error)
        }
    }

    /// Enough for darkroom's two chunks, which sit right after IHDR.
    private static let headBytes = 64 * 1024

    static func summary(_ metadata: ImageMetadata) -> String {
        let parameters = metadata.parameters
        let modelName = ModelCatalog.descriptor(for: parameters.model).map { " (\($0.displayName))" } ?? ""
        let engine = metadata.engine == ImageMetadata.localPreviewEngine ? "\(metadata.engine): \(LocalPreviewEngine.label)" : metadata.engine
        var rows: [(String, String)] = [("Prompt", parameters.prompt)]
        if !parameters.negativePrompt.isEmpty { rows.append(("Negative prompt", parameters.negativePrompt)) }
        rows.append(("Model", parameters.model.rawValue + modelName))
        rows.append(("Seed", parameters.seed.map(String.init) ?? "unknown"))
        if let steps = parameters.steps { rows.append(("Steps", "\(steps)")) }
        if let cfg = parameters.cfgScale { rows.append(("CFG scale", SweepValue.format(cfg))) }
        rows.append(("Size", parameters.size.description))
        if let sampler = parameters.sampler { rows.append(("Sampler", sampler)) }
        if let style = parameters.stylePreset { rows.append(("Style preset", style)) }
        rows.append(("Engine", engine))
        let again = makeAgainCommand(parameters)
        let width = (rows.map(\.0) + (again == nil ? [] : ["Again"])).map(\.count).max() ?? 0
        func head(_ label: String) -> String { label + ":" + String(repeating: " ", count: width - label.count + 1) }
        var text = rows.map { label, value in
            let indent = String(repeating: " ", count: width + 2)
            return head(label) + value.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n" + indent)
        }.joined(separator: "\n")
        // Not indented like the values: a prompt's line breaks are inside its quotes, and the command must paste as is.
        if let again { text += "\n" + head("Again") + again }
        return text
    }

    /// `darkroom generate 'a fox' --seed 42 …`: the options that ask for these parameters, so the image is made again
    /// as it is (the same seed) or with one option changed. Nil where the seed is not known, or the parameters are not
    /// ones the model takes (an unknown model, another tool's sampler name such as "Euler a"): the command would make
    /// another image, or none.
    static func makeAgainCommand(_ parameters: GenerationParameters) -> String? {
        guard let seed = parameters.seed, let descriptor = ModelCatalog.descriptor(for: parameters.model),
              (try? parameters.validated(using: descriptor)) == parameters else { return nil }
        let values: [(ParameterField, String?)] = [
            (.negativePrompt, parameters.negativePrompt.isEmpty ? nil : parameters.negativePrompt),
            (.model, parameters.model == ModelCatalog.defaultModel ? nil : parameters.model.rawValue),
            (.seed, String(seed)), (.steps, parameters.steps.map(String.init)), (.cfgScale, parameters.cfgScale.map(SweepValue.format)),
            // Width and height are one option, --size.
            (.width, parameters.size.description), (.stylePreset, parameters.stylePreset), (.sampler, parameters.sampler),
        ]
        var options: [String] = []
        for case let (field, value?) in values {
            guard let option = field.commandLineOption else { continue }
            // A value that starts with a dash is joined to its option, where it cannot be taken for another one.
            options += value.hasPrefix("-") ? [option + "=" + value] : [option, value]
        }
        // A prompt that starts with a dash would be read as an option: it goes last, after `--`.
        let words = parameters.prompt.hasPrefix("-")
            ? ["darkroom", "generate"] + options + ["--", parameters.prompt]
            : ["darkroom", "generate", parameters.prompt] + options
        return ShellWords.commandLine(words)
    }
}

/// Why `darkroom info` could not show an image's parameters.
enum InfoError: Error, CustomStringConvertible {
    case emptyName
    case noMetadata(String)
    /// `--raw` on an image with darkroom's JSON record but no `parameters` text chunk.
    case noParametersText(String)
    /// The image has these metadata chunks, and none of them could be read.
    case unreadableMetadata(String, keywords: [String])
    case notPNG(String, PNGError)
    case storage(StorageError)
    /// No object `name` in the store at `location` (a key under darkroom's prefixes).
    case noObject(name: String, location: String)
    /// `name` is neither the file `file` in `folder` nor an object in the store at `location`.
    case neitherFileNorObject(name: String, file: String, folder: String, location: String)

    var description: String {
        switch self {
        case .noMetadata(let image):
            "\(image) carries no generation parameters (no `parameters` or `darkroom` text chunk); it was not made by darkroom or a Stable Diffusion tool."
        case .noParametersText(let image):
            "\(image) has no `parameters` text chunk, only darkroom's `darkroom` record; leave out --raw to read that."
        case .emptyName:
            "The image name is empty; give a PNG file or a key such as output-images/NAME.png."
        case .unreadableMetadata(let image, let keywords):
            "\(image) has " + (keywords.count == 1 ? "a " : "") + keywords.map { "`\($0)`" }.joined(separator: " and ")
                + " text chunk\(keywords.count == 1 ? "" : "s"), but \(keywords.count == 1 ? "it could not" : "neither could") be read as generation parameters; "
                + "the chunk is damaged or was written by a tool darkroom does not know."
        case .notPNG(let image, let error):
            // A file that could not be read at all says so alone ("Cannot read /tmp: it is a folder.").
            error.namesItsFile ? error.description : "\(image) could not be read as a PNG: \(error.description)"
        case .storage(let error):
            error.description
        case .noObject(let name, let location):
            "No object `\(name)` in \(location); run `darkroom ls` to see what is stored."
        case .neitherFileNorObject(let name, let file, let folder, let location):
            "No file `\(file)` in \(folder) and no object `\(name)` in \(location); check the name, or pass --data or --bucket to look in another bucket."
        }
    }
}
