/// What the scheduler decided at one instant.
public struct DigestPlan: Sendable, Equatable {
    /// What to send now, oldest first.
    public var due: [DigestSend]
    /// What was never sent and can no longer be, because its working day ended since the scheduler last
    /// looked (every server was down): to log, once.
    public var skipped: [DigestSend]

    /// A plan from its parts.
    public init(due: [DigestSend] = [], skipped: [DigestSend] = []) {
        self.due = due
        self.skipped = skipped
    }
}
