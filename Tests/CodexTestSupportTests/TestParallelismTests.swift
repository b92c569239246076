import Foundation
import Testing

/// The test bundle caps how many cases run at once (Sources/CTestParallelism): its constructor ran.
struct TestParallelismTests {
    @Test func theBundleSetsItsParallelismCapBeforeSwiftTestingStarts() throws {
        let value = try #require(ProcessInfo.processInfo.environment["SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH"])
        let width = try #require(Int(value))
        #expect(width >= 8)
    }
}
