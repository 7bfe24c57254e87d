/// The grid a sweep's axes span, for the plan and its manifest alike: X's values across, Y's down, Z's as pages.
public protocol SweepGridShape {
    /// How many values each axis has, X first (one to three axes).
    var axisLengths: [Int] { get }
}

extension SweepGridShape {
    /// Columns of each grid (X's values).
    public var columns: Int { axisLengths.first ?? 1 }
    /// Rows of each grid (Y's values, 1 without Y).
    public var rows: Int { axisLengths.count > 1 ? axisLengths[1] : 1 }
    /// Grids (Z's values, 1 without Z).
    public var pages: Int { axisLengths.count > 2 ? axisLengths[2] : 1 }
}

extension SweepPlan: SweepGridShape {
    public var axisLengths: [Int] { axes.map(\.values.count) }
}

extension SweepManifest: SweepGridShape {
    public var axisLengths: [Int] { axes.map(\.values.count) }
}
