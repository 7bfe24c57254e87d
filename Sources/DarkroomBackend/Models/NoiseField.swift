/// Fractal value noise in [-1, 1], computed on a grid a quarter of the image's size and interpolated,
/// which keeps a 1024×1024 render well inside its time budget.
struct NoiseField {
    private static let cell = 4
    private let columns: Int
    private let rows: Int
    private let grid: [Float]

    init(width: Int, height: Int, octaves: Int, seed: UInt64) {
        columns = width / Self.cell + 2
        rows = height / Self.cell + 2
        var grid = [Float](repeating: 0, count: columns * rows)
        let base = Float(max(width, height)) / Float(Self.cell) / 3
        for octave in 0..<octaves {
            let frequency = Float(1 << octave) / base
            let amplitude = 1 / Float(1 << octave)
            let octaveSeed = ProceduralRenderer.mixBits(seed &+ UInt64(octave))
            for row in 0..<rows {
                for column in 0..<columns {
                    grid[row * columns + column] += amplitude
                        * Self.valueNoise(x: Float(column) * frequency, y: Float(row) * frequency, seed: octaveSeed)
                }
            }
        }
        let total = (0..<octaves).reduce(Float(0)) { $0 + 1 / Float(1 << $1) }
        self.grid = grid.map { $0 / total }
    }

    /// The noise at pixel (x, y).
    func value(x: Int, y: Int) -> Float {
        let column = x / Self.cell, row = y / Self.cell
        let fx = Float(x % Self.cell) / Float(Self.cell), fy = Float(y % Self.cell) / Float(Self.cell)
        let index = row * columns + column
        let top = grid[index] + (grid[index + 1] - grid[index]) * fx
        let bottom = grid[index + columns] + (grid[index + columns + 1] - grid[index + columns]) * fx
        return top + (bottom - top) * fy
    }

    private static func valueNoise(x: Float, y: Float, seed: UInt64) -> Float {
        let x0 = x.rounded(.down), y0 = y.rounded(.down)
        let tx = smooth(x - x0), ty = smooth(y - y0)
        let ix = Int64(x0), iy = Int64(y0)
        let a = lattice(ix, iy, seed), b = lattice(ix + 1, iy, seed)
        let c = lattice(ix, iy + 1, seed), d = lattice(ix + 1, iy + 1, seed)
        let top = a + (b - a) * tx
        let bottom = c + (d - c) * tx
        return top + (bottom - top) * ty
    }

    private static func smooth(_ t: Float) -> Float { t * t * (3 - 2 * t) }

    private static func lattice(_ x: Int64, _ y: Int64, _ seed: UInt64) -> Float {
        let bits = ProceduralRenderer.mixBits(UInt64(bitPattern: x &* 0x1F1F_1F1F) ^ UInt64(bitPattern: y &* 0x7F4A_7C15) ^ seed)
        return Float(bits >> 40) / Float(1 << 23) - 1
    }
}
