/// Why a PNG could not be read, written or edited.
public enum PNGError: Error, Equatable, CustomStringConvertible {
    /// The bytes do not start with the PNG signature.
    case notPNG
    /// The file ends before the image is complete.
    case truncated
    /// The file is damaged; libpng's words say where.
    case corrupt(String)
    /// The header declares more pixels than the budget allows.
    case tooManyPixels(width: Int, height: Int, limit: Int)
    /// The file is larger than the byte budget.
    case tooManyBytes(size: Int, limit: Int)
    /// The file could not be read or written.
    case io(path: String, reason: String)
    /// Memory ran out while decoding or encoding.
    case outOfMemory
    /// The pixels handed to the encoder do not describe an image.
    case invalidImage(String)
    /// A text chunk cannot be written as asked (bad keyword, text outside Latin-1 for tEXt).
    case invalidText(String)

    /// Whether the sentence names the file itself (it could not be read); every other one is about an image's
    /// bytes, and a command showing it says which file they are.
    public var namesItsFile: Bool {
        if case .io = self { true } else { false }
    }

    public var description: String {
        switch self {
        case .notPNG:
            "The data is not a PNG image (the PNG signature is missing)."
        case .truncated:
            "The PNG file is truncated: it ends before the image is complete; download or copy it again."
        case .corrupt(let detail):
            "The PNG file is corrupt (\(detail)); it cannot be shown."
        case .tooManyPixels(let width, let height, let limit):
            "The PNG image is \(width)x\(height), more than the limit of \(limit) pixels; refusing to decode it."
        case .tooManyBytes(let size, let limit):
            "The PNG file is \(size) bytes, more than the limit of \(limit) bytes; refusing to read it."
        case .io(let path, let reason):
            "Cannot read \(path): \(reason)."
        case .outOfMemory:
            "Out of memory while processing the PNG image; try a smaller image."
        case .invalidImage(let detail):
            "Cannot encode the image: \(detail)."
        case .invalidText(let detail):
            "Cannot write the PNG text chunk: \(detail)."
        }
    }
}
