import Testing
import DarkroomCore

@Test func coreLinks() {
    #expect(DarkroomCoreInfo.programName == "darkroom")
}
