import DarkroomThreads
#if canImport(Glibc)
import Glibc
#endif

/// One run of a child process for the benches: wall time, CPU time (user + system, from `wait4`,
/// so it holds up on a busy machine) and everything it wrote to standard output.
struct TimedProcess {
    var wallMilliseconds: Double
    var cpuMilliseconds: Double
    var output: [UInt8]

    /// Runs `executable` with `arguments`, standard output going to the file at `outputPath`.
    static func run(_ executable: String, _ arguments: [String], outputPath: String) throws(BenchProcessError) -> TimedProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let clock = ContinuousClock()
        let start = clock.now
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw .spawn(executable, String(cString: strerror(spawned))) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw .spawn(executable, String(cString: strerror(errno))) }
        }
        let wall = clock.now - start
        let ending = ChildProcess.Ending(waitStatus: status)
        guard ending == .exited(0) else { throw .failed(executable, ending) }
        func milliseconds(_ time: timeval) -> Double { Double(time.tv_sec) * 1000 + Double(time.tv_usec) / 1000 }
        return TimedProcess(
            wallMilliseconds: Double(wall.components.seconds) * 1000 + Double(wall.components.attoseconds) / 1e15,
            cpuMilliseconds: milliseconds(usage.ru_utime) + milliseconds(usage.ru_stime),
            output: try readAll(outputPath)
        )
    }

    private static func readAll(_ path: String) throws(BenchProcessError) -> [UInt8] {
        guard let file = fopen(path, "rb") else { throw .output(path) }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count == 0 { break }
            bytes += chunk[..<count]
        }
        return bytes
    }
}

/// Why a bench could not run a child process.
enum BenchProcessError: Error, CustomStringConvertible {
    case spawn(String, String)
    case failed(String, ChildProcess.Ending)
    case output(String)

    var description: String {
        switch self {
        case .spawn(let executable, let reason): "Cannot start \(executable): \(reason)."
        case .failed(let executable, let ending): "\(executable) \(ending); run it by hand to see why."
        case .output(let path): "Cannot read the captured output in \(path)."
        }
    }
}
