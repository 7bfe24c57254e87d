import Testing
import DarkroomBackend

/// The store's failures read as one sentence each.
@Suite struct StorageErrorTests {
    @Test(arguments: ["Could not connect to 127.0.0.1:1; check the endpoint.", "Could not connect to 127.0.0.1:1; check the endpoint"])
    func aDetailThatIsASentenceEndsWithOneFullStop(detail: String) {
        #expect(StorageError.unavailable(detail).description == "The store failed: Could not connect to 127.0.0.1:1; check the endpoint.")
    }
}
