import Foundation
import HTTPTypes
import Hummingbird
import OwnCore
import OwnStore
import TeamStore

/// The report drafts: `/api/v1/reports/{standup,weekly,brag}?person=&at=` and
/// `/api/v1/loops/{key}/notice`, built by the same OwnCore builders as `own standup|weekly|brag|notice`
/// from the same loops, on each person's calendar from the server's settings, in the same JSON as
/// their `--json`. The server reads no git repositories: its drafts list no commits.
struct ReportRoutes {
    let store: any TeamStore
    let configuration: ServerConfiguration

    func add(to group: RouterGroup<ServerContext>) {
        group.get("reports/standup") { request, context in try await standup(request, context) }
        group.get("reports/weekly") { request, context in try await weekly(request, context) }
        group.get("reports/brag") { request, context in try await brag(request, context) }
        group.get("loops/{key}/notice") { request, context in try await notice(request, context) }
    }

    /// What every report read starts from: the caller's team, the instant it is as of, the person it
    /// is about (`person`, default the caller) and the team's settings.
    private struct Read {
        let team: String
        let now: Date
        let asOf: Date?
        let person: String
        let settings: TeamSettings

        var calendar: WorkingCalendar { settings.calendars.calendar(for: person) }
    }

    private func reading(_ request: Request, _ context: ServerContext) async throws -> Read {
        let caller = try context.requireCaller()
        let asOf = try Query.instant(request.uri.queryParameters["at"])
        // Read without the blanks around it and composed, as `/doctor` and `/loops` read a name.
        let person = request.uri.queryParameters["person"].map { Event.trimmedName(String($0)) }
        // `?person=` names nobody, as `?owner=` does on `/loops` and `/doctor`: said, not read as the
        // token's person.
        if person?.isEmpty == true {
            throw APIError(.badRequest, "\"person\" names nobody; give a person, or leave it out for yours")
        }
        // A report is one person's (`own standup --owner all` makes one for each): `all` answered an
        // empty report owned by "all".
        if let person, !Event.isPersonName(person) {
            let lowered = person.lowercased()
            throw APIError(
                .badRequest,
                lowered == "none" || lowered == "nobody"
                    ? "\"person\" names no one (\(person)); give a person"
                    : "\"person\" names one person; a report is one person's (ask for each)"
            )
        }
        let settings = try await TeamSettings.load(store: store, team: caller.team, asOf: asOf)
        if let person, person != caller.person,
            try await !Self.isKnown(person, team: caller.team, settings: settings, store: store)
        {
            // As `own standup --owner` warns: a typo otherwise reads as a person with nothing to report.
            throw APIError(
                .notFound,
                "no person \(person) in team \(caller.team): nobody of that name has settings, a token or a loop here"
            )
        }
        return Read(
            team: caller.team,
            now: asOf ?? configuration.now(),
            asOf: asOf,
            person: person ?? caller.person,
            settings: settings
        )
    }

    /// Whether the team knows `person`: settings, a token (even revoked), or a loop they own or handed off.
    static func isKnown(
        _ person: String,
        team: String,
        settings: TeamSettings,
        store: any TeamStore
    ) async throws -> Bool {
        if settings.people.contains(where: { $0.name == person }) { return true }
        if try await store.tokens(team: team).contains(where: { $0.person == person }) { return true }
        var owned = LoopQuery(owners: [person])
        owned.reading = .listing
        if try await !store.loops(team: team, query: owned, asOf: nil).isEmpty { return true }
        var delegated = LoopQuery(delegatedBy: person)
        delegated.reading = .listing
        return try await !store.loops(team: team, query: delegated, asOf: nil).isEmpty
    }

    /// `GET /api/v1/reports/standup`: as `own standup --json --owner PERSON --now AT`.
    func standup(_ request: Request, _ context: ServerContext) async throws -> Response {
        let read = try await reading(request, context)
        let since = Standup.windowStart(now: read.now, calendar: read.calendar)
        let loops = try await reportLoops(read, since: since)
        let events = try await store.events(team: read.team, ofLoops: loops.map(\.key), since: since, asOf: read.now)
        let standup = Standup(owner: read.person, loops: loops, events: events, calendar: read.calendar, now: read.now)
        return Self.json(.standup(standup))
    }

