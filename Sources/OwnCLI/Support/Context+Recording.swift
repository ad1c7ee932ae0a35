import Foundation
import OwnCore
import OwnStore

extension Context {
    /// The loop a person means, as it was at `now` (see `Loop.fold(_:asOf:)`), or an error that says
    /// how to find the right one.
    func loop(_ reference: String) throws -> Loop {
        if let loop = try ledger.loop(reference, asOf: now) { return loop }
        // Not there at `now` but there today: created after the `--now` given (or after the clock,
        // by an `add` with a later --now). A read says so too: not "nothing was written".
        if let later = try ledger.loop(reference), later.createdAt > now {
            throw CLIError(
                "loop \(TextEscaping.quoted(later.key)) was created at \(Timestamp.format(later.createdAt)), after "
                    + "\(Timestamp.format(now)), the instant this command acts at: give --now that instant or later"
            )
        }
        return try existing(nil, reference)
    }

    /// Appends the events a command made, in one transaction (`check` sees each with its loop as it is
    /// then). With a team server set up, events dated further ahead of the clock than it takes
    /// (`Event.latestPushedAhead`) are refused: kept, they would wait here unpushed until that date,
    /// and every sync until then would fail for them.
    @discardableResult
    func append(
        _ events: [Event],
        check: (Loop?, Event) throws -> Void = { _, _ in }
    ) throws -> Loop {
        if configuration.remote != nil, let latest = events.map(\.at).max(),
            latest.timeIntervalSince(clock) > Event.latestPushedAhead
        {
            // The clock is OWN_NOW's when it is set, which a team server started with it shares.
            let set = ProcessEnvironment.current["OWN_NOW"].map { !$0.trimming(.spaces).isEmpty } ?? false
            throw CLIError(
                "this would be dated \(Timestamp.format(latest)), more than 10 minutes ahead of the clock "
                    + "(\(Timestamp.format(clock))\(set ? ", OWN_NOW's" : "")): the team server takes nothing dated so "
                    + "far ahead of its clock, so it would wait here unpushed until then; record it then, or give an "
                    + "earlier --now" + (set ? " (or a later OWN_NOW, if the server's clock is the machine's)" : "")
            )
        }
        return try ledger.append(events, check: check)
    }

    /// Warns when what a command records is dated ahead of the clock by more than a minute: commands
    /// acting at the clock's time do not see it until then (a loop added so is in no list and cannot
    /// be shown), and a team server refuses events more than 10 minutes ahead of its own clock.
    func warnIfAhead(_ what: String, several: Bool = false) {
        guard now.timeIntervalSince(clock) > 60 else { return }
        Output.warning(
            "\(what) \(several ? "are" : "is") dated \(Timestamp.format(now)), ahead of the clock: commands acting at the clock's "
                + "time do not see it until then (give them --now \(Timestamp.format(now)))"
        )
    }

    /// Refuses a list given to --owner, and warns when a person named with it is no one this ledger
    /// or the configuration knows: no loop is or was theirs, and they have no `[people.NAME]`. A
    /// misspelled name otherwise reads as all clear ("nothing slipping", an empty standup), and a cron
    /// job checking it passes for ever.
    func warnIfNobody(_ owner: String?) throws {
        // No one's name holds a comma (`own add --owner a,b` is refused): a list here found no one.
        if let owner, owner.contains(",") {
            throw CLIError("--owner \(owner) is a list; it names one person, or all (--owner all)")
        }
        guard let owner, !owner.isEmpty, owner != "all", owner != actor,
            configuration.table("people")[owner] == nil, try !ledger.holdsLoops(of: owner)
        else { return }
        // Someone whose time off or declines the ledger holds is known too: their weekly has them.
        let facts = try factsAboutPeople(TimeOff.ledgerKey) + factsAboutPeople(Decline.ledgerKey)
        if facts.contains(where: { ($0.string("person") ?? $0.by) == owner }) { return }
        Output.warning(
            "no loop in this ledger is or was \(owner)'s, and the configuration has no [people.\(owner)]: "
                + "check the name (`own list --all` shows whose loops there are)"
        )
    }

    private func existing(_ loop: Loop?, _ reference: String) throws -> Loop {
        guard let loop else {
            // A task imported from Taskwarrior is keyed `tw-` and its uuid: named by the uuid alone, it
            // is found by its key.
            if reference.count >= KeyPrefix.minimumLength, !reference.hasPrefix("tw-"),
                let imported = try? ledger.loop("tw-" + reference)
            {
                throw CLIError(
                    "there is no loop \"\(reference)\"; a task imported from Taskwarrior is keyed tw- and its uuid: "
                        + "`own show \(TextEscaping.shellWord(imported.key))`"
                )
            }
            // A key's start names its loop from 4 characters: a shorter one is no key's start.
            throw CLIError(
                "there is no loop \"\(reference)\"\(KeyPrefix.tooShort(reference)); `own list --all` shows every "
                    + "loop's number"
            )
        }
        return loop
    }

    /// Records one action on a loop, in one transaction, if the loop's state inside that transaction
    /// allows it (`LoopAction.check`); `check` may refuse further. Nothing is written when refused.
    @discardableResult
    func record(
        _ action: LoopAction,
        on reference: String,
        fields: EventFields = [:],
        check: (Loop) throws -> Void = { _ in }
    ) throws -> Loop {
        try record([(action, fields)], on: reference, check: check)
    }

    /// Records several actions on a loop, in order, in one transaction: all of them or, refused, none.
    @discardableResult
    func record(
        _ actions: [(action: LoopAction, fields: EventFields)],
        on reference: String,
        check: (Loop) throws -> Void = { _ in }
    ) throws -> Loop {
        // A write acts on the loop as it is, whatever instant it is dated.
        let found = try existing(ledger.loop(reference), reference)
        let actor = actor
        // One command's events share an id: the first's, then `.2`, `.3` after it (which sort after it,
        // so they fold in the order given), and `own undo` takes them back together.
        let first = Identifiers.event()
        let events = actions.enumerated().map { index, action in
            Event(
                id: index == 0 ? first : "\(first).\(index + 1)",
                loop: found.key,
                at: now,
                by: actor,
                type: action.action.eventType,
                fields: action.fields
            )
        }
        let actionOf = Dictionary(uniqueKeysWithValues: zip(events.map(\.id), actions.map(\.action)))
        let loop = try append(events) { current, event in
            try actionOf[event.id]?.check(current ?? found, by: actor)
            try check(current ?? found)
        }
        warnIfAhead(
            "the \(events.count == 1 ? "event" : "\(events.count) events") on #\(loop.number)",
            several: events.count > 1
        )
        return loop
    }
}

/// New ids for events and loop keys.
enum Identifiers {
    /// A new event id that sorts after every id made before it (`EventID.make`), so events recorded
    /// at the same `--now` fold in the order they were recorded, on every ledger.
    static func event() -> String {
        EventID.make()
    }

    /// A new loop key: ten random lowercase letters and digits, the first a letter, so that no key
    /// reads as a loop number (`LoopReference.checkKey` refuses those: one `own add` in 360,000 failed).
    static func loop() -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let alphabet = letters + Array("0123456789")
        var generator = SystemRandomNumberGenerator()
        let first = letters.randomElement(using: &generator)!
        return String([first] + (1..<10).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
