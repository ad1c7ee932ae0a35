/// Why a post failed, said without the URL's path, which holds the webhook's secret.
public enum PostError: Error, Sendable, CustomStringConvertible {
    /// The address is not an http or https URL.
    case badAddress
    /// No answer in time, twice.
    case timedOut(host: String)
    /// The server answered with an error status (and this body): a client error at once, a server
    /// error after the retry.
    case refused(host: String, status: Int, answer: String)
    /// No connection.
    case unreachable(host: String, reason: String)
    /// Connected, the request sent, and the connection closed with no answer.
    case noAnswer(host: String, reason: String)
    /// The TLS handshake failed: a certificate not trusted, or not for this host.
    case untrusted(host: String, reason: String)

    /// Whether a TLS connection failed because the other end answered in plain HTTP (OpenSSL and
    /// BoringSSL call its first bytes a wrong version number): no certificate was ever shown.
    public var speaksPlainHTTP: Bool {
        if case .untrusted(_, let reason) = self { reason.contains("WRONG_VERSION_NUMBER") } else { false }
    }

    public var description: String {
        switch self {
        case .badAddress:
            "the post address is not an http:// or https:// URL; pass --post URL or a name from the [post] table"
        case .timedOut(let host):
            "posting to \(host) timed out, twice; the report was not sent and nothing was marked"
        case .refused(let host, let status, _) where status >= 500:
            "\(host) failed with HTTP \(status), twice; the report was not sent and nothing was marked. Try again later"
        case .refused(let host, let status, _):
            "\(host) refused the report (HTTP \(status)); check the webhook URL. Nothing was marked"
        case .untrusted(let host, _) where speaksPlainHTTP:
            "\(host) does not speak TLS (an http:// address given as https://?); the report was not sent and "
                + "nothing was marked"
        case .untrusted(let host, let reason):
            "the TLS connection to \(host) failed (\(reason)); its certificate is not trusted. Nothing was marked"
        case .unreachable(let host, let reason):
            "cannot reach \(host) (\(reason)); the report was not sent and nothing was marked"
        case .noAnswer(let host, let reason):
            "\(host) closed the connection without an answer (\(reason)), twice; the report may not have "
                + "arrived, and nothing was marked"
        }
    }
}
