import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Testing

/// Opt-in: runs the cold-resume scenario against the reference binary (0.163.0) and ours, and compares
/// what both answered. Runs only when `CODEX_REFERENCE_BIN` names the reference `codex` executable.
@Suite(.serialized) struct ThreadResumeReferenceTests {
    @Test func coldResumeAnswersAsTheReference() async throws {
        guard let reference = ProcessInfo.processInfo.environment["CODEX_REFERENCE_BIN"], !reference.isEmpty else {
            print("skipped: set CODEX_REFERENCE_BIN to compare thread/resume with the reference")
            return
        }
        let theirs = try await Self.observe(binary: reference)
        let ours = try await Self.observe(binary: nil)
        #expect(!theirs.isEmpty)
        for key in theirs.keys {
            #expect(ours[key] == theirs[key], "\(key): ours \(ours[key]?.serialized() ?? "nil"), reference \(theirs[key]?.serialized() ?? "nil")")
        }
    }

    /// The scenario in a home the reference accepts: not under /tmp, no update check, no analytics.
    static func observe(binary: String?) async throws -> JSONObject {
        let packageRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let parent = packageRoot + "/.build/reference-homes"
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        return try await MockResponsesServer.withServer { server in
            let home = try CodexTestHome.create(in: parent)
            defer { home.remove() }
            try home.writeConfig(
                baseURL: server.baseURL, extraRootTOML: "check_for_update_on_startup = false",
                extraTablesTOML: "[analytics]\nenabled = false\n\n[feedback]\nenabled = false")
            return try await ColdResumeScenario.run(server: server, home: home, binary: binary)
        }
    }
}
