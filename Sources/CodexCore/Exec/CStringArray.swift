import Glibc

/// Calls `body` with `strings` as a NULL-terminated array of C strings (an argv or envp for the C spawn
/// functions); the copies are freed when it returns.
func withCStringArray<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for pointer in pointers { free(pointer) } }
    return body(pointers)
}
