public import Foundation
public import OwnCore
import TeamStore

extension MonitorDriver {
    /// Tells the monitors of `team` what pushed `events` did to their incident loops. One its owner
    /// ended leaves its monitor with no incident open from now on (its next failure opens a new loop),
    /// not only once the monitor is next pinged. One reopened, when its monitor has none open, is
    /// the open one again: its next failure is a note on it, where a second loop was opened. Should
    /// this fail, the monitor's next ping or scan closes an ended loop as before: the push stands
    /// either way.
    public func incidentLoopsChanged(by events: [Event], team: String, now: Date) async {
        func keys(_ types: Set<EventType>) -> Set<String> {
            Set(events.filter { types.contains($0.type) && $0.loop.hasPrefix("inc-") }.map(\.loop))
        }
        // An undo (a retraction) may do either: of a done, it reopens the loop; of a reopen, it ends it.
        // Each is judged by the loop as it is now.
        let (ended, reopened) = (keys([.done, .dropped, .retracted]), keys([.reopened, .retracted]))
        guard !ended.isEmpty || !reopened.isEmpty, let monitors = try? await store.monitors(team: team) else {
            return
        }
        for monitor in monitors.sorted(by: { $0.uuid < $1.uuid }) {
            if let key = monitor.incidentLoop, ended.contains(key) {
                _ = try? await apply(uuid: monitor.uuid) { read in read.team == team ? .tick(at: now) : nil }
            }
            let prefix = Self.incidentPrefix(uuid: monitor.uuid)
            for key in reopened.filter({ $0.hasPrefix(prefix) }).sorted() {
                guard let loop = try? await store.loop(team: team, key: key, asOf: nil), loop.state.isLive else {
                    continue
                }
                _ = try? await apply(uuid: monitor.uuid) { read in
                    read.team == team && !read.state.incidentOpen ? .incidentReopened(loop: key) : nil
                }
            }
        }
    }
}
