import FoundationEssentials

/// Works out the prompt of a `codex exec` run from its argument and standard input, as the reference does.
public enum ExecPrompt {
    /// A prompt that could not be read; `message` is the one-line reason (exit 1).
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public let message: String
        public var description: String { message }

        public init(message: String) {
            self.message = message
        }
    }

    /// Resolves the prompt.
    /// - Parameters:
    ///   - argument: the positional PROMPT (`-` means stdin).
    ///   - stdinIsTerminal: whether stdin is a TTY.
    ///   - readStdin: reads all of stdin (called at most once).
    ///   - notice: receives the `Reading ... from stdin...` lines for stderr.
    public static func resolve(
        argument: String?, stdinIsTerminal: Bool, readStdin: () -> [UInt8], notice: (String) -> Void
    ) throws(Failure) -> String {
        if let argument, argument != "-" {
            guard !stdinIsTerminal else { return argument }
            notice("Reading additional input from stdin...")
            let extra = try decode(readStdin())
            if extra.allSatisfy(\.isWhitespace) { return argument }
            return "\(argument)\n\n<stdin>\n\(extra)\n</stdin>"
        }
        if argument == nil {
            guard !stdinIsTerminal else {
                throw Failure(message: "No prompt provided. Either specify one as an argument or pipe the prompt into stdin.")
            }
            notice("Reading prompt from stdin...")
        }
        let text = try decode(readStdin())
        guard !text.allSatisfy(\.isWhitespace) else { throw Failure(message: "No prompt provided via stdin.") }
        return text
    }

    /// UTF-8 (BOM stripped) or UTF-16 with a BOM; anything else is an error.
    static func decode(_ bytes: [UInt8]) throws(Failure) -> String {
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
            throw Failure(message: "Failed to read prompt from stdin: UTF-32 input is not supported")
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let littleEndian = bytes[0] == 0xFF
            var units: [UInt16] = []
            var index = 2
            while index + 1 < bytes.count {
                let pair = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
                units.append(littleEndian ? pair.0 | pair.1 << 8 : pair.0 << 8 | pair.1)
                index += 2
            }
            guard let text = String(validating: units, as: UTF16.self) else {
                throw Failure(message: "Failed to read prompt from stdin: invalid UTF-16")
            }
            return text
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        guard let text = String(validating: body, as: UTF8.self) else {
            throw Failure(message: "Failed to read prompt from stdin: input is not valid UTF-8")
        }
        return text
    }
}
