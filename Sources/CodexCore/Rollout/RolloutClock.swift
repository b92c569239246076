public import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The time formats rollouts use: UTC line timestamps and local-time file names and folders.
public enum RolloutClock {
    /// `2026-11-22T01:51:09.525Z`: UTC with milliseconds, as every line's `timestamp` is written.
    public static func lineTimestamp(_ date: Date) -> String {
        let (seconds, milliseconds) = split(date)
        var parts = tm()
        var time = time_t(seconds)
        gmtime_r(&time, &parts)
        return format(parts, dateTimeSeparator: "T", timeSeparator: ":") + "." + pad(milliseconds, 3) + "Z"
    }

    /// `2026-11-22T01-51-09`: local time, the stamp inside a rollout file name.
    public static func fileStamp(_ date: Date) -> String {
        format(localParts(date), dateTimeSeparator: "T", timeSeparator: "-")
    }

    /// `["2026", "11", "22"]`: the local-date folders under `sessions/`.
    public static func dayFolders(_ date: Date) -> [String] {
        let parts = localParts(date)
        return [pad(Int(parts.tm_year) + 1900, 4), pad(Int(parts.tm_mon) + 1, 2), pad(Int(parts.tm_mday), 2)]
    }

    /// Parses a line timestamp (`YYYY-MM-DDTHH:MM:SS[.fff]Z`, UTC) back into a date.
    public static func parseLineTimestamp(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z"),
            let fields = dateTimeFields(bytes, timeSeparator: UInt8(ascii: ":"))
        else { return nil }
        var fraction = 0.0
        if bytes.count > 20 {
            guard bytes[19] == UInt8(ascii: ".") else { return nil }
            var scale = 0.1
            for byte in bytes[20..<(bytes.count - 1)] {
                guard let digit = digitValue(byte) else { return nil }
                fraction += Double(digit) * scale
                scale /= 10
            }
        } else if bytes.count != 20 {
            return nil
        }
        var parts = fields
        let seconds = timegm(&parts)
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// Parses a file-name stamp (`YYYY-MM-DDTHH-MM-SS`, local time) back into a date.
    public static func parseFileStamp(_ text: some StringProtocol) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 19, var parts = dateTimeFields(bytes, timeSeparator: UInt8(ascii: "-")) else { return nil }
        parts.tm_isdst = -1
        return Date(timeIntervalSince1970: Double(mktime(&parts)))
    }

    /// True for text shaped like a file-name stamp (`YYYY-MM-DDTHH-MM-SS`, in range); cheaper than parsing.
    static func isFileStamp(_ text: String) -> Bool {
        text.utf8.count == 19 && dateTimeFields(Array(text.utf8), timeSeparator: UInt8(ascii: "-")) != nil
    }

    private static func split(_ date: Date) -> (Int64, Int) {
        let total = (date.timeIntervalSince1970 * 1000).rounded()
        let milliseconds = Int64(max(min(total, 9e15), -9e15))
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        return (seconds, Int(milliseconds - seconds * 1000))
    }

    private static func localParts(_ date: Date) -> tm {
        var parts = tm()
        var time = time_t(split(date).0)
        localtime_r(&time, &parts)
        return parts
    }

    private static func format(_ parts: tm, dateTimeSeparator: String, timeSeparator: String) -> String {
        pad(Int(parts.tm_year) + 1900, 4) + "-" + pad(Int(parts.tm_mon) + 1, 2) + "-" + pad(Int(parts.tm_mday), 2)
            + dateTimeSeparator + pad(Int(parts.tm_hour), 2) + timeSeparator + pad(Int(parts.tm_min), 2)
            + timeSeparator + pad(Int(parts.tm_sec), 2)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Reads `YYYY-MM-DD?HH?MM?SS` (the first 19 bytes) into calendar fields, checking separators and ranges.
    private static func dateTimeFields(_ bytes: [UInt8], timeSeparator: UInt8) -> tm? {
        guard bytes.count >= 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T"), bytes[13] == timeSeparator, bytes[16] == timeSeparator,
            let year = number(bytes, 0, 4), let month = number(bytes, 5, 2), let day = number(bytes, 8, 2),
            let hour = number(bytes, 11, 2), let minute = number(bytes, 14, 2), let second = number(bytes, 17, 2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        return parts
    }

    private static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for byte in bytes[start..<(start + count)] {
            guard let digit = digitValue(byte) else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }
}
