public import Foundation

/// A slot with its times: when it falls due, and until when it may still go out.
public struct DigestSend: Sendable, Equatable {
    /// Which send.
    public var slot: DigestSlot
    /// When it falls due.
    public var at: Date
    /// The end of the working day it belongs to: after this it is skipped, never sent.
    public var until: Date
    /// Whether it goes out later than its time allows (the scheduler's `grace`), because no server was
    /// running then; a late send says so.
    public var late: Bool

    /// A send from its parts.
    public init(slot: DigestSlot, at: Date, until: Date, late: Bool) {
        self.slot = slot
        self.at = at
        self.until = until
        self.late = late
    }
}
