import CodexProtocol
import FoundationEssentials

/// What a sandboxed command may do; the JSON shape is the one the reference passes to its helper
/// (`{"type":"workspace-write","writable_roots":[...],...}`).
public enum SandboxPolicy: Sendable, Equatable {
    /// Read everything, write nothing (except /dev/null); network off unless `networkAccess`.
    case readOnly(networkAccess: Bool = false)
    /// Read everything, write beneath the workspace roots; `.git`, `.codex`, `.agents` stay read-only.
    case workspaceWrite(WorkspaceWrite)
    /// No restrictions at all.
    case dangerFullAccess
    /// The host already sandboxes Codex: full disk access, network as declared.
    case externalSandbox(networkAccess: NetworkAccess)

    /// The options of the workspace-write policy.
    public struct WorkspaceWrite: Sendable, Equatable {
        /// Extra writable folders (absolute paths) besides the policy cwd.
        public var writableRoots: [String]
        public var networkAccess: Bool
        /// When true, `$TMPDIR` is not made writable.
        public var excludeTmpdirEnvVar: Bool
        /// When true, `/tmp` is not made writable.
        public var excludeSlashTmp: Bool

        public init(
            writableRoots: [String] = [], networkAccess: Bool = false,
            excludeTmpdirEnvVar: Bool = false, excludeSlashTmp: Bool = false
        ) {
            self.writableRoots = writableRoots
            self.networkAccess = networkAccess
            self.excludeTmpdirEnvVar = excludeTmpdirEnvVar
            self.excludeSlashTmp = excludeSlashTmp
        }
    }

    /// Network state of the external-sandbox policy (`"restricted"` or `"enabled"` on the wire).
    public enum NetworkAccess: String, Sendable, Equatable, Codable {
        case restricted
        case enabled
    }

    /// True when the policy allows writing anywhere (no filesystem confinement).
    public var hasFullDiskWriteAccess: Bool {
        switch self {
        case .dangerFullAccess, .externalSandbox: true
        case .readOnly, .workspaceWrite: false
        }
    }

    /// True when outgoing and incoming network traffic is allowed.
    public var hasFullNetworkAccess: Bool {
        switch self {
        case .dangerFullAccess: true
        case .externalSandbox(let access): access == .enabled
        case .readOnly(let networkAccess): networkAccess
        case .workspaceWrite(let options): options.networkAccess
        }
    }

    /// The wire name of the policy (`read-only`, `workspace-write`, ...).
    public var typeName: String {
        switch self {
        case .readOnly: "read-only"
        case .workspaceWrite: "workspace-write"
        case .dangerFullAccess: "danger-full-access"
        case .externalSandbox: "external-sandbox"
        }
    }
}

/// A policy that could not be read; `description` is one line naming the field at fault.
public struct SandboxPolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}

extension SandboxPolicy: Codable {
    private enum CodingKeys: String, CodingKey {
        case type
        case writableRoots = "writable_roots"
        case networkAccess = "network_access"
        case excludeTmpdirEnvVar = "exclude_tmpdir_env_var"
        case excludeSlashTmp = "exclude_slash_tmp"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "read-only":
            self = .readOnly(networkAccess: try container.decodeIfPresent(Bool.self, forKey: .networkAccess) ?? false)
        case "danger-full-access":
            self = .dangerFullAccess
        case "external-sandbox":
            let access = try container.decodeIfPresent(NetworkAccess.self, forKey: .networkAccess)
            self = .externalSandbox(networkAccess: access ?? .restricted)
        case "workspace-write":
            let roots = try container.decodeIfPresent([String].self, forKey: .writableRoots) ?? []
            for root in roots where !root.hasPrefix("/") {
                throw SandboxPolicyError("writable_roots: \"\(root)\" is not an absolute path")
            }
            self = .workspaceWrite(
                WorkspaceWrite(
                    writableRoots: roots,
                    networkAccess: try container.decodeIfPresent(Bool.self, forKey: .networkAccess) ?? false,
                    excludeTmpdirEnvVar: try container.decodeIfPresent(Bool.self, forKey: .excludeTmpdirEnvVar)
                        ?? false,
                    excludeSlashTmp: try container.decodeIfPresent(Bool.self, forKey: .excludeSlashTmp) ?? false
                ))
        default:
            throw SandboxPolicyError(
                "type: unknown sandbox policy \"\(type)\" (expected read-only, workspace-write, "
                    + "danger-full-access or external-sandbox)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(typeName, forKey: .type)
        switch self {
        case .readOnly(let networkAccess):
            if networkAccess { try container.encode(true, forKey: .networkAccess) }
        case .dangerFullAccess:
            break
        case .externalSandbox(let access):
            try container.encode(access, forKey: .networkAccess)
        case .workspaceWrite(let options):
            try container.encode(options.writableRoots, forKey: .writableRoots)
            try container.encode(options.networkAccess, forKey: .networkAccess)
            try container.encode(options.excludeTmpdirEnvVar, forKey: .excludeTmpdirEnvVar)
            try container.encode(options.excludeSlashTmp, forKey: .excludeSlashTmp)
        }
    }
}

extension SandboxPolicy {
    /// Parses the helper's `--sandbox-policy` argument, with one-line errors naming the problem.
    public static func parse(json text: String) throws(SandboxPolicyError) -> SandboxPolicy {
        do {
            _ = try JSONParser.parse(text)
        } catch {
            throw SandboxPolicyError("invalid JSON: \(error.description)")
        }
        do {
            return try JSONDecoder().decode(SandboxPolicy.self, from: Data(text.utf8))
        } catch let error as SandboxPolicyError {
            throw error
        } catch let error as DecodingError {
            throw SandboxPolicyError(Self.describe(error))
        } catch {
            throw SandboxPolicyError("\(error)")
        }
    }

    /// The compact JSON form passed on the helper's command line (keys in declaration order).
    public func jsonString() -> String {
        var object = JSONObject()
        object["type"] = .string(typeName)
        switch self {
        case .readOnly(let networkAccess):
            if networkAccess { object["network_access"] = .bool(true) }
        case .dangerFullAccess:
            break
        case .externalSandbox(let access):
            object["network_access"] = .string(access.rawValue)
        case .workspaceWrite(let options):
            object["writable_roots"] = .array(options.writableRoots.map { .string($0) })
            object["network_access"] = .bool(options.networkAccess)
            object["exclude_tmpdir_env_var"] = .bool(options.excludeTmpdirEnvVar)
            object["exclude_slash_tmp"] = .bool(options.excludeSlashTmp)
        }
        return JSONValue.object(object).serialized()
    }

    private static func describe(_ error: DecodingError) -> String {
        func field(_ path: [any CodingKey], _ key: (any CodingKey)? = nil) -> String {
            let names = (path + (key.map { [$0] } ?? [])).map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return names.isEmpty ? "policy" : names.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(field(context.codingPath, key)): missing field"
        case .typeMismatch(let type, let context):
            return "\(field(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "\(field(context.codingPath)): expected \(type), found null"
        case .dataCorrupted(let context):
            return "\(field(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
