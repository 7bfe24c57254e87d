import CNcurses

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file for bytes written and read back at once: curses' output for one frame (`NcursesScreen`), the bench's
/// byte counts. In memory (memfd_create), so it needs no writable /tmp, never reaches a disk's page cache or
/// journal, leaves nothing behind when the process is killed, and is not inherited by programs the app starts
/// (close-on-exec). Where the kernel has no memfd_create (before Linux 3.17, other systems): `tmpfile()`.
public enum ScratchFile {
    /// The file, open for reading and writing and empty; nil when neither kind could be made. `name` labels it
    /// in /proc/<pid>/fd (`/memfd:<name>`); the kernel refuses one over 249 bytes (then `tmpfile()` it is).
    public static func open(name: String) -> UnsafeMutablePointer<FILE>? {
        let descriptor = name.withCString { darkroom_memfd_create($0) }
        if descriptor >= 0 {
            if let file = fdopen(descriptor, "w+") { return file }
            _ = close(descriptor)
        }
        return tmpfile()
    }
}
