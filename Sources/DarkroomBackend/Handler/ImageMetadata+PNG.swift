import DarkroomCore
import DarkroomImaging

extension ImageMetadata {
    /// The generation record an image's text chunks carry: darkroom's JSON chunk, else the A1111
    /// `parameters` text other tools write too; nil when neither is there or parses.
    public static func read(from chunks: [PNGTextChunk]) -> ImageMetadata? {
        if let json = chunks.first(where: { $0.keyword == jsonKeyword }), let metadata = parse(json: json.text) {
            return metadata
        }
        return chunks.first { $0.keyword == parametersKeyword }.flatMap { parse(parametersText: $0.text) }
    }
}
