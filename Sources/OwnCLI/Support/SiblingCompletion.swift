import ArgumentParser
import Foundation
import OwnCore
import OwnGit

/// Shell completion for the commands another executable runs (`own gate`, `own serve`, `own server`),
/// whose subcommands and options `own` does not know: the words typed are answered from that
/// executable's own description of its commands (the argument parser's `--experimental-dump-help`,
/// its command tree as JSON), so the two never disagree. After a command: its subcommands; after
/// `-`: its options; after an option with fixed values: those values.
enum SiblingCompletion {
    /// The completion of the arguments `own` hands to `executable`, whose command at `path` (below
    /// its root: `["serve"]` for `own serve`) they are.
    static func kind(_ executable: String, path: [String] = []) -> CompletionKind {
        .custom { words, index, prefix in
            guard
                let dump = try? Spawn.run(
                    Sibling.executable(executable),
                    ["--experimental-dump-help"],
                    captureOutput: true,
                    captureError: true
                ), dump.status == 0, let tree = (try? JSONParser.parse(dump.output))?.objectValue?["command"]
            else { return [] }
            // The shell's words are `own`, the command's name, then the arguments it hands over.
            let typed = Array(words.prefix(max(index, 0)).dropFirst(2))
            return candidates(in: tree, path: path + typed, prefix: prefix)
        }
    }

    /// The words that may follow `typed` (after the root of `tree`) and begin with `prefix`.
    static func candidates(in tree: JSONValue, path typed: [String], prefix: String) -> [String] {
        var command = tree
        // The option just typed, when it takes a value: the word being completed is its value.
        var valueOf: JSONValue?
        for word in typed {
            if valueOf != nil {
                valueOf = nil
                continue
            }
            if let next = subcommand(word, of: command) {
                command = next
                continue
            }
            // Any other word is the default subcommand's, where there is one (`own gate --base main`).
            if let name = command.objectValue?["defaultSubcommand"]?.stringValue,
                let next = subcommand(name, of: command)
            {
                command = next
            }
            if let option = arguments(of: command).first(where: { names(of: $0).contains(word) }),
                option.objectValue?["kind"] == "option"
            {
                valueOf = option
            }
        }
        let words: [String]
        if let valueOf {
            words = values(of: valueOf, beginning: prefix)
        } else if prefix.hasPrefix("-") {
            let fallback = command.objectValue?["defaultSubcommand"]?.stringValue.flatMap {
                subcommand($0, of: command)
            }
            // Help is offered by the shell's script for every command already; the version by `own`'s
            // (the programs ship together, and the argument parser lists it under every command).
            words = ([command] + (fallback.map { [$0] } ?? [])).flatMap(arguments).flatMap(names)
                .filter { $0 != "--help" && $0 != "-h" && $0 != "--version" }
        } else {
            // A subcommand, or a path where the command takes one (`own gate db/migrations/`).
            let fallback = command.objectValue?["defaultSubcommand"]?.stringValue.flatMap {
                subcommand($0, of: command)
            }
            let takesPaths = ([command] + (fallback.map { [$0] } ?? [])).flatMap(arguments)
                .contains { $0.objectValue?["kind"] == "positional" }
            words =
                subcommands(of: command).compactMap { $0.objectValue?["commandName"]?.stringValue }
                + (takesPaths ? files(beginning: prefix) : [])
        }
        return words.filter { $0.hasPrefix(prefix) }
    }

    /// An option's values: its fixed ones (its type's, or the list its completion names); a path's,
    /// the folder's files (`--db`, `--table-sizes`), as the shell offers for `own`'s own options;
    /// none for a value of another kind (a team, a port), where file names would be wrong.
    static func values(of option: JSONValue, beginning prefix: String) -> [String] {
        let fields = option.objectValue
        if let fixed = fields?["allValues"]?.arrayValue?.compactMap(\.stringValue), !fixed.isEmpty { return fixed }
        let completion = fields?["completionKind"]?.objectValue
        if let listed = completion?["list"]?.objectValue?["values"]?.arrayValue?.compactMap(\.stringValue) {
            return listed
        }
        let pathNames: Set<String> = ["path", "file", "folder", "directory"]
        guard
            completion?["file"] != nil || completion?["directory"] != nil
                || pathNames.contains(fields?["valueName"]?.stringValue ?? "")
        else { return [] }
        return files(beginning: prefix)
    }

    /// The paths that begin with `prefix`: its folder's entries (hidden ones when the prefix's last
    /// part starts with a dot), a folder's with a `/` after it.
    static func files(beginning prefix: String) -> [String] {
        let slash = prefix.lastIndex(of: "/")
        let folder = slash.map { String(prefix[...$0]) } ?? ""
        let start = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        return names.filter { $0.hasPrefix(start) && (start.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted().map {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder + $0, isDirectory: &isFolder)
            return folder + $0 + (isFolder.boolValue ? "/" : "")
        }
    }

    private static func subcommand(_ name: String, of command: JSONValue) -> JSONValue? {
        subcommands(of: command).first { $0.objectValue?["commandName"]?.stringValue == name }
    }

    private static func subcommands(of command: JSONValue) -> [JSONValue] {
        (command.objectValue?["subcommands"]?.arrayValue ?? []).filter(shown)
    }

    private static func arguments(of command: JSONValue) -> [JSONValue] {
        (command.objectValue?["arguments"]?.arrayValue ?? []).filter(shown)
    }

    private static func shown(_ entry: JSONValue) -> Bool {
        entry.objectValue?["shouldDisplay"] != .bool(false)
    }

    /// An option's or a flag's names as typed (`--base`, `-h`); none for a positional argument.
    private static func names(of argument: JSONValue) -> [String] {
        (argument.objectValue?["names"]?.arrayValue ?? []).compactMap { name in
            guard let text = name.objectValue?["name"]?.stringValue else { return nil }
            return name.objectValue?["kind"] == "short" ? "-" + text : "--" + text
        }
    }
}
