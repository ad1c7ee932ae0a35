import Foundation
import NIOCore
import OwnCore
import Synchronization
import TeamStore

/// What the read API rendered, kept in memory so that a read asked again answers without reading,
/// folding and writing the loops again: bodies per (team, request), and each team's settings.
///
/// Nothing kept is ever answered stale. Every read first asks the store for the team's stamp (its
/// last event number and its people's settings, one cheap read), so a push or a change of settings
/// through any server on the same database is seen by the next read. A body also depends on the
/// instant it is judged at, through each loop's overdue flag: it is kept with the span of instants
/// in which no flag changes, and answers only within it.
///
/// Requests that miss the same key at the same stamp together render it once: the first renders, the
/// others wait for its body (read from the same events) and take it if it holds at their instant.
///
/// Bounded: at most `entryLimit` bodies and `byteLimit` bytes, the least recently used going first;
/// a body larger than an eighth of the bytes is not kept.
final class ReadCache: Sendable {
    /// A rendered request: the team, and the route with its query as sent.
    struct Key: Hashable {
        var team: String
        var request: String
    }

    /// Instants from `from` up to (not including) `until`.
    struct Span: Equatable {
        var from: Date
        var until: Date

        func contains(_ instant: Date) -> Bool { from <= instant && instant < until }

        /// The instants around `now` in which none of these loops turns overdue or back: from the
        /// latest overdue instant at or before `now` to the first one after it.
        static func unchangedOverdue(_ loops: [Loop], around now: Date, calendars: Calendars) -> Span {
            var span = Span(from: .distantPast, until: .distantFuture)
            for loop in loops {
                guard let instant = loop.overdueFrom(calendars: calendars) else { continue }
                if instant <= now { span.from = max(span.from, instant) } else { span.until = min(span.until, instant) }
            }
            return span
        }
    }

    private struct Body {
        var stamp: TeamStamp
        var span: Span
        var bytes: ByteBuffer
        var used: UInt64
    }

    /// A render on its way: its stamp, and the requests waiting for its body (nil: it failed).
    private struct Rendering {
        var stamp: TeamStamp
        var waiting: [CheckedContinuation<(bytes: ByteBuffer, span: Span)?, Never>] = []
    }

    private struct Settings {
        var stamp: TeamStamp
        var settings: TeamSettings
    }

    private struct State {
        var bodies: [Key: Body] = [:]
        var bytes = 0
        var clock: UInt64 = 0
        var settings: [String: Settings] = [:]
        var rendering: [Key: Rendering] = [:]
    }

    let entryLimit: Int
    let byteLimit: Int
    private let state = Mutex(State())

    init(entryLimit: Int = 1_024, byteLimit: Int = 64 * 1024 * 1024) {
        self.entryLimit = entryLimit
        self.byteLimit = byteLimit
    }

    /// The body kept for `key` at this stamp, if it holds at `now`.
    func body(_ key: Key, stamp: TeamStamp, at now: Date) -> ByteBuffer? {
        state.withLock { state in
            guard var body = state.bodies[key], body.stamp == stamp, body.span.contains(now) else { return nil }
            state.clock += 1
            body.used = state.clock
            state.bodies[key] = body
            return body.bytes
        }
    }

    /// The body for `key` at this stamp at `now`: the one kept, or the one a request that missed it
    /// at the same stamp is rendering, or else what `render` makes (then kept).
    func body(
        _ key: Key,
        stamp: TeamStamp,
        at now: Date,
        render: () async throws -> (bytes: ByteBuffer, span: Span)
    ) async throws -> ByteBuffer {
        if let kept = body(key, stamp: stamp, at: now) { return kept }
        let leads = state.withLock { state in
            guard state.rendering[key] == nil else { return false }
            state.rendering[key] = Rendering(stamp: stamp)
            return true
        }
        if !leads {
            let shared = await withCheckedContinuation { continuation in
                let waits = state.withLock { state in
                    guard var rendering = state.rendering[key], rendering.stamp == stamp else { return false }
                    rendering.waiting.append(continuation)
                    state.rendering[key] = rendering
                    return true
                }
                // None on its way at this stamp (done meanwhile, or of another stamp): render alone.
                if !waits { continuation.resume(returning: nil) }
            }
            if let shared, shared.span.contains(now) { return shared.bytes }
            let (bytes, span) = try await render()
            keep(bytes, key, stamp: stamp, span: span)
            return bytes
        }
        let rendered: Result<(bytes: ByteBuffer, span: Span), any Error>
        do { rendered = .success(try await render()) } catch { rendered = .failure(error) }
        // Kept before the render is done, so that a request missing meanwhile finds one or the other.
        if case .success(let body) = rendered { keep(body.bytes, key, stamp: stamp, span: body.span) }
        let waiting = state.withLock { state in
            defer { state.rendering[key] = nil }
            return state.rendering[key]?.waiting ?? []
        }
        // A failed render fails only this request: those waiting render alone.
        for request in waiting { request.resume(returning: try? rendered.get()) }
        return try rendered.get().bytes
    }

    /// How many requests wait for a render of `key` on its way.
    func waiting(_ key: Key) -> Int {
        state.withLock { $0.rendering[key]?.waiting.count ?? 0 }
    }

    /// Keeps a body rendered at `stamp`, which holds over `span`.
    func keep(_ bytes: ByteBuffer, _ key: Key, stamp: TeamStamp, span: Span) {
        let size = bytes.readableBytes
        guard size <= byteLimit / 8 else { return }
        state.withLock { state in
            if let old = state.bodies.removeValue(forKey: key) { state.bytes -= old.bytes.readableBytes }
            while state.bodies.count >= entryLimit || state.bytes + size > byteLimit,
                let oldest = state.bodies.min(by: { $0.value.used < $1.value.used })
            {
                state.bodies[oldest.key] = nil
                state.bytes -= oldest.value.bytes.readableBytes
            }
            state.clock += 1
            state.bodies[key] = Body(stamp: stamp, span: span, bytes: bytes, used: state.clock)
            state.bytes += size
        }
    }

    /// How many bodies are kept, and their bytes.
    var size: (entries: Int, bytes: Int) {
        state.withLock { ($0.bodies.count, $0.bytes) }
    }

    /// The team's settings at this stamp: kept per team for reads of the present (time off as of now
    /// changes only with the events), loaded afresh as of an instant.
    func settings(store: any TeamStore, team: String, stamp: TeamStamp, asOf: Date?) async throws -> TeamSettings {
        if asOf == nil, let kept = state.withLock({ $0.settings[team] }), kept.stamp == stamp { return kept.settings }
        let settings = try await TeamSettings.load(store: store, team: team, people: stamp.people, asOf: asOf)
        if asOf == nil {
            state.withLock { state in
                // Teams are few (an administrator adds each): one entry each, replaced, needs no bound.
                state.settings[team] = Settings(stamp: stamp, settings: settings)
            }
        }
        return settings
    }
}
