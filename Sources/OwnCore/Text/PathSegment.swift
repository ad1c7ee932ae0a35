public import Foundation

/// A loop's key (or a check's name) as one segment of a URL's path. Keys may hold spaces, letters
/// beyond ASCII, `/`, `?` and `#`: a link encodes every byte but the unreserved ones, and a route
/// decodes the segment it is given (Hummingbird hands it over as written), so every key opens.
public enum PathSegment {
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
    )

    /// `text` percent-encoded for one path segment.
    public static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// A path segment as the text it encodes; as written when it is no valid encoding.
    public static func decoded(_ segment: String) -> String {
        segment.removingPercentEncoding ?? segment
    }
}
