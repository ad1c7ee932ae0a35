import Foundation
import OwnCore
import OwnStore

extension Context {
    /// The loop a person means, as it was at `now` (see `Loop.fold(_:asOf:)`), or an error that says
    /// how to find the right one.
    func loop(_ reference: String) throws -> Loop {
        try existing(ledger.loop(reference, asOf: now), reference)
    }

    private func existing(_ loop: Loop?, _ reference: String) throws -> Loop {
        guard let loop else {
            throw CLIError("there is no loop \"\(reference)\"; `own list --all` shows every loop's number")
        }
        return loop
    }

    /// Records one action on a loop, in one transaction, if the loop's state inside that transaction
    /// allows it (`LoopAction.check`); `check` may refuse further. Nothing is written when refused.
    @discardableResult
    func record(
        _ action: LoopAction,
        on reference: String,
        fields: [String: JSONValue] = [:],
        check: (Loop) throws -> Void = { _ in }
    ) throws -> Loop {
        // A write acts on the loop as it is, whatever instant it is dated.
        let found = try existing(ledger.loop(reference), reference)
        let actor = actor
        let event = Event(
            id: Identifiers.event(),
            loop: found.key,
            at: now,
            by: actor,
            type: action.eventType,
            fields: fields
        )
        return try ledger.append([event]) { current, _ in
            try action.check(current ?? found, by: actor)
            try check(current ?? found)
        }
    }
}

/// New ids for events and loop keys.
enum Identifiers {
    /// A new event id: a random UUID.
    static func event() -> String {
        UUID().uuidString.lowercased()
    }

    /// A new loop key: ten random lowercase letters and digits.
    static func loop() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<10).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
