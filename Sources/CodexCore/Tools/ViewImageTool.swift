import CodexConfig
import CodexProtocol
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `view_image`: reads a local image and gives it to the model as an `input_image` content part of the
/// call's output, as the reference 0.163.0 does.
///
/// Images go as they are on disk (format sniffed from the bytes); the reference also shrinks images
/// larger than its limits and re-encodes formats other than PNG/JPEG, which this does not.
enum ViewImageTool {
    /// The tool definition, as the reference offers it.
    static let definition: JSONValue = [
        "type": "function",
        "name": "view_image",
        "description":
            "View a local image file from the filesystem when visual inspection is needed. Use this for images already available on disk.",
        "strict": false,
        "parameters": [
            "type": "object",
            "properties": [
                "path": ["type": "string", "description": "Local filesystem path to an image file."]
            ],
            "required": ["path"],
            "additionalProperties": false,
        ],
    ]

    /// What the model gets when its catalog entry says it takes no images.
    static let unsupportedMessage = "view_image is not allowed because you do not support image inputs"

    /// Runs one call: the image as content, or the reference's error text.
    static func run(arguments: String, callID: String, context: ToolCallContext) async -> ToolResult {
        let settings = context.settings
        if let entry = settings.modelCatalog?.entry(for: settings.model), !entry.supportsImages {
            return ToolResult(output: unsupportedMessage)
        }
        let path: String
        do {
            path = try parse(arguments)
        } catch {
            return ToolResult(output: error.description)
        }
        let absolute = path.hasPrefix("/") ? path : (settings.cwd.hasSuffix("/") ? settings.cwd : settings.cwd + "/") + path
        let imageURL: String
        switch load(absolute) {
        case .success(let url): imageURL = url
        case .failure(let error): return ToolResult(output: error.description)
        }
        let item = ThreadItem.imageView(id: callID, path: absolute)
        await context.emit(.itemStarted(turnID: context.turnID, item: item))
        await context.emit(.itemCompleted(turnID: context.turnID, item: item))
        return ToolResult(
            output: "", contentItems: [["type": "input_image", "image_url": .string(imageURL), "detail": "high"]])
    }

    /// The `path` argument; a `detail` other than `high` or `original` is refused as the reference refuses it.
    static func parse(_ arguments: String) throws(ViewImageError) -> String {
        let json: JSONValue
        do {
            json = try JSONParser.parse(arguments)
        } catch {
            throw ViewImageError(ToolArgumentError("\(error)").modelOutput)
        }
        guard case .object = json else { throw ViewImageError(ToolArgumentError("expected a JSON object").modelOutput) }
        guard let value = json["path"], value != .null else {
            throw ViewImageError(ToolArgumentError("missing field `path`").modelOutput)
        }
        guard let path = value.stringValue else {
            throw ViewImageError(ToolArgumentError("invalid type for `path`: expected a string").modelOutput)
        }
        if let detail = json["detail"], detail != .null {
            guard let text = detail.stringValue else {
                throw ViewImageError(ToolArgumentError("invalid type for `detail`: expected a string").modelOutput)
            }
            guard text == "high" || text == "original" else {
                throw ViewImageError(
                    "view_image.detail only supports `high` or `original`; omit `detail` for default high resized behavior, got `\(text)`"
                )
            }
        }
        return path
    }

    /// The file at `path` as a `data:` URL.
    static func load(_ path: String) -> Result<String, ViewImageError> {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let reason = PatchFileSystem.OSError(code: errno).reason
            return .failure(ViewImageError("unable to locate image at `\(path)`: \(reason)"))
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            return .failure(ViewImageError("image path `\(path)` is not a file"))
        }
        let bytes: [UInt8]
        do {
            bytes = try PatchFileSystem.readFile(path)
        } catch {
            return .failure(ViewImageError("unable to read image at `\(path)`: \(error.reason)"))
        }
        guard let mimeType = LocalImage.sniffedMimeType(bytes) else {
            return .failure(ViewImageError("unable to process image: invalid or unsupported image data"))
        }
        return .success("data:\(mimeType);base64,\(Data(bytes).base64EncodedString())")
    }
}

/// Why `view_image` could not show an image: the text the model gets.
struct ViewImageError: Error, Sendable, Hashable, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
