import Foundation

// `own-post URL TIMEOUT-SECONDS < PAYLOAD`: posts a report to a webhook for `own … --post`. It is
// its own executable so that SwiftNIO and BoringSSL load only when a report is posted, not at the
// start of every `own` command. Exit status: 0 delivered, 1 not delivered, 2 not a usable address.
let arguments = CommandLine.arguments
guard arguments.count == 3, let timeout = Double(arguments[2]), timeout > 0 else {
    FileHandle.standardError.write(Data("usage: own-post URL TIMEOUT-SECONDS < PAYLOAD\n".utf8))
    exit(2)
}
let payload = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
do {
    try await WebhookPoster(timeoutSeconds: timeout).post(payload, to: arguments[1])
    exit(0)
} catch {
    FileHandle.standardError.write(Data("own: \(error.description)\n".utf8))
    if case .badAddress = error { exit(2) }
    exit(1)
}
