public import Foundation

/// A usage or input problem found by a command: exit code 2, one line that says what to do.
public struct CLIError: Error, LocalizedError, Sendable, Equatable {
    /// The message for a person.
    public var message: String

    /// An error with its message.
    public init(_ message: String) {
        self.message = message
    }

    /// The message, as the argument parser and the root print it.
    public var errorDescription: String? { message }
}
