#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole files with POSIX calls, checking the size against a budget before reading.
enum FileBytes {
    static func load(_ path: String, maxBytes: Int) throws(PNGError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
        guard (status.st_mode & S_IFMT) != S_IFDIR else { throw .io(path: path, reason: "it is a folder") }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw .io(path: path, reason: "it is not a regular file") }
        let size = Int(status.st_size)
        guard size <= maxBytes else { throw .tooManyBytes(size: size, limit: maxBytes) }
        var readError: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            initialized = 0
            guard let base = buffer.baseAddress else { return }
            while initialized < size {
                let got = read(descriptor, base + initialized, size - initialized)
                if got < 0 {
                    if errno == EINTR { continue }
                    readError = errno
                    return
                }
                if got == 0 { return }
                initialized += got
            }
        }
        guard readError == 0 else { throw .io(path: path, reason: String(cString: strerror(readError))) }
        return bytes
    }
}
