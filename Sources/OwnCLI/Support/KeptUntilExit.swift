/// What a command is done with but does not release: `own` ends when the command returns, and the
/// memory goes back with the process. Freeing tens of thousands of loops one by one first costs
/// milliseconds a user waits for.
enum KeptUntilExit {
    nonisolated(unsafe) private static var kept: [Any] = []

    /// Keeps the values to the end of the process.
    static func keep(_ values: Any...) {
        kept.append(contentsOf: values)
    }
}
