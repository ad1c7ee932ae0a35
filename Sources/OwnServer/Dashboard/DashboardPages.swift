import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import OwnCore
import OwnStore
import TeamStore

/// The dashboard's handlers: each reads what its page needs through the store, judges it with
/// OwnCore's builders (the CLI's own), and renders one template.
struct DashboardPages: Sendable {
    let store: any TeamStore
    let configuration: ServerConfiguration
    let templates: MustacheLibrary
    /// The loops the doctor judges, per team, kept up to date by event number.
    let doctorLoops = DoctorLoopCache()
    /// The pages' parts as last rendered, with what each showed.
    let parts = RenderedParts()
    /// Each person page's loops as of an instant, kept up to date by event number.
    let personLoops = PersonLoops()

    /// The most live loops the board lists under one person, each with its findings in brief (the
    /// loop's page has them in full, with the drafted fix); the person's page lists them all.
    static let boardLoopsPerPerson = 10
    /// The most findings the board lists at its top; the people below show each loop's own.
    static let teamFindingsShown = 100
    /// The most done, dropped or handed-off loops the person's page lists in each state.
    static let endedLoopsShown = 50
    /// How many weeks back the person's record goes, this one included.
    static let recordWeeks = 4

    // MARK: Signing in and out

    /// `/` and the sign-in page: a browser already signed in (its session's token works) goes to
    /// its team's board, not to a form asking for the token again.
    func home(_ request: Request, orSignIn signIn: Bool) async throws -> Response {
        if let record = try await DashboardSession.signedIn(request, store: store) {
            return DashboardResponse.redirect("/teams/" + record.team + "/")
        }
        return signIn ? signInForm(request, failure: nil) : DashboardResponse.redirect("/sign-in")
    }

    func signInForm(_ request: Request, failure: String?, status: HTTPResponse.Status = .ok) -> Response {
        let nonce = TokenSecret.generate()
        var values: [String: Any] = ["title": "Sign in", "csrf": nonce]
        if let failure { values["failure"] = failure }
        let page = render("sign-in", values)
        var response = DashboardResponse.html(page, status: status)
        response.headers.append(
            HTTPField(
                name: .setCookie,
                value: DashboardSession.setting(
                    DashboardSession.signInCookie,
                    nonce,
                    request,
                    publicURL: configuration.publicURL
                )
            )
        )
        return response
    }

    /// Checks the token and the form's CSRF token (the same one as the sign-in cookie), then sets
    /// the session cookie and goes to the token's team board.
    func signIn(_ request: Request, _ context: ServerContext) async throws -> Response {
        let form = try await FormBody.read(request)
        guard let sent = form["csrf"], !sent.isEmpty else {
            throw DashboardError.forbidden(DashboardSession.missingToken)
        }
        guard let cookie = DashboardSession.cookie(named: DashboardSession.signInCookie, in: request),
            !cookie.isEmpty, DashboardSession.constantTimeEqual(cookie, sent)
        else {
            throw DashboardError.forbidden(DashboardSession.staleToken)
        }
        let secret = (form["token"] ?? "").trimming(.spacesAndNewlines)
        guard let record = try await TokenAuthentication.liveToken(secret, store: store)?.token else {
            return signInForm(
                request,
                failure: "That token is unknown or revoked; ask a lead for a new one.",
                status: .unauthorized
            )
        }
        return DashboardResponse.redirect(
            "/teams/" + record.team + "/",
            cookies: [
                DashboardSession.setting(DashboardSession.cookie, secret, request, publicURL: configuration.publicURL),
                DashboardSession.clearing(DashboardSession.signInCookie, request, publicURL: configuration.publicURL),
            ]
        )
    }

    func signOut(_ request: Request, _ context: ServerContext) async throws -> Response {
        let form = try await FormBody.read(request)
        try DashboardSession.checkCSRF(request, form)
        return DashboardResponse.redirect(
            "/sign-in",
            cookies: [DashboardSession.clearing(DashboardSession.cookie, request, publicURL: configuration.publicURL)]
        )
    }

    // MARK: Pages

