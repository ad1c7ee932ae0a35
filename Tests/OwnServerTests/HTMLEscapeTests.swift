import Mustache
import Testing

@testable import OwnServer

@Suite("The dashboard's own HTML escaping")
struct HTMLEscapeTests {
    @Test func itEscapesExactlyAsTheTemplatesDo() throws {
        let template = try MustacheTemplate(string: "{{text}}")
        for text in [
            "", "plain words", "<script>alert(1)</script>", #""><img src=x onerror=alert(1)>"#,
            "Tom & Jerry's \"show\"", "naïve café — 東京 <b>太字</b> 👩‍👩‍👧 &amp;", String(repeating: "W<", count: 5_000),
        ] {
            #expect(HTMLEscape.escape(text) == template.render(["text": text]))
        }
    }
}
