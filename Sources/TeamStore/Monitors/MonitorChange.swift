public import Foundation
public import OwnCore

/// One monitor's change for `MonitorStore.save(_:)`: the monitor as changed (its `version` still the
/// one read, for the compare-and-set), the pings it took in order, the status changes they made, and
/// the ledger events they asked for (an incident loop's `created` event, notes on it), written to the
/// monitor's team in the same transaction, so a saved `down` never lacks its incident loop.
///
/// The version grows by `steps`, so a change of several inputs (say, the pings that arrived
/// together) stands for as many saves one after another.
public struct MonitorChange: Sendable {
    /// The monitor as it is to be stored, at the version read.
    public var monitor: MonitorRecord
    /// Its new pings, oldest first; the store numbers them.
    public var pings: [MonitorPingRecord]
    /// Its status changes, oldest first.
    public var flips: [MonitorFlip]
    /// Events for the monitor's team's ledger.
    public var events: [Event]
    /// How many saves it stands for: the version grows by this much.
    public var steps: Int64
    /// Whether the monitor's settings (name, slug, owner, schedule…) may differ from the stored ones,
    /// not only its state. A change of the status machine alone (pings, deadlines) sets it false:
    /// a store may then write the state alone, so no index on the settings is touched.
    public var changesSettings: Bool
    /// The instant (the machine's clock) after which it is not to be written: its request was
    /// answered that it was not stored (a ping's 503 while the database was out of reach), and a
    /// write landing later made a retried ping count twice. A store leaves it unwritten (nil), as a
    /// change whose version moved on.
    public var notAfter: Date?

    /// A change.
    public init(
        monitor: MonitorRecord,
        pings: [MonitorPingRecord] = [],
        flips: [MonitorFlip] = [],
        events: [Event] = [],
        steps: Int64 = 1,
        changesSettings: Bool = true
    ) {
        self.monitor = monitor
        self.pings = pings
        self.flips = flips
        self.events = events
        self.steps = steps
        self.changesSettings = changesSettings
    }
}
