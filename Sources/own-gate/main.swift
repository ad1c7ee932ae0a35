import ArgumentParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// `own gate ARGS` execs this program with ARGS; it prints and exits exactly as `own` does:
// 0 clean, 1 findings, 2 usage or input error (never ArgumentParser's 64).
do {
    var command = try GateCommand.parseAsRoot()
    if let check = command as? GateCommand.Check {
        try await check.run()
    } else if let stats = command as? GateCommand.Stats {
        try await stats.run()
    } else {
        try command.run()
    }
} catch let code as ExitCode {
    exit(code.rawValue)
} catch {
    let message = GateCommand.fullMessage(for: error)
    if GateCommand.exitCode(for: error) == .success {
        GateCommand.Check.emit(message + "\n")
        exit(0)
    }
    GateCommand.Check.emit(message.hasSuffix("\n") ? message : message + "\n", to: 2)
    exit(2)
}
