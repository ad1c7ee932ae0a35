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

    private struct Settings {
        var stamp: TeamStamp
        var settings: TeamSettings
    }

    private struct State {
        var bodies: [Key: Body] = [:]
        var bytes = 0
        var clock: UInt64 = 0
        var settings: [String: Settings] = [:]
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
