@testable import CodexMCPClient
import Testing

/// Model-visible names of MCP tools (spec §4.3; hashes as observed on 0.163.0).
@Suite struct MCPToolNamingTests {
    @Test func sanitisingMapsEveryOtherCharacterToOneUnderscore() {
        #expect(MCPToolNaming.sanitize("my-server.v2") == "my_server_v2")
        #expect(MCPToolNaming.sanitize("weird.name-with spaces/ü") == "weird_name_with_spaces__")
        #expect(MCPToolNaming.sanitize("") == "_")
        #expect(MCPToolNaming.sanitize("ok_Name9") == "ok_Name9")
    }

    @Test func collidingNamespacesAllGetTheHashSuffix() {
        let namespaces = MCPToolNaming.namespaces(for: ["a-b", "a_b", "solo"])
        #expect(namespaces["solo"] == "mcp__solo")
        let hashed = namespaces["a-b"] ?? ""
        #expect(hashed.hasPrefix("mcp__a_b_") && hashed.count == "mcp__a_b_".count + 12)
        #expect(namespaces["a-b"] != namespaces["a_b"])
        #expect(MCPToolNaming.hashSuffix(["a-b", "a-b", ""]) == String(hashed.suffix(12)))
    }

    @Test func collidingToolsAllGetTheHashSuffix() {
        let names = MCPToolNaming.callableNames(
            server: "fake", namespace: "mcp__fake", tools: ["dup-name", "dup_name", "dup.name", "echo"])
        #expect(names["echo"] == "echo")
        let suffixed = ["dup-name", "dup_name", "dup.name"].compactMap { names[$0] }
        #expect(Set(suffixed).count == 3)
        #expect(suffixed.allSatisfy { $0.hasPrefix("dup_name_") && $0.count == "dup_name_".count + 12 })
        #expect(names["dup-name"] == "dup_name_" + MCPToolNaming.hashSuffix(["fake", "fake", "", "dup-name", "dup-name"]))
    }

    @Test func anOverLongNameIsCutToTheBudgetAndSuffixed() {
        let long = String(repeating: "x", count: 200)
        let names = MCPToolNaming.callableNames(server: "my-server.v2", namespace: "mcp__my_server_v2", tools: [long])
        let name = names[long] ?? ""
        #expect(name.count == 109)
        #expect(name.hasPrefix(String(repeating: "x", count: 96) + "_"))
        #expect("mcp__my_server_v2".count + name.count + 2 == 128)
    }

    /// Names and hashes as 0.163.0 sent them to the model for server `my-server.v2`.
    @Test func overLongAndCollidingNamesMatchTheReference() {
        let long = String(repeating: "x", count: 200)
        let dashed = String(repeating: "y", count: 120) + "-a"
        let underscored = String(repeating: "y", count: 120) + "_a"
        let names = MCPToolNaming.callableNames(
            server: "my-server.v2", namespace: "mcp__my_server_v2", tools: [long, dashed, underscored])
        #expect(names[long] == String(repeating: "x", count: 96) + "_30a43494a330")
        #expect(
            Set([names[dashed], names[underscored]])
                == [String(repeating: "y", count: 96) + "_2b79b44d5d36", String(repeating: "y", count: 96) + "_a65b43ffee34"])
    }

    @Test func sha1SuffixIsTheFirstTwelveHexDigits() {
        // sha1("abc") = a9993e364706816aba3e25717850c26c9cd0d89d
        #expect(MCPToolNaming.hashSuffix(["abc"]) == "a9993e364706")
    }
}
