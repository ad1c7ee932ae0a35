public import Foundation

/// One failure mode of ownership: a pure function from the loops, the policy, the calendars and the
/// clock to findings. Each rule lives in a file named after it.
public protocol Rule: Sendable {
    /// The rule's name in the contract.
    static var name: RuleName { get }

    /// The findings over some loops, each loop given once; at most one finding per loop (or per owner,
    /// for owner-level rules).
    static func findings(in loops: [Loop], policy: Policy, calendars: Calendars, now: Date) -> [Finding]
}
