import Foundation
import Testing

@testable import OwnCLI

@Suite("own remote's edit of the configuration")
struct RemoteSettingTests {
    /// A remote written as an inline table is replaced by the table `own remote` writes: TOML refuses
    /// both, and the edit was refused with a line number the file did not have.
    @Test func anInlineRemoteIsReplacedAndEveryOtherLineKept() throws {
        let text = "user = \"ana\"\nremote = { url = \"http://old\", token-file = \"/t\" }\n\n[post]\nteam = \"x\"\n"
        let written = Configuration.settingRemote(in: text, url: "http://127.0.0.1:8080", tokenFile: "/tok")
        #expect(
            written
                == "user = \"ana\"\n\n[post]\nteam = \"x\"\n\n[remote]\nurl = \"http://127.0.0.1:8080\"\n"
                + "token-file = \"/tok\"\n"
        )
        try Configuration.parse(written, path: "config.toml").validate()
    }

    /// The server moved: a new URL keeps the remote's token file; with no remote yet, the file is asked for.
    @Test func aNewURLKeepsTheTokenFile() throws {
        let own = OwnBinary()
        let first = own("remote", "http://127.0.0.1:9")
        #expect(first.code == 2)
        #expect(first.stderr == "own: give the token's file: own remote http://127.0.0.1:9 --token-file FILE\n")
        let token = own.file("ana.token", "own_secret\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: token)
        #expect(own("remote", "http://127.0.0.1:9", "--token-file", token).code == 0)
        let moved = own("remote", "http://127.0.0.1:10/")
        #expect(moved.code == 0, "\(moved.stderr)")
        #expect(own("remote").stdout.hasPrefix("http://127.0.0.1:10 (token in \(token);"), "\(own("remote").stdout)")
    }

    /// The token writes events as its person: a token file others can read is said, with the fix.
    @Test func aTokenFileOthersCanReadIsSaid() throws {
        let own = OwnBinary()
        let token = own.file("ana.token", "own_secret\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: token)
        let open = own("remote", "http://127.0.0.1:9", "--token-file", token)
        #expect(open.code == 0)
        #expect(
            open.stderr.contains("others can read the token file \(token) (mode 644); `chmod 600"),
            "\(open.stderr)"
        )
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: token)
        #expect(own("remote", "http://127.0.0.1:9", "--token-file", token).stderr.isEmpty)
        // Made readable later: said at the next use of the remote too (nothing listens on port 9).
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: token)
        let sync = own("sync", "--timeout", "2")
        #expect(sync.stderr.contains("others can read the token file \(token) (mode 640)"), "\(sync.stderr)")
    }
}
