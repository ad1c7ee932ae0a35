import Synchronization
import TeamStore

/// The group commit of pings: requests wait in a queue while one writer task saves the batch before
/// them, then the writer takes everything that queued up meanwhile and saves it in one transaction
/// (`MonitorDriver.apply(_:)`). Each request resumes only once its batch is committed, so a 200 still
/// means the ping is stored. Under load a batch holds about one ping per open connection; alone, a
/// ping is its own batch and waits for nobody. The writer keeps the monitors as it last saved them,
/// so a batch reads from the store only the monitors it has not seen or that another writer (the
/// deadline scanner, the API, another server) has saved since: their compare-and-set fails and the
/// driver reads them again.
///
/// Pings go down a few lanes, each with its own queue and writer, a monitor always down the same
/// one (by its uuid's hash): so one lane's batch is being planned and answered while another's
/// commits, and on PostgreSQL several commit at once on separate connections, while each monitor's
/// pings still apply in the order they came, from what its lane last saved. A queue is behind a
/// lock, not an actor: a request appends itself on its own thread and suspends, so requests never
/// line up on one executor to join a batch.
final class PingWriter: Sendable {
    let driver: MonitorDriver
    private let lanes: [Lane]

    /// The lanes for a store: two on SQLite, whose one writer commits one batch at a time, but while
    /// one lane's batch commits the other's is planned and answered, so the writer is not left idle
    /// between batches (measured: about a fifth more pings than one lane, three lanes no better);
    /// four on PostgreSQL, whose connections commit batches side by side.
    static func lanes(for store: any MonitorStore) -> Int { store is PostgresTeamStore ? 4 : 2 }

    init(driver: MonitorDriver, lanes: Int) {
        self.driver = driver
        self.lanes = (0..<max(1, lanes)).map { _ in Lane() }
    }

    /// Applies one request in its lane's next batch; returns (or throws) what `MonitorDriver.apply`
    /// does for it.
    func apply(_ request: MonitorDriver.Request) async throws -> MonitorDriver.Outcome? {
        let lane = lanes[Int(UInt(bitPattern: request.uuid.hashValue) % UInt(lanes.count))]
        return try await lane.apply(request, driver: driver)
    }
}

/// One queue of pings and its writer.
private final class Lane: Sendable {
    typealias Reply = CheckedContinuation<MonitorDriver.Outcome?, any Error>
    private typealias Entry = (request: MonitorDriver.Request, reply: Reply)

    private struct State {
        var queue: [Entry] = []
        /// Whether a writer task is running; it alone then owns `known`.
        var writing = false
        /// The monitors as the writer last saved them, kept between its runs.
        var known: [String: MonitorRecord] = [:]
    }

    private let state = Mutex(State())

    /// The most requests one transaction takes; the rest wait for the next.
    static let batchLimit = 1024

    /// Applies one request in the next batch.
    func apply(_ request: MonitorDriver.Request, driver: MonitorDriver) async throws -> MonitorDriver.Outcome? {
        try await withCheckedThrowingContinuation { reply in
            let start = state.withLock { state in
                state.queue.append((request, reply))
                if state.writing { return false }
                state.writing = true
                return true
            }
            // Above the requests' priority: the writer's steps (planning, resuming after the commit)
            // then run on their own threads instead of queueing behind the very requests it answers.
            if start { Task(priority: .high) { await write(driver) } }
        }
    }

    /// Saves batches until the queue is empty. While a batch is saved, requests keep queueing.
    private func write(_ driver: MonitorDriver) async {
        var known = state.withLock { state in
            var known: [String: MonitorRecord] = [:]
            swap(&known, &state.known)
            return known
        }
        while true {
            // Taken, or the writer stopped, under one lock: a request queued meanwhile either joins
            // this batch or finds `writing` false and starts the next writer.
            let batch = state.withLock { state -> [Entry]? in
                guard !state.queue.isEmpty else {
                    state.writing = false
                    state.known = known
                    return nil
                }
                let batch = Array(state.queue.prefix(Self.batchLimit))
                state.queue.removeFirst(batch.count)
                return batch
            }
            guard let batch else { return }
            let results = await driver.apply(batch.map { $0.request }, known: &known)
            for (entry, result) in zip(batch, results) { entry.reply.resume(with: result) }
        }
    }
}
