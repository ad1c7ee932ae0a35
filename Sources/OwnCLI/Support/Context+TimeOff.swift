import Foundation
import OwnCore
import OwnStore

extension Context {
    /// Everyone's time off recorded in the ledger by the command's instant, in the order recorded.
    func timeOff() throws -> [TimeOff] {
        TimeOff.fold(try factsAboutPeople(TimeOff.ledgerKey))
    }

    /// The events of facts about people under `key` (`Event.personalKeys`: time off, declines)
    /// recorded at or before the command's instant: a read at a past `--now` does not see what was
    /// recorded after it, as the team server's `?at=` does not.
    func factsAboutPeople(_ key: String) throws -> [Event] {
        try ledger.events(ofLoop: key).filter { $0.at <= now }
    }

    /// This context with the ledger's time off on everyone's calendar: the doctor and the reports
    /// count no working time on days away.
    func withTimeOff() throws -> Context {
        var copy = self
        copy.calendars.add(try timeOff())
        return copy
    }
}
