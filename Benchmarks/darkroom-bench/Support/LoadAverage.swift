import Foundation

/// The machine's 1-minute load average (`/proc/loadavg`'s first figure, as `uptime` prints it), or `?`: printed
/// beside figures that move with the load, such as whole-process timings on a shared machine.
enum LoadAverage {
    static var oneMinute: String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init) ?? "?"
    }
}
