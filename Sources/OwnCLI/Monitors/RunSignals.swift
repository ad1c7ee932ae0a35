import Foundation

/// The signals `own run` passes on to its command, rather than dying of them: a supervisor that
/// stops the wrapper (SIGTERM, SIGHUP) or a `kill -INT` of it left the command running without its
/// parent and the monitor `started` until its runtime ran out, with no exit status sent. The command
/// ends as it ends, and that is pinged. A Ctrl-C at a terminal reaches the command already (one
/// process group): it is not sent twice.
enum RunSignals {
    static let passedOn = [SIGINT, SIGTERM, SIGHUP]

    /// Handles them from now on: passed to the command once it runs (`child`).
    static func passOn() {
        // Unblocked too: blocked where `own run` was started from, they would never reach it.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for number in passedOn { sigaddset(&unblocked, number) }
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
        for number in passedOn {
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = passToChild
            action.sa_flags = SA_SIGINFO | SA_RESTART
            sigemptyset(&action.sa_mask)
            sigaction(number, &action, nil)
        }
    }

    /// The command's process, once spawned.
    static func child(_ pid: pid_t) { runningChild = pid }

    /// The default handling back, once the command has ended.
    static func stop() {
        runningChild = 0
        for number in passedOn { signal(number, SIG_DFL) }
    }
}

/// The running command's process id, for the handler (0 before it runs).
nonisolated(unsafe) private var runningChild: pid_t = 0

/// A signal's handler: only `kill`, which a handler may call. A SIGINT the terminal sent (its code
/// `SI_KERNEL`) went to the command too.
private func passToChild(_ number: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _: UnsafeMutableRawPointer?) {
    guard runningChild > 0 else { return }
    if number == SIGINT, let code = info?.pointee.si_code, code == Int32(SI_KERNEL) { return }
    kill(runningChild, number)
}
