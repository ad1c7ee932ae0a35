/// What a job reported: the kind of ping, and the run id that pairs a start with its finish.
public struct MonitorPing: Sendable, Hashable {
    /// The kinds of ping healthchecks knows.
    public enum Kind: Sendable, Hashable {
        /// `/ping/<uuid>`: the job ran and succeeded.
        case success
        /// `/start`: a run began.
        case start
        /// `/fail`: the job ran and failed.
        case fail
        /// `/log`: a message; changes no status.
        case log
        /// `/<0-255>`: the job's exit status; 0 is a success, anything else a failure.
        case exitStatus(Int)
    }

    /// What the ping says.
    public var kind: Kind
    /// The `rid` query parameter, if given.
    public var rid: String?

    /// A ping of a kind, with an optional run id.
    public init(_ kind: Kind, rid: String? = nil) {
        self.kind = kind
        self.rid = rid
    }
}
