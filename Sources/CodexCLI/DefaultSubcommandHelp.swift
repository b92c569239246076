import ArgumentParser

/// The help of a command whose run form is a hidden default subcommand (`codex exec`, `codex sandbox`).
///
/// ArgumentParser cannot give a command with subcommands positional arguments of its own (the first
/// positional would swallow the subcommand's name), so such commands run through a default subcommand,
/// and their generated help shows only `--version`, `--help` and the subcommands. This puts the default
/// subcommand's arguments and options into that help, between the command's usage and its subcommands.
enum DefaultSubcommandHelp {
    /// `message` with the run form's arguments and options added when it is the plain help of a command
    /// built that way; any other message unchanged.
    static func expand(_ message: String, root: any ParsableCommand.Type = CodexCommand.self) -> String {
        for (command, runForm) in commandsWithDefaults(under: root)
        where message == root.helpMessage(for: command) {
            return compose(parent: message, runForm: root.helpMessage(for: runForm))
        }
        return message
    }

    /// Every command in the tree that has a default subcommand, with that subcommand.
    static func commandsWithDefaults(under root: any ParsableCommand.Type) -> [(any ParsableCommand.Type, any ParsableCommand.Type)] {
        var found: [(any ParsableCommand.Type, any ParsableCommand.Type)] = []
        var pending: [any ParsableCommand.Type] = [root]
        while let command = pending.popLast() {
            let configuration = command.configuration
            if let runForm = configuration.defaultSubcommand { found.append((command, runForm)) }
            pending += configuration.subcommands
        }
        return found
    }

    /// The parent's overview and usage, the run form's arguments and options, the parent's subcommands.
    static func compose(parent: String, runForm: String) -> String {
        let parentSections = sections(parent)
        let runSections = sections(runForm)
        var output: [String] = []
        for (heading, lines) in parentSections {
            switch heading {
            case "ARGUMENTS", "OPTIONS":
                continue
            case "SUBCOMMANDS":
                for wanted in ["ARGUMENTS", "OPTIONS"] {
                    if let run = runSections.first(where: { $0.heading == wanted }) { output += run.lines }
                }
                output += lines
            default:
                output += lines
            }
        }
        return output.joined(separator: "\n")
    }

    private static let headings: Set<String> = ["OVERVIEW", "USAGE", "ARGUMENTS", "OPTIONS", "SUBCOMMANDS"]

    /// The help text cut at its section headings (`OPTIONS:` at the start of a line); each section keeps
    /// its lines, including the blank line that ends it.
    static func sections(_ text: String) -> [(heading: String, lines: [String])] {
        var result: [(heading: String, lines: [String])] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let word = String(line.prefix { $0 != ":" })
            if line.contains(":"), headings.contains(word) {
                result.append((word, [line]))
            } else if result.isEmpty {
                result.append(("", [line]))
            } else {
                result[result.count - 1].lines.append(line)
            }
        }
        return result
    }
}
