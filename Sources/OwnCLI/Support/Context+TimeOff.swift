import Foundation
import OwnCore
import OwnStore

extension Context {
    /// Everyone's time off recorded in the ledger, in the order recorded.
    func timeOff() throws -> [TimeOff] {
        TimeOff.fold(try ledger.events(ofLoop: TimeOff.ledgerKey))
    }

    /// This context with the ledger's time off on everyone's calendar: the doctor and the reports
    /// count no working time on days away.
    func withTimeOff() throws -> Context {
        var copy = self
        copy.calendars.add(try timeOff())
        return copy
    }
}
