import Testing
import DarkroomServer

@Test func serverLinks() {
    #expect(LocalStackInfo.defaultHost == "127.0.0.1")
}
