public import Foundation

/// When a failed delivery is tried again: after `firstDelay`, doubling each time up to `maxDelay`,
/// for as long as the retry still falls within `giveUpAfter` of the message's creation; then never.
public struct RetryPolicy: Sendable, Equatable {
    /// The wait after the first failure.
    public var firstDelay: TimeInterval
    /// The longest wait between two attempts.
    public var maxDelay: TimeInterval
    /// How long after its creation a message is still tried.
    public var giveUpAfter: TimeInterval

    /// The server's policy: 30 s, 1 min, 2 min … at most 15 min apart, for up to an hour.
    public static let standard = RetryPolicy(firstDelay: 30, maxDelay: 900, giveUpAfter: 3600)

    /// A policy.
    public init(firstDelay: TimeInterval, maxDelay: TimeInterval, giveUpAfter: TimeInterval) {
        self.firstDelay = firstDelay
        self.maxDelay = maxDelay
        self.giveUpAfter = giveUpAfter
    }

    /// When to try again after the `failures`-th failed attempt (1 for the first) ended at `at`, for
    /// a message made at `createdAt`; nil to give up.
    public func retryAt(failures: Int, at: Date, createdAt: Date) -> Date? {
        let exponent = Double(max(0, min(failures - 1, 30)))
        let delay = min(maxDelay, firstDelay * pow(2, exponent))
        let next = at.addingTimeInterval(delay)
        return next.timeIntervalSince(createdAt) <= giveUpAfter ? next : nil
    }
}
