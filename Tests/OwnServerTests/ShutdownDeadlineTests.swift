import Synchronization
import Testing
import UnixSignals

@testable import OwnServer

/// The last word on a stop (`ShutdownDeadline`): after the signal and the wait, the process ends,
/// whatever still runs; with no signal it never does.
@Suite("The shutdown deadline")
struct ShutdownDeadlineTests {
    @Test func aSignalThenTheWaitEndsTheProcess() async {
        let (signals, signal) = AsyncStream<UnixSignal>.makeStream()
        let (waited, pass) = AsyncStream<Void>.makeStream()
        let ended = Mutex(0)
        let watching = Task {
            await ShutdownDeadline.watch(signals, wait: { for await _ in waited {} }) { ended.withLock { $0 += 1 } }
        }
        signal.yield(.sigterm)
        signal.yield(.sigint)
        pass.finish()
        await watching.value
        #expect(ended.withLock { $0 } == 1, "once, after the wait")
    }

    @Test func noSignalNeverEndsIt() async {
        let (signals, signal) = AsyncStream<UnixSignal>.makeStream()
        let ended = Mutex(false)
        signal.finish()
        await ShutdownDeadline.watch(signals, wait: {}, end: { ended.withLock { $0 = true } })
        #expect(!ended.withLock { $0 })
    }
}
