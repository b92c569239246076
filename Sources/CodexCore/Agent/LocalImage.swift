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
