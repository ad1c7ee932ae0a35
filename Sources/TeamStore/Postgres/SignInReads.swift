import Synchronization

/// Sign-in reads gathered into one round trip to PostgreSQL each: while one read is on its way,
/// the requests that arrive wait for it to return, then go together as the next one, so a busy
/// server sends one statement per round trip rather than one per request, and leases one connection.
///
/// Never stale: every request is answered by a read sent after it arrived (a request that finds a
/// read on its way waits for the next one), so a token revoked or a push acknowledged before the
/// request was sent is seen, exactly as if each request read alone.
///
/// Each read is made by one of the requests it answers (the leader): the first to find no read on
/// its way, then, when a read returns, the first of those waiting. Nothing runs in the background.
final class SignInReads<Found: Sendable>: Sendable {
    /// What a waiting request is told: the answer of the read it went with, or that it leads the next.
    private enum Turn: Sendable {
        case answered(Result<[String: Found], any Error>)
        case lead
    }

    private struct Waiting {
        var hash: String
        var continuation: CheckedContinuation<Turn, Never>
    }

    private struct State {
        var reading = false
        var waiting: [Waiting] = []

        /// Whether a request arriving now leads the next read: when none is on its way (then one is).
        mutating func lead() -> Bool {
            if reading { return false }
            reading = true
            return true
        }
    }

    private let state = Mutex(State())

    /// How many requests wait for the next read.
    var waiting: Int { state.withLock { $0.waiting.count } }

    /// What `fetch` finds for `hash`, read together with the hashes of the requests waiting beside it.
    func read(_ hash: String, fetch: ([String]) async throws -> [String: Found]) async throws -> Found? {
        // A request that finds no read on its way leads at once, without suspending to wait.
        if !state.withLock({ state in state.lead() }) {
            let turn = await withCheckedContinuation { (continuation: CheckedContinuation<Turn, Never>) in
                // The read may have returned meanwhile, leaving none on its way: then this one leads.
                let leads = state.withLock { state in
                    if state.lead() { return true }
                    state.waiting.append(Waiting(hash: hash, continuation: continuation))
                    return false
                }
                if leads { continuation.resume(returning: .lead) }
            }
            if case .answered(let answer) = turn { return try answer.get()[hash] }
        }
        let followers = state.withLock { state in
            defer { state.waiting.removeAll() }
            return state.waiting
        }
        var hashes = Set(followers.map(\.hash))
        hashes.insert(hash)
        let answer: Result<[String: Found], any Error>
        do { answer = .success(try await fetch(Array(hashes))) } catch { answer = .failure(error) }
        // The next read goes first, so that it is on its way while these requests finish.
        handOver()
        for follower in followers { follower.continuation.resume(returning: .answered(answer)) }
        return try answer.get()[hash]
    }

    /// After a read: the first of the requests that arrived meanwhile leads the next, or none is on its way.
    private func handOver() {
        let next = state.withLock { state -> CheckedContinuation<Turn, Never>? in
            guard !state.waiting.isEmpty else {
                state.reading = false
                return nil
            }
            return state.waiting.removeFirst().continuation
        }
        next?.resume(returning: .lead)
    }
}
