public import CodexProtocol
import FoundationEssentials

/// Reads an image file for the model: a `data:` URL, or a placeholder text when it cannot be read.
public enum LocalImage {
    /// The content part for a local image path.
    public static func contentItem(path: String) -> ContentItem {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .inputText("Codex could not read the local image at `\(path)`.")
        }
        return .inputImage(imageURL: "data:\(mimeType(path: path));base64,\(data.base64EncodedString())")
    }

    /// The image type the bytes start with (PNG, JPEG, GIF, WebP, BMP); nil when they are no image.
    static func sniffedMimeType(_ bytes: [UInt8]) -> String? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return "image/gif" }
        if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) { return "image/webp" }
        if starts(Array("BM".utf8)), bytes.count > 26 { return "image/bmp" }
        return nil
    }

    static func mimeType(path: String) -> String {
        switch path.split(separator: ".").last?.lowercased() {
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        default: return "application/octet-stream"
        }
    }
}
