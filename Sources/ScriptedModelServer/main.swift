// codex-scripted-model: a SCRIPTED stand-in for a model provider (not a model). It serves the
// OpenAI Responses API on 127.0.0.1 from a JSON script of canned replies, so `codex exec` can be
// tried end to end with no API key and no network. Usage:
//   codex-scripted-model [--script FILE] [--port N]
// Prints `listening on http://127.0.0.1:PORT/v1` and serves until SIGTERM or SIGINT.
import CodexTestSupport
import Foundation

var scriptPath: String?
var port = 0
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--script": scriptPath = arguments.next()
    case "--port": port = arguments.next().flatMap { Int($0) } ?? 0
    default:
        FileHandle.standardError.write(Data("codex-scripted-model: unknown argument \(argument)\n".utf8))
        exit(2)
    }
}

let script: MockScript
do {
    script = try scriptPath.map { path throws(MockScriptError) in try MockScript(contentsOfFile: path) } ?? DemoScript.script
} catch {
    FileHandle.standardError.write(Data("codex-scripted-model: \(error)\n".utf8))
    exit(1)
}

let server: MockResponsesServer
do {
    server = try await MockResponsesServer.start(script: script, port: port)
} catch {
    FileHandle.standardError.write(Data("codex-scripted-model: cannot listen: \(error)\n".utf8))
    exit(1)
}
FileHandle.standardOutput.write(Data("listening on \(server.baseURL)\n".utf8))
// Serve until told to stop.
signal(SIGTERM, SIG_IGN)
signal(SIGINT, SIG_IGN)
let stopSignals = [SIGTERM, SIGINT].map { DispatchSource.makeSignalSource(signal: $0, queue: .main) }
await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
    let resume = OnceFlag()
    for source in stopSignals {
        source.setEventHandler { if resume.claim() { continuation.resume() } }
        source.resume()
    }
}
await server.shutdown()

/// True for the first caller only.
final class OnceFlag: @unchecked Sendable {
    private var claimed = false
    private let lock = NSLock()

    func claim() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if claimed { return false }
        claimed = true
        return true
    }
}
