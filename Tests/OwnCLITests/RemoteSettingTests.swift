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

    /// A URL `own sync` would refuse is refused when it is set, and nothing is written: no host, a
    /// blank inside, a port past 65535 (which the sync took as "connection refused").
    @Test func aURLTheSyncCannotUseIsRefusedWhenSet() throws {
        let own = OwnBinary()
        let token = own.file("ana.token", "own_secret\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: token)
        for url in ["http://:80", "http:// 127.0.0.1", "http://127.0.0.1:99999", "http://", "ftp://127.0.0.1"] {
            let run = own("remote", url, "--token-file", token)
            #expect(run.code == 2, "\(url)")
            #expect(run.stderr.contains("the server's URL must be http:// or https:// with a host"), "\(run.stderr)")
        }
        #expect(own("remote").stdout.hasPrefix("no remote;"), "\(own("remote").stdout)")
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

    /// Blanks around the URL or the token's file are no part of them, given to `own remote` or written
    /// in the configuration: `url = " http://…"` failed every command, and a padded file name was kept.
    @Test func blanksAroundTheURLAndTheTokenFileAreNoPartOfThem() throws {
        let own = OwnBinary()
        let token = own.file("ana.token", "own_secret\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: token)
        let set = own("remote", " http://127.0.0.1:9 ", "--token-file", " \(token) ")
        #expect(set.code == 0, "\(set.stderr)")
        #expect(own("remote").stdout.hasPrefix("http://127.0.0.1:9 (token in \(token);"), "\(own("remote").stdout)")
        try FileManager.default.createDirectory(atPath: own.folder + "/config/own", withIntermediateDirectories: true)
        let padded = "[remote]\nurl = \" http://127.0.0.1:10 \"\ntoken-file = \" \(token) \"\n"
        _ = own.file("config/own/config.toml", padded)
        let listed = own("list")
        #expect(listed.code == 0, "\(listed.stderr)")
        #expect(own("remote").stdout.hasPrefix("http://127.0.0.1:10 (token in \(token);"), "\(own("remote").stdout)")
    }

    /// `~/` is `$HOME`, as the ledger's own folder is found: in the configuration's token file (and
    /// repos) and given to `own remote`. It was the account's home from the system, elsewhere under
    /// `sudo -E`, in CI and containers (here HOME is the test's folder).
    @Test func aTildeIsTheHomeFolderTheEnvironmentNames() throws {
        let own = OwnBinary()
        let token = own.file("ana.token", "own_secret\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: token)
        #expect(own("remote", "http://127.0.0.1:9", "--token-file", "~/ana.token").code == 0)
        #expect(own("remote").stdout.hasPrefix("http://127.0.0.1:9 (token in \(token);"), "\(own("remote").stdout)")
        try FileManager.default.createDirectory(atPath: own.folder + "/config/own", withIntermediateDirectories: true)
        _ = own.file(
            "config/own/config.toml",
            "[remote]\nurl = \"http://127.0.0.1:10\"\ntoken-file = \"~/ana.token\"\n"
        )
        #expect(own("remote").stdout.hasPrefix("http://127.0.0.1:10 (token in \(token);"), "\(own("remote").stdout)")
    }

    /// `--config c.toml` names a file in the current folder; a configuration that cannot be written
    /// leaves the sync's state as it was (a failed command changes nothing).
    @Test func aConfigurationInTheCurrentFolderGetsTheRemoteAndOneThatCannotBeWrittenChangesNothing() throws {
        let own = OwnBinary()
        let token = own.file("ana.token", "own_secret\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: token)
        _ = own.file("c.toml", "user = \"ana\"\n")
        let set = own.shell("cd \"$HOME\" && \"$OWN\" remote http://127.0.0.1:9 --token-file ana.token --config c.toml")
        #expect(set.code == 0, "\(set.stderr)")
        let written = try String(contentsOfFile: own.folder + "/c.toml", encoding: .utf8)
        #expect(written.contains("[remote]") && written.contains("token-file = \"\(token)\""), "\(written)")
        // A file where the file's folder should be: refused, and no remote state is made for the ledger.
        _ = own.file("not-a-folder", "")
        let other = own.folder + "/other.sqlite"
        #expect(own("add", "Mine", "--db", other).code == 0)
        let config = own.folder + "/not-a-folder/c.toml"
        let refused = own("remote", "http://127.0.0.1:9", "--token-file", token, "--config", config, "--db", other)
        #expect(refused.code == 2, "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: other + ".remote"))
        // A --config not there yet is made, as the default one is (it was refused: "does not exist").
        let new = own.folder + "/new.toml"
        let made = own("remote", "http://127.0.0.1:9", "--token-file", token, "--config", new, "--db", other)
        #expect(made.code == 0, "\(made.stderr)")
        #expect(try String(contentsOfFile: new, encoding: .utf8).contains("[remote]"))
        // Reading it still asks for the file given.
        #expect(own("remote", "--config", own.folder + "/nope.toml", "--db", other).code == 2)
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
