import Foundation
import OwnCore

/// A small ledger built in code: alice's week in Berlin, a loop of bob's, and the time of each fact,
/// so every report is checked against the same story.
struct ReportFixture {
    static let berlin = WorkingCalendar(
        zone: TimeZone(identifier: "Europe/Berlin")!,
        workdays: [1, 2, 3, 4, 5],
        startMinute: 9 * 60,
        endMinute: 17 * 60
    )

    var events: [Event] = []
    private var numbers: [String: Int] = [:]

    static func at(_ text: String) -> Date { Timestamp.parse(text)! }

    mutating func add(
        _ loop: String,
        _ at: String,
        _ type: EventType,
        by: String = "alice",
        _ fields: [String: any Sendable] = [:]
    ) {
        if numbers[loop] == nil { numbers[loop] = numbers.count + 1 }
        let members = fields.mapValues(Self.json)
        events.append(
            Event(
                id: "e\(events.count + 1)",
                loop: loop,
                at: Self.at(at),
                by: by,
                type: type,
                fields: EventFields(members)
            )
        )
    }

    /// Test values as JSON: strings, Booleans, numbers and lists of strings.
    static func json(_ value: any Sendable) -> JSONValue {
        switch value {
        case let text as String: .string(text)
        case let flag as Bool: .bool(flag)
        case let number as Int: .number(Double(number))
        case let number as Double: .number(number)
        case let list as [String]: .array(list.map(JSONValue.string))
        default: .null
        }
    }

    /// The loops as the ledger would hold them at `now`: folded from the events up to then.
    func loops(at now: Date) -> [Loop] {
        let known = events.filter { $0.at <= now }.sorted { $0.at < $1.at }
        return Dictionary(grouping: known, by: \.loop).compactMap { key, events in
            guard var loop = Loop.fold(events) else { return nil }
            loop.number = numbers[key]!
            return loop
        }
        .sorted { $0.number < $1.number }
    }

    /// Events up to `now`, at or after `since`.
    func events(since: Date, now: Date) -> [Event] {
        events.filter { $0.at >= since && $0.at <= now }
    }

