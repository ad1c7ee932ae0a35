public import Foundation
public import OwnCore

/// A change of a monitor's stored status (healthchecks' "flip"), kept for its history.
public struct MonitorFlip: Sendable, Hashable {
    /// When it changed.
    public var at: Date
    /// The status before.
    public var from: MonitorStatus
    /// The status after.
    public var to: MonitorStatus

    /// A flip.
    public init(at: Date, from: MonitorStatus, to: MonitorStatus) {
        self.at = at
        self.from = from
        self.to = to
    }
}
