import Foundation
import OwnCore
import Testing

@testable import OwnCLI

/// Shell completion: the commands another executable runs (`own gate`, `own serve`, `own server`)
/// complete from that executable's commands, and `--version` is offered where it is taken.
@Suite("Shell completion")
struct CompletionTests {
    /// What `own`'s completion scripts ask it for a word of `own COMMAND …` (the shell's words, the
    /// index of the word completed, the cursor's place in it): each candidate on a line.
    static func complete(_ words: [String]) -> [String] {
        let own = OwnBinary()
        let prefix = words.last ?? ""
        let run = own.run(
            ["---completion", words[1], "--", "positional@0", String(words.count - 1), String(prefix.count)] + words
        )
        return run.stdout.split(separator: "\n").map(String.init)
    }

    @Test func theTeamServersCommandsCompleteFromOwnServer() {
        #expect(Self.complete(["own", "server", ""]) == ["serve", "team", "token", "channel", "person", "help"])
        #expect(Self.complete(["own", "server", "token", ""]) == ["add", "list", "revoke"])
        let options = Self.complete(["own", "server", "token", "add", "--"])
        #expect(options.contains("--role") && options.contains("--team") && !options.contains("--help"), "\(options)")
        #expect(Self.complete(["own", "server", "token", "add", "--te"]) == ["--team"])
        #expect(Self.complete(["own", "serve", "--p"]).contains("--port"))
        #expect(!Self.complete(["own", "serve", "--"]).contains("--team"))
    }

    @Test func theGateCompletesItsDefaultCommandsOptionsAndTheirValues() {
        #expect(Self.complete(["own", "gate", "--format", ""]) == ["text", "gcc", "json", "sarif", "github"])
        #expect(Self.complete(["own", "gate", "--base", "main", "--fail"]) == ["--fail-on"])
        #expect(Self.complete(["own", "gate", "stats", "--"]) == ["--database-url"])
    }

    /// The argument parser's `version` setting listed `--version` under every command, which every
    /// command but `own` refused: now a flag of `own` alone.
    @Test func versionIsOfferedWhereItIsTaken() {
        let own = OwnBinary()
        #expect(own.run(["--version"]).stdout == Own.version + "\n")
        #expect(own.run(["list", "--version"]).code == 2)
        // The gate and the server ship with own, and say the same version (a CI log names the gate's).
        #expect(own.run(["gate", "--version"]).stdout == Own.version + "\n")
        #expect(own.run(["server", "--version"]).stdout == Own.version + "\n")
        // Before a command, it was dropped without a word and the command ran.
        let before = own.run(["--version", "list"])
        #expect(before.code == 2 && before.stdout.isEmpty, "\(before.stdout)")
        #expect(before.stderr == "own: --version goes alone: own --version\n", "\(before.stderr)")
        #expect(!own.run(["list", "--help"]).stdout.contains("--version"))
        for shell in ["bash", "zsh", "fish"] {
            let script = own.run(["--generate-completion-script", shell]).stdout
            // Once for `own` (fish names it twice, as it parses `own`'s words and as it offers it), where
            // it was once for each of the 52 commands.
            let lines = script.split(separator: "\n").filter { $0.contains("version") }
            #expect((1...2).contains(lines.count), "\(shell): \(lines)")
        }
    }

