import Foundation
import OwnCore

/// The doctor's scenario ledger: five stories, written as interchange lines, judged at Friday
/// 2026-11-27 16:00 UTC.
enum DoctorStories {
    static let now = "2026-11-27T16:00:00Z"

    /// What the doctor must say about the stories, exactly: (rule, loop key or nil, owner).
    static let expected: Set<Expected> = [
        // Someone who goes silent after a blocker.
        Expected("going-dark", "pay", "ana"), Expected("stuck-alone", "pay", "ana"), Expected("overdue", "pay", "ana"),
        // A two-day fix that silently became a two-week refactor.
        Expected("uncommunicated-change", "fix", "cy"), Expected("overcommitted", nil, "cy"),
        // A week of five things in flight.
        Expected("overcommitted", nil, "dee"),
        // A quarter of only glamorous work.
        Expected("cherry-picking", nil, "eve"),
        // Ben, who reports his blocker on day three with a workaround and a contingency: nothing.
    ]

    /// A finding reduced to what the stories check exactly.
    struct Expected: Hashable, CustomStringConvertible {
        var rule: String
        var loop: String?
        var owner: String
        init(_ rule: String, _ loop: String?, _ owner: String) {
            self.rule = rule
            self.loop = loop
            self.owner = owner
        }
        var description: String { "\(rule) \(loop ?? "-") \(owner)" }
    }

    /// The ledger, one JSON object per line.
    static var jsonl: String {
        events.map(\.jsonLine).joined(separator: "\n") + "\n"
    }

    static var events: [Event] {
        var events: [Event] = []
        var counter = 0
        func add(_ loop: String, _ at: String, _ by: String, _ type: EventType, _ fields: EventFields = [:]) {
            counter += 1
            events.append(
                Event(id: "s\(counter)", loop: loop, at: Timestamp.parse(at)!, by: by, type: type, fields: fields)
            )
        }
        let answers: [String: JSONValue] = [
            "ux": "customers see the new checkout step", "touches": "payments service, orders table",
            "ifItFails": "switch the flag back to the old provider",
        ]

        // Ana: a high-stakes integration, approved and examined, blocked on Friday the 13th, then silence.
        add(
            "pay",
            "2026-11-09T09:00:00Z",
            "ana",
            .created,
            EventFields(
                answers.merging([
                    "title": "Payment provider integration", "stakes": "high", "kind": "feature", "estimateHours": 24,
                    "doneWhen": "payments and refunds run through the new provider in production", "due": "2026-11-20",
                ]) { $1 }
            )
        )
        add("pay", "2026-11-09T11:00:00Z", "lee", .approved)
        add("pay", "2026-11-10T09:00:00Z", "ana", .started)
        add("pay", "2026-11-11T15:00:00Z", "ana", .noted, ["note": "webhook signatures verified"])
        add("pay", "2026-11-13T10:00:00Z", "ana", .blocked, ["reason": "sandbox webhooks not delivered"])

        // Ben: blocked on Wednesday, day three; asks for help, names the risk and sends a notice with the
        // workaround and the contingency within the hour, and keeps talking.
        add(
            "sso",
            "2026-11-23T09:00:00Z",
            "ben",
            .created,
            EventFields(
                answers.merging([
                    "title": "Single sign-on for the admin", "stakes": "high", "kind": "feature", "estimateHours": 16,
                    "doneWhen": "admins log in through the company IdP", "due": "2026-12-04", "affects": ["support"],
                ]) { $1 }
            )
        )
        add("sso", "2026-11-23T09:30:00Z", "lee", .approved)
        add("sso", "2026-11-23T10:00:00Z", "ben", .started)
        add("sso", "2026-11-24T15:00:00Z", "ben", .noted, ["note": "SAML flow works locally"])
        add("sso", "2026-11-25T10:00:00Z", "ben", .blocked, ["reason": "the IdP test tenant is locked"])
        add("sso", "2026-11-25T10:15:00Z", "ben", .helpAsked, ["from": "identity-team"])
        add("sso", "2026-11-25T10:20:00Z", "ben", .risk, ["note": "the tenant may stay locked until Monday"])
        add(
            "sso",
            "2026-11-25T10:30:00Z",
            "ben",
            .reported,
            [
                "channel": "notice",
                "note": .string(
                    "Blocked on the IdP test tenant; asked identity-team. Workaround: testing against a mock IdP. "
                        + "If not resolved by Dec 1, the date moves by 2 days."
                ),
            ]
        )
        add("sso", "2026-11-26T15:00:00Z", "ben", .noted, ["note": "mock IdP tests green"])

        // Cy: a two-day rounding fix that became a rewrite of the money type; the dates moved, nobody was told.
        add(
            "fix",
            "2026-11-16T09:00:00Z",
            "cy",
            .created,
            [
                "title": "Fix rounding in invoice totals", "stakes": "medium", "kind": "bug", "estimateHours": 16,
                "doneWhen": "invoices match the ledger to the cent", "due": "2026-11-17", "affects": ["billing-team"],
            ]
        )
        add("fix", "2026-11-16T09:30:00Z", "cy", .started)
        add("fix", "2026-11-17T16:00:00Z", "cy", .noted, ["note": "rounding happens in three places"])
        add(
            "fix",
            "2026-11-18T10:00:00Z",
            "cy",
            .scopeChanged,
            ["estimateHours": 80, "note": "rewriting the money type"]
        )
        add("fix", "2026-11-18T10:05:00Z", "cy", .dueChanged, ["due": "2026-12-01", "reason": "the rewrite"])
        add("fix", "2026-11-20T16:00:00Z", "cy", .noted, ["note": "money type compiles"])
        add("fix", "2026-11-25T11:00:00Z", "cy", .noted, ["note": "migrating call sites"])
        add("fix", "2026-11-26T10:00:00Z", "cy", .noted, ["note": "half the call sites done"])

        // Dee: five things started on Monday, all due Friday, eight hours each.
        for index in 1...5 {
            add(
                "dee-\(index)",
                "2026-11-23T09:00:00Z",
                "dee",
                .created,
                [
                    "title": .string("Dashboard widget \(index)"), "stakes": "medium", "kind": "feature",
                    "estimateHours": 8,
                    "doneWhen": .string("widget \(index) shows live data"), "due": "2026-11-27",
                ]
            )
            add("dee-\(index)", "2026-11-23T09:\(index)0:00Z", "dee", .started)
            add("dee-\(index)", "2026-11-27T09:00:00Z", "dee", .noted, ["note": "still going"])
        }

        // Eve: a quarter of features, each demoed the day it was done; six in the last four weeks.
        let doneDays = [
            "2026-09-07", "2026-09-14", "2026-09-21", "2026-09-28", "2026-10-05", "2026-10-12", "2026-10-19",
            "2026-11-02", "2026-11-09", "2026-11-16", "2026-11-19", "2026-11-23", "2026-11-25",
        ]
        for (index, day) in doneDays.enumerated() {
            let key = "eve-\(index + 1)"
            add(
                key,
                "2026-09-01T09:00:00Z",
                "eve",
                .created,
                [
                    "title": .string("Shiny feature \(index + 1)"), "stakes": "low", "kind": "feature",
                    "estimateHours": 6,
                    "doneWhen": "it ships", "due": .string(day),
                ]
            )
            add(key, day + "T09:00:00Z", "eve", .started)
            add(key, day + "T15:00:00Z", "eve", .done, ["outcome": "shipped", "verified": true])
            add(key, day + "T15:30:00Z", "eve", .reported, ["channel": "demo"])
        }
        return events
    }
}
