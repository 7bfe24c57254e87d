import Testing
@testable import DarkroomTUI

/// The filter's searches: one runs at a time, and new text drops the searches still waiting.
@Suite struct SearchQueueTests {
    typealias Request = SearchQueue.Request

    @Test func newTextDropsTheSearchesStillWaitingButNotTheRunningOne() {
        var queue = SearchQueue()
        let startsWorker = queue.add(Request(text: "f", offset: 0, limit: 200))
        #expect(startsWorker)
        let first = queue.next()
        #expect(first == Request(text: "f", offset: 0, limit: 200))
        // Typed while "f" runs: each new text replaces the one before it, and no second worker starts.
        let startedMore = ["fo", "fox", "fox ", "fox f"].map { queue.add(Request(text: $0, offset: 0, limit: 200)) }
        #expect(startedMore == [false, false, false, false])
        let second = queue.next()
        #expect(second == Request(text: "fox f", offset: 0, limit: 200))
        let done = queue.next()
        #expect(done == nil)
        // The worker has ended: the next search starts one again.
        let startsAgain = queue.add(Request(text: "fox fo", offset: 0, limit: 200))
        #expect(startsAgain)
    }

    @Test func aFurtherWindowOfTheSameTextWaitsItsTurn() {
        var queue = SearchQueue()
        _ = queue.add(Request(text: "fox", offset: 0, limit: 200))
        _ = queue.next()
        _ = queue.add(Request(text: "fox", offset: 200, limit: 200))
        _ = queue.add(Request(text: "fox", offset: 400, limit: 200))
        let offsets = [queue.next()?.offset, queue.next()?.offset, queue.next()?.offset]
        #expect(offsets == [200, 400, nil])
    }
}
