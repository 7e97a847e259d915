import Foundation
import ZIPFoundation

/// The site's search at one size: the index's size as written and as a web server sends
/// it gzipped (zlib's default level, as `gzip -6`: deflate plus gzip's 18 bytes of header
/// and trailer), and, when `python3` and `chromium` are there, the time each keystroke
/// takes in Chromium with its CPU slowed four times (`Tests/tools/search_timing.py`).
enum SearchFigures {
    struct Keystrokes: Decodable {
        var keystrokes: Int
        var median_ms: Double
        var max_ms: Double
        var load_ms: Double
    }

    /// The gzip size of `data`.
    static func gzipSize(of data: Data) throws -> Int {
        var size = 18
        _ = try Data.compress(
            size: Int64(data.count), bufferSize: 64 << 10,
            provider: { position, count in data.subdata(in: Int(position)..<Int(position) + count) },
            consumer: { size += $0.count })
        return size
    }

    /// Keystroke times from the timing script beside the package, or nil when it cannot run.
    static func keystrokes(output: URL, throttle: Int = 4) -> Keystrokes? {
        let script = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent("Tests/tools/search_timing.py")
        guard FileManager.default.fileExists(atPath: script.path) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, output.path, "--throttle", String(throttle)]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return try? JSONDecoder().decode(Keystrokes.self, from: data)
    }
}
