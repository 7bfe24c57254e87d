import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Repeated measurements (milliseconds unless a figure says otherwise) and the figures the benches print:
/// medians and percentiles by nearest rank (the value at index ⌊fraction × count⌋ of the sorted samples).
struct Samples {
    /// The samples in ascending order.
    let sorted: [Double]

    init(_ values: [Double]) {
        sorted = values.sorted()
    }

    var count: Int { sorted.count }
    var median: Double { percentile(0.5) }
    var p95: Double { percentile(0.95) }
    var maximum: Double { sorted.last ?? 0 }

    /// The sample at `fraction` (0…1) of the sorted samples; 0 with none.
    func percentile(_ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int(fraction * Double(sorted.count)))]
    }

    /// "median 1.234 ms, p95 2.345 ms" with `digits` decimals.
    func summary(digits: Int = 3) -> String {
        "median \(Self.format(median, digits)) ms, p95 \(Self.format(p95, digits)) ms"
    }

    static func format(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }
}

/// Clocks for the benches.
enum Stopwatch {
    /// The wall time `body` takes, in milliseconds.
    static func milliseconds(of body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        return (ContinuousClock.now - start).milliseconds
    }

    /// The wall time asynchronous `body` takes, in milliseconds.
    static func milliseconds(of body: () async throws -> Void) async rethrows -> Double {
        let start = ContinuousClock.now
        try await body()
        return (ContinuousClock.now - start).milliseconds
    }

    /// The CPU time the whole process has used so far, in milliseconds; it stays meaningful when other work
    /// shares the machine.
    static func processCPUMilliseconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1_000_000
    }
}

extension Duration {
    /// The duration in (fractional) milliseconds.
    var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}
