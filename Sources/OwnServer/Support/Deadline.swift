import Synchronization

/// A store call with a deadline: PostgreSQL down, PostgresNIO's pool keeps a request waiting for a
/// connection about a minute before it fails, and a load balancer or `own sync` waiting on it learns
/// nothing meanwhile.
enum Deadline {
    /// The value `work` gives, or nil when `deadline` returns first. `work` is not awaited past the
    /// deadline: a call stuck on a connection that will not come ends by itself, later. The deadline
    /// is cancelled once `work` has answered.
    static func first<T: Sendable>(
        _ work: @escaping @Sendable () async throws -> T,
        before deadline: @escaping @Sendable () async -> Void
    ) async throws -> T? {
        try await withCheckedThrowingContinuation { continuation in
            let once = Once()
            let timer = Task {
                await deadline()
                if once.claim() { continuation.resume(returning: nil) }
            }
            Task {
                do {
                    let value = try await work()
                    if once.claim() {
                        timer.cancel()
                        continuation.resume(returning: value)
                    }
                } catch {
                    if once.claim() {
                        timer.cancel()
                        continuation.resume(throwing: error)
                    }
                }
            }
        }
    }

    /// A deadline `duration` from now (cancelled, it returns at once).
    static func after(_ duration: Duration) -> @Sendable () async -> Void {
        { try? await Task.sleep(for: duration) }
    }
}

/// True for the first caller only, whichever thread it is on.
private final class Once: Sendable {
    private let taken = Mutex(false)

    func claim() -> Bool {
        taken.withLock { taken in
            defer { taken = true }
            return !taken
        }
    }
}
