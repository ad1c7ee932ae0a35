import Foundation

/// Async work started from a synchronous command and waited for on the command's thread: how the
/// reports read git (through swift-subprocess, which is async) while they read the ledger.
///
/// The waiting thread must not be one of Swift's concurrency pool (the executable's main thread is
/// not), or the work could wait for the very thread that waits for it.
final class Pending<Value: Sendable>: @unchecked Sendable {
    private var value: Value?
    private let finished = DispatchSemaphore(value: 0)

    /// Starts `work` in a task of its own.
    init(_ work: @escaping @Sendable () async -> Value) {
        Task.detached {
            self.value = await work()
            self.finished.signal()
        }
    }

    /// Waits for the work to finish and returns what it gave.
    func wait() -> Value {
        finished.wait()
        // swift-format-ignore: NeverForceUnwrap
        // `value` is set before `finished` is signalled.
        return value!
    }
}