    /// The team board: team findings at warning or above, then each person with their local time,
    /// their live loops most urgent first and each loop's findings. Each part is rendered again only
    /// when what it shows changed (`RenderedParts`); the page around them is rendered per read.
    func board(_ request: Request, _ context: ServerContext) async throws -> Response {
        let view = try await view(request, context)
        let verdict = try await doctorLoops.judged(
            store: store,
            team: view.team,
            doctor: view.doctor,
            now: view.now,
            asOf: view.asOf
        )
        // The team's people, as its messages count them (`TeamAudience`): those with settings and
        // those with a member or lead token; and whoever owns a live loop.
        var people = Set(verdict.live.keys).union(view.settings.people.map(\.name))
        for token in try await store.tokens(team: view.team) where token.revokedAt == nil && token.role != .reader {
            people.insert(token.person)
        }
        // Critical first, then the doctor's order; as many as a page can hold.
        let top = verdict.firstAtRisk
        let atRisk = verdict.atRiskCount
        let teamFindings = await part(
            view,
            .board,
            person: nil,
            showing: RenderedParts.Shown(findings: [top], words: [String(atRisk)])
        ) {
            render(
                "board-findings",
                [
                    "findings": top.map { findingRow($0, view) }, "calm": top.isEmpty,
                    "hiddenFindings": atRisk - top.count, "hasHiddenFindings": atRisk > top.count,
                ]
            )
        }
        var rows: [[String: String]] = []
        for person in people.sorted() {
            let theirs = verdict.live[person] ?? []
            let shown = Array(theirs.prefix(Self.boardLoopsPerPerson))
            let findings = shown.map { verdict.byLoop[$0.key] ?? [] }
            // Their loops apart from the local time around them, which changes every minute: a new
            // minute renders again only the lists whose findings changed or where a loop fell due.
            let overdue = shown.map { $0.isOverdue(at: view.now, calendars: view.calendars) ? "1" : "0" }.joined()
            let list = await part(
                view,
                .boardLoops,
                person: person,
                showing: RenderedParts.Shown(loops: shown, findings: findings, words: [overdue])
            ) {
                render("board-loops", ["loops": zip(shown, findings).map { loopRow($0, view, $1) }])
            }
            let localTime = view.localTime(of: person)
            let html = await part(
                view,
                .board,
                person: person,
                showing: RenderedParts.Shown(words: [localTime, String(theirs.count), list])
            ) {
                render(
                    "board-person",
                    [
                        "name": person, "href": view.link("people/" + PathSegment.encoded(person)),
                        "localTime": localTime,
                        "count": theirs.count, "more": max(0, theirs.count - Self.boardLoopsPerPerson),
                        "hasMore": theirs.count > Self.boardLoopsPerPerson, "loops": list,
                    ]
                )
            }
            rows.append(["html": html])
        }
        let sections = render("board-sections", ["team": view.team, "findings": teamFindings, "people": rows])
        let response = page("board", view, title: "Team " + view.team, ["sections": sections])
        if view.asOf == nil {
            // The next minute's board, judged in the background meanwhile: started once this one is
            // rendered, so that judging the whole team does not slow the read that starts it.
            await doctorLoops.judgeAhead(
                store: store,
                team: view.team,
                doctor: view.doctor,
                now: view.now.addingTimeInterval(60)
            )
        }
        return response
    }

    /// One part of a page as kept, or rendered and kept when what it shows changed.
    private func part(
        _ view: View,
        _ page: RenderedParts.Page,
        person: String?,
        showing shown: RenderedParts.Shown,
        rendering: () -> String
    ) async -> String {
        let key = RenderedParts.Key(team: view.team, asOf: view.asOf, page: page, person: person)
        if let kept = await parts.part(key, showing: shown) { return kept }
        let html = rendering()
        await parts.keep(key, showing: shown, html)
        return html
    }

