import Foundation
import Testing

@Suite("One way to write standard error, shared by own, own-gate, own-post and own-server")
struct StandardErrorTests {
    @Test func onlyStandardErrorWritesToDescriptorTwo() throws {
        for (path, text) in try SourceFiles.all() where path != "Sources/OwnOutput/StandardError.swift" {
            for needle in ["FileHandle.standardError", "write(2,", "fputs(", "fflush(stderr"] {
                #expect(!text.contains(needle), "\(path) writes standard error itself (\(needle))")
            }
        }
    }

    @Test func everyExecutableWritesOneOwnLineAndExitsTwoOnBadInput() {
        let own = OwnBinary()
        let folder = URL(fileURLWithPath: OwnBinary.executable).deletingLastPathComponent().path
        let post = own.run(["http://127.0.0.1:1/x", "soon"], executable: folder + "/own-post")
        #expect(post.code == 2)
        #expect(post.stderr.hasPrefix("usage: own-post URL TIMEOUT-SECONDS"), "\(post.stderr)")
        let postBadAddress = own.run(["ftp://127.0.0.1/x", "1"], stdin: "{}", executable: folder + "/own-post")
        #expect(postBadAddress.code == 2)
        #expect(postBadAddress.stderr.hasPrefix("own: ") && postBadAddress.stderr.filter { $0 == "\n" }.count == 1)
        let gate = own.run(["check", "--explain", "no-such-rule"], executable: folder + "/own-gate")
        #expect(gate.code == 2)
        #expect(gate.stderr == "own: no rule named no-such-rule; run own gate --explain all to list them\n")
        let list = own("list", "--stakes", "huge")
        #expect(list.code == 2)
        #expect(list.stderr.hasPrefix("own: ") && list.stderr.filter { $0 == "\n" }.count == 1)
    }
}
