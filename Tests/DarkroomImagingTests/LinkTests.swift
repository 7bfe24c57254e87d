import Testing
import DarkroomImaging

@Test func libpngIsLinked() {
    #expect(Imaging.libpngVersion.hasPrefix("1.6"))
}
