public import Foundation

/// Why a monitor went down (or, once down, failed again).
public enum MonitorFailure: Sendable, Hashable {
    /// No ping by the deadline: `expected` plus the grace time.
    case late(expected: Date)
    /// A fail ping, or a non-zero exit status (nil: `/fail`).
    case failed(exitStatus: Int?)
    /// A run that finished sooner than the monitor's minimum runtime.
    case tooShort(duration: TimeInterval, minimum: TimeInterval)
    /// A run that started and has not finished within the maximum runtime.
    case tooLong(started: Date, maximum: TimeInterval)
    /// Down since `since`, after its incident loop was ended (done or dropped) before then: an
    /// outage the loop's close never saw (the close was recorded offline and pushed later).
    case downAfterClose(since: Date)
}
