/// Backoff between retries: `baseDelay × factor^(attempt−1) × jitter`, jitter drawn from
/// `[1 − jitterFraction, 1 + jitterFraction)`. The reference uses 200 ms, ×2, ±10 %.
public struct RetryPolicy: Sendable {
    public var baseDelay: Duration
    public var factor: Double
    public var jitterFraction: Double
    /// Returns a number in `[0, 1)`; injected so tests can pin the jitter.
    public var random: @Sendable () -> Double

    /// 200 ms, factor 2, ±10 % jitter from the system generator.
    public static let standard = RetryPolicy(baseDelay: .milliseconds(200))

    public init(
        baseDelay: Duration,
        factor: Double = 2,
        jitterFraction: Double = 0.1,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.baseDelay = baseDelay
        self.factor = factor
        self.jitterFraction = jitterFraction
        self.random = random
    }

    /// The delay before retry number `attempt` (1-based).
    public func backoff(attempt: Int) -> Duration {
        var growth = 1.0
        for _ in 0..<min(max(attempt, 1) - 1, 64) { growth *= factor }
        let jitter = 1 - jitterFraction + 2 * jitterFraction * min(max(random(), 0), 1)
        let microseconds = (baseDelay / .microseconds(1)) * Double.minimum(growth * jitter, 1e6)
        return .microseconds(Int64(Double.minimum(microseconds, 1e15).rounded()))
    }

    /// The delay to use: the server's hint when it gave one, else the backoff.
    public func delay(attempt: Int, serverHint: Duration?) -> Duration {
        serverHint ?? backoff(attempt: attempt)
    }
}

/// Parsers for the server's "retry later" hints.
public enum RetryHint {
    /// The delay from response headers: `retry-after-ms` (milliseconds), then `Retry-After`
    /// (whole or fractional seconds; HTTP-date values are not honoured). Names are case-insensitive.
    public static func delay(fromHeaders headers: [(name: String, value: String)]) -> Duration? {
        func value(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name }?.value.trimmingWhitespace
        }
        if let text = value("retry-after-ms"), let ms = Double(text), ms.isFinite, ms >= 0 {
            return .milliseconds(Int64(ms))
        }
        if let text = value("retry-after"), let seconds = Double(text), seconds.isFinite, seconds >= 0 {
            return .milliseconds(Int64(seconds * 1000))
        }
        return nil
    }

    /// The delay in a rate-limit message such as "Please try again in 11.054s", "in 28ms" or
    /// "in 35 seconds" (case-insensitive).
    public static func delay(fromMessage message: String) -> Duration? {
        let lower = Array(message.lowercased().unicodeScalars)
        let needle = Array("try again in".unicodeScalars)
        guard lower.count >= needle.count else { return nil }
        var start = 0
        while start + needle.count <= lower.count {
            if Array(lower[start..<(start + needle.count)]) == needle {
                if let duration = parseAmount(lower[(start + needle.count)...]) { return duration }
            }
            start += 1
        }
        return nil
    }

    private static func parseAmount(_ scalars: ArraySlice<Unicode.Scalar>) -> Duration? {
        var index = scalars.startIndex
        while index < scalars.endIndex, scalars[index] == " " { index += 1 }
        var number = ""
        while index < scalars.endIndex, ("0"..."9").contains(scalars[index]) || scalars[index] == "." {
            number.unicodeScalars.append(scalars[index])
            index += 1
        }
        guard let value = Double(number), value.isFinite else { return nil }
        while index < scalars.endIndex, scalars[index] == " " { index += 1 }
        var unit = ""
        while index < scalars.endIndex, ("a"..."z").contains(scalars[index]) {
            unit.unicodeScalars.append(scalars[index])
            index += 1
        }
        switch unit {
        case "ms": return .milliseconds(Int64(value))
        case "s", "sec", "secs", "second", "seconds": return .milliseconds(Int64(value * 1000))
        default: return nil
        }
    }
}

extension String {
    var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