    /// A person: their standup and weekly drafts (the CLI's builders), and their loops by state.
    func person(_ request: Request, _ context: ServerContext) async throws -> Response {
        let view = try await view(request, context)
        // Composed, as events hold names (`Event.nameForm`): José typed with a combining accent is José.
        let person = Event.nameForm(PathSegment.decoded(try context.parameters.require("person")))
        let calendar = view.calendars.calendar(for: person)
        // Their live loops, and the ones that changed since their record's first week: what the
        // drafts and the record need, through the owner's index, never all they ever had (and as of
        // an instant, folding again only loops that may have been theirs then).
        let recordWeek = Weekly.week(
            containing: view.now.addingTimeInterval(-Double(Self.recordWeeks - 1) * 7 * 86_400),
            calendar: calendar
        )
        let recordSince = recordWeek.since
        let loops = try await personLoops.loops(
            store: store,
            team: view.team,
            person: person,
            since: recordSince,
            asOf: view.asOf
        ).map(Self.keyed)
        // And the loops they handed off since then: the drafts and the record count the hand-off as
        // theirs, as `own standup` and `own weekly` do.
        let handedOff = try await ReportLoops.handedOff(
            store: store,
            team: view.team,
            person: person,
            since: recordSince,
            asOf: view.asOf
        ).map(Self.keyed)
        // Known as the API's reports know a person: by settings, a token, or any loop of theirs (one
        // whose loops all ended before the record's weeks has a page, with nothing in it).
        if loops.isEmpty, handedOff.isEmpty,
            try await !ReportRoutes.isKnown(person, team: view.team, settings: view.settings, store: store)
        {
            throw DashboardError.notFound
        }
        let standupSince = Standup.windowStart(now: view.now, calendar: calendar)
        let weekSince = Weekly.week(containing: view.now, calendar: calendar).since
        // Each draft reads the loops `ReportLoops.read` gives for its window, from those read once here.
        let standupLoops = (loops + handedOff).filter { ReportLoops.reads($0, person: person, since: standupSince) }
        let weekLoops = (loops + handedOff).filter { ReportLoops.reads($0, person: person, since: weekSince) }
        var keys = Set<String>()
        let window = (standupLoops + weekLoops).filter { keys.insert($0.key).inserted }
        let events = try await store.events(
            team: view.team,
            ofLoops: window.map(\.key),
            since: min(standupSince, weekSince),
            asOf: view.asOf
        )
        // The drafts tell what happened up to this read, as the API's do: an event of this minute is
        // in them (the page's minute starts before it).
        let standup = Standup(owner: person, loops: standupLoops, events: events, calendar: calendar, now: view.read)
        var weekly = Weekly(owner: person, loops: weekLoops, events: events, calendar: calendar, now: view.read)
        // What they declined this week, under "Not taking on", as `own weekly` and the API's weekly say.
        let declined = try await store.events(
            team: view.team,
            ofLoops: [Decline.ledgerKey],
            since: weekSince,
            asOf: view.asOf
        )
        weekly.takeDeclines(Decline.all(in: declined), from: weekSince, through: view.read)
        let byState = Dictionary(grouping: loops, by: \.state)
        // Live loops all, most urgent first; ended ones since the record's first week, the most
        // recent first, as many as a page can hold.
        var states: [(state: String, ended: Bool, count: Int, shown: [Loop])] = LoopState.allCases.compactMap { state in
            guard let theirs = byState[state], !theirs.isEmpty else { return nil }
            let ordered =
                state.isLive
                ? Loop.byUrgency(theirs, now: view.now, calendars: view.calendars)
                : theirs.sorted { $0.lastEventAt > $1.lastEventAt }
            return (
                state.rawValue, !state.isLive, theirs.count,
                Array(state.isLive ? ordered[...] : ordered.prefix(Self.endedLoopsShown))
            )
        }
        // What they handed off is someone else's loop now, and ended for them: listed as the record
        // counts it, the most recent hand-off first.
        if !handedOff.isEmpty {
            let recent = handedOff.sorted { ($0.handedOffAt ?? .distantPast) > ($1.handedOffAt ?? .distantPast) }
            states.append(("handed off", true, handedOff.count, Array(recent.prefix(Self.endedLoopsShown))))
        }
        // Their record: what they finished, dropped or handed off, and started, week by week.
        let record: [[String: String]] = (0..<Self.recordWeeks).map { back in
            let instant = view.now.addingTimeInterval(-Double(back) * 7 * 86_400)
            let week = Weekly.week(containing: instant, calendar: calendar)
            // This week runs to whatever the loops read hold: the page judges as of its minute, but
            // its lists show what happened since, and the counts must agree with them.
            let end = back == 0 ? Date.distantFuture : week.since.addingTimeInterval(7 * 86_400)
            let range = week.since..<max(end, week.since)
            return [
                "week": week.first.description,
                "done": String(loops.count { $0.doneAt.map(range.contains) ?? false }),
                "closed": String(
                    loops.count { $0.closedAt.map(range.contains) ?? false }
                        + handedOff.count { $0.handedOffAt.map(range.contains) ?? false }
                ),
                // Theirs only: a loop handed to them counts when they took it up, not when its previous
                // owner started it.
                "started": String(loops.count { $0.startedByOwnerAt.map(range.contains) ?? false }),
            ]
        }
        // Escaped here, byte by byte, and written as they are: long texts (HTMLEscape).
        let standupText = HTMLEscape.escape(TextRenderer.render(standup.document))
        let weeklyText = HTMLEscape.escape(TextRenderer.render(weekly.document))
        let localTime = view.localTime(of: person)
        let recordFirst = recordWeek.first.description
        // The page's body is rendered again only when what it shows changed (`RenderedParts`).
        var words = [Timestamp.format(view.now), localTime, standupText, weeklyText, recordFirst]
        words += states.map { $0.state + " " + String($0.count) }
        words += record.map {
            [$0["week"], $0["done"], $0["closed"], $0["started"]].compactMap(\.self).joined(separator: " ")
        }
        let body = await part(
            view,
            .person,
            person: person,
            showing: RenderedParts.Shown(loops: states.flatMap(\.shown), words: words)
        ) {
            render(
                "person-sections",
                [
                    "person": person, "localTime": localTime, "standup": standupText, "weekly": weeklyText,
                    "states": states.map { state in
                        [
                            "state": state.state, "count": state.count,
                            "loops": state.shown.map { loopRow($0, view, []) }, "ended": state.ended,
                            "hidden": state.count - state.shown.count, "hasHidden": state.shown.count < state.count,
                        ] as [String: Any]
                    },
                    "record": record, "recordSince": recordFirst,
                ]
            )
        }
        return page("person", view, title: person, ["sections": body])
    }

