import TeamStore

/// The group commit of pings: requests wait in a queue while one writer task saves the batch before
/// them, then the writer takes everything that queued up meanwhile and saves it in one transaction
/// (`MonitorDriver.apply(_:)`). Each request resumes only once its batch is committed, so a 200 still
/// means the ping is stored. Under load a batch holds about one ping per open connection; alone, a
/// ping is its own batch and waits for nobody. The writer keeps the monitors as it last saved them,
/// so a batch reads from the store only the monitors it has not seen or that another writer (the
/// deadline scanner, the API, another server) has saved since: their compare-and-set fails and the
/// driver reads them again.
actor PingWriter {
    let driver: MonitorDriver
    typealias Reply = CheckedContinuation<MonitorDriver.Outcome?, any Error>
    private var queue: [(request: MonitorDriver.Request, reply: Reply)] = []
    private var writing = false
    private var known: [String: MonitorRecord] = [:]

    /// The most requests one transaction takes; the rest wait for the next.
    static let batchLimit = 1024

    init(driver: MonitorDriver) {
        self.driver = driver
    }

    /// Applies one request in the next batch; returns (or throws) what `MonitorDriver.apply` does for it.
    func apply(_ request: MonitorDriver.Request) async throws -> MonitorDriver.Outcome? {
        try await withCheckedThrowingContinuation { reply in
            queue.append((request, reply))
            if !writing {
                writing = true
                Task { await write() }
            }
        }
    }

    /// Saves batches until the queue is empty. While a batch is saved, the actor takes new requests.
    private func write() async {
        while !queue.isEmpty {
            let batch = queue.prefix(Self.batchLimit)
            queue.removeFirst(batch.count)
            // Taken out while the batch is saved, so that its changes do not copy it.
            var known: [String: MonitorRecord] = [:]
            swap(&known, &self.known)
            let results = await driver.apply(batch.map { $0.request }, known: &known)
            self.known = known
            for (entry, result) in zip(batch, results) { entry.reply.resume(with: result) }
        }
        writing = false
    }
}
