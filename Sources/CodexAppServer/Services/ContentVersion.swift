import CodexProtocol
import Crypto

/// The `version` of a config layer as the reference reports it: `sha256:<hex>` of the layer's table
/// as compact JSON with sorted keys (an empty layer is `sha256(b"{}")`), after the reference's normalization
/// (`ConfigReadView.normalizedLayer`), checked against 0.163.0.
///
/// SHA-256 comes from swift-crypto's `SHA256`, so no hashing code is written here.
enum ContentVersion {
    /// The version of a layer's table.
    static func of(layer table: JSONObject) -> String {
        of(Array(sortedKeys(.object(ConfigReadView.normalizedLayer(table))).serialized().utf8))
    }

    /// The same value with every object's keys in sorted order (serde_json's map order).
    static func sortedKeys(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            return .object(JSONObject(object.keys.sorted().map { ($0, sortedKeys(object[$0] ?? .null)) }))
        case .array(let array):
            return .array(array.map(sortedKeys))
        default:
            return value
        }
    }

    /// `sha256:` followed by the lowercase hex digest of `bytes`.
    static func of(_ bytes: [UInt8]) -> String {
        "sha256:" + sha256Hex(bytes)
    }

    /// The lowercase hex SHA-256 digest of `bytes`.
    static func sha256Hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map(Self.hex).joined()
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
    }
}
