import Testing
import DarkroomBackend

@Test func requestDefaults() {
    let request = BackendRequest(method: "POST", path: "/image-generation")
    #expect(request.body.isEmpty)
}
