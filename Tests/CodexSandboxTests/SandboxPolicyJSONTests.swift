@testable import CodexSandbox
import Foundation
import Testing

@Suite struct SandboxPolicyJSONTests {
    @Test func decodesEveryReferenceShape() throws {
        #expect(try SandboxPolicy.parse(json: #"{"type":"read-only"}"#) == .readOnly(networkAccess: false))
        #expect(try SandboxPolicy.parse(json: #"{"type":"danger-full-access"}"#) == .dangerFullAccess)
        #expect(
            try SandboxPolicy.parse(json: #"{"type":"external-sandbox","network_access":"restricted"}"#)
                == .externalSandbox(networkAccess: .restricted))
        let json = #"""
            {"type":"workspace-write","writable_roots":["/extra"],"network_access":true,
             "exclude_tmpdir_env_var":true,"exclude_slash_tmp":false}
            """#
        #expect(
            try SandboxPolicy.parse(json: json)
                == .workspaceWrite(
                    .init(writableRoots: ["/extra"], networkAccess: true, excludeTmpdirEnvVar: true)))
    }

    @Test func missingWorkspaceFieldsDefaultToFalseAndEmpty() throws {
        #expect(try SandboxPolicy.parse(json: #"{"type":"workspace-write"}"#) == .workspaceWrite(.init()))
    }

    @Test func encodesWithTheReferenceKeysInOrder() {
        let policy = SandboxPolicy.workspaceWrite(.init(writableRoots: ["/a"], networkAccess: false))
        #expect(
            policy.jsonString()
                == #"{"type":"workspace-write","writable_roots":["/a"],"network_access":false,"exclude_tmpdir_env_var":false,"exclude_slash_tmp":false}"#
        )
        #expect(SandboxPolicy.readOnly().jsonString() == #"{"type":"read-only"}"#)
        #expect(SandboxPolicy.dangerFullAccess.jsonString() == #"{"type":"danger-full-access"}"#)
    }

    @Test(arguments: [
        SandboxPolicy.readOnly(), .readOnly(networkAccess: true), .dangerFullAccess,
        .externalSandbox(networkAccess: .enabled),
        .workspaceWrite(.init(writableRoots: ["/x", "/y z"], networkAccess: true, excludeSlashTmp: true)),
    ])
    func roundTripsThroughJSONStringAndCodable(policy: SandboxPolicy) throws {
        #expect(try SandboxPolicy.parse(json: policy.jsonString()) == policy)
        let data = try JSONEncoder().encode(policy)
        #expect(try JSONDecoder().decode(SandboxPolicy.self, from: data) == policy)
    }

    @Test func errorsNameTheProblem() {
        func message(_ json: String) -> String {
            do {
                _ = try SandboxPolicy.parse(json: json)
                return "parsed"
            } catch {
                return error.description
            }
        }
        #expect(message("{not json").hasPrefix("invalid JSON:"))
        #expect(message(#"{"type":"sideways"}"#).contains("unknown sandbox policy \"sideways\""))
        #expect(message(#"{"writable_roots":[]}"#) == "type: missing field")
        #expect(message(#"{"type":"workspace-write","writable_roots":["rel"]}"#).contains("not an absolute path"))
        #expect(message(#"{"type":"workspace-write","network_access":"yes"}"#).hasPrefix("network_access: expected"))
        #expect(!message("[]").contains("\n"))
    }

    @Test func networkAndDiskAccessFlags() {
        #expect(SandboxPolicy.dangerFullAccess.hasFullDiskWriteAccess)
        #expect(SandboxPolicy.externalSandbox(networkAccess: .restricted).hasFullDiskWriteAccess)
        #expect(!SandboxPolicy.externalSandbox(networkAccess: .restricted).hasFullNetworkAccess)
        #expect(!SandboxPolicy.readOnly().hasFullNetworkAccess)
        #expect(SandboxPolicy.workspaceWrite(.init(networkAccess: true)).hasFullNetworkAccess)
        #expect(!SandboxPolicy.workspaceWrite(.init()).hasFullDiskWriteAccess)
    }
}
