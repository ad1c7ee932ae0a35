import Synchronization
import Testing

@testable import TeamStore

@Suite
struct SignInReadsTests {
    struct Down: Error {}

    /// A fetch whose reads return one at a time when the test says, answering each hash with the
    /// read's number (1, 2, …), or failing the read numbered `failing`; it remembers what each asked.
    final class Reads: Sendable {
        let asked = Mutex<[[String]]>([])
        let failing: Int?
        let started: AsyncStream<Void>
        private let startedInput: AsyncStream<Void>.Continuation
        private let released: AsyncStream<Void>
        private let releasedInput: AsyncStream<Void>.Continuation

        init(failing: Int? = nil) {
            self.failing = failing
            (started, startedInput) = AsyncStream.makeStream()
            (released, releasedInput) = AsyncStream.makeStream()
        }

        func fetch(_ hashes: [String]) async throws -> [String: Int] {
            let number = asked.withLock {
                $0.append(hashes.sorted())
                return $0.count
            }
            startedInput.yield()
            var release = released.makeAsyncIterator()
            await release.next()
            if number == failing { throw Down() }
            return Dictionary(uniqueKeysWithValues: hashes.map { ($0, number) })
        }

        func release() { releasedInput.yield() }
    }

    /// Starts reads of `hashes` while read 1 (of "a") is on its way, lets read 1 return, then read 2.
    private func twoReads(
        _ reads: Reads,
        _ signIns: SignInReads<Int>
    ) async -> (
        first: Result<Int?, any Error>, next: [Result<Int?, any Error>]
    ) {
        async let a = Result { try await signIns.read("a", fetch: reads.fetch) }
        var started = reads.started.makeAsyncIterator()
        await started.next()
        async let b = Result { try await signIns.read("b", fetch: reads.fetch) }
        async let c = Result { try await signIns.read("c", fetch: reads.fetch) }
        async let otherA = Result { try await signIns.read("a", fetch: reads.fetch) }
        while signIns.waiting < 3 { await Task.yield() }
        reads.release()
        await started.next()
        reads.release()
        return (await a, [await b, await c, await otherA])
    }

    @Test
    func aRequestArrivingWhileAReadIsOnItsWayGoesWithTheNextReadBesideTheOthersWaiting() async throws {
        let reads = Reads()
        let (first, next) = await twoReads(reads, SignInReads<Int>())
        // Read 1 was sent before b, c and the second a arrived: none of them is answered by it.
        #expect(try first.get() == 1)
        #expect(try next.map { try $0.get() } == [2, 2, 2])
        #expect(reads.asked.withLock { $0 } == [["a"], ["a", "b", "c"]])
    }

    @Test
    func aFailedReadFailsEveryRequestItAnsweredAndTheNextReadIsMadeAfresh() async throws {
        let reads = Reads(failing: 2)
        let signIns = SignInReads<Int>()
        let (first, next) = await twoReads(reads, signIns)
        #expect(try first.get() == 1)
        for answer in next { #expect(throws: Down.self) { try answer.get() } }
        #expect(try await signIns.read("d") { hashes in ["d": hashes.count] } == 1)
        #expect(try await signIns.read("unknown") { _ in [:] } == nil)
    }
}

extension Result where Failure == any Error {
    fileprivate init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
