import Foundation
import OwnCLI

// A write past `ulimit -f` should fail with an error the ledger reports (EFBIG), not kill the
// process in the middle of it.
signal(SIGXFSZ, SIG_IGN)
let code = Own.refusingArgumentsNotUTF8() ?? Own.run(arguments: Array(CommandLine.arguments.dropFirst()))
// Flush what was printed and leave: the exit handlers of the libraries own links have nothing to
// save (the ledger is committed, and kept open on purpose), and running them costs a command
// about 0.15 ms.
fflush(nil)
_exit(code)
