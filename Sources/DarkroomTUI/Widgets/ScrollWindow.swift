/// Which rows of a long list are on screen, keeping the selection visible with as little scrolling as possible.
public enum ScrollWindow {
    /// The first visible row after moving the selection, given the previous first row.
    public static func offset(selection: Int, visibleRows: Int, count: Int, previousOffset: Int) -> Int {
        guard visibleRows > 0, count > visibleRows else { return 0 }
        var offset = min(previousOffset, count - visibleRows)
        if selection < offset { offset = selection }
        if selection >= offset + visibleRows { offset = selection - visibleRows + 1 }
        return max(0, offset)
    }
}
