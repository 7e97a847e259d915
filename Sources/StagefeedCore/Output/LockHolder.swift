import Foundation

/// Who holds a `flock` on a file: the process the kernel names in `/proc/locks`, described
/// as `pid 4121, stagefeed watch` from its command line. Nil where the system does not tell.
enum LockHolder {
    /// The process holding a lock on the file open as `descriptor`. The kernel hands
    /// `/proc/locks` out a page at a time and goes on by position, so while other locks
    /// come and go a read can skip a line; the table is read again before giving up.
    static func of(descriptor: Int32) -> String? {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        let device = "\(hex(major(UInt(info.st_dev)))):\(hex(minor(UInt(info.st_dev)))):\(UInt(info.st_ino))"
        for _ in 0..<32 {
            guard let data = readWhole("/proc/locks") else { return nil }
            if let pid = holder(of: device, in: String(decoding: data, as: UTF8.self)) { return describe(pid: pid) }
        }
        return nil
    }

    /// The pid holding a `flock` on `device` (`fd:01:1234567`) in the text of `/proc/locks`.
    private static func holder(of device: String, in table: String) -> Int32? {
        for line in table.split(separator: "\n") {
            // `1: FLOCK  ADVISORY  WRITE 4121 fd:01:1234567 0 EOF`; waiting requests start with `->`.
            let fields = line.split(separator: " ")
            guard fields.count >= 6, !line.contains("->"), fields[1] == "FLOCK", fields[5] == device,
                let pid = Int32(fields[4])
            else { continue }
            return pid
        }
        return nil
    }

    /// `pid 4121, stagefeed watch`: the pid with the program's name and its first argument
    /// (the command) when that is not an option.
    static func describe(pid: Int32) -> String {
        guard let data = readWhole("/proc/\(pid)/cmdline") else { return "pid \(pid)" }
        let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        guard let program = arguments.first.map({ URL(fileURLWithPath: $0).lastPathComponent }) else {
            return "pid \(pid)"
        }
        let command = arguments.dropFirst().first.flatMap { $0.hasPrefix("-") ? nil : " " + $0 } ?? ""
        return "pid \(pid), \(program)\(command)"
    }

    /// A file of `/proc` read to its end: such files report no size, and Foundation's
    /// whole-file readers stop after the first page of them.
    private static func readWhole(_ path: String) -> Data? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return try? handle.readToEnd()
    }

    /// At least two lowercase hex digits, as the kernel prints device numbers.
    private static func hex(_ value: UInt) -> String {
        let digits = String(value, radix: 16)
        return digits.count < 2 ? "0" + digits : digits
    }

    /// The major number of a device (glibc's `gnu_dev_major`).
    private static func major(_ device: UInt) -> UInt {
        ((device >> 8) & 0xfff) | ((device >> 32) & ~UInt(0xfff))
    }

    /// The minor number of a device (glibc's `gnu_dev_minor`).
    private static func minor(_ device: UInt) -> UInt {
        (device & 0xff) | ((device >> 12) & ~UInt(0xff))
    }
}
