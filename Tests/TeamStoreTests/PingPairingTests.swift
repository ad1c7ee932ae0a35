import Foundation
import OwnCore
import TeamStore
import Testing

/// A finish's duration, as the pings list shows it, is its own run's: healthchecks pairs each finish
/// with the start of the same run id.
@Suite("Pings paired with their runs")
struct PingPairingTests {
    static func ping(
        _ kind: MonitorPing.Kind,
        _ seconds: Double,
        rid: String?,
        duration: Double? = nil
    )
        -> MonitorPingRecord
    {
        MonitorPingRecord(
            at: Date(timeIntervalSince1970: 1_800_000_000 + seconds),
            kind: kind,
            rid: rid,
            method: "GET",
            duration: duration
        )
    }

    @Test func overlappingRunsEachGetTheirOwnDuration() {
        // Newest first, as listed: A starts, B starts, A finishes (the monitor followed B's start
        // only, so it stored no duration), B finishes (stored 7 s).
        let listed = [
            Self.ping(.success, 10, rid: "b", duration: 7),
            Self.ping(.log, 6, rid: "a"),
            Self.ping(.exitStatus(0), 5, rid: "a"),
            Self.ping(.start, 3, rid: "b"),
            Self.ping(.start, 1, rid: "a"),
            Self.ping(.success, 0, rid: nil),
        ]
        let paired = MonitorPingRecord.pairingRuns(listed)
        #expect(paired.map(\.duration) == [7, nil, 4, nil, nil, nil])
        // A finish whose start is no longer listed, or with no run id, stays without one.
        #expect(MonitorPingRecord.pairingRuns([Self.ping(.fail, 5, rid: "c")]).map(\.duration) == [nil])
        // A second finish of one run id pairs with nothing: its start was taken by the first.
        let twice = [
            Self.ping(.success, 9, rid: "d"), Self.ping(.success, 5, rid: "d"), Self.ping(.start, 1, rid: "d"),
        ]
        #expect(MonitorPingRecord.pairingRuns(twice).map(\.duration) == [nil, 4, nil])
    }
}
