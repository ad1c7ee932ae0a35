import Foundation
import Hummingbird
import OwnCore
import TeamStore

/// `GET /ready`: whether the server can read its store now, for a load balancer's health check.
/// `/health` says only that the process answers; with PostgreSQL down it kept saying "ok" while every
/// request waited a minute and failed. The store is asked what every API request asks it first (a
/// token, by hash); a store that fails or does not answer before the deadline is a 503 at once.
enum Readiness {
    /// nil when `probe` finished before `deadline` did (`seconds` after the start); otherwise why not.
    static func check(
        probe: @escaping @Sendable () async throws -> Void,
        deadline: @escaping @Sendable () async -> Void,
        seconds: Int64
    ) async -> String? {
        do {
            guard try await Deadline.first(probe, before: deadline) != nil else {
                return "the store did not answer within \(seconds) s"
            }
            return nil
        } catch let error as TeamStoreError {
            return error.description
        } catch {
            // Whatever else it was goes to no one who asks: its words are a library's internals.
            return "the store failed"
        }
    }

    /// The answer to `GET /ready`.
    static func response(store: any TeamStore, within deadline: Duration) async -> Response {
        let reason = await check(
            probe: { _ = try await store.token(hash: "") },
            deadline: Deadline.after(deadline),
            seconds: deadline.components.seconds
        )
        guard let reason else { return .json(#"{"status":"ready"}"#) }
        let body = JSONWriter.string(.object(["status": "unavailable", "error": .string(reason)]))
        return .json(body, status: .serviceUnavailable)
    }
}
