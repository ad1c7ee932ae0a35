import Foundation

/// The signals `own run` passes on to its command, rather than dying of them: a supervisor that
/// stops the wrapper (SIGTERM, SIGHUP) or a `kill -INT` of it left the command running without its
/// parent and the monitor `started` until its runtime ran out, with no exit status sent. The command
/// ends as it ends, and that is pinged. A Ctrl-C at a terminal reaches the command already (one
/// process group): it is not sent twice.
enum RunSignals {
    static let passedOn = [SIGINT, SIGTERM, SIGHUP]

    /// Handles them from now on: passed to the command once it runs (`child`). One ignored where
    /// `own run` was started (`nohup`, a job started with `&` by a script) stays ignored, for the
    /// command too.
    static func passOn() {
        var handled = sigset_t()
        sigemptyset(&handled)
        for number in passedOn {
            if isIgnored(number) { continue }
            sigaddset(&handled, number)
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = passToChild
            action.sa_flags = SA_SIGINFO | SA_RESTART
            sigemptyset(&action.sa_mask)
            sigaction(number, &action, nil)
        }
        // Unblocked too: blocked where `own run` was started from, they would never reach it.
        pthread_sigmask(SIG_UNBLOCK, &handled, nil)
    }

    /// Whether a signal is ignored here (its handler is `SIG_IGN`, which C compares as a pointer).
    private static func isIgnored(_ number: Int32) -> Bool {
        var current = sigaction()
        sigaction(number, nil, &current)
        return unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self)
            == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    /// The command's process, once spawned; a signal that came before it is passed on now.
    static func child(_ pid: pid_t) {
        runningChild = pid
        let pending = pendingSignal
        if pending != 0 { kill(pid, pending) }
    }

    /// The default handling back, once the command has ended.
    static func stop() {
        runningChild = 0
        for number in passedOn {
            if !isIgnored(number) { signal(number, SIG_DFL) }
        }
    }
}

/// The running command's process id, for the handler (0 before it runs).
nonisolated(unsafe) private var runningChild: pid_t = 0
/// A signal that came before the command ran, passed on once it does.
nonisolated(unsafe) private var pendingSignal: Int32 = 0

/// A signal's handler: only `kill`, which a handler may call. A SIGINT the terminal sent (its code
/// `SI_KERNEL`) went to the command too.
private func passToChild(_ number: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _: UnsafeMutableRawPointer?) {
    if number == SIGINT, let code = info?.pointee.si_code, code == Int32(SI_KERNEL) { return }
    guard runningChild > 0 else {
        pendingSignal = number
        return
    }
    kill(runningChild, number)
}
