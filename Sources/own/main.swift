import Foundation
import OwnCLI

// A write past `ulimit -f` should fail with an error the ledger reports (EFBIG), not kill the
// process in the middle of it.
signal(SIGXFSZ, SIG_IGN)
exit(Own.run(arguments: Array(CommandLine.arguments.dropFirst())))
