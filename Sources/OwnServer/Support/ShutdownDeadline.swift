import Foundation
public import Logging
import UnixSignals

/// The last word on a stop. SIGTERM or SIGINT lets requests in flight and the background passes
/// finish for `TeamServer.shutdownGrace`, then cancels them; but work that does not heed
/// cancellation (a write on a connection PostgreSQL dropped mid-push) kept the process alive for
/// minutes after the signal, and a supervisor waiting for it to exit never started it again. Once
/// a stop was asked for, the process ends `extra` after the grace, whatever still runs.
public enum ShutdownDeadline {
    /// How long after the grace a stop may take before the process ends regardless.
    static let extra: Duration = .seconds(5)

    /// Waits for the first of `signals`, then for `wait`, then calls `end`: the whole rule, with what
    /// takes time given by the caller.
    static func watch(
        _ signals: some AsyncSequence<UnixSignal, Never>,
        wait: @Sendable () async -> Void,
        end: @Sendable () -> Void
    ) async {
        for await _ in signals {
            await wait()
            end()
            return
        }
    }

    /// Arms the deadline for this process: SIGTERM or SIGINT, then the grace and `extra`, then exit
    /// status 1 with a line in the log that says why.
    public static func arm(logger: Logger) {
        Task.detached {
            let signals = await UnixSignalsSequence(trapping: .sigterm, .sigint)
            let limit = TeamServer.shutdownGrace + extra
            await watch(
                signals,
                wait: {
                    // Said at once: an operator's Ctrl-C was followed by up to ten silent seconds.
                    logger.notice(
                        "stopping: requests in flight and passes under way have \(TeamServer.shutdownGrace.components.seconds) s to finish"
                    )
                    try? await Task.sleep(for: limit)
                }
            ) {
                logger.critical(
                    "the server did not stop within \(limit.components.seconds) s of the signal (work in flight ignored its cancellation); exiting"
                )
                exit(1)
            }
        }
    }
}
