import CodexAppServer
import CodexProtocol
import Testing

/// The user agent reports the reference protocol level we implement, with our own build named beside it,
/// in a form the official Python SDK reads (docs/protocol-coverage.md, "The version we report").
@Suite struct ReportedVersionTests {
    let responder = InitializeResponder(
        version: "0.163.0", build: "swiftcodex/0.1.0", codexHome: "/home/u/.codex",
        platform: PlatformDescription(kernelRelease: "6.1.0-18-amd64", architecture: "x86_64"))

    @Test func theBuildTokenSitsBeforeTheClientComment() {
        let session = ClientSession(clientInfo: .init(name: "codex_python_sdk", title: nil, version: "0.163.0"))
        #expect(
            responder.userAgent(for: session)
                == "codex_python_sdk/0.163.0 (Linux 6.1.0-18-amd64; x86_64) swiftcodex/0.1.0 (codex_python_sdk; 0.163.0)")
    }

    /// openai_codex's `_split_user_agent` then `version.split()[0]`: the text after the first `/`, to a space.
    @Test func theSDKReadsTheProtocolLevel() {
        let session = ClientSession(clientInfo: .init(name: "codex_python_sdk", title: nil, version: "9.9"))
        let userAgent = responder.userAgent(for: session)
        let afterName = userAgent.split(separator: "/", maxSplits: 1)[1]
        #expect(afterName.split(separator: " ").first == "0.163.0")
    }
}
