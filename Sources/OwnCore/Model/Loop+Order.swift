import Foundation

extension Loop {
    /// The order reports list loops in: by number, then (loops a team server's pages name by key, all
    /// numbered 0) in the order they were created, then by key. By key alone, the dashboard's "New"
    /// came in the order of random keys, another on each server, where the API's came as created.
    public static func inReportOrder(_ first: Loop, _ second: Loop) -> Bool {
        (first.number, first.createdAt, first.key) < (second.number, second.createdAt, second.key)
    }
}