    /// `GET /api/v1/reports/weekly?since=&until=`: as `own weekly --json`; the window is the working
    /// week so far unless `since` / `until` (dates or instants, read as the CLI reads them) say otherwise.
    func weekly(_ request: Request, _ context: ServerContext) async throws -> Response {
        let read = try await reading(request, context)
        let parameters = request.uri.queryParameters
        let end = try parameters["until"].map { try instant($0, "until", read, endOfDay: true) } ?? read.now
        let start =
            try parameters["since"].map { try instant($0, "since", read, endOfDay: false) }
            ?? Weekly.week(containing: end, calendar: read.calendar).since
        // A window begun after now, with no until: said as such, not as one that runs backwards.
        if parameters["until"] == nil, start > read.now {
            throw APIError(.badRequest, "\"since\" is after now: a weekly tells what happened")
        }
        // As `own weekly`: an instant `until` is in the window (one instant is a window); a day's end
        // is not (it is the midnight the next day starts at, which a since of that day is at).
        let untilIsDay =
            try parameters["until"].map { text -> Bool in
                if case .day = try expression(text, "until", read) { return true }
                return false
            } ?? false
        guard start < end || (start == end && !untilIsDay) else {
            throw APIError(.badRequest, "\"since\" must be before \"until\"")
        }
        // The window's last instant, and the loops as they were then (a past week as it ended).
        let last = Weekly.lastInstant(endingAt: end, untilIsDay: untilIsDay)
        let asOf = min(last, read.now)
        // As `own weekly`: a window not begun has nothing to tell yet. With no `since`, the week is `until`'s.
        guard start <= read.now else {
            throw APIError(
                .badRequest,
                parameters["since"] == nil
                    ? "\"until\" is in a week not begun yet: a weekly tells what happened; give an earlier until"
                    : "\"since\" is after now: a weekly tells what happened"
            )
        }
        let loops = try await ReportLoops.read(
            store: store,
            team: read.team,
            person: read.person,
            since: start,
            asOf: asOf < read.now ? asOf : read.asOf
        )
        let events = try await store.events(team: read.team, ofLoops: loops.map(\.key), since: start, asOf: asOf)
        var weekly = Weekly(
            owner: read.person,
            loops: loops,
            events: events,
            calendar: read.calendar,
            now: read.now,
            since: start,
            until: parameters["until"] == nil ? nil : Weekly.until(after: last)
        )
        let declined = try await store.events(team: read.team, ofLoops: [Decline.ledgerKey], since: nil, asOf: read.now)
        weekly.takeDeclines(Decline.all(in: declined), from: start, through: last)
        return Self.json(.weekly(weekly))
    }

    /// `GET /api/v1/reports/brag?since=&until=`: as `own brag --json`; `since` (required) and `until`
    /// (default today) are days on the person's calendar.
    func brag(_ request: Request, _ context: ServerContext) async throws -> Response {
        let read = try await reading(request, context)
        let parameters = request.uri.queryParameters
        guard let since = parameters["since"] else {
            throw APIError(.badRequest, "\"since\" is required: the brag document's first day, like 2026-09-01")
        }
        let first = try day(since, "since", read)
        let last = try parameters["until"].map { try day($0, "until", read) } ?? read.calendar.day(of: read.now)
        guard first <= last else { throw APIError(.badRequest, "\"since\" must not be after \"until\"") }
        guard first <= read.calendar.day(of: read.now) else {
            throw APIError(.badRequest, "\"since\" is after today: a brag document tells what was delivered")
        }
        let loops = try await store.loops(
            team: read.team,
            query: LoopQuery(owners: [read.person], states: [.done], doneSince: first.start(in: read.calendar.zone)),
            asOf: Brag.readAsOf(until: last, zone: read.calendar.zone, now: read.now)
        )
        let brag = Brag(owner: read.person, loops: loops, since: first, until: last, calendar: read.calendar)
        return Self.json(.brag(brag))
    }

    /// `GET /api/v1/loops/{key}/notice?workaround=&contingency=`: as `own notice KEY --json`.
    func notice(_ request: Request, _ context: ServerContext) async throws -> Response {
        let read = try await reading(request, context)
        let reference = PathSegment.decoded(context.parameters.get("key") ?? "")
        guard let loop = try await store.loop(team: read.team, reference: reference, asOf: read.asOf) else {
            throw APIError(.notFound, "no loop \"\(reference)\" in your team\(KeyPrefix.tooShort(reference))")
        }
        let events = try await store.events(team: read.team, ofLoops: [loop.key], since: nil, asOf: read.now)
        let calendar = read.settings.calendars.calendar(for: loop.owner)
        let drafter = try context.requireCaller().person
        guard var notice = Notice(loop: loop, events: events, calendar: calendar, now: read.now, drafter: drafter)
        else {
            throw APIError(
                .notFound,
                "\(loop.key) has no change to scope, timeline or risk, and no block, on record; record one "
                    + "with own scope, own due, own risk or own block first"
            )
        }
        let parameters = request.uri.queryParameters
        if let workaround = parameters["workaround"] { notice.workaround = String(workaround) }
        if let contingency = parameters["contingency"] { notice.contingency = String(contingency) }
        return Self.json(.notice(notice))
    }

    /// The loops a report over a window reads, as the CLI's (`ReportLoops`).
    private func reportLoops(_ read: Read, since: Date) async throws -> [Loop] {
        try await ReportLoops.read(store: store, team: read.team, person: read.person, since: since, asOf: read.asOf)
    }

    /// A `since` / `until` as an instant on the person's calendar: a day starts at its local midnight,
    /// or ends at the next one when `endOfDay`.
    private func instant(_ text: Substring, _ name: String, _ read: Read, endOfDay: Bool) throws -> Date {
        let zone = read.calendar.zone
        switch try expression(text, name, read) {
        case .day(let day): return (endOfDay ? day.adding(days: 1) : day).start(in: zone)
        case .instant(let instant): return instant
        }
    }

    private func day(_ text: Substring, _ name: String, _ read: Read) throws -> CivilDate {
        try expression(text, name, read).day(in: read.calendar.zone)
    }

    private func expression(_ text: Substring, _ name: String, _ read: Read) throws -> Due {
        guard let value = Query.dayOrInstant(text) else {
            throw APIError(
                .badRequest,
                "\"\(name)\" must be a day (2026-11-23) or an ISO-8601 date-time with offset (2026-11-23T09:00:00Z)"
            )
        }
        return value
    }

    private static func json(_ report: Report) -> Response {
        .json(report.rendered(as: .json))
    }
}