    /// A key prefix that begins several loops' keys: a page that lists them, each a link, with
    /// 300 Multiple Choices (the API answers the same prefix with a 400 that names them).
    private func choices(prefix: String, keys: [String], _ view: View) -> Response {
        page(
            "loop-choices",
            view,
            title: "Which loop?",
            [
                "prefix": prefix,
                // The store gives at most `KeyPrefix.candidatesFetched`: that many means there are more.
                "candidates": keys.sorted().prefix(KeyPrefix.candidatesFetched - 1).map {
                    ["key": $0, "href": view.link("loops/" + PathSegment.encoded($0))]
                },
                "more": keys.count >= KeyPrefix.candidatesFetched,
            ],
            status: .multipleChoices
        )
    }

    /// A loop: its fields, the three questions, its whole history, its findings, and for a lead
    /// (not its owner) an approve button while it waits for approval (`Loop.awaitsApproval`).
    func loop(_ request: Request, _ context: ServerContext) async throws -> Response {
        let view = try await view(request, context)
        let reference = PathSegment.decoded(try context.parameters.require("key"))
        let found: Loop?
        do {
            found = try await store.loop(team: view.team, reference: reference, asOf: view.asOf)
        } catch TeamStoreError.ambiguousLoop(let prefix, let keys) {
            return choices(prefix: prefix, keys: keys, view)
        }
        guard let loop = found.map(Self.keyed) else { throw DashboardError.notFound }
        let doctor = view.doctor
        let findings: [Finding]
        if view.asOf == nil,
            let kept = try await doctorLoops.keptFindings(store: store, team: view.team, doctor: doctor, now: view.now)
        {
            // The board's verdict: every finding on it, its delegator's follow-up (`unaccepted-handoff`)
            // among them, as the board lists them under it.
            findings = kept[loop.key] ?? []
        } else {
            let people = Set([loop.owner] + (loop.delegatedBy.map { [$0] } ?? []))
            let theirs = try await doctorLoops.loops(
                store: store,
                team: view.team,
                people: people,
                lookBackDays: doctor.lookBackDays,
                now: view.now,
                asOf: view.asOf
            ).map(Self.keyed)
            findings = people.sorted().flatMap { person in
                doctor.findings(in: theirs, now: view.now, owner: person).filter { $0.loop == loop.key }
            }.sorted(by: Doctor.precedes)
        }
        let events = try await store.events(team: view.team, ofLoops: [loop.key], since: nil, asOf: view.asOf)
        let fields: [[String: String]] =
            [
                ("Key", loop.key), ("Owner", loop.owner), ("State", loop.state.rawValue),
                ("Stakes", loop.stakes.rawValue), ("Kind", loop.kind.rawValue),
                ("Due", loop.due.map(\.json) ?? "none"), ("Done when", loop.doneWhen ?? "not said"),
                // Who depends on it: who hears of its changes.
                ("Affects", loop.affects.isEmpty ? "no one named" : loop.affects.joined(separator: ", ")),
                ("Autonomy", String(loop.autonomy)),
                ("Created", Timestamp.format(loop.createdAt) + " by " + loop.createdBy),
                ("Approved", loop.approvedAt.map { Timestamp.format($0) + " by " + (loop.approvedBy ?? "?") } ?? "no"),
            ].map { ["name": $0.0, "value": $0.1] }
            // As `own show` has them, when the loop has them.
            + [
                ("Delegated by", loop.delegatedBy),
                ("Estimate", loop.estimateHours.map { JSONWriter.string(.number($0)) + "h" }),
                ("Outcome", loop.outcome),
            ].compactMap { name, value in value.map { ["name": name, "value": $0] } }
        let questions: [[String: String]] = [
            ("What will the user experience?", loop.ux), ("What does it touch?", loop.touches),
            ("What happens if it fails?", loop.ifItFails),
        ].map { ["question": $0.0, "answer": $0.1 ?? "not answered"] }
        // An event taken back is marked so, as `own show` marks it; a retraction names what it took.
        let said = LoopHistory(events)
        let (takenBack, voided, unmoved) = (said.undone, said.takesBackNothing, said.changesNothing)
        let types = Dictionary(events.map { ($0.id, $0.type.rawValue) }) { first, _ in first }
        let history: [[String: Any]] = events.map { event in
            // What it says, in `own show`'s words (to whom a hand-off went, a done's outcome, what an
            // edit changed); a retraction names the type of what it took back, or meant to.
            let note =
                event.retractedID.flatMap { id in
                    types[id].map { type in
                        voided[event.id].map { "meant to take back the \(type) (takes back nothing: \($0))" }
                            ?? "takes back the " + type
                    }
                }
                ?? event.historyDetail.map { detail in
                    unmoved[event.id].map { "\(detail) (changes nothing: \($0))" } ?? detail
                }
            return [
                "at": event.atText, "by": event.by, "type": event.type.rawValue, "note": note ?? "",
                "hasNote": note != nil, "undone": takenBack.contains(event.id),
            ]
        }
        let canApprove =
            loop.awaitsApproval && view.caller.role == .lead && view.caller.person != loop.owner
            && view.asOf == nil
        return page(
            "loop",
            view,
            title: loop.title,
            [
                "loop": loopRow(loop, view, []), "fields": fields, "questions": questions, "history": history,
                "findings": findings.map { findingRow($0, view) }, "hasFindings": !findings.isEmpty,
                "canApprove": canApprove,
                "approveAction": "/teams/\(view.team)/loops/\(PathSegment.encoded(loop.key))/approve",
            ]
        )
    }

