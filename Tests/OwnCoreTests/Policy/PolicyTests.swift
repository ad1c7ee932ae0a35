import OwnCore
import Testing

@Suite("Policy: named thresholds, defaults, overrides and errors that name the key")
struct PolicyTests {
    @Test func defaultsAreTheRuleTable() {
        let policy = Policy.defaults
        #expect(policy.darkAfter(.critical) == 1)
        #expect(policy.darkAfter(.high) == 2)
        #expect(policy.darkAfter(.medium) == 3)
        #expect(policy.darkAfter(.low) == 5)
        #expect(policy.darkAfter(.routine) == 10)
        #expect(policy.askForHelpAfter == 1)
        #expect(policy.noticeWithin == 4)
        #expect(policy.capacity == 6)
        #expect(policy.capacityHorizon == 5)
        #expect(policy.wipLimit == 3)
        #expect(policy.reportWithin == 5)
        #expect(policy.defineWithin == 2)
        #expect(policy.boringWindowDays == 28)
        #expect(policy.boringShare == 0.2)
        #expect(policy.boringMinimum == 5)
        #expect(PolicyKey.all.allSatisfy { policy.source(of: $0.name) == Policy.defaultSource })
    }

    @Test func everyKeyHasItsDesignName() {
        #expect(
            PolicyKey.all.map(\.name) == [
                "dark-after.critical", "dark-after.high", "dark-after.medium", "dark-after.low", "dark-after.routine",
                "ask-for-help-after", "notice-within", "capacity", "capacity-horizon", "wip-limit", "report-within",
                "define-within", "boring-window", "boring-share", "boring-minimum", "earned-autonomy", "earned-window",
                "earned-kept-minimum", "earned-kept-share", "earned-surprises", "away-warn-before",
                "handoff-before", "accept-within",
            ]
        )
    }

    @Test func overridesFromNestedAndDottedKeysRecordTheirSource() throws {
        var policy = Policy.defaults
        try policy.apply(
            [
                "dark-after": .table(["high": .number(1), "routine": .text("7d")]),
                "dark-after.low": .number(4),
                "notice-within": .text("2h"),
                "wip-limit": .number(2),
                "boring-share": .text("25%"),
                "boring-window": .text("14d"),
                "capacity": .number(5.5),
            ],
            source: "team.toml"
        )
        #expect(policy.darkAfter(.high) == 1)
        #expect(policy.darkAfter(.routine) == 7)
        #expect(policy.darkAfter(.low) == 4)
        #expect(policy.darkAfter(.medium) == 3)
        #expect(policy.noticeWithin == 2)
        #expect(policy.wipLimit == 2)
        #expect(policy.boringShare == 0.25)
        #expect(policy.boringWindowDays == 14)
        #expect(policy.capacity == 5.5)
        #expect(policy.source(of: "dark-after.high") == "team.toml")
        #expect(policy.source(of: "dark-after.medium") == Policy.defaultSource)
        #expect(PolicyKey.named("boring-window")!.text(in: policy) == "2 weeks")
    }

    @Test func aLaterSourceWins() throws {
        var policy = try Policy(["wip-limit": .number(2), "capacity": .number(5)], source: "config [policy]")
        try policy.apply(["wip-limit": .number(4)], source: "policy.toml")
        #expect(policy.wipLimit == 4)
        #expect(policy.capacity == 5)
        #expect(policy.source(of: "wip-limit") == "policy.toml")
        #expect(policy.source(of: "capacity") == "config [policy]")
    }

    /// One table may not give a key twice however it spells it: the one sorted last won without a word.
    @Test func aKeyGivenTwiceInOneTableIsAnError() {
        do {
            _ = try Policy(["wip-limit": .number(2), "wip_limit": .number(3)], source: "x")
            Issue.record("a key given twice was taken")
        } catch {
            #expect(error.description.contains("wip-limit is given twice (as wip-limit and wip_limit); keep one"))
        }
        #expect(throws: CoreError.self) {
            try Policy(["dark-after": .table(["high": .number(2)]), "dark_after.high": .number(3)], source: "x")
        }
    }

    @Test(arguments: ["dark-afer", "dark-after.huge", "wip_limits", "colour"])
    func anUnknownKeyIsAnErrorNamingIt(key: String) {
        #expect(throws: CoreError.self) { try Policy([key: .number(1)], source: "x") }
        do {
            _ = try Policy([key: .number(1)], source: "x")
        } catch {
            #expect(error.description.contains("\"\(key)\""))
            #expect(error.description.contains("wip-limit"), "lists the known keys")
        }
    }

    @Test(arguments: [
        ("dark-after.high", PolicyValue.number(0)),
        ("dark-after.high", .number(-2)),
        ("dark-after.high", .text("soon")),
        ("notice-within", .text("1d")),
        ("wip-limit", .number(2.5)),
        ("wip-limit", .number(0)),
        ("capacity", .number(25)),
        ("boring-share", .number(20)),
        ("boring-share", .text("20")),
        ("boring-minimum", .other("true")),
        ("dark-after", .number(2)),
        ("report-within", .table([:])),
        ("handoff-before", .number(25)),
        ("handoff-before", .text("30h")),
        // Ten years at most: 1e20 weeks was shown by `own policy`, then trapped `own add`.
        ("earned-window", .number(1e20)), ("boring-window", .number(521)), ("dark-after.high", .number(2_601)),
        ("report-within", .text("20801h")),
    ])
    func aBadValueIsAnErrorNamingTheKey(key: String, value: PolicyValue) {
        do {
            _ = try Policy([key: value], source: "x")
            Issue.record("\(key) = \(value) was accepted")
        } catch {
            #expect(error.description.contains(key), "\(error.description)")
        }
    }

    @Test func aBadValueChangesNothing() {
        var policy = Policy.defaults
        #expect(throws: CoreError.self) {
            try policy.apply(["wip-limit": .number(2), "capacity": .text("lots")], source: "x")
        }
        #expect(policy == .defaults)
    }

    @Test func underscoresReadAsDashes() throws {
        let policy = try Policy(["ask_for_help_after": .number(2)], source: "x")
        #expect(policy.askForHelpAfter == 2)
        #expect(policy.source(of: "ask-for-help-after") == "x")
    }
}
