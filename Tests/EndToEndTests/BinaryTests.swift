import Foundation
import Testing
import DarkroomTestSupport

@Test func darkroomBinaryIsBuiltBesideTheTests() {
    #expect(FileManager.default.isExecutableFile(atPath: BuiltProducts.executable("darkroom").path))
}