    /// Approves a proposed loop: an `approved` event stamped with the signed-in lead, appended
    /// through the same check as the API's push.
    func approve(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try context.requireCaller()
        let form = try await FormBody.read(request)
        try DashboardSession.checkCSRF(request, form)
        guard caller.role == .lead else { throw DashboardError.forbidden("Only a lead can approve a loop.") }
        let reference = PathSegment.decoded(try context.parameters.require("key"))
        let found: Loop?
        do {
            found = try await store.loop(team: caller.team, reference: reference, asOf: nil)
        } catch TeamStoreError.ambiguousLoop(let prefix, _) {
            throw DashboardError.badRequest("\(prefix) begins the keys of several loops: approve it from its own page.")
        }
        guard let loop = found else { throw DashboardError.notFound }
        // Started before approval, it waits all the same (`Loop.awaitsApproval`), as the API takes it.
        func nothingToApprove(_ loop: Loop) -> DashboardError {
            .badRequest(
                !loop.state.isLive
                    ? "This loop is \(loop.state.rawValue): there is nothing to approve."
                    : loop.needsApproval
                        ? "This loop is approved already: there is nothing to approve."
                        : "This loop is at autonomy \(loop.autonomy): it needs no approval."
            )
        }
        guard loop.awaitsApproval else { throw nothingToApprove(loop) }
        let event = Event(
            // Time-ordered, as the CLI's: events at one instant fold in the order they were recorded.
            id: EventID.make(),
            loop: loop.key,
            // Not before the loop's latest event: one from a laptop a few minutes ahead of this
            // clock (the push allows ten) would date the approval before the loop was created.
            at: max(configuration.now(), loop.lastEventAt),
            by: caller.person,
            type: .approved
        )
        do {
            _ = try await store.append(
                [event],
                team: caller.team,
                check: EventRoutes.authorship(of: caller, line: { _ in nil })
            )
        } catch let error as APIError {
            // Approved (or ended) meanwhile, by another lead's click or this one's twice: answered as
            // when it was so before, not as a refusal of who asked.
            if let now = try await store.loop(team: caller.team, key: loop.key, asOf: nil), !now.awaitsApproval {
                throw nothingToApprove(now)
            }
            throw DashboardError.forbidden(error.message)
        } catch let error as TeamStoreError {
            // Answered as a page, as every dashboard refusal is, not as the API's JSON.
            throw DashboardError.badRequest("Not approved: \(error.description)")
        }
        return DashboardResponse.redirect("/teams/\(caller.team)/loops/\(PathSegment.encoded(loop.key))")
    }

