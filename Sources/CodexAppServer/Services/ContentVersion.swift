import CNIOBoringSSL

/// The `version` of a config layer: `sha256:<hex>` of its bytes, as the reference reports it.
///
/// SHA-256 comes from BoringSSL (`CNIOBoringSSL`), which swift-nio-ssl already builds for
/// AsyncHTTPClient, so no hashing code is written here and no package is added.
enum ContentVersion {
    /// `sha256:` followed by the lowercase hex digest of `bytes`.
    static func of(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        bytes.withUnsafeBufferPointer { input in
            digest.withUnsafeMutableBufferPointer { output in
                _ = SHA256(input.baseAddress, input.count, output.baseAddress)
            }
        }
        return "sha256:" + digest.map(Self.hex).joined()
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
    }
}
