import ArgumentParser
import Foundation
import OwnCore

extension Own {
    /// `own remote [URL --token-file FILE]`: the team server the configuration's ledgers sync with.
    struct Remote: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remote",
            _superCommandName: "own",
            abstract: "Set (or show) the team server you sync with.",
            discussion: """
                The URL and the token's file go in the configuration's [remote], which every ledger that \
                reads that configuration syncs with (give another ledger its own with --config). \
                The token stays in its file (make it readable by you only); `own sync` reads it each time. \
                Every command keeps working with no server: sync when you are online.
                """
        )

        @Argument(help: ArgumentHelp("The server's URL, like http://127.0.0.1:8080.", valueName: "url"))
        var given: String?
        @Option(
            name: .customLong("token-file"),
            help: ArgumentHelp(
                "The file holding your token (`own server token add` printed it); with a new URL, the remote's file is kept.",
                valueName: "path"
            )
        )
        var givenTokenFile: String?
        @OptionGroup var remote: RemoteOptions

        /// The URL and the token's file without blanks around them, as the configuration reads them
        /// (`own remote " http://…"` was refused, and a file name's padding was kept).
        var url: String? { given?.trimming(.spaces) }
        var tokenFile: String? { givenTokenFile.map { Configuration.expandingHome($0.trimming(.spaces)) } }

        func validate() throws {
            if let url {
                guard HTTPAddress.isValid(url) else {
                    throw ValidationError(
                        "the server's URL must be " + HTTPAddress.rule + ", like http://127.0.0.1:8080"
                    )
                }
            } else if tokenFile != nil {
                throw ValidationError("give the server's URL before --token-file")
            }
        }

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            let (ledger, current) = try RemoteState.current(remote.values, environment: environment, making: url != nil)
            let configPath = remote.config ?? Context.configPath(environment)
            guard let url else {
                guard let state = current else {
                    print(
                        "no remote; set one with `own remote URL --token-file FILE` (or [remote] in the configuration)"
                    )
                    return
                }
                print(
                    "\(state.url) (token in \(state.tokenFile); pushed through this ledger's event \(state.pushed), "
                        + "pulled through the server's #\(state.pulled))"
                )
                return
            }
            // A new URL for the same token (the server moved) keeps the token file the remote has.
            guard let tokenFile = tokenFile ?? current?.tokenFile else {
                throw CLIError("give the token's file: own remote \(url) --token-file FILE")
            }
            guard FileManager.default.isReadableFile(atPath: tokenFile) else {
                let why = FileManager.default.fileExists(atPath: tokenFile) ? "you may not read it" : "no such file"
                throw CLIError("cannot read the token file \(tokenFile) (\(why))")
            }
            guard
                let token = FileManager.default.contents(atPath: tokenFile).flatMap({
                    String(data: $0, encoding: .utf8)
                }),
                !token.trimming(.spacesAndNewlines).isEmpty
            else {
                throw CLIError(
                    "the token file \(tokenFile) holds no token; put the token `own server token add` printed in it"
                )
            }
            let absolute =
                tokenFile.hasPrefix("/") ? tokenFile : FileManager.default.currentDirectoryPath + "/" + tokenFile
            let base = url.hasSuffix("/") ? String(url.dropLast()) : url
            // The same server again keeps its cursors and the keys they hold back (still the team's there).
            let state = RemoteState(url: base, tokenFile: absolute, keeping: try RemoteState.load(ledger: ledger))
            // The configuration first: a file that cannot be written leaves the sync's state as it was.
            try Self.writeRemote(url: base, tokenFile: absolute, configPath: configPath)
            try state.save(ledger: ledger)
            print("remote set to \(base) (in \(configPath)); `own sync` pushes your events and pulls the team's")
            Self.warnIfOthersRead(tokenFile: absolute)
        }

        /// The token writes events as you: a file others may read lets them. Said when the remote is
        /// set and at each use of it (a file made readable later).
        static func warnIfOthersRead(tokenFile: String) {
            var status = stat()
            if stat(tokenFile, &status) == 0, status.st_mode & 0o077 != 0 {
                Output.warning(
                    "others can read the token file \(tokenFile) (mode \(String(status.st_mode & 0o777, radix: 8))); "
                        + "`chmod 600 \(tokenFile)` makes it yours alone"
                )
            }
        }

        /// Sets `[remote]` in the configuration file (made when there is none), keeping every other line.
        static func writeRemote(url: String, tokenFile: String, configPath: String) throws {
            let old = FileManager.default.contents(atPath: configPath).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let text = Configuration.settingRemote(in: old, url: url, tokenFile: tokenFile)
            // What is written must read back as a valid configuration, or nothing is written.
            try Configuration.parse(text, path: configPath).validate()
            // A bare file name is in the current folder, which is there.
            let folder = (configPath as NSString).deletingLastPathComponent
            guard
                folder.isEmpty
                    || (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true))
                        != nil
            else { throw CLIError("cannot make \(folder); is its parent writable?") }
            try ReplacedFile.write(text, to: configPath)
        }
    }
}
