import DarkroomCore

/// Where `d` saves images. Nothing there is ever overwritten: the same image saved again is found, and another
/// file that has the name moves the new one to the next free name (`name-2.png`, `name-3.png`, …).
struct DownloadFolder {
    /// How a save went, said in the status line.
    enum Saved: Equatable, CustomStringConvertible {
        case saved(path: String)
        /// The name held another file; the image went to `path` instead.
        case renamed(path: String, taken: String)
        /// The identical image was already at `path`: nothing written.
        case alreadySaved(path: String)

        var description: String {
            switch self {
            case .saved(let path): "Saved \(path)."
            case .renamed(let path, let taken): "Saved \(path) (\(taken) is a different file)."
            case .alreadySaved(let path): "Already saved: \(path)."
            }
        }
    }

    let path: String

    func save(_ bytes: [UInt8], as name: String) throws(FileSystemError) -> Saved {
        var number = 1
        while true {
            let candidate = path + "/" + Self.name(name, number: number)
            do {
                try FileSystem.writeNewFile(at: candidate, bytes: bytes)
                return number == 1 ? .saved(path: candidate) : .renamed(path: candidate, taken: name)
            } catch {
                // Only something already there under the name (the image saved earlier, another file, a folder) sends
                // it on to the next name; any other failure (no such folder, no permission, a full disk) is the
                // user's to see.
                guard FileSystem.entryExists(candidate) else { throw error }
                if let existing = FileSystem.status(candidate), existing.size == bytes.count,
                   (try? FileSystem.read(candidate, offset: 0, count: existing.size)) == bytes {
                    return .alreadySaved(path: candidate)
                }
            }
            number += 1
        }
    }

    /// `name` for the first try, then `stem-2.ext`, `stem-3.ext`, …
    private static func name(_ name: String, number: Int) -> String {
        guard number > 1 else { return name }
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "\(name)-\(number)" }
        return "\(name[..<dot])-\(number)\(name[dot...])"
    }
}
