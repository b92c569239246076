import Foundation
import Testing

/// The shipped binary links FoundationEssentials only. One `import Foundation` that uses a Foundation-only API
/// (`FileHandle`, `String(format:)`, `NSRegularExpression`...) links the whole of swift-corelibs-foundation and
/// its 34 MB of ICU data into the static binary, so the modules that make up `codex` must not import it.
@Suite struct FoundationFootprintTests {
    /// Targets linked into the `codex` executable; test support and the scripted model are not shipped.
    static let shippedTargets = [
        "CodexBasics", "CodexProtocol", "CodexConfig", "CodexSandbox", "CodexCore", "CodexExec", "CodexAppServer",
        "CodexMCPServer", "CodexCLI",
        "codex",
    ]

    @Test func shippedSourcesImportFoundationEssentialsOnly() throws {
        let sources = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        var offenders: [String] = []
        var scanned = 0
        for target in Self.shippedTargets {
            let root = sources.appendingPathComponent(target)
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
                Issue.record("missing source folder \(root.path)")
                continue
            }
            for case let file as URL in walker where file.pathExtension == "swift" {
                scanned += 1
                let text = try String(contentsOf: file, encoding: .utf8)
                for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let words = line.split(separator: " ")
                    guard let importIndex = words.firstIndex(of: "import"), importIndex + 1 < words.count else {
                        continue
                    }
                    let module = words[importIndex + 1]
                    if module == "Foundation" || module.hasPrefix("Foundation.") {
                        offenders.append("\(target)/\(file.lastPathComponent):\(index + 1)")
                    }
                }
            }
        }
        #expect(scanned > 50, "expected to scan the shipped sources, scanned \(scanned) files")
        #expect(offenders.isEmpty, "import FoundationEssentials instead: \(offenders)")
    }
}