    /// Loops waiting for a lead's approval, oldest first: proposed, or started before it (active or
    /// blocked, waiting all the same).
    func approvals(_ request: Request, _ context: ServerContext) async throws -> Response {
        let view = try await view(request, context)
        let waiting = try await store.loops(
            team: view.team,
            query: LoopQuery(states: [.proposed, .active, .blocked]),
            asOf: view.asOf
        ).filter(\.awaitsApproval)
        let ordered = waiting.sorted { ($0.createdAt, $0.key) < ($1.createdAt, $1.key) }
        return page(
            "approvals",
            view,
            title: "Approvals",
            ["loops": ordered.map { loopRow($0, view, []) }, "none": ordered.isEmpty]
        )
    }

    // MARK: Building views

    /// A loop as the dashboard names it: by its key. The server's numbers are its own (each laptop
    /// numbers its loops itself), so the builders, which say `#12` for a numbered loop, get none.
    static func keyed(_ loop: Loop) -> Loop {
        var loop = loop
        loop.number = 0
        return loop
    }

    /// The start of the minute holding an instant: the pages judge the team as of the current minute
    /// (they show local times to the minute), so a page read many times a minute is judged once.
    static func minute(of instant: Date) -> Date {
        Date(timeIntervalSince1970: (instant.timeIntervalSince1970 / 60).rounded(.down) * 60)
    }

    /// What every page of a team knows: who is looking, at which instant, and the team's people
    /// settings (time zones, working hours, time off, policies) as the API's reads judge by.
    struct View {
        var caller: TokenRecord
        var team: String
        var asOf: Date?
        /// The start of the minute the page is judged at (`minute(of:)`), or `asOf`.
        var now: Date
        /// The instant of the request, or `asOf`: what the drafts read up to.
        var read: Date
        var csrf: String
        var settings: TeamSettings
        /// The page's address without its query.
        var path: String

