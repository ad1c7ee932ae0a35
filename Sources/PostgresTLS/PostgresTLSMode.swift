public import NIOSSL
public import OwnCore
public import PostgresNIO

/// How a connection to PostgreSQL uses TLS, as libpq's `sslmode` names it: the one reading of a
/// `--database-url`'s `sslmode` for the team server's store and for the gate.
public enum PostgresTLSMode: String, Sendable, CaseIterable {
    /// Never.
    case disable
    /// When the server offers it, without checking its certificate (libpq's default).
    case prefer
    /// Always, without checking the certificate.
    case require
    /// Always, with a certificate signed by a trusted authority, for any host name.
    case verifyCA = "verify-ca"
    /// Always, with a trusted certificate for this host name.
    case verifyFull = "verify-full"

    /// The mode a URL's options ask for (`prefer` when they name none), or why they cannot be read:
    /// `sslmode` is the one option taken.
    public static func reading(_ options: [PostgresURL.Option], program: String) -> Result<Self, OptionError> {
        var mode = Self.prefer
        for option in options {
            guard option.name == "sslmode" else {
                return .failure(
                    OptionError(reason: "the option \"\(option.name)\" is not one \(program) reads; only sslmode is")
                )
            }
            guard let read = Self(rawValue: option.value) else {
                let modes = allCases.map(\.rawValue).joined(separator: ", ")
                return .failure(OptionError(reason: "sslmode must be one of \(modes)"))
            }
            mode = read
        }
        return .success(mode)
    }

    /// Why a URL's options cannot be read.
    public struct OptionError: Error, Sendable {
        /// What is wrong, for a person.
        public var reason: String
    }

    /// NIOSSL's client configuration for the mode.
    public var configuration: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch self {
        case .disable, .prefer, .require: configuration.certificateVerification = .none
        case .verifyCA: configuration.certificateVerification = .noHostnameVerification
        case .verifyFull: configuration.certificateVerification = .fullVerification
        }
        return configuration
    }

    /// The TLS of one connection.
    public func connection() throws -> PostgresConnection.Configuration.TLS {
        switch self {
        case .disable: .disable
        case .prefer: .prefer(try NIOSSLContext(configuration: configuration))
        case .require, .verifyCA, .verifyFull: .require(try NIOSSLContext(configuration: configuration))
        }
    }

    /// The TLS of a pool's connections.
    public var client: PostgresClient.Configuration.TLS {
        switch self {
        case .disable: .disable
        case .prefer: .prefer(configuration)
        case .require, .verifyCA, .verifyFull: .require(configuration)
        }
    }
}
