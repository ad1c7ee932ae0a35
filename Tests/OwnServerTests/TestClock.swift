import Foundation
import OwnCore
import Synchronization

/// A clock the test moves.
final class TestClock: Sendable {
    private let instant: Mutex<Date>
    init(_ text: String) { instant = Mutex(Timestamp.parse(text)!) }
    var now: Date { instant.withLock { $0 } }
    func set(_ text: String) { instant.withLock { $0 = Timestamp.parse(text)! } }
}