        var calendars: Calendars { settings.calendars }

        /// The doctor: each person's loops by their policy (`TeamSettings.doctor`).
        var doctor: Doctor { settings.doctor }

        /// A link inside the team's pages that keeps `?at=`.
        func link(_ path: String) -> String {
            "/teams/" + team + "/" + path + (asOf.map { "?at=" + Timestamp.format($0) } ?? "")
        }

        /// A person's local time in their zone, and whether they are at work: `Fri 21:00 Asia/Tokyo,
        /// off hours`.
        func localTime(of person: String) -> String {
            LocalClock.describe(now, calendar: calendars.calendar(for: person))
        }
    }

    func view(_ request: Request, _ context: ServerContext) async throws -> View {
        let caller = try context.requireCaller()
        let asOf: Date?
        do {
            // Given twice, as the API refuses it: the first was read and the second dropped unsaid.
            if request.uri.queryParameters[values: "at"].count > 1 {
                throw APIError(.badRequest, "\"at\" is given twice; give it once")
            }
            asOf = try Query.instant(request.uri.queryParameters["at"])
        } catch let error as APIError {
            throw DashboardError.badRequest(error.message)
        }
        let instant = configuration.now()
        return View(
            caller: caller,
            team: caller.team,
            asOf: asOf,
            now: asOf ?? Self.minute(of: instant),
            read: asOf ?? instant,
            csrf: DashboardSession.csrf(forSecret: DashboardSession.secret(request) ?? ""),
            settings: try await TeamSettings.load(store: store, team: caller.team, asOf: asOf),
            path: request.uri.path
        )
    }

    func loopRow(_ loop: Loop, _ view: View, _ findings: [Finding]) -> [String: Any] {
        [
            "key": loop.key, "title": loop.title, "owner": loop.owner, "state": loop.state.rawValue,
            "stakes": loop.stakes.rawValue, "href": view.link("loops/" + PathSegment.encoded(loop.key)),
            "due": loop.due.map(\.json) ?? "", "hasDue": loop.due != nil,
            "overdue": loop.isOverdue(at: view.now, calendars: view.calendars),
            "created": Timestamp.format(loop.createdAt),
            "findings": findings.map { findingRow($0, view) }, "hasFindings": !findings.isEmpty,
        ]
    }

    private func findingRow(_ finding: Finding, _ view: View) -> [String: Any] {
        [
            "rule": finding.rule.rawValue, "severity": finding.severity.rawValue, "message": finding.message,
            "suggestion": finding.suggestion, "owner": finding.owner,
            "loop": finding.loop ?? "", "hasLoop": finding.loop != nil,
            "href": finding.loop.map { view.link("loops/" + PathSegment.encoded($0)) } ?? "",
        ]
    }

    func page(
        _ name: String,
        _ view: View,
        title: String,
        _ values: [String: Any],
        status: HTTPResponse.Status = .ok
    ) -> Response {
        var context = values
        context["title"] = title
        context["team"] = view.team
        context["me"] = view.caller.person
        context["role"] = view.caller.role.rawValue
        context["csrf"] = view.csrf
        if let asOf = view.asOf {
            context["asOf"] = Timestamp.format(asOf)
            // The same page as it is now: its address without `?at=`.
            context["nowHref"] = view.path
        }
        context["boardHref"] = view.link("")
        context["approvalsHref"] = view.link("approvals")
        context["monitorsHref"] = view.link("monitors")
        context["signedIn"] = true
        return DashboardResponse.html(render(name, context), status: status)
    }

    private func render(_ name: String, _ context: [String: Any]) -> String {
        guard let text = templates.render(context, withTemplate: name) else {
            preconditionFailure("the dashboard has no template named \(name)")
        }
        // No text on a page (a title, a note, a name) turns what follows it right to left.
        return TextEscaping.bidiEscaped(text)
    }
}
