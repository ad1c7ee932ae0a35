// The benchmark's floor: what any command on this ledger must at least pay. It starts a Swift
// process, opens the same SQLite file with the same library (GRDB) and runs one indexed query.
import Foundation
import GRDB

let arguments = CommandLine.arguments
guard arguments.count == 3, let number = Int(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: own-floor LEDGER NUMBER\n".utf8))
    exit(2)
}
var configuration = Configuration()
configuration.busyMode = .timeout(10)
let queue = try DatabaseQueue(path: arguments[1], configuration: configuration)
let body = try queue.read { db in
    try String.fetchOne(db, sql: "SELECT body FROM loops WHERE number = ?", arguments: [number])
}
print(body ?? "")
