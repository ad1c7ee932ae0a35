public import Foundation
public import OwnCore

/// One ping as the store keeps it (the last `MonitorPingRecord.kept` of each monitor): its number,
/// instant, kind, run id, how it came, and the first `bodyLimit` bytes of its body.
public struct MonitorPingRecord: Sendable, Hashable {
    /// How many pings of each monitor are kept; older ones are dropped as new ones come.
    public static let kept: Int64 = 100
    /// How many bytes of a body are kept (healthchecks' `Ping-Body-Limit`).
    public static let bodyLimit = 10_000

    /// Its number among the monitor's pings (1, 2, …); given by the store.
    public var number: Int64
    /// When it arrived.
    public var at: Date
    /// What it said.
    public var kind: MonitorPing.Kind
    /// The `rid` it carried.
    public var rid: String?
    /// The HTTP method, or how else it came (`cli`).
    public var method: String
    /// The client's address, if known.
    public var remoteAddress: String?
    /// The client's User-Agent, if any.
    public var userAgent: String?
    /// The body, cut to `bodyLimit` bytes.
    public var body: Data
    /// The run's duration, when this finish paired with a start.
    public var duration: TimeInterval?

    /// A ping; the body is cut to `bodyLimit` bytes. `number` is given by the store on save.
    public init(
        at: Date,
        kind: MonitorPing.Kind,
        rid: String? = nil,
        method: String,
        remoteAddress: String? = nil,
        userAgent: String? = nil,
        body: Data = Data(),
        duration: TimeInterval? = nil,
        number: Int64 = 0
    ) {
        self.number = number
        self.at = at
        self.kind = kind
        self.rid = rid
        self.method = method
        self.remoteAddress = remoteAddress
        self.userAgent = userAgent
        self.body = body.prefix(Self.bodyLimit)
        self.duration = duration
    }

    /// The kind as stored: `success`, `start`, `fail`, `log`, or the exit status's digits.
    var kindText: String {
        switch kind {
        case .success: "success"
        case .start: "start"
        case .fail: "fail"
        case .log: "log"
        case .exitStatus(let code): String(code)
        }
    }

    /// A kind from its stored text; a success for text this version does not know.
    static func kind(_ text: String) -> MonitorPing.Kind {
        switch text {
        case "start": .start
        case "fail": .fail
        case "log": .log
        default: Int(text).map { .exitStatus($0) } ?? .success
        }
    }
}

extension MonitorPingRecord {
    /// The pings as listed (newest first), each finish that carries a run id and no duration given
    /// the time since its own run's start among them, as healthchecks pairs them: the monitor follows
    /// one run at a time, so of two overlapping runs the first one's finish showed none.
    public static func pairingRuns(_ pings: [MonitorPingRecord]) -> [MonitorPingRecord] {
        var paired = pings
        var starts: [String: Date] = [:]
        for index in paired.indices.reversed() {
            guard let rid = paired[index].rid else { continue }
            switch paired[index].kind {
            case .log: continue
            case .start: starts[rid] = paired[index].at
            case .success, .fail, .exitStatus:
                if paired[index].duration == nil, let start = starts[rid] {
                    paired[index].duration = paired[index].at.timeIntervalSince(start)
                }
                starts[rid] = nil
            }
        }
        return paired
    }
}