    /// Fish's script numbers a command's positionals by those that have a completion, so a value list
    /// after a positional with none was offered at the first word (`own stage <TAB>` offered the
    /// stages where the loop goes, `own stage 1 <TAB>` nothing): every positional before one with
    /// values has a completion of its own (none offered, for a loop or a monitor's name).
    @Test func fishOffersEachPositionalsValuesAtItsOwnWord() throws {
        let own = OwnBinary()
        let tree = try JSONParser.parse(own.run(["--experimental-dump-help"]).stdout)
        var offenders: [String] = []
        func walk(_ command: [String: JSONValue], _ path: [String]) {
            let positionals = (command["arguments"]?.arrayValue ?? []).compactMap(\.objectValue).filter {
                $0["kind"]?.stringValue == "positional" && $0["shouldDisplay"] != .bool(false)
            }
            if let last = positionals.lastIndex(where: { $0["completionKind"] != nil }),
                positionals[..<last].contains(where: { $0["completionKind"] == nil })
            {
                offenders.append(path.joined(separator: " "))
            }
            for sub in (command["subcommands"]?.arrayValue ?? []).compactMap(\.objectValue) {
                walk(sub, path + [sub["commandName"]?.stringValue ?? ""])
            }
        }
        walk(tree.objectValue?["command"]?.objectValue ?? [:], ["own"])
        #expect(offenders.isEmpty, "\(offenders)")
        let fish = own.run(["--generate-completion-script", "fish"]).stdout.split(separator: "\n")
        let stages = fish.first { $0.contains(#"positional "own stage""#) && $0.contains("requirement") }
        #expect(stages?.contains("-eq 2") == true, "\(stages ?? "no line offers the stages")")
    }

    /// The walk itself, on a tree as the argument parser describes one.
    @Test func aCommandTreeIsWalkedAsTheWordsGo() throws {
        let tree = try JSONParser.parse(
            """
            {"commandName":"root","defaultSubcommand":"run","arguments":[],"subcommands":[
              {"commandName":"run","arguments":[
                {"kind":"option","names":[{"kind":"long","name":"mode"},{"kind":"short","name":"m"}],"allValues":["fast","slow"]},
                {"kind":"flag","names":[{"kind":"long","name":"dry"}]},
                {"kind":"option","names":[{"kind":"long","name":"secret"}],"shouldDisplay":false},
                {"kind":"option","names":[{"kind":"long","name":"db"}],"valueName":"path"},
                {"kind":"option","names":[{"kind":"long","name":"role"}],"valueName":"role",
                 "completionKind":{"list":{"values":["reader","lead"]}}},
                {"kind":"option","names":[{"kind":"long","name":"team"}],"valueName":"team"},
                {"kind":"positional","valueName":"paths"}]},
              {"commandName":"hidden","shouldDisplay":false,"arguments":[]}]}
            """
        )
        #expect(SiblingCompletion.candidates(in: tree, path: [], prefix: "").first == "run")
        #expect(
            SiblingCompletion.candidates(in: tree, path: [], prefix: "-")
                == ["--mode", "-m", "--dry", "--db", "--role", "--team"]
        )
        #expect(SiblingCompletion.candidates(in: tree, path: ["-m"], prefix: "s") == ["slow"])
        #expect(
            SiblingCompletion.candidates(in: tree, path: ["run", "--mode", "fast"], prefix: "--d") == ["--dry", "--db"]
        )
        // A path where no subcommand or fixed value is (`own gate db/mig`, `--db w/n`): the folder's
        // entries, a folder's with a slash; the shell offered nothing.
        let folder = NSTemporaryDirectory() + "own-completion-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder + "/db", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        FileManager.default.createFile(atPath: folder + "/a.sql", contents: nil)
        FileManager.default.createFile(atPath: folder + "/.hidden", contents: nil)
        #expect(
            SiblingCompletion.candidates(in: tree, path: ["run", "--dry"], prefix: folder + "/")
                == [folder + "/a.sql", folder + "/db/"]
        )
        #expect(
            SiblingCompletion.candidates(in: tree, path: ["run", "--db"], prefix: folder + "/d") == [folder + "/db/"]
        )
        // A value its completion lists (`--role`, `--log-level`); none for a name or a number, where
        // the folder's files were offered.
        #expect(SiblingCompletion.candidates(in: tree, path: ["run", "--role"], prefix: "") == ["reader", "lead"])
        #expect(SiblingCompletion.candidates(in: tree, path: ["run", "--team"], prefix: "").isEmpty)
    }
}
