import CodexExec
import Testing

@Suite struct ExecPromptTests {
    private func resolve(_ argument: String?, terminal: Bool, stdin: [UInt8]) -> (Result<String, ExecPrompt.Failure>, [String]) {
        var notices: [String] = []
        let result = Result { () throws(ExecPrompt.Failure) -> String in
            try ExecPrompt.resolve(argument: argument, stdinIsTerminal: terminal, readStdin: { stdin }, notice: { notices.append($0) })
        }
        return (result, notices)
    }

    @Test func argumentWithTerminal() throws {
        let (result, notices) = resolve("task", terminal: true, stdin: [])
        #expect(try result.get() == "task")
        #expect(notices.isEmpty)
    }

    @Test func argumentWithPipedStdinAppendsBlock() throws {
        let (result, notices) = resolve("task", terminal: false, stdin: Array("data".utf8))
        #expect(try result.get() == "task\n\n<stdin>\ndata\n</stdin>")
        #expect(notices == ["Reading additional input from stdin..."])
        #expect(try resolve("task", terminal: false, stdin: Array(" \n".utf8)).0.get() == "task")
    }

    @Test func promptFromStdin() throws {
        #expect(try resolve(nil, terminal: false, stdin: Array("from pipe".utf8)).0.get() == "from pipe")
        #expect(try resolve("-", terminal: true, stdin: [0xEF, 0xBB, 0xBF] + Array("bom".utf8)).0.get() == "bom")
        #expect(try resolve("-", terminal: false, stdin: [0xFF, 0xFE, 0x68, 0x00, 0x69, 0x00]).0.get() == "hi")
        #expect(resolve("-", terminal: false, stdin: []).1.isEmpty)
    }

    @Test func errors() {
        #expect(
            resolve(nil, terminal: true, stdin: []).0
                == .failure(.init(message: "No prompt provided. Either specify one as an argument or pipe the prompt into stdin.")))
        #expect(resolve(nil, terminal: false, stdin: Array("  ".utf8)).0 == .failure(.init(message: "No prompt provided via stdin.")))
        guard case .failure(let failure) = resolve("-", terminal: false, stdin: [0xC3, 0x28]).0 else {
            Issue.record("invalid UTF-8 must fail")
            return
        }
        #expect(failure.message.hasPrefix("Failed to read prompt from stdin:"))
    }
}
