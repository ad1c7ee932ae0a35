import Foundation
import Hummingbird
import OwnCore
import Synchronization
import TeamStore

/// `GET /ready`: whether the server can read its store now, for a load balancer's health check.
/// `/health` says only that the process answers; with PostgreSQL down it kept saying "ok" while every
/// request waited a minute and failed. The store is asked what every API request asks it first (a
/// token, by hash); a store that fails or does not answer before the deadline is a 503 at once.
enum Readiness {
    /// How long the store has to answer.
    static let deadline: Duration = .seconds(2)

    /// nil when `probe` finished before `deadline` did; otherwise why not. Neither is awaited past
    /// the first to finish: a probe stuck on a connection that will not come is left to end by itself.
    static func check(
        probe: @escaping @Sendable () async throws -> Void,
        deadline: @escaping @Sendable () async -> Void
    ) async -> String? {
        await withCheckedContinuation { continuation in
            let once = Once()
            @Sendable func answer(_ reason: String?) {
                if once.claim() { continuation.resume(returning: reason) }
            }
            Task {
                do {
                    try await probe()
                    answer(nil)
                } catch {
                    answer("the store failed: \(error)")
                }
            }
            Task {
                await deadline()
                answer("the store did not answer within \(Self.deadline.components.seconds) s")
            }
        }
    }

    /// The answer to `GET /ready`.
    static func response(store: any TeamStore) async -> Response {
        let reason = await check(
            probe: { _ = try await store.token(hash: "") },
            deadline: { try? await Task.sleep(for: Self.deadline) }
        )
        guard let reason else { return .json(#"{"status":"ready"}"#) }
        let body = JSONWriter.string(.object(["status": "unavailable", "error": .string(reason)]))
        return .json(body, status: .serviceUnavailable)
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