    /// Alice's last two weeks.
    static var story: ReportFixture {
        var f = ReportFixture()
        // 1: done on Friday, verified.
        f.add(
            "login-timeout",
            "2026-11-20T09:00:00Z",
            .created,
            ["title": "Fix login timeout", "kind": "bug", "stakes": "medium", "due": "2026-11-30"]
        )
        f.add("login-timeout", "2026-11-24T09:00:00Z", .started)
        f.add(
            "login-timeout",
            "2026-11-27T15:00:00Z",
            .done,
            ["outcome": "p95 back under 200 ms", "verified": true, "monitoredBy": "login-latency alert"]
        )
        // 2: active, a note on Thursday and one on Friday, then the due date moved.
        f.add(
            "billing-export",
            "2026-11-16T09:00:00Z",
            .created,
            [
                "title": "Billing export", "kind": "feature", "stakes": "high", "due": "2026-12-01",
                "affects": ["finance", "carol"], "ux": "finance downloads CSV", "touches": "billing db",
                "ifItFails": "manual export",
            ]
        )
        f.add("billing-export", "2026-11-16T10:00:00Z", .approved, by: "bob")
        f.add("billing-export", "2026-11-17T09:00:00Z", .started)
        f.add("billing-export", "2026-11-26T12:00:00Z", .noted, ["note": "schema agreed with finance"])
        f.add("billing-export", "2026-11-27T14:00:00Z", .noted, ["note": "CSV writer done"])
        f.add(
            "billing-export",
            "2026-11-27T16:00:00Z",
            .dueChanged,
            [
                "due": "2026-12-04", "reason": "the bank changed its file format",
                "workaround": "finance can export by hand from the admin page",
            ]
        )
        // 3: blocked since Wednesday, no help asked.
        f.add(
            "pg-upgrade",
            "2026-11-10T09:00:00Z",
            .created,
            ["title": "Upgrade Postgres to 17", "kind": "debt", "stakes": "medium", "due": "2026-12-11"]
        )
        f.add("pg-upgrade", "2026-11-12T09:00:00Z", .started)
        f.add("pg-upgrade", "2026-11-25T10:00:00Z", .blocked, ["reason": "waiting for a maintenance window"])
        // 4: open, due Tuesday; a risk raised on Monday morning.
        f.add(
            "runbook",
            "2026-11-23T09:00:00Z",
            .created,
            ["title": "Write the payments runbook", "kind": "docs", "stakes": "low", "due": "2026-12-01"]
        )
        f.add("runbook", "2026-11-30T07:00:00Z", .risk, ["note": "vendor docs may be late", "told": ["dave"]])
        // 5: done long ago.
        f.add("old-thing", "2026-11-02T09:00:00Z", .created, ["title": "Old thing", "kind": "other", "stakes": "low"])
        f.add("old-thing", "2026-11-05T09:00:00Z", .done, ["outcome": "shipped"])
        // 6: bob's, with a note in the window: never in alice's reports.
        f.add("bobs-loop", "2026-11-20T09:00:00Z", .created, by: "bob", ["title": "Bob's loop", "stakes": "low"])
        f.add("bobs-loop", "2026-11-27T10:00:00Z", .noted, by: "bob", ["note": "bob's progress"])
        // 7: blocked on Thursday, help asked on Friday.
        f.add(
            "flaky-test",
            "2026-11-19T09:00:00Z",
            .created,
            ["title": "Quarantine the flaky checkout test", "kind": "test", "stakes": "routine"]
        )
        f.add("flaky-test", "2026-11-26T09:00:00Z", .blocked, ["reason": "needs CI admin rights"])
        f.add("flaky-test", "2026-11-27T08:00:00Z", .helpAsked, ["from": "platform", "note": "can you grant?"])
        // 8: handed off on Tuesday.
        f.add("certs", "2026-11-18T09:00:00Z", .created, ["title": "Rotate TLS certificates", "stakes": "low"])
        f.add("certs", "2026-11-24T11:00:00Z", .handedOff, ["to": "carol", "note": "she owns the load balancers"])
        // 9: dropped on Wednesday.
        f.add(
            "graphql",
            "2026-11-18T09:00:00Z",
            .created,
            ["title": "GraphQL spike", "kind": "feature", "stakes": "low"]
        )
        f.add("graphql", "2026-11-25T15:00:00Z", .dropped, ["reason": "REST is enough", "told": ["bob"]])
        // 10: overdue since Wednesday, quiet.
        f.add(
            "quarterly",
            "2026-11-16T09:00:00Z",
            .created,
            ["title": "Quarterly capacity report", "kind": "process", "stakes": "low", "due": "2026-11-25"]
        )
        // 11: a second delivery, a feature at high stakes, done Tuesday, not verified.
        f.add(
            "search",
            "2026-11-09T09:00:00Z",
            .created,
            ["title": "Search by invoice number", "kind": "feature", "stakes": "high"]
        )
        f.add("search", "2026-11-10T09:00:00Z", .approved, by: "bob")
        f.add("search", "2026-11-24T16:00:00Z", .done, ["outcome": "support finds invoices in one step"])
        return f
    }

    /// Commits by alice: one naming a loop by trailer, one by branch number, one on nothing.
    static let commits = [
        ReportCommit(
            hash: "1111111aaaaaaa",
            subject: "Stream the CSV writer",
            at: at("2026-11-27T13:00:00Z"),
            repository: "app",
            loopReferences: ["billing-export"]
        ),
        ReportCommit(
            hash: "2222222bbbbbbb",
            subject: "Add the runbook outline",
            at: at("2026-11-27T12:00:00Z"),
            repository: "docs",
            loopReferences: ["4"]
        ),
        ReportCommit(
            hash: "3333333ccccccc",
            subject: "Bump linter",
            at: at("2026-11-27T11:00:00Z"),
            repository: "app"
        ),
        ReportCommit(
            hash: "4444444ddddddd",
            subject: "Too old to count",
            at: at("2026-11-20T11:00:00Z"),
            repository: "app"
        ),
    ]
}
