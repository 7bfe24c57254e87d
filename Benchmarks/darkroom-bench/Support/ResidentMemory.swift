#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A process's resident memory (VmRSS in /proc/PID/status), for the figures that report memory.
enum ResidentMemory {
    /// In megabytes (MiB); this process when `pid` is nil, 0 when the status cannot be read.
    static func megabytes(pid: pid_t? = nil) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(pid.map(String.init) ?? "self")/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kilobytes / 1024
    }
}
