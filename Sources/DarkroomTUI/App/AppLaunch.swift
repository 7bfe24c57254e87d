import DarkroomCore
import DarkroomTerminal
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Everything the app starts with, built by the composition root (`DarkroomSetup`): the services, where they
/// point, the settings the app itself reads, and the inputs of the terminal capability probe.
public struct AppLaunch: Sendable {
    public var services: AppServices
    public var connection: ConnectionInfo
    /// Problems with the settings, as sentences; the first shows in the status line.
    public var problems: [String]
    /// How many jobs run at once.
    public var concurrency: Int
    public var sweepLimits: SweepLimits
    /// The terminal capability probe's inputs: how the user asked images to be drawn, and the environment
    /// (TERM, COLORTERM, NO_COLOR, TMUX…) it reads alongside the terminal's own answers.
    public var graphics: GraphicsPreference
    /// Whether the app asks the terminal for clicks and the wheel (`mouse = off` leaves them to the terminal).
    public var reportsMouse: Bool
    public var environment: [String: String]

    public init(services: AppServices, connection: ConnectionInfo, problems: [String], concurrency: Int,
                sweepLimits: SweepLimits, graphics: GraphicsPreference, reportsMouse: Bool, environment: [String: String]) {
        self.services = services
        self.connection = connection
        self.problems = problems
        self.concurrency = concurrency
        self.sweepLimits = sweepLimits
        self.graphics = graphics
        self.reportsMouse = reportsMouse
        self.environment = environment
    }
}
