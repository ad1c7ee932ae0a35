import Foundation
import OwnCore
import Synchronization

/// How a read decodes its loops: on the thread that steps the query, and for a long read on two.
/// The doctor reads every live loop (17,700 over the benchmark ledger), and decoding their bodies was
/// 38% of its work. Past `decodedAlone` rows, every other run of bodies is copied and decoded on
/// another thread while the reading thread decodes the runs between, so a list of a few hundred
/// loops never starts a thread. The order of the loops is not kept: the caller sorts them by number.
struct SharedDecoding {
    /// The loops a read decodes alone before it shares the work.
    static let decodedAlone = 2_000
    /// The bodies in one run: copied at most this many at a time.
    static let runLength = 256

    private let path: String
    private let reading: Loop.Reading
    /// The other thread's queue, made when the first run is sent.
    private var queue: DispatchQueue?
    private let decoded = Decoded()
    /// The run being gathered for the other thread, and where each body in it ends.
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    /// Whether the next run is this thread's to decode.
    private var ours = false
    private var taken = 0

    init(path: String, reading: Loop.Reading) {
        self.path = path
        self.reading = reading
    }

    /// Decodes `body` into `loops` here, or copies it for the other thread, a run at a time.
    mutating func take(_ body: UnsafeBufferPointer<UInt8>, into loops: inout [Loop]) throws {
        if taken >= Self.decodedAlone {
            if (taken - Self.decodedAlone) % Self.runLength == 0 { ours.toggle() }
        } else {
            ours = true
        }
        taken += 1
        if ours {
            loops.append(try Projection.decode(body, path: path, reading: reading))
            return
        }
        bytes.append(contentsOf: body)
        ends.append(bytes.count)
        if ends.count == Self.runLength { send() }
    }

    /// The other thread's loops, once it has decoded every run sent; throws the first body that was
    /// no loop.
    mutating func finish() throws -> [Loop] {
        if !ends.isEmpty { send() }
        guard let queue else { return [] }
        queue.sync {}
        return try decoded.state.withLock { state in
            if let failure = state.failure { throw failure }
            return state.loops
        }
    }

    private mutating func send() {
        let (bytes, ends, path, reading, decoded) = (self.bytes, self.ends, path, reading, decoded)
        self.bytes.removeAll(keepingCapacity: true)
        self.ends.removeAll(keepingCapacity: true)
        let queue = self.queue ?? DispatchQueue(label: "own-ledger-decoding")
        self.queue = queue
        queue.async {
            let result = Result {
                try bytes.withUnsafeBufferPointer { all in
                    var loops: [Loop] = []
                    loops.reserveCapacity(ends.count)
                    var start = 0
                    for end in ends {
                        loops.append(
                            try Projection.decode(
                                UnsafeBufferPointer(rebasing: all[start..<end]),
                                path: path,
                                reading: reading
                            )
                        )
                        start = end
                    }
                    return loops
                }
            }
            decoded.state.withLock { state in
                switch result {
                case .success(let loops): state.loops += loops
                case .failure(let error): state.failure = state.failure ?? error
                }
            }
        }
    }
}

/// What the other thread decoded, and the first failure.
private final class Decoded: Sendable {
    let state = Mutex<(loops: [Loop], failure: (any Error)?)>(([], nil))
}
